"""Sentences from events: an event kind's template filled with names, pronouns and values.

Reads only the run's tables (events, wolves, packs), never the engine, so anything told here is
in the log. Which of a kind's phrasings an event gets is a keyed draw on (the replicate's seed,
the event id), so a run always reads the same and neighbouring events rarely read alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..core import rng
from ..events import EventKind, registry

__all__ = [
    "FIELD",
    "PRONOUNS",
    "Namer",
    "age_words",
    "article",
    "capitalised",
    "count_words",
    "fill",
    "phrasing_index",
    "render",
    "template_fields",
]

PRONOUNS: dict[str, dict[str, str]] = {
    "M": {"they": "he", "them": "him", "their": "his", "theirs": "his", "self": "himself"},
    "F": {"they": "she", "them": "her", "their": "her", "theirs": "hers", "self": "herself"},
    "": {"they": "they", "them": "them", "their": "their", "theirs": "theirs", "self": "themself"},
}
FIELD = re.compile(r"\{([a-z_]+)(?:\.([A-Za-z]+))?(?::([a-z]+))?\}")
"""A template field: ``{role}``, ``{role.they}`` (``They`` capitalised), ``{detail:an}``,
``{value:age}`` (an age in words)."""

_WORDS = ("no", "once", "twice", "three times", "four times", "five times", "six times")


def count_words(n: int) -> str:
    """'once', 'twice', 'three times', ..., '12 times'."""
    return _WORDS[n] if n < len(_WORDS) else f"{n} times"


def age_words(years: float) -> str:
    """An age as one reads it: '24 years', 'one year', '8 months', 'a few weeks'."""
    if years >= 2:
        return f"{int(years)} years"
    if years >= 1:
        return "one year"
    months = int(years * 12)
    if months >= 2:
        return f"{months} months"
    return "a month" if months == 1 else "a few weeks"


def article(word: str) -> str:
    """The word with 'a' or 'an' before it."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def capitalised(text: str) -> str:
    """The text with its first letter upper-case (names and the rest untouched)."""
    return text[:1].upper() + text[1:]


def template_fields(template: str) -> list[tuple[str, str | None, str | None]]:
    """The (name, attribute, format) of every field of a template."""
    return [(m.group(1), m.group(2), m.group(3)) for m in FIELD.finditer(template)]


class Namer:
    """Names and sexes of a run's wolves and packs, for filling templates."""

    def __init__(self, wolves: pd.DataFrame, packs: pd.DataFrame) -> None:
        self._wolves = {
            (int(r.replicate), int(r.wolf_id)): (str(r.name), str(r.sex))
            for r in wolves[["replicate", "wolf_id", "name", "sex"]].itertuples()
        }
        self._packs = {
            (int(r.replicate), int(r.pack_id)): str(r.name)
            for r in packs[["replicate", "pack_id", "name"]].itertuples()
        }

    def wolf(self, replicate: int, wolf_id: Any) -> tuple[str, str]:
        """Name and sex of a wolf (``someone`` if unknown)."""
        if wolf_id is None or pd.isna(wolf_id):
            return ("someone", "")
        return self._wolves.get((replicate, int(wolf_id)), (f"wolf #{int(wolf_id)}", ""))

    def pack(self, replicate: int, pack_id: Any) -> str:
        """Name of a pack."""
        if pack_id is None or pd.isna(pack_id):
            return "nameless"
        return self._packs.get((replicate, int(pack_id)), f"#{int(pack_id)}")


def phrasing_index(seed: int, event_ids: Any, kinds: Any) -> np.ndarray:
    """Which phrasing each event gets: a keyed draw, the same on every reading of the run."""
    reg = registry()
    counts = np.array([len(reg[str(k)].phrasings) for k in kinds], dtype=np.int64)
    u = rng.reference_uniform(seed, 0, np.asarray(event_ids, dtype=np.int64), "phrasing")
    return np.minimum((u * counts).astype(np.int64), counts - 1)


def fill(
    template: str,
    event: Any,
    namer: Namer,
    extra: Mapping[str, str] | None = None,
) -> str:
    """A template filled from one event row (kind, actor, target, other, pack, value, detail)."""
    kind: EventKind = registry()[str(event.kind)]
    rep = int(event.replicate)
    holders = {
        role: getattr(event, col)
        for role, col in zip(kind.roles, ("actor", "target", "other"), strict=False)
    }
    extra = extra or {}

    def one(m: re.Match[str]) -> str:
        name, attr, fmt = m.group(1), m.group(2), m.group(3)
        if name in holders:
            who, sex = namer.wolf(rep, holders[name])
            if attr is None:
                return who
            word = PRONOUNS.get(sex, PRONOUNS[""])[attr.lower()]
            return capitalised(word) if attr[:1].isupper() else word
        if name in ("pack", "rival"):
            return namer.pack(rep, getattr(event, name))
        if name == "detail":
            text = "" if pd.isna(event.detail) else str(event.detail)
            return article(text) if fmt == "an" else text
        if name == "value" and fmt == "age":
            return age_words(float(event.value))
        if name == "value":
            v = float(event.value)
            return f"{v:.0f}" if abs(v) >= 10 else f"{round(v, 1):g}"
        if name in extra:
            return extra[name]
        return m.group(0)

    return FIELD.sub(one, template)


def render(event: Any, namer: Namer, phrasing: int = 0) -> str:
    """One event row as a sentence, in one of its kind's phrasings (the template by default)."""
    kind = registry()[str(event.kind)]
    template = kind.phrasings[min(phrasing, len(kind.phrasings) - 1)]
    return capitalised(fill(template, event, namer))
