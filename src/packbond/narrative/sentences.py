"""Sentences from events: an event kind's template filled with names, pronouns and values.

Reads only the run's tables (events, wolves, packs), never the engine, so anything told here is
in the log.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..events import registry

__all__ = ["Namer", "render"]

_PRONOUNS = {
    "M": {"they": "he", "them": "him", "their": "his"},
    "F": {"they": "she", "them": "her", "their": "her"},
}
_FIELD = re.compile(r"\{([a-z_]+)(?:\.([a-z]+))?(?::([a-z]+))?\}")


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
            return "no pack"
        return self._packs.get((replicate, int(pack_id)), f"pack #{int(pack_id)}")


def _article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def render(event: Any, namer: Namer) -> str:
    """One event row (with kind, actor, target, other, pack, value, detail) as a sentence."""
    kind = registry()[str(event.kind)]
    rep = int(event.replicate)
    holders = {
        role: getattr(event, col)
        for role, col in zip(kind.roles, ("actor", "target", "other"), strict=False)
    }

    def fill(m: re.Match[str]) -> str:
        name, attr, fmt = m.group(1), m.group(2), m.group(3)
        if name in holders:
            who, sex = namer.wolf(rep, holders[name])
            if attr is None:
                return who
            return _PRONOUNS.get(sex, {"they": "they", "them": "them", "their": "their"})[attr]
        if name in ("pack", "rival"):
            return namer.pack(rep, getattr(event, name))
        if name == "detail":
            text = str(event.detail)
            text = _article(text) if fmt == "an" else text
            return text
        if name == "value":
            v = float(event.value)
            return f"{v:g}"
        return m.group(0)

    sentence = _FIELD.sub(fill, kind.template)
    return sentence[:1].upper() + sentence[1:]
