"""The event-kind registry: roles, value meanings and sentence templates, loaded from data.

Why data: chronicles, sifting and the report all read the same declarations, and a new kind is
one table in ``kinds.toml`` rather than code in several places.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ROLE_COLUMNS", "TIERS", "EventKind", "Registry", "registry"]

ROLE_COLUMNS: tuple[str, ...] = ("actor", "target", "other")
"""Event-log columns that hold role holders, in the order roles are declared."""


@dataclass(frozen=True)
class EventKind:
    """One kind of event."""

    name: str
    code: int
    roles: tuple[str, ...]
    """Role names, held in ``actor``, ``target`` and ``other`` in this order."""
    template: str
    detail: str | None = None
    """Name of the enum that labels the ``detail`` code, if the kind uses it."""
    value: str | None = None
    """What the ``value`` column means, if the kind uses it."""
    variants: tuple[str, ...] = ()
    """Other phrasings of ``template``; a chronicle picks one per event by a keyed draw."""
    because: str | None = None
    """This event told as the cause of another ("the hunt had gone badly"), if worth telling."""
    tell_cause: bool = True
    """Whether a chronicle tells this event's cause (not for obvious ones: a wound that heals)."""
    tier: str = "notable"
    """``routine`` (tallied in a world chronicle), ``notable`` or ``major`` (a turning point)."""
    stakes: float = 0.0
    """What is at stake in this kind of event (deaths, rank, bonds), for ranking stories."""
    folded: str | None = None
    """How several of these with the same cast read as one sentence (``{times}``, ``{tally}``)."""

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The template and its variants."""
        return (self.template, *self.variants)

    def role_column(self, role: str) -> str:
        """The event-log column that holds a role."""
        return ROLE_COLUMNS[self.roles.index(role)]


@dataclass(frozen=True)
class Registry:
    """All event kinds and the enums their details use."""

    kinds: dict[str, EventKind]
    enums: dict[str, tuple[str, ...]]

    def __getitem__(self, name: str) -> EventKind:
        try:
            return self.kinds[name]
        except KeyError:
            raise KeyError(f"unknown event kind {name!r}") from None

    @property
    def names(self) -> tuple[str, ...]:
        """Kind names in code order."""
        return tuple(self.kinds)

    def detail_labels(self, kind: EventKind) -> tuple[str, ...]:
        """Labels of a kind's detail codes (empty if it has none)."""
        return self.enums[kind.detail] if kind.detail else ()

    def code(self, enum: str, label: str) -> int:
        """The code of a label in one of the enums."""
        return self.enums[enum].index(label)


TIERS: tuple[str, ...] = ("routine", "notable", "major")
"""How much an event kind matters to a story, lowest first."""


def _tier(kind: str, tier: str) -> str:
    if tier not in TIERS:
        raise ValueError(f"event kind {kind!r} has tier {tier!r}; expected one of {TIERS}")
    return tier


@cache
def registry() -> Registry:
    """The registry shipped with packbond."""
    text = resources.files(__package__).joinpath("kinds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    enums = {k: tuple(v) for k, v in data["enums"].items()}
    kinds = {}
    for code, (name, spec) in enumerate(data["kinds"].items()):
        if len(spec["roles"]) > len(ROLE_COLUMNS):
            raise ValueError(f"event kind {name!r} declares more than {len(ROLE_COLUMNS)} roles")
        if spec.get("detail") and spec["detail"] not in enums:
            raise ValueError(f"event kind {name!r} uses unknown enum {spec['detail']!r}")
        kinds[name] = EventKind(
            name=name,
            code=code,
            roles=tuple(spec["roles"]),
            template=spec["template"],
            detail=spec.get("detail"),
            value=spec.get("value"),
            variants=tuple(spec.get("variants", ())),
            because=spec.get("because"),
            tell_cause=bool(spec.get("tell_cause", True)),
            tier=_tier(name, spec.get("tier", "notable")),
            stakes=float(spec.get("stakes", 0.0)),
            folded=spec.get("folded"),
        )
    return Registry(kinds=kinds, enums=enums)
