"""The seed story's canon beats as one run of it told them (the report's stories page).

Only runs of the seed scenarios are measured against the canon (``seed`` from the prologue,
``seed-winter`` from the late winter); the beats are found by ``canon.tellings`` in the run's own
log, bound to roles, never to names.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis.canon import ARCS, tellings
from ..api import Run
from ..narrative.lives import when
from ..narrative.source import RunText
from ..scenario import LoadedScenario

__all__ = ["CANON_SCENARIOS", "Beat", "CanonView", "canon_view"]

CANON_SCENARIOS = ("seed", "seed-winter")
"""Scenarios whose runs are told against the seed story's beats."""


@dataclass(frozen=True)
class Beat:
    """One beat of the story: whether this telling reached it, and when."""

    name: str
    happened: bool
    day: int | None
    when: str
    core: bool


@dataclass(frozen=True)
class CanonView:
    """The beats of one telling, its protagonists and how it ends."""

    arc: str
    beats: list[Beat]
    omega: int | None
    mate: int | None
    ending: str


def canon_view(run: Run, scenario: LoadedScenario, replicate: int) -> CanonView | None:
    """The beats of the replicate's telling, or None for a scenario outside the seed story."""
    if scenario.scenario.name not in CANON_SCENARIOS:
        return None
    row = tellings(run, scenario).loc[replicate]
    arc = ARCS[scenario.scenario.canon_arc]
    text = RunText(run, replicate)
    beats = []
    for name in arc.beats:
        happened = bool(row[name])
        day = None if pd.isna(row[f"{name}_day"]) else int(row[f"{name}_day"])
        beats.append(
            Beat(
                name.replace("_", " "),
                happened,
                day,
                when(text, day) if day is not None else "",
                name in arc.core,
            )
        )

    def wolf(value: object) -> int | None:
        return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]

    return CanonView(
        arc.name.replace("_", " "), beats, wolf(row["omega"]), wolf(row["mate"]), str(row["ending"])
    )
