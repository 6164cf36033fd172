"""The canon check: how often runs of the seed scenario retell the seed story's arc, by emergence.

The story's beats (section 5 of the seed-scenario notes) are story patterns (``canon_*`` in
``narrative/sifting/canon``), bound to roles, never to names: the protagonist is "the omega
promised to the pack alpha who falls in the invasion", his mate "the victor alpha he mates".
A run of the scenario is an ensemble; each replicate is one telling, and the check reports how
often each beat happens, how often the core and the full arc happen (same omega and mate
throughout, in the story's order), and how each telling ends.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .api import Run, simulate
from .errors import PackbondError
from .narrative.sifting.patterns import canon_patterns
from .narrative.sifting.sift import find_matches
from .scenario import load_scenario

__all__ = ["BEATS", "CORE", "ENDINGS", "FULL", "CanonReport", "Rate", "canon_check", "wilson"]

BEATS: dict[str, str] = {
    "conquest": "canon_conquest",
    "pledge": "canon_pledge",
    "mating": "canon_mating",
    "outcast": "canon_outcast",
    "promise": "canon_promise",
    "winter_hunt": "canon_winter_hunt",
    "leaving": "canon_leaving",
    "new_life": "canon_new_life",
}
"""Beat name to its pattern, in the story's order."""

CORE: tuple[str, ...] = ("conquest", "pledge", "mating", "outcast", "promise", "leaving")
FULL: tuple[str, ...] = (*CORE, "winter_hunt", "new_life")
_ORDER: tuple[str, ...] = ("conquest", "pledge", "mating", "winter_hunt", "leaving", "new_life")
"""Beats whose days must not go backwards for a telling to be in the story's order."""

ENDINGS: tuple[str, ...] = (
    "they leave together",
    "someone dies",
    "he leaves alone",
    "the alpha re-mates",
    "he integrates and stays",
    "together, still an outcast",
    "never mates a victor",
    "never pledged",
    "no conquest",
)
"""How a telling ends, in the order they are tested (the first that holds)."""


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default)."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Rate:
    """A share of tellings, with its 95% interval."""

    count: int
    runs: int

    @property
    def rate(self) -> float:
        """The share."""
        return self.count / self.runs if self.runs else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% Wilson interval."""
        return wilson(self.count, self.runs)

    def as_dict(self) -> dict[str, Any]:
        """For ``--json``."""
        low, high = self.interval
        return {"rate": round(self.rate, 4), "low": round(low, 4), "high": round(high, 4)}


@dataclass(frozen=True)
class CanonReport:
    """The canon check of an ensemble."""

    runs: int
    years: float
    seed: int
    scenario: str
    beats: dict[str, Rate]
    in_order: Rate
    core: Rate
    full: Rate
    endings: dict[str, Rate]
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Everything as one JSON-ready object."""
        return {
            "runs": self.runs,
            "years": self.years,
            "seed": self.seed,
            "scenario": self.scenario,
            "beats": {name: rate.rate for name, rate in self.beats.items()},
            "beat_intervals": {name: rate.as_dict() for name, rate in self.beats.items()},
            "in_order_rate": self.in_order.rate,
            "core_arc_rate": self.core.rate,
            "core_arc_interval": list(self.core.interval),
            "full_arc_rate": self.full.rate,
            "full_arc_interval": list(self.full.interval),
            "endings": {name: rate.rate for name, rate in self.endings.items()},
            "ending_intervals": {name: rate.as_dict() for name, rate in self.endings.items()},
            "seconds": round(self.seconds, 2),
        }


def _beats(run: Run) -> dict[str, pd.DataFrame]:
    """Each beat's first match per replicate (omega, mate and the day it ended)."""
    library = canon_patterns()
    out = {}
    for beat, pattern in BEATS.items():
        frame = find_matches(run, library, pattern)
        cols = {"r:omega": "omega", "r:mate": "mate"}
        frame = frame.rename(columns=cols)
        keep = ["replicate", "omega", "last_day"] + (["mate"] if "mate" in frame else [])
        frame = frame.sort_values(["replicate", "first_id"]).drop_duplicates("replicate")
        out[beat] = frame[keep].set_index("replicate")
    return out


def _tellings(run: Run, replicates: int) -> pd.DataFrame:
    """One row per replicate: for each beat whether it happened (for the same omega and mate as
    the mating) and when, and how the telling ends."""
    beats = _beats(run)
    rows = pd.DataFrame(index=pd.RangeIndex(replicates, name="replicate"))
    omega = beats["conquest"]["omega"].reindex(rows.index)
    mate = beats["mating"]["mate"].reindex(rows.index)
    for beat, frame in beats.items():
        frame = frame.reindex(rows.index)
        same = frame["omega"] == omega
        if "mate" in frame and beat != "mating":
            same &= frame["mate"] == mate
        rows[beat] = same.fillna(False).astype(bool)
        rows[f"{beat}_day"] = frame["last_day"].where(rows[beat])
    rows["omega"], rows["mate"] = omega, mate
    rows["ending"] = _endings(run, rows)
    return rows


def _endings(run: Run, rows: pd.DataFrame) -> pd.Series:
    wolves = run.query("SELECT replicate, wolf_id, alive, pack, death_day FROM wolves").set_index(
        ["replicate", "wolf_id"]
    )
    events = run.query(
        "SELECT replicate, kind, actor, target, pack FROM events WHERE kind IN "
        "('died', 'integrated', 'mated', 'pledged')"
    )
    # One pass to split the log by replicate, rather than a scan of it per telling.
    by_replicate = dict(tuple(events.groupby("replicate", sort=False)))
    empty = events.iloc[:0]
    out = [_ending(rep, row, wolves, by_replicate.get(rep, empty)) for rep, row in rows.iterrows()]
    return pd.Series(out, index=rows.index)


def _ending(rep: Any, row: pd.Series, wolves: pd.DataFrame, events: pd.DataFrame) -> str:
    """How one telling ends, from its beats, the omega's place at the end and its own events."""
    if not row["conquest"]:
        return "no conquest"
    omega = int(row["omega"])
    if not row["pledge"]:
        return "never pledged"
    if row["leaving"]:
        return "they leave together"
    mate = None if pd.isna(row["mate"]) else int(row["mate"])
    died = set(events.loc[events["kind"] == "died", "actor"].dropna().astype(int))
    if omega in died or (mate is not None and row["mating"] and mate in died):
        return "someone dies"
    victors = events[(events["kind"] == "pledged") & (events["actor"] == omega)]["pack"]
    home = wolves.loc[(rep, omega), "pack"]
    if len(victors) and (pd.isna(home) or int(home) != int(victors.iloc[0])):
        return "he leaves alone"
    if not row["mating"]:
        return "never mates a victor"
    mated = events[events["kind"] == "mated"]
    if mate is not None:
        theirs = mated[(mated["actor"] == mate) | (mated["target"] == mate)]
        partners = set(theirs["actor"].astype(int)) | set(theirs["target"].astype(int))
        if partners - {mate, omega}:
            return "the alpha re-mates"
    integrated = events[(events["kind"] == "integrated") & (events["actor"] == omega)]
    if len(integrated):
        return "he integrates and stays"
    return "together, still an outcast"


def canon_check(
    *,
    runs: int = 1000,
    years: float = 2.0,
    seed: int = 1,
    scenario: str | Path = "seed",
) -> CanonReport:
    """Run the scenario as an ensemble of ``runs`` replicates and check the arc in each."""
    if runs < 1:
        raise PackbondError(f"--runs must be a whole number of at least 1 (got {runs})")
    started = time.perf_counter()
    loaded = load_scenario(scenario)
    with simulate(loaded, seed=seed, years=years, replicates=runs) as run:
        rows = _tellings(run, runs)
    n = len(rows)
    beats = {beat: Rate(int(rows[beat].sum()), n) for beat in BEATS}
    core = rows[list(CORE)].all(axis=1)
    full = rows[list(FULL)].all(axis=1)
    days = rows[[f"{b}_day" for b in _ORDER]]
    ordered = days.apply(lambda r: r.dropna().is_monotonic_increasing, axis=1)
    endings = {name: Rate(int((rows["ending"] == name).sum()), n) for name in ENDINGS}
    core_in_order = Rate(int((core & ordered).sum()), n)
    return CanonReport(
        runs=n,
        years=years,
        seed=seed,
        scenario=loaded.scenario.name,
        beats=beats,
        in_order=core_in_order,
        core=core_in_order,
        full=Rate(int((full & ordered).sum()), n),
        endings=endings,
        seconds=time.perf_counter() - started,
    )
