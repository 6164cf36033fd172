"""A chronicle as Markdown or as a standalone HTML page (Jinja2 templates shipped as data).

Both formats escape every name (a scenario may name a wolf ``<script>`` or ``*Kai*``): HTML as
HTML does, Markdown by writing ``<`` and ``>`` as entities and putting a backslash before each
character Markdown would read as syntax, so no name becomes a tag, a link or emphasis. Sources,
when asked for, follow each sentence as the ids of the events it tells.
"""

from __future__ import annotations

import re
from functools import cache

import jinja2
from markupsafe import Markup, escape

from .chronicle import Chronicle
from .telling import Line

__all__ = ["FORMATS", "markdown_text", "to_html", "to_markdown"]

FORMATS: tuple[str, ...] = ("md", "html")


_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]{}#|!~])")


def markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it as it is: no HTML, no emphasis, no links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


def _sources(line: Line) -> str:
    return "events " + ", ".join(f"#{i}" for i in line.sources) if line.sources else "snapshot"


@cache
def _environment(sources: bool, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("packbond.narrative", "templates"),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )

    def told(line: Line) -> str:
        text = markdown_text(line.text)
        return f"{text} [{_sources(line)}]" if sources else text

    def told_html(line: Line) -> Markup:
        text = escape(line.text)
        if sources:
            text += Markup('<sup class="src">{}</sup>').format(_sources(line))
        return Markup(text)

    env.filters["md"] = markdown_text
    env.filters["told"] = told
    env.filters["told_html"] = told_html
    return env


def to_markdown(chronicle: Chronicle, *, sources: bool = False) -> str:
    """The chronicle as Markdown."""
    template = _environment(sources, False).get_template("chronicle.md.j2")
    return template.render(chronicle=chronicle)


def to_html(chronicle: Chronicle, *, sources: bool = False) -> str:
    """The chronicle as one self-contained HTML page."""
    template = _environment(sources, True).get_template("chronicle.html.j2")
    return template.render(chronicle=chronicle)
