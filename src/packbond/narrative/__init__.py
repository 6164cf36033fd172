"""Narrative: a run's event log told as chronicles, biographies and sifted stories.

>>> from packbond import simulate
>>> run = simulate("seed", seed=7, years=0.25)
>>> text = RunText(run)
>>> name = text.namer.wolf(0, 0)[0]
>>> to_markdown(chronicle(text, wolf=name)).splitlines()[0] == f"# The life of {name}"
True
"""

from .chronicle import Chronicle, Section, chronicle
from .formats import to_html, to_markdown
from .sentences import Namer, render
from .source import RunText
from .telling import Line, Teller

__all__ = [
    "Chronicle",
    "Line",
    "Namer",
    "RunText",
    "Section",
    "Teller",
    "chronicle",
    "render",
    "to_html",
    "to_markdown",
]
