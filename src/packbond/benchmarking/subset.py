"""The benchmark rule set on the packbond side: its world, its schedule, its run, its statistics.

Why a subset: the comparison with Mesa is only fair if both sides run the same rules, and the
whole of packbond is far too large to write twice. ``subset.toml`` names the systems and the
rule switches of the subset (documented in ``docs/benchmark-rules.md``); this module builds the
world from it, runs packbond on it, and exports the starting state as plain Python values for the
Mesa reference, so that both sides start from the very same wolves.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from ..core.engine import Engine, ScheduledSystem, load_schedule
from ..events import registry
from ..kernels.parallel import PARALLEL_FROM
from ..scenario import build_world, parse_scenario
from ..state import World

__all__ = [
    "STATISTICS",
    "PackState",
    "StartState",
    "WolfState",
    "build",
    "run_packbond",
    "schedule",
    "start_state",
    "subset",
    "warm_up",
]

STATISTICS: tuple[str, ...] = (
    "population",
    "births",
    "deaths",
    "hunts",
    "kills_per_hunt",
    "injuries",
    "healed",
    "offers",
    "matings",
    "withdrew",
    "mean_wellbeing",
    "mean_acceptance",
    "mean_bond",
)
"""The summary statistics both sides report after a run (see docs/benchmark-rules.md)."""


def subset() -> dict[str, Any]:
    """The benchmark rule set as shipped in ``subset.toml``."""
    text = resources.files(__package__).joinpath("subset.toml").read_text("utf-8")
    return tomllib.loads(text)


def schedule() -> list[ScheduledSystem]:
    """The shipped schedule restricted to the subset's systems, in the shipped order."""
    keep = set(subset()["systems"])
    return [s for s in load_schedule() if s.name in keep]


def build(wolves: int, seed: int) -> World:
    """A benchmark world of about ``wolves`` wolves (packs of 8 on average) for one seed."""
    spec = subset()
    loaded = parse_scenario(spec["scenario"].format(packs=max(1, wolves // 8)), "benchmark")
    world = build_world(loaded, [seed])
    if spec.get("newcomers", False):
        w = world.wolves
        rows = np.arange(w.size)
        kin = (w.mother[rows] >= 0) | (w.father[rows] >= 0)
        leading = np.zeros(w.size, dtype=bool)
        mates = w.mate[rows]
        # The leading pair: the first member of each pack and its mate at day 0.
        first = np.unique(w.pack[rows], return_index=True)[1]
        leading[first] = True
        leading[mates[first][mates[first] >= 0]] = True
        new = rows[~kin & ~leading & (w.pack[rows] >= 0)]
        w.acceptance[new] = world.rules.acceptance.stranger_start
        w.joined_day[new] = 0
    return world


def warm_up(seed: int) -> None:
    """Run a short year's start on a world just big enough for the parallel passes, so that a
    timed run after it pays for none of the compiled kernels' loading.

    Why this size: a pass over fewer than ``PARALLEL_FROM`` rows runs on one thread, so a tiny
    warm-up would leave the parallel contact kernel to be loaded on the timed run's first day,
    on the clock.
    """
    run_packbond(build(PARALLEL_FROM + PARALLEL_FROM // 5, seed), 8)


def run_packbond(
    world: World, days: int, systems: list[ScheduledSystem] | None = None
) -> dict[str, float]:
    """Run the subset on ``world`` for ``days`` days; the summary statistics. ``systems`` is the
    subset's schedule unless given (a benchmark passes the same systems, each timed)."""
    start = int(world.wolves.view("alive").sum())
    engine = Engine(world, schedule=schedule() if systems is None else systems, metrics_every=7)
    counts: dict[str, int] = {}
    success = 0
    reg = registry()
    names = {reg[k].code: k for k in ("hunt", "injured", "healed", "born", "mated", "withdrew")}
    names[reg["mating_offer"].code] = "mating_offer"

    def tally() -> None:
        nonlocal success
        ev = engine.log.drain()
        for code, kind in names.items():
            hit = ev["kind"] == code
            counts[kind] = counts.get(kind, 0) + int(hit.sum())
            if kind == "hunt":
                success += int(ev["detail"][hit].sum())

    for _ in range(days):
        engine.step()
        if world.day % 7 == 0:
            tally()
    tally()
    engine.drain_metrics()
    w = world.wolves
    alive = w.view("alive")
    in_pack = alive & (w.view("pack") >= 0)
    mated = alive & (w.view("mate") >= 0)
    hunts = counts["hunt"]
    population = int(alive.sum())
    return {
        "population": population,
        "births": counts["born"],
        "deaths": start + counts["born"] - population,
        "hunts": hunts,
        "kills_per_hunt": success / max(hunts, 1),
        "injuries": counts["injured"],
        "healed": counts["healed"],
        "offers": counts["mating_offer"],
        "matings": counts["mated"],
        "withdrew": counts["withdrew"],
        "mean_wellbeing": float(w.view("wellbeing")[alive].mean()),
        "mean_acceptance": float(w.view("acceptance")[in_pack].mean()),
        "mean_bond": float(w.view("bond")[mated].mean()) if mated.any() else 0.0,
    }


@dataclass
class WolfState:
    """One wolf at the start, as plain Python values (indices are rows of the start state)."""

    row: int
    sex: int
    designation: int
    birth_day: int
    pack: int
    mate: int
    mother: int
    father: int
    eligible: bool
    kindness: float
    ambition: float
    boldness: float
    anxiety: float
    hunting_skill: float
    esteem: float
    security: float
    wellbeing: float
    acceptance: float
    stigma: float
    familiarity: float
    stress: float
    hunger: float
    wound: float
    bleeding: bool
    withdrawn: bool
    dark: bool
    low_weeks: int
    bond: float
    attention: float
    marked_by: int
    due_day: int
    rest_until: int
    betrothed: int
    ceremony_day: int
    high_rank: bool
    ties: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    """Other row -> (affinity, trust, fear)."""


@dataclass
class PackState:
    """One pack at the start."""

    row: int
    region: int
    hospital: bool
    food: float
    outsider_hostility: float
    omega_status_penalty: float


@dataclass
class StartState:
    """The whole starting state of a one-replicate world, for the Mesa reference."""

    wolves: list[WolfState]
    packs: list[PackState]
    winter_severity: list[float]
    terrain_hazard: list[float]
    prey: list[list[float]]
    """By region, then season."""
    territories: list[int]
    days_per_season: int
    start_season: int


_WOLF_COLUMNS = tuple(f for f in WolfState.__dataclass_fields__ if f not in ("row", "ties"))
_PACK_COLUMNS = ("region", "hospital", "food", "outsider_hostility", "omega_status_penalty")


def start_state(world: World) -> StartState:
    """The living wolves and packs of ``world`` (one replicate, before its first day)."""
    w, p = world.wolves, world.packs
    if world.replicates != 1:
        raise ValueError("the benchmark world holds one replicate")
    if not w.view("alive").all():
        raise ValueError("the start state is taken before anyone dies")
    cols = {c: getattr(w, c)[: w.size].tolist() for c in _WOLF_COLUMNS}
    other = w.tie_other[: w.size].tolist()
    aff, trust, fear = (
        getattr(w, f"tie_{c}")[: w.size].tolist() for c in ("affinity", "trust", "fear")
    )
    wolves = []
    for i in range(w.size):
        ties = {o: (aff[i][s], trust[i][s], fear[i][s]) for s, o in enumerate(other[i]) if o >= 0}
        wolves.append(WolfState(row=i, ties=ties, **{c: cols[c][i] for c in _WOLF_COLUMNS}))
    pcols = {c: getattr(p, c)[: p.size].tolist() for c in _PACK_COLUMNS}
    packs = [PackState(row=i, **{c: pcols[c][i] for c in _PACK_COLUMNS}) for i in range(p.size)]
    r = world.regions
    return StartState(
        wolves=wolves,
        packs=packs,
        winter_severity=r.winter_severity.astype(float).tolist(),
        terrain_hazard=r.terrain_hazard.astype(float).tolist(),
        prey=r.prey.astype(float).tolist(),
        territories=r.territories.astype(int).tolist(),
        days_per_season=world.calendar.days_per_season,
        start_season=world.calendar.season(0),
    )
