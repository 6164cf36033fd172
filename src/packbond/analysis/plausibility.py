"""Is a run's world plausible? Its figures against human and wolf demography and the genre.

``packbond check-world`` measures finished runs the way :mod:`.ecology_check` measures the ecology
preset: one value per replicate, then the mean over replicates with its 95% interval (Student's
t), against a range and the range's source. The figures are those a reader notices when a world
goes wrong: who mates whom and at what age, how old carriers are, what children do, whom the
alpha voice commands, how often necks are bared, what wolves die of, who leads the hunts, how the
population moves, how often couples walk out, and whether children are left alone.

Ages are in the run's years and read as human ages, as the genre's wolves live human lives in
every preset (``ecology`` too). A figure passes when its mean lies in its range; a hard limit
(``Spec.each``) passes only when every replicate does. Where the run lacks what a figure needs,
the figure says "not measurable from this run" rather than guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..api import Run
from ..core.calendar import Calendar
from ..events import registry
from ..report.canon_view import CANON_SCENARIOS
from .canon import stored_tellings
from .ecology_check import _interval

__all__ = [
    "ADULT",
    "CHILD",
    "ELDER",
    "Figure",
    "Spec",
    "Tables",
    "Values",
    "WorldCheck",
    "check_world",
    "figure",
    "make_tables",
    "markdown",
    "measure",
    "read_tables",
    "specs",
]

ADULT = 18.0
"""Years: adulthood, as the rules' ``life.adult_years`` sets it."""
CHILD = 14.0
"""Years: below this a wolf is a child (the ``seed`` preset's youngest age at presenting)."""
ELDER = 60.0
"""Years: an elder, past the age at which forager hunters' returns fall off."""
FIRST_SEASON_FROM_YEARS = 2.0
"""A run shorter than this has too few seasons for its first to stand out."""
POPULATION_JUDGED_FROM_YEARS = 10.0
"""A shorter run's population change is reported, not judged: a few years are noise, no trend."""

MATING_KINDS = ("mated", "paired")
"""A mate bond formed: bitten after a ceremony (``mated``) or paired as breeders (``paired``)."""

CHILD_ACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "rumours": ("rumours started or passed", ("rumour", "rumour_passed")),
    "blows": ("blows struck", ("attacked",)),
    "voice": ("alpha-voice commands", ("alpha_voice",)),
    "offers": ("mating offers", ("mating_offer",)),
    "hunts": ("hunts led", ("hunt",)),
    "fights": ("fights", ("challenged", "incident", "raid", "invasion", "leader_killed")),
}
"""Acts no child does: key to (what, the event kinds whose actor does it)."""

_READ = ("born", "conceived", "died", "left_together", "submitted", *MATING_KINDS)
_EVENT_KINDS = tuple(sorted({*_READ, *(k for _, kinds in CHILD_ACTS.values() for k in kinds)}))
"""Every kind a figure reads; the rest of the log is not loaded."""

GENRE = "genre"
HUMAN = "human demography"
HUMAN_AND_WOLF = "human & wolf demography"
FERTILITY = "human fertility"
REPORTED = "reported, not judged"


class _Unmeasurable(Exception):
    """What a figure needs is not in the run (the message says what)."""


@dataclass(frozen=True)
class Tables:
    """What the figures read of one run.

    ``events``: ``replicate, day, kind, actor, target, detail`` and the actor's and target's
    ages that day (``actor_age``, ``target_age``, years). ``wolves``: ``replicate, wolf_id,
    birth_day, death_day, gone_day, alive, pack`` as at the end. ``weeks``: the metrics'
    ``replicate, day, pack, population, unpresented`` on each week's first day (None when the
    run kept no metrics). ``kinds``: the event kinds the run's log knows.
    """

    events: pd.DataFrame
    wolves: pd.DataFrame
    weeks: pd.DataFrame | None
    kinds: frozenset[str]
    replicates: int
    days: int
    calendar: Calendar
    protagonists: dict[int, frozenset[int]] | None = None
    """Per replicate, the wolves the scenario's story follows; None when it names none."""
    protagonists_note: str = "the scenario names no protagonists"

    @property
    def years(self) -> float:
        """The run's length in years."""
        return self.days / self.calendar.days_per_year

    def of(self, *kinds: str) -> pd.DataFrame:
        """The events of these kinds; not measurable when the run's log knows none of them."""
        if not set(kinds) & self.kinds:
            raise _Unmeasurable(f"the log has no {' or '.join(kinds)} events")
        return self.events[self.events["kind"].isin(kinds)]

    def per_replicate(self, by_replicate: pd.Series, fill: float = math.nan) -> np.ndarray:
        """One value per replicate, in order; ``fill`` for a replicate without one."""
        return by_replicate.reindex(range(self.replicates), fill_value=fill).to_numpy(float)

    def share(self, holds: pd.Series, of: pd.DataFrame) -> np.ndarray:
        """Per replicate, the share of the rows of ``of`` where ``holds`` (NaN: no rows)."""
        return self.per_replicate(holds.groupby(of["replicate"]).mean())

    def count(self, rows: pd.DataFrame) -> np.ndarray:
        """Per replicate, how many rows (0 for none)."""
        return self.per_replicate(rows.groupby("replicate").size(), fill=0.0)


def make_tables(
    events: pd.DataFrame,
    wolves: pd.DataFrame,
    *,
    replicates: int,
    days: int,
    calendar: Calendar | None = None,
    weeks: pd.DataFrame | None = None,
    kinds: frozenset[str] | None = None,
    protagonists: dict[int, frozenset[int]] | None = None,
    protagonists_note: str = "the scenario names no protagonists",
) -> Tables:
    """Tables from plain frames, a run's or a hand-made case's: each event's actor and target
    get their ages from the wolves' birth days. ``kinds`` defaults to every kind packbond has."""
    calendar = calendar or Calendar()
    birth = wolves.set_index(["replicate", "wolf_id"])["birth_day"].astype(float)
    events = events.copy()
    for role in ("actor", "target"):
        key = pd.MultiIndex.from_arrays([events["replicate"], events[role]])
        born = birth.reindex(key).to_numpy(float)
        events[f"{role}_age"] = (events["day"].to_numpy(float) - born) / calendar.days_per_year
    known = frozenset(registry().names) if kinds is None else kinds
    return Tables(
        events, wolves, weeks, known, replicates, days, calendar, protagonists, protagonists_note
    )


def read_tables(run: Run) -> Tables:
    """A stored run's tables, read with SQL (read-only): only the columns and kinds used."""
    wanted = ", ".join(f"'{k}'" for k in _EVENT_KINDS)
    events = run.query(
        "SELECT replicate, day, kind, actor, target, detail FROM events "
        f"WHERE kind IN ({wanted}) ORDER BY replicate, event_id"
    )
    wolves = run.query(
        "SELECT replicate, wolf_id, birth_day, death_day, gone_day, alive, pack, travelling, "
        "mother, father FROM wolves"
    )
    weeks = run.query(
        "SELECT replicate, day, pack, population, unpresented FROM metrics "
        "WHERE pack IS NOT NULL AND day % 7 = 0"
    )
    kept_metrics = int(run.query("SELECT count(*) AS n FROM metrics")["n"].iloc[0]) > 0
    who, note = _protagonists(run)
    return make_tables(
        events,
        wolves,
        replicates=int(run.manifest["replicates"]),
        days=int(run.manifest["days_done"]),
        calendar=run.calendar,
        weeks=weeks if kept_metrics else None,
        kinds=frozenset(run.query("SELECT kind FROM event_kinds")["kind"]),
        protagonists=who,
        protagonists_note=note,
    )


def _protagonists(run: Run) -> tuple[dict[int, frozenset[int]] | None, str]:
    """Per replicate, the wolves the scenario's story follows, and a note on how they were found.

    A scenario names no protagonist; the seed story's scenarios (``CANON_SCENARIOS``) have them
    by role, which the canon check finds in each replicate's log (the telling's omega and mate).
    """
    name = run.manifest.get("scenario")
    if name not in CANON_SCENARIOS:
        return None, "the scenario names no protagonists"
    rows = stored_tellings(run)
    if rows is None:
        return None, "the run's scenario no longer parses, so its protagonists are not known"
    found = {
        int(replicate): frozenset(int(w) for w in (omega, mate) if not pd.isna(w))
        for replicate, omega, mate in zip(rows.index, rows["omega"], rows["mate"], strict=True)
    }
    return found, f"the {name} story's omega and mate (as the canon check finds them) left out"


@dataclass(frozen=True)
class Values:
    """A figure measured: a value per replicate (NaN where it had no case), and a remark."""

    per_replicate: np.ndarray
    note: str = ""


Bounds = tuple[float, float] | str
"""A figure's range, or why it is not judged."""


@dataclass(frozen=True)
class Spec:
    """How one figure is measured and judged: its range and the range's source."""

    key: str
    label: str
    measure: Callable[[Tables], Values]
    bounds: Bounds | Callable[[Tables], Bounds]
    source: str
    each: bool = False
    """A hard limit: every replicate must lie in range, not only the mean."""
    digits: int = 3


_SPECS: list[Spec] = []
"""Every figure, in the table's order: the order they are declared in below."""

Measure = Callable[[Tables], Values]


def _figure(
    key: str,
    label: str,
    bounds: Bounds | Callable[[Tables], Bounds],
    source: str,
    each: bool = False,
    digits: int = 3,
) -> Callable[[Measure], Measure]:
    """Declare the figure the decorated function measures, with its range and source."""

    def declare(fn: Measure) -> Measure:
        _SPECS.append(Spec(key, label, fn, bounds, source, each, digits))
        return fn

    return declare


def specs() -> list[Spec]:
    """Every figure, in the table's order."""
    return list(_SPECS)


# --- Matings and births --------------------------------------------------------------------------


def _matings(t: Tables) -> pd.DataFrame:
    """Mate bonds formed during the run, with the partners' age gap."""
    m = t.of(*MATING_KINDS)
    return m.assign(gap=(m["actor_age"] - m["target_age"]).abs())


@_figure("minor_matings", "share of matings with an under-18", (0, 0), GENRE)
def _minor_matings(t: Tables) -> Values:
    m = _matings(t)
    minor = np.minimum(m["actor_age"], m["target_age"]) < ADULT
    return Values(t.share(minor, m), f"{len(m)} matings in all")


@_figure("mating_age_gap", "median age gap of matings", (0, 10), HUMAN, digits=1)
def _median_gap(t: Tables) -> Values:
    return Values(t.per_replicate(_matings(t).groupby("replicate")["gap"].median()))


@_figure("mating_gap_over_15", "share of matings, gap over 15", (0, 0.15), HUMAN)
def _wide_gaps(t: Tables) -> Values:
    m = _matings(t)
    return Values(t.share(m["gap"] > 15, m))


@_figure(
    "conception_age_median", "carriers' median age at conception", REPORTED, FERTILITY, False, 1
)
def _median_conception_age(t: Tables) -> Values:
    c = t.of("conceived")
    by = c.groupby("replicate")["actor_age"].median()
    return Values(t.per_replicate(by), f"{len(c)} conceptions in all")


@_figure("conception_age_max", "carriers' oldest age at conception", (0, 50), FERTILITY, True, 1)
def _max_conception_age(t: Tables) -> Values:
    c = t.of("conceived")
    oldest = f"the oldest {c['actor_age'].max():.1f}" if len(c) else "no conceptions"
    by = c.groupby("replicate")["actor_age"].max()
    return Values(t.per_replicate(by), f"every replicate judged; {oldest}")


# --- Children's acts, and power ------------------------------------------------------------------


def _child_acts(kinds: tuple[str, ...]) -> Measure:
    """Per replicate, how many events of ``kinds`` a wolf under :data:`CHILD` was the actor of."""

    def measure(t: Tables) -> Values:
        e = t.of(*kinds)
        return Values(t.count(e[e["actor_age"] < CHILD]))

    return measure


for _key, (_what, _kinds) in CHILD_ACTS.items():
    _figure(f"child_{_key}", f"{_what} by under-14s", (0, 0), GENRE, digits=2)(_child_acts(_kinds))


@_figure("voice_on_minors", "share of voice uses on under-18s", (0, 0.05), GENRE)
def _voice_on_minors(t: Tables) -> Values:
    v = t.of("alpha_voice")
    return Values(t.share(v["target_age"] < ADULT, v), f"{len(v)} uses in all")


def _floats(column: pd.Series, fill: float) -> np.ndarray:
    """A column of whole numbers with NULLs (a day that never came, no pack) as floats."""
    return pd.to_numeric(column).astype(float).fillna(fill).to_numpy(float)


def _adult_years(t: Tables) -> np.ndarray:
    """Per replicate, the years wolves lived as adults in the run (to death, emigration or end)."""
    w = t.wolves
    end = np.minimum(_floats(w["death_day"], t.days), _floats(w["gone_day"], t.days))
    start = np.maximum(_floats(w["birth_day"], 0.0) + ADULT * t.calendar.days_per_year, 0.0)
    years = np.maximum(np.minimum(end, float(t.days)) - start, 0.0) / t.calendar.days_per_year
    return t.per_replicate(pd.Series(years, index=w.index).groupby(w["replicate"]).sum(), 0.0)


@_figure("submissions_per_adult_year", "submissions per adult-year", (0, 3), GENRE, digits=2)
def _submissions_per_adult_year(t: Tables) -> Values:
    s = t.of("submitted")
    adult = s[s["actor_age"] >= ADULT]
    years = _adult_years(t)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(years > 0, t.count(adult) / years, math.nan)
    return Values(rate, f"by adults; {len(s) - len(adult)} more by under-18s not counted")


# --- Deaths, hunting, population -----------------------------------------------------------------


def _death_share(cause: str, note: bool) -> Measure:
    """Per replicate, the share of deaths of ``cause`` (``note``: say how many deaths)."""

    def measure(t: Tables) -> Values:
        d = t.of("died")
        return Values(t.share(d["detail"] == cause, d), f"{len(d)} deaths in all" if note else "")

    return measure


for _cause in registry().enums["death_cause"]:
    _starving = _cause == "starvation"
    _figure(
        f"deaths_{_cause.replace(' ', '_')}",
        f"share of deaths: {_cause}",
        (0, 0.25) if _starving else REPORTED,
        HUMAN_AND_WOLF,
    )(_death_share(_cause, note=_starving))


@_figure("elder_hunts", f"share of hunts led by {ELDER:g}+", (0, 0.1), HUMAN)
def _elder_hunts(t: Tables) -> Values:
    h = t.of("hunt")
    return Values(t.share(h["actor_age"] >= ELDER, h), "leaders only: the log names no joiners")


def _first_season_bounds(t: Tables) -> Bounds:
    if t.years < FIRST_SEASON_FROM_YEARS:
        return f"skipped: the run is shorter than {FIRST_SEASON_FROM_YEARS:g} years"
    return (0.0, 0.25)


@_figure("first_season_matings", "share of matings in season 1", _first_season_bounds, GENRE)
def _first_season_matings(t: Tables) -> Values:
    m = _matings(t)
    return Values(t.share(m["day"] < t.calendar.days_per_season, m))


def _population_bounds(t: Tables) -> Bounds:
    """0.5-2.0 per 50 years, as a steady rate would scale it to the run's length."""
    if t.years < POPULATION_JUDGED_FROM_YEARS:
        return f"{REPORTED}: a run under {POPULATION_JUDGED_FROM_YEARS:g} years"
    return (0.5 ** (t.years / 50.0), 2.0 ** (t.years / 50.0))


@_figure("population_change", "population, end / start", _population_bounds, HUMAN)
def _population_change(t: Tables) -> Values:
    """Per replicate, living at the end over living at the start (every wolf not born since)."""
    w, born = t.wolves, t.of("born")
    pups = pd.MultiIndex.from_arrays([born["replicate"], born["actor"]])
    first = ~pd.MultiIndex.from_arrays([w["replicate"], w["wolf_id"]]).isin(pups)
    start = t.count(w[first])
    end = t.count(w[w["alive"].astype(bool) & w["gone_day"].isna()])
    with np.errstate(divide="ignore", invalid="ignore"):
        return Values(np.where(start > 0, end / start, math.nan))


# --- Leaving, and children left alone ------------------------------------------------------------


def _couples_bounds(t: Tables) -> Bounds:
    """At most one couple besides the protagonists per replicate of the seed story (where the
    arc is one outcast's, not the pack's habit); elsewhere reported: a world of many packs over
    many years sees many couples leave."""
    if t.protagonists is None:
        return f"{REPORTED}: judged for the seed story's replicates"
    return (0, 1)


@_figure("couples_leaving", "couples leaving together", _couples_bounds, GENRE, digits=2)
def _couples_leaving(t: Tables) -> Values:
    """Per replicate, the couples who left their pack together, the protagonists left out."""
    e = t.of("left_together")
    pairs = {
        (int(r), frozenset((int(a), int(b))))
        for r, a, b in zip(e["replicate"], e["actor"], e["target"], strict=True)
    }
    theirs = t.protagonists or {}
    kept = pd.Series([r for r, pair in pairs if not pair & theirs.get(r, frozenset())])
    note = f"{len(e)} departures by {len(pairs)} couples; {t.protagonists_note}"
    return Values(t.per_replicate(kept.value_counts(), fill=0.0), note)


@_figure("children_alone_end", "under-14s left without an adult", (0, 0), GENRE, digits=2)
def _children_alone_at_end(t: Tables) -> Values:
    """Living wolves under :data:`CHILD` at the end with no pack, or in a pack with no living
    member of :data:`ADULT` or over (which holds for a child alone in its pack); a child on the
    road with a living parent who travels too is with its family, not alone."""
    w = t.wolves
    living = w[w["alive"].astype(bool) & w["gone_day"].isna()]
    living = living.assign(
        age=(t.days - _floats(living["birth_day"], 0.0)) / t.calendar.days_per_year,
        pack=_floats(living["pack"], -1.0),
    )
    grown = living[(living["pack"] >= 0) & (living["age"] >= ADULT)]
    looked_after = pd.MultiIndex.from_arrays([grown["replicate"], grown["pack"]])
    children = living[living["age"] < CHILD]
    key = pd.MultiIndex.from_arrays([children["replicate"], children["pack"]])
    alone = (children["pack"].to_numpy() < 0) | ~key.isin(looked_after)
    alone &= ~_with_a_travelling_parent(living, children)
    return Values(t.count(children[alone]), "at the end of the run, ages exact")


def _with_a_travelling_parent(living: pd.DataFrame, children: pd.DataFrame) -> np.ndarray:
    """Whether each child travels, with a living mother or father who travels too."""
    if "travelling" not in living.columns:
        return np.zeros(len(children), dtype=bool)
    road = living[living["travelling"].astype(bool)]
    on_road = pd.MultiIndex.from_arrays(
        [road["replicate"].to_numpy(np.int64), road["wolf_id"].to_numpy(np.int64)]
    )
    travels = children["travelling"].astype(bool).to_numpy()
    with_parent = np.zeros(len(children), dtype=bool)
    for parent in ("mother", "father"):
        ids = np.asarray(_floats(children[parent], -1.0), dtype=np.int64)
        key = pd.MultiIndex.from_arrays([children["replicate"].to_numpy(np.int64), ids])
        with_parent |= key.isin(on_road)
    return travels & with_parent


@_figure("packs_without_presented", "packs with no presented wolf", (0, 0), GENRE, digits=2)
def _packs_without_presented(t: Tables) -> Values:
    """Per replicate, the packs that on some week's first day had only unpresented members."""
    if t.weeks is None:
        raise _Unmeasurable("the run kept no metrics")
    wk = t.weeks
    bare = wk[(wk["population"] > 0) & (wk["unpresented"] == wk["population"])]
    return Values(
        t.per_replicate(bare.groupby("replicate")["pack"].nunique(), fill=0.0),
        f"{wk['day'].nunique()} weeks of metrics; every under-14 is unpresented, so such a pack "
        "has no adult (one with a presented teenager is missed)",
    )


# --- Judging -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure of a run: the mean over replicates, its 95% interval, its range and verdict."""

    key: str
    label: str
    value: float | None
    """The mean over replicates (None: not measurable, or no replicate had a case)."""
    interval: tuple[float, float] | None
    """Student's t 95% interval of the mean (None with fewer than two replicates' values)."""
    low: float | None
    high: float | None
    source: str
    passed: bool | None
    """True or False when judged; None when not judged, without cases or not measurable."""
    verdict: str
    """``pass``, ``fail``, ``not judged``, ``no cases`` or ``not measurable``."""
    note: str = ""
    digits: int = 3
    replicates: tuple[float | None, ...] = ()

    def range_text(self) -> str:
        """The range as text (``-`` when there is none)."""
        if self.low is None or self.high is None:
            return "-"
        if self.low == self.high:
            return f"{self.low:g}"
        return f"≤ {self.high:g}" if self.low == 0 else f"{self.low:.2f}-{self.high:.2f}"

    def value_text(self) -> str:
        """The value as text, or why there is none."""
        if self.value is None:
            return "not measurable from this run" if self.verdict == "not measurable" else "-"
        return f"{self.value:.{self.digits}f}"

    def interval_text(self) -> str:
        """The interval's half-width as text (the t interval is symmetric about the mean)."""
        if self.interval is None or self.value is None:
            return "-"
        return f"± {self.interval[1] - self.value:.{self.digits}f}"

    def as_dict(self) -> dict[str, Any]:
        """The figure as JSON-ready values (its tuples print as JSON arrays)."""
        return asdict(self)


def figure(spec: Spec, t: Tables) -> Figure:
    """Measure one figure of the tables and judge it against its range."""
    bounds = spec.bounds(t) if callable(spec.bounds) else spec.bounds
    low, high = (None, None) if isinstance(bounds, str) else map(float, bounds)
    # A figure only reported says so in its verdict; a condition not met is worth a note.
    unjudged = bounds if isinstance(bounds, str) and bounds != REPORTED else ""

    def without_value(verdict: str, note: str) -> Figure:
        return Figure(spec.key, spec.label, None, None, low, high, spec.source, None, verdict, note)

    try:
        measured = spec.measure(t)
    except _Unmeasurable as e:
        return without_value("not measurable", f"not measurable from this run: {e}")
    values = measured.per_replicate
    finite = values[~np.isnan(values)]
    note = "; ".join(n for n in (unjudged, measured.note) if n)
    if len(finite) == 0:
        return without_value("no cases", "; ".join(("no case in any replicate", note)))
    mean, lo, hi = _interval(finite)
    passed: bool | None = None
    if low is not None and high is not None:
        judged = finite if spec.each else np.array([mean])
        passed = bool(np.all((judged >= low) & (judged <= high)))
    verdict = "not judged" if passed is None else ("pass" if passed else "fail")
    return Figure(
        spec.key,
        spec.label,
        mean,
        None if math.isnan(lo) else (lo, hi),
        low,
        high,
        spec.source,
        passed,
        verdict,
        note,
        spec.digits,
        tuple(None if math.isnan(v) else float(v) for v in values),
    )


def measure(t: Tables) -> list[Figure]:
    """Every figure of the tables, measured and judged."""
    return [figure(spec, t) for spec in _SPECS]


@dataclass(frozen=True)
class WorldCheck:
    """The figures of one run, and which run they are of."""

    run: str
    scenario: str
    replicates: int
    years: float
    status: str
    figures: list[Figure]

    @property
    def passed(self) -> bool:
        """Whether no figure failed."""
        return all(f.passed is not False for f in self.figures)

    @property
    def title(self) -> str:
        """One line naming the run."""
        stopped = "" if self.status == "complete" else f", {self.status}"
        return (
            f"{self.run}: {self.scenario}, {self.replicates} replicate(s), "
            f"{self.years:g} years{stopped}"
        )

    def as_dict(self) -> dict[str, Any]:
        """The check as JSON-ready values."""
        return {**asdict(self), "passed": self.passed}


def check_world(run: Run, name: str) -> WorldCheck:
    """Measure a stored run (``name``: what to call it, such as its path)."""
    t = read_tables(run)
    return WorldCheck(
        name,
        str(run.manifest.get("scenario")),
        t.replicates,
        t.years,
        str(run.manifest.get("status")),
        measure(t),
    )


def markdown(checks: list[WorldCheck], command: str) -> str:
    """The checks as Markdown tables, one per run, with the command that produced them."""
    lines = [f"Produced by `{command}`."]
    for check in checks:
        lines += [
            "",
            f"**{check.title}**",
            "",
            "| Figure | Value | 95% interval | Range | Source | Pass | Note |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in check.figures:
            verdict = "yes" if f.passed else "NO" if f.passed is False else "-"
            cells = (f.label, f.value_text(), f.interval_text(), f.range_text(), f.source)
            row = (*cells, verdict, f.note)
            lines.append("| " + " | ".join(c.replace("|", "/") for c in row) + " |")
    return "\n".join(lines) + "\n"
