"""The canon check: how often runs of the seed scenario retell the seed story's arc, by emergence.

The story's beats (section 5 of the seed-scenario notes) are story patterns (``canon_*`` in
``narrative/sifting/canon``), bound to roles, never to names: the protagonist is "the omega
promised to the pack alpha who falls in the invasion", his mate "the victor alpha he mates".
A run of the scenario is an ensemble; each replicate is one telling, and the check reports how
often each beat happens, how often the core and the full arc happen (same omega and mate
throughout, in the story's order), and how each telling ends.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..api import Run, simulate
from ..errors import PackbondError
from ..narrative.sifting.patterns import canon_patterns
from ..narrative.sifting.sift import find_matches
from ..scenario import LoadedScenario, load_scenario, parse_scenario
from ..scenario.schema import PromisedFact

__all__ = [
    "ARCS",
    "BEATS",
    "CORE",
    "ENDINGS",
    "FULL",
    "LATE_WINTER",
    "PROLOGUE",
    "Arc",
    "CanonReport",
    "Rate",
    "canon_check",
    "stored_tellings",
    "tellings",
    "wilson",
]

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
"""Beat name to its pattern, in the story's order (the arc from the prologue)."""

CORE: tuple[str, ...] = ("conquest", "pledge", "mating", "outcast", "promise", "leaving")
FULL: tuple[str, ...] = (*CORE, "winter_hunt", "new_life")

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


@dataclass(frozen=True)
class Arc:
    """A stretch of the seed story: its beats (patterns), which make the core and the full arc,
    which must keep the story's order, and how a telling of it can end."""

    name: str
    beats: dict[str, str]
    core: tuple[str, ...]
    full: tuple[str, ...]
    order: tuple[str, ...]
    endings: tuple[str, ...]


PROLOGUE = Arc(
    name="prologue",
    beats=BEATS,
    core=CORE,
    full=FULL,
    order=("conquest", "pledge", "mating", "winter_hunt", "leaving", "new_life"),
    endings=ENDINGS,
)
"""From the night of the ceremony: the protagonist is the omega at the ceremony with the pack
alpha the invaders kill, his mate the victor alpha he mates willingly."""

LATE_WINTER = Arc(
    name="late_winter",
    beats={
        "winter_hunt": "canon_late_hunt",
        "promise": "canon_late_promise",
        "leaving": "canon_late_leaving",
        "new_life": "canon_late_new_life",
    },
    core=("promise", "leaving"),
    full=("winter_hunt", "promise", "leaving", "new_life"),
    order=("winter_hunt", "promise", "leaving", "new_life"),
    endings=ENDINGS[:6],
)
"""From the late winter (the ``seed-winter`` scenario): the protagonist is the wolf who holds a
season promise at day 0, his mate the wolf who made it."""

ARCS: dict[str, Arc] = {arc.name: arc for arc in (PROLOGUE, LATE_WINTER)}


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion at the normal quantile ``z`` (1.96: 95%), from
    SciPy; with no runs at all, every proportion is possible: (0, 1)."""
    if n == 0:
        return (0.0, 1.0)
    # NOTE: imported here, not at the top: scipy.stats is slow to import, and every command
    # (`packbond --help` too) would pay for it; only the commands that need it do.
    from scipy.stats import binomtest, norm  # type: ignore[import-untyped]

    # SciPy takes a confidence level: the level of ``z`` itself keeps the interval the one z =
    # 1.96 gives (SciPy's own 95% uses z = 1.95996..., moving the bounds by up to 1e-5).
    level = 2.0 * float(norm.cdf(z)) - 1.0
    ci = binomtest(successes, n).proportion_ci(confidence_level=level, method="wilson")
    return (float(ci.low), float(ci.high))


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
    arc: str
    beats: dict[str, Rate]
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
            "arc": self.arc,
            "beats": {name: rate.rate for name, rate in self.beats.items()},
            "beat_intervals": {name: rate.as_dict() for name, rate in self.beats.items()},
            "core_arc_rate": self.core.rate,
            "core_arc_interval": list(self.core.interval),
            "full_arc_rate": self.full.rate,
            "full_arc_interval": list(self.full.interval),
            "endings": {name: rate.rate for name, rate in self.endings.items()},
            "ending_intervals": {name: rate.as_dict() for name, rate in self.endings.items()},
            "seconds": round(self.seconds, 2),
        }


def _beats(run: Run, arc: Arc, cast: dict[str, pd.Series] | None = None) -> dict[str, pd.DataFrame]:
    """Each beat's first match per replicate (omega, mate and the day it ended); where the
    protagonists are known (``cast``: each replicate's omega and mate), only their matches."""
    library = canon_patterns()
    out = {}
    for beat, pattern in arc.beats.items():
        frame = find_matches(run, library, pattern)
        cols = {"r:omega": "omega", "r:mate": "mate"}
        frame = frame.rename(columns=cols)
        if cast is not None and len(frame):
            theirs = (
                frame["omega"].to_numpy() == cast["omega"].reindex(frame["replicate"]).to_numpy()
            )
            if "mate" in frame:
                mates = cast["mate"].reindex(frame["replicate"]).to_numpy()
                theirs &= frame["mate"].to_numpy() == mates
            frame = frame[theirs]
        keep = ["replicate", "omega", "last_day"] + (["mate"] if "mate" in frame else [])
        frame = frame.sort_values(["replicate", "first_id"]).drop_duplicates("replicate")
        out[beat] = frame[keep].set_index("replicate")
    return out


@dataclass(frozen=True)
class Protagonists:
    """Who the telling follows when the scenario, not a beat, says so (the late-winter arc):
    by name in the scenario, resolved to each replicate's wolves and pack."""

    omega: str
    mate: str
    home: str


def _protagonists(loaded: LoadedScenario) -> Protagonists | None:
    """The wolf holding a season promise at day 0, its mate and its pack, for the late arc
    (scenario validation makes sure a late-winter scenario has exactly one such promise)."""
    sc = loaded.scenario
    if sc.canon_arc != "late_winter":
        return None
    promise = next(f for f in sc.facts if isinstance(f, PromisedFact))
    home = next(c.pack for c in sc.cast if c.name == promise.to)
    return Protagonists(omega=promise.to, mate=promise.by, home=home or "")


def _literal(text: str) -> str:
    """A string quoted as an SQL literal."""
    return "'" + text.replace("'", "''") + "'"


def _ids_of(run: Run, who: Protagonists, index: pd.Index) -> dict[str, pd.Series]:
    """Each replicate's wolf ids of the protagonists and pack id of their home (cast wolves and
    named packs come first, so the lowest id with the name is theirs)."""

    def first(table: str, key: str, name: str) -> pd.Series:
        frame = run.query(
            f"SELECT replicate, min({key}) AS id FROM {table} WHERE name = {_literal(name)} "
            "GROUP BY replicate"
        )
        return frame.set_index("replicate")["id"].reindex(index)

    return {
        "omega": first("wolves", "wolf_id", who.omega),
        "mate": first("wolves", "wolf_id", who.mate),
        "home": first("packs", "pack_id", who.home),
    }


def _tellings(
    run: Run, replicates: int, arc: Arc = PROLOGUE, who: Protagonists | None = None
) -> pd.DataFrame:
    """One row per replicate: for each beat whether it happened (for the same omega and mate
    throughout) and when, and how the telling ends."""
    rows = pd.DataFrame(index=pd.RangeIndex(replicates, name="replicate"))
    home = None
    if who is not None:
        ids = _ids_of(run, who, rows.index)
        omega, mate, home = ids["omega"], ids["mate"], ids["home"]
        beats = _beats(run, arc, ids)
    else:
        beats = _beats(run, arc)
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
    rows["home"] = home
    rows["ending"] = _endings(run, rows)
    return rows


def tellings(run: Run, scenario: LoadedScenario) -> pd.DataFrame:
    """The canon beats found in a stored run of the scenario: one row per replicate, with each
    beat (whether it happened for the telling's omega and mate, and its day), the omega, the
    mate and how the telling ends (the report shows them for one replicate)."""
    arc = ARCS[scenario.scenario.canon_arc]
    replicates = int(run.manifest.get("replicates", 1))
    return _tellings(run, replicates, arc, _protagonists(scenario))


def stored_tellings(run: Run) -> pd.DataFrame | None:
    """The tellings (:func:`tellings`) of a stored run of a seed-story scenario, from the
    scenario text its manifest keeps; None when that text is gone, or no longer parses and its
    arc needs it (the late winter's protagonists are named by a fact of the scenario)."""
    text = str(run.manifest.get("scenario_toml") or "")
    try:
        return tellings(run, parse_scenario(text))
    except PackbondError:
        pass
    # A run stored before a change to scenario validation may no longer parse; the prologue's
    # beats are found by their roles alone, without the scenario.
    try:
        arc = tomllib.loads(text).get("canon_arc", PROLOGUE.name) if text else None
    except tomllib.TOMLDecodeError:
        return None
    if arc != PROLOGUE.name:
        return None
    return _tellings(run, int(run.manifest.get("replicates", 1)), PROLOGUE)


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
    """How one telling ends, from its beats, the omega's place at the end and its own events.

    Beats an arc does not have (the late-winter arc starts after the conquest, the pledge and
    the mating) are taken as given; its home pack is the scenario's, not the one pledged to.
    """
    if not row.get("conquest", True):
        return "no conquest"
    if pd.isna(row["omega"]):
        return "never pledged"
    omega = int(row["omega"])
    if not row.get("pledge", True):
        return "never pledged"
    if row["leaving"]:
        return "they leave together"
    mated_victor = bool(row.get("mating", True))
    mate = None if pd.isna(row["mate"]) else int(row["mate"])
    died = set(events.loc[events["kind"] == "died", "actor"].dropna().astype(int))
    if omega in died or (mate is not None and mated_victor and mate in died):
        return "someone dies"
    if pd.isna(row["home"]):
        victors = events[(events["kind"] == "pledged") & (events["actor"] == omega)]["pack"]
        start = int(victors.iloc[0]) if len(victors) else None
    else:
        start = int(row["home"])
    home = wolves.loc[(rep, omega), "pack"]
    if start is not None and (pd.isna(home) or int(home) != start):
        return "he leaves alone"
    if not mated_victor:
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


def _in_order(rows: pd.DataFrame, arc: Arc, beats: tuple[str, ...]) -> pd.Series:
    """Whether the days of those of ``beats`` that must keep the story's order never go back
    (a beat outside them, such as a second winter's hunt, does not spoil the order)."""
    days = rows[[f"{b}_day" for b in arc.order if b in beats]]
    return days.apply(lambda r: r.dropna().is_monotonic_increasing, axis=1)


def canon_check(
    *,
    runs: int = 1000,
    years: float = 2.0,
    seed: int = 1,
    scenario: str | Path = "seed",
) -> CanonReport:
    """Run the scenario as an ensemble of ``runs`` replicates and check its arc in each (the
    arc from the prologue, or from the late winter where the scenario says ``canon_arc``)."""
    if runs < 1:
        raise PackbondError(f"--runs must be a whole number of at least 1 (got {runs})")
    started = time.perf_counter()
    loaded = load_scenario(scenario)
    arc = ARCS[loaded.scenario.canon_arc]
    who = _protagonists(loaded)
    with simulate(loaded, seed=seed, years=years, replicates=runs, trace_every=0) as run:
        rows = _tellings(run, runs, arc, who)
    n = len(rows)
    beats = {beat: Rate(int(rows[beat].sum()), n) for beat in arc.beats}
    core = rows[list(arc.core)].all(axis=1) & _in_order(rows, arc, arc.core)
    full = rows[list(arc.full)].all(axis=1) & _in_order(rows, arc, arc.full)
    endings = {name: Rate(int((rows["ending"] == name).sum()), n) for name in arc.endings}
    core_in_order = Rate(int(core.sum()), n)
    return CanonReport(
        runs=n,
        years=years,
        seed=seed,
        scenario=loaded.scenario.name,
        arc=arc.name,
        beats=beats,
        core=core_in_order,
        full=Rate(int(full.sum()), n),
        endings=endings,
        seconds=time.perf_counter() - started,
    )
