"""What the report shows, read from one replicate of a stored run (never from the engine).

Everything is bounded so that a big run gives a small report: at most ``PACK_PAGES`` packs and
``WOLF_PAGES`` wolves get a page of their own (the scenario's named packs and cast first, then
the packs and wolves of the sifted stories, then the largest packs), at most ``STORIES``
stories are sifted, and every series is thinned to at most ``POINTS`` days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..api import Run
from ..core.calendar import SEASONS
from ..errors import PackbondError
from ..events import registry
from ..narrative.chronicle import Chronicle, chronicle
from ..narrative.lives import when
from ..narrative.sentences import render
from ..narrative.sifting import Story, builtin_patterns, sift
from ..narrative.source import RunText
from ..scenario import LoadedScenario, parse_scenario
from ..state import NORMS
from .canon_view import CanonView, canon_view

__all__ = [
    "PACK_PAGES",
    "POINTS",
    "STORIES",
    "WOLF_PAGES",
    "Mark",
    "PackPage",
    "ReportData",
    "StoryView",
    "War",
    "WolfPage",
    "gather",
]

PACK_PAGES = 12
WOLF_PAGES = 40
STORIES = 20
POINTS = 400
TOP_PACKS = 8
"""Packs drawn one by one in the population plot; the others are summed."""
MARKS = 30
"""At most this many events marked on a wolf's timeline (turning points first)."""
TIES = 12
"""At most this many of a wolf's ties drawn in its ego graph (the strongest)."""

_WAR_KINDS = ("war_declared", "invasion", "leader_killed", "pack_dissolved")
_CONFLICT_KINDS = ("raid", *_WAR_KINDS, "pledged")


@dataclass
class Mark:
    """An event marked on a wolf's timeline."""

    day: int
    kind: str
    text: str
    major: bool


@dataclass
class WolfPage:
    """A wolf's page: who they are, their life told, their timeline and their ties."""

    wolf_id: int
    name: str
    sex: str
    designation: str
    alive: bool
    pack: int | None
    age_years: float
    cast: bool
    biography: Chronicle
    trace: pd.DataFrame
    marks: list[Mark]
    ties: list[dict[str, Any]]
    kin: list[tuple[str, int, str]]
    """(relation, wolf id, name): mate, mother, father, pups."""
    stories: list[int] = field(default_factory=list)


@dataclass
class PackPage:
    """A pack's page: its members over time, its ladder and norms, its history and wars."""

    pack_id: int
    name: str
    region: str
    alive: bool
    members: int
    leader: int | None
    founded_day: int
    dissolved_day: int | None
    norms: dict[str, Any]
    ladder: pd.DataFrame
    series: pd.DataFrame
    history: Chronicle
    conflicts: list[tuple[int, str, str]]
    """(day, when, sentence) of its raids, wars, invasions and pledges."""


@dataclass
class War:
    """A war between two packs: who declared it, its invasions and how it went."""

    pack: int
    rival: int
    declared: int
    end: int
    invasions: int
    outcome: str


@dataclass
class StoryView:
    """A sifted story with its place in the list."""

    number: int
    story: Story
    when: str


@dataclass
class ReportData:
    """Everything a report shows, for one replicate."""

    run: Run
    text: RunText
    title: str
    facts: list[tuple[str, str]]
    population: pd.DataFrame
    designations: pd.DataFrame
    seasons: pd.DataFrame
    wars: list[War]
    packs: list[PackPage]
    all_packs: pd.DataFrame
    wolves: list[WolfPage]
    stories: list[StoryView]
    canon: CanonView | None
    pack_names: dict[int, str]
    wolf_names: dict[int, str]
    stopped: str | None = None
    """That the run stopped before its last day (how, and at which day), or None."""


def _scenario(run: Run) -> LoadedScenario | None:
    """The run's scenario as it was run (from the manifest), or None if it no longer parses."""
    text = run.manifest.get("scenario_toml")
    if not text:
        return None
    try:
        return parse_scenario(str(text))
    except PackbondError:
        return None


def _days(text: RunText) -> list[int]:
    """The days of the metrics, thinned to at most ``POINTS``."""
    frame = text.run.query(
        f"SELECT DISTINCT day FROM metrics WHERE replicate = {text.replicate} ORDER BY day"
    )
    days = frame["day"].to_numpy()
    step = max(1, int(np.ceil(len(days) / POINTS)))
    return [int(d) for d in days[::step]]


def _in_days(days: list[int]) -> str:
    return "day IN (" + (", ".join(map(str, days)) or "NULL") + ")"


def _population(text: RunText, days: list[int]) -> pd.DataFrame:
    """Living wolves per day: one column per large pack, the rest summed, and the packless."""
    r = text.replicate
    top = text.run.query(
        f"SELECT pack FROM metrics WHERE replicate = {r} AND pack IS NOT NULL GROUP BY pack "
        f"ORDER BY sum(population) DESC, pack LIMIT {TOP_PACKS}"
    )["pack"].tolist()
    named = ", ".join(str(int(p)) for p in top) or "NULL"
    frame = text.run.query(
        f"SELECT day, CASE WHEN pack IS NULL THEN -1 WHEN pack IN ({named}) THEN pack ELSE -2 END "
        f"AS who, sum(population) AS n FROM metrics WHERE replicate = {r} AND {_in_days(days)} "
        "GROUP BY ALL"
    )
    wide = frame.pivot_table(index="day", columns="who", values="n", fill_value=0).sort_index()
    labels = {int(p): f"{text.namer.pack(r, int(p))} pack" for p in top}
    others = int(
        text.run.query(
            f"SELECT count(DISTINCT pack) AS n FROM metrics WHERE replicate = {r} "
            "AND pack IS NOT NULL"
        )["n"].iloc[0]
    ) - len(top)
    labels |= {-2: f"{others:,} other packs", -1: "no pack"}
    order = [c for c in [*map(int, top), -2, -1] if c in wide.columns]
    return wide[order].rename(columns=labels).astype(int)


def _designations(text: RunText, days: list[int]) -> pd.DataFrame:
    return text.run.query(
        "SELECT day, sum(alphas) AS alphas, sum(betas) AS betas, sum(omegas) AS omegas, "
        f"sum(unpresented) AS unpresented FROM metrics WHERE replicate = {text.replicate} "
        f"AND {_in_days(days)} GROUP BY day ORDER BY day"
    ).set_index("day")


def _seasons(text: RunText) -> pd.DataFrame:
    """Births and deaths per season, labelled ``Autumn 1``."""
    cal = text.calendar
    offset = cal.start_season * cal.days_per_season
    frame = text.run.query(
        f"SELECT (day + {offset}) // {cal.days_per_season} AS season, "
        "count(*) FILTER (WHERE kind = 'born') AS births, "
        "count(*) FILTER (WHERE kind = 'died') AS deaths "
        f"FROM events WHERE replicate = {text.replicate} AND kind IN ('born', 'died') "
        "GROUP BY season ORDER BY season"
    )
    last = (text.last_day + offset) // cal.days_per_season
    first = offset // cal.days_per_season
    index = pd.RangeIndex(first, last + 1, name="season")
    frame = frame.set_index("season").reindex(index, fill_value=0)
    frame.index = [
        f"{SEASONS[int(s) % 4].capitalize()} {cal.date(int(s) * cal.days_per_season - offset).year}"
        for s in frame.index
    ]
    return frame.astype(int)


def _wars(text: RunText) -> list[War]:
    """Each declaration of war, with the invasions between the pair until the next one."""
    events = text.events(f"kind IN {_WAR_KINDS}")
    declared = events[events["kind"] == "war_declared"]
    invasions = events[events["kind"] == "invasion"]
    dissolved = events[events["kind"] == "pack_dissolved"]
    wars = []
    for row in declared.itertuples():
        if pd.isna(row.pack) or pd.isna(row.rival):
            continue
        pack, rival, day = int(row.pack), int(row.rival), int(row.day)
        later = declared[
            (declared["day"] > day) & (declared["pack"] == pack) & (declared["rival"] == rival)
        ]
        until = int(later["day"].min()) if len(later) else text.last_day
        theirs = invasions[
            (invasions["day"] >= day)
            & (invasions["day"] <= until)
            & (invasions["pack"] == pack)
            & (invasions["rival"] == rival)
        ]
        won = theirs[theirs["detail"] == "won"]
        gone = dissolved[(dissolved["pack"] == rival) & (dissolved["day"] >= day)]
        p, q = text.namer.pack(text.replicate, pack), text.namer.pack(text.replicate, rival)
        if len(won):
            end = int(won["day"].iloc[0])
            outcome = f"the {p} pack conquered the {q} pack {when(text, end)}"
            if len(gone) and int(gone["day"].iloc[0]) <= until:
                end = int(gone["day"].iloc[0])
                outcome += f"; the {q} pack was no more"
        elif len(theirs):
            end = int(theirs["day"].iloc[-1])
            times = "once" if len(theirs) == 1 else f"{len(theirs)} times"
            outcome = f"the {q} pack beat back the {p} pack {times}"
        else:
            end = until
            outcome = "no invasion yet" if until == text.last_day else "no invasion"
        wars.append(War(pack, rival, day, max(end, day), len(theirs), outcome))
    return wars


def _notable_wolves(
    text: RunText, loaded: LoadedScenario | None, stories: list[Story]
) -> list[int]:
    """The cast (lowest ids: the cast is built first), then the sifted stories' casts."""
    cast_size = len(loaded.scenario.cast) if loaded is not None else 0
    wolves = text.wolves
    chosen = [w for w in range(cast_size) if w in wolves.index]
    for story in stories:
        chosen += [w for w in story.cast.values() if w is not None]
    return list(dict.fromkeys(chosen))[:WOLF_PAGES]


def _notable_packs(text: RunText, loaded: LoadedScenario | None, wolves: list[int]) -> list[int]:
    """The scenario's named packs, the notable wolves' packs, then the largest ones."""
    named = len(loaded.scenario.packs) if loaded is not None else 0
    packs = text.packs
    chosen = [p for p in range(named) if p in packs.index]
    homes = text.wolves.loc[wolves, "pack"].dropna().astype(int).tolist() if wolves else []
    chosen += homes
    largest = text.run.query(
        f"SELECT pack FROM metrics WHERE replicate = {text.replicate} AND pack IS NOT NULL "
        f"GROUP BY pack ORDER BY sum(population) DESC, pack LIMIT {PACK_PAGES}"
    )
    chosen += [int(p) for p in largest["pack"]]
    return list(dict.fromkeys(chosen))[:PACK_PAGES]


def _marks(text: RunText, events: pd.DataFrame) -> list[Mark]:
    """The events that moved a wolf: every non-routine one and its wounds, turning points first."""
    reg = registry()
    rows = []
    for ev in events.itertuples():
        kind = str(ev.kind)
        tier = reg[kind].tier
        if kind == "season_changed" or (tier == "routine" and kind != "injured"):
            continue
        rows.append(Mark(int(ev.day), kind, render(ev, text.namer), tier == "major"))
    rows.sort(key=lambda m: (not m.major, m.day))
    return sorted(rows[:MARKS], key=lambda m: m.day)


def _ties(text: RunText, wolf: int) -> list[dict[str, Any]]:
    frame = text.run.query(
        "SELECT other_id, affinity, trust, fear, CAST(memory AS VARCHAR) AS memory FROM ties "
        f"WHERE replicate = {text.replicate} AND wolf_id = {int(wolf)} "
        f"ORDER BY abs(affinity) + trust + fear DESC, other_id LIMIT {TIES}"
    )
    return [
        {
            "other": int(row.other_id),
            "name": text.namer.wolf(text.replicate, int(row.other_id))[0],
            "affinity": float(row.affinity),
            "trust": float(row.trust),
            "fear": float(row.fear),
            "memory": "" if row.memory == "none" else str(row.memory),
        }
        for row in frame.itertuples()
    ]


def _kin(text: RunText, wolf: int) -> list[tuple[str, int, str]]:
    wolves = text.wolves
    me = wolves.loc[wolf]
    out = []
    for relation, col in (("mate", "mate"), ("parent", "mother"), ("parent", "father")):
        if not pd.isna(me[col]):
            out.append((relation, int(me[col])))
    pups = wolves[(wolves["mother"] == wolf) | (wolves["father"] == wolf)]["wolf_id"]
    out += [("pup", int(p)) for p in pups.head(TIES)]
    return [(rel, w, text.namer.wolf(text.replicate, w)[0]) for rel, w in out]


def _wolf_page(text: RunText, wolf: int, cast: bool, traces: pd.DataFrame) -> WolfPage:
    row = text.wolves.loc[wolf]
    events = text.events(f"{int(wolf)} IN (actor, target, other)")
    return WolfPage(
        wolf_id=int(wolf),
        name=str(row["name"]),
        sex=str(row["sex"]),
        designation=str(row["designation"]),
        alive=bool(row["alive"]),
        pack=None if pd.isna(row["pack"]) else int(row["pack"]),
        age_years=float(row["age_years"]),
        cast=cast,
        biography=chronicle(text, wolf=int(wolf)),
        trace=traces[traces["wolf_id"] == wolf].sort_values("day"),
        marks=_marks(text, events),
        ties=_ties(text, wolf),
        kin=_kin(text, wolf),
    )


def _pack_series(text: RunText, packs: list[int], days: list[int]) -> pd.DataFrame:
    ids = ", ".join(map(str, packs)) or "NULL"
    return text.run.query(
        "SELECT pack, day, alphas, betas, omegas, unpresented FROM metrics "
        f"WHERE replicate = {text.replicate} AND pack IN ({ids}) AND {_in_days(days)} "
        "ORDER BY pack, day"
    )


def _pack_page(text: RunText, pack: int, series: pd.DataFrame) -> PackPage:
    row = text.packs.loc[pack]
    r = text.replicate
    ladder = text.run.query(
        "SELECT wolf_id, name, CAST(designation AS VARCHAR) AS designation, rank, high_rank, "
        f"standing FROM wolves WHERE replicate = {r} AND alive AND pack = {int(pack)} "
        "ORDER BY rank = 0, rank, standing DESC, wolf_id LIMIT 30"
    )
    conflicts = text.events(f"kind IN {_CONFLICT_KINDS} AND {int(pack)} IN (pack, rival)")
    told = [
        (int(ev.day), when(text, int(ev.day)), render(ev, text.namer))
        for ev in conflicts.head(100).itertuples()
    ]
    return PackPage(
        pack_id=int(pack),
        name=str(row["name"]),
        region=str(row["region"]),
        alive=bool(row["alive"]),
        members=int(row["members"]),
        leader=None if pd.isna(row["leader"]) else int(row["leader"]),
        founded_day=int(row["founded_day"]),
        dissolved_day=None if pd.isna(row["dissolved_day"]) else int(row["dissolved_day"]),
        norms={n: row[n] for n in NORMS},
        ladder=ladder,
        series=series[series["pack"] == pack].set_index("day").drop(columns="pack"),
        history=chronicle(text, pack=int(pack)),
        conflicts=told,
    )


def _span(text: RunText, first: int, last: int) -> str:
    start, end = when(text, first), when(text, last)
    return start if start == end else f"{start} to {end.removeprefix('in ')}"


def _facts(run: Run, text: RunText) -> list[tuple[str, str]]:
    m = run.manifest
    counts = run.query(
        f"SELECT (SELECT count(*) FROM events WHERE replicate = {text.replicate}) AS events, "
        f"(SELECT count(*) FROM wolves WHERE replicate = {text.replicate} AND alive) AS living, "
        f"(SELECT count(*) FROM wolves WHERE replicate = {text.replicate}) AS wolves, "
        f"(SELECT count(*) FROM packs WHERE replicate = {text.replicate} AND alive) AS packs"
    ).iloc[0]
    return [
        ("scenario", str(m.get("scenario", ""))),
        ("seed", f"{text.seed} (replicate {text.replicate} of {m.get('replicates', 1)})"),
        ("days", f"{m.get('days_done')} of {m.get('days')} ({_span(text, 0, text.last_day)})"),
        ("status", str(m.get("status", ""))),
        ("wolves", f"{int(counts['living']):,} living of {int(counts['wolves']):,} who lived"),
        ("packs", f"{int(counts['packs']):,} standing"),
        ("events", f"{int(counts['events']):,}"),
        ("rules", str(m.get("rules", {}).get("preset", ""))),
        ("packbond", str(m.get("packbond_version", ""))),
    ]


def gather(run: Run, replicate: int = 0) -> ReportData:
    """Everything the report shows, for one replicate of the run."""
    text = RunText(run, replicate)
    loaded = _scenario(run)
    found = sift(run, builtin_patterns(), top=STORIES * 4)
    stories = [s for s in found.stories if s.replicate == replicate][:STORIES]
    views = [
        StoryView(i, s, _span(text, s.first_day, s.last_day))
        for i, s in enumerate(stories, start=1)
    ]
    wolf_ids = _notable_wolves(text, loaded, stories)
    cast_size = len(loaded.scenario.cast) if loaded is not None else 0
    traces = run.traces
    traces = traces[traces["replicate"] == replicate] if len(traces) else traces
    wolves = [_wolf_page(text, w, w < cast_size, traces) for w in wolf_ids]
    for page in wolves:
        page.stories = [v.number for v in views if page.wolf_id in v.story.cast.values()]
    days = _days(text)
    pack_ids = _notable_packs(text, loaded, wolf_ids)
    series = _pack_series(text, pack_ids, days)
    all_packs = run.query(
        "SELECT p.pack_id, p.name, CAST(p.region AS VARCHAR) AS region, p.alive, p.members, "
        "p.founded_day, p.dissolved_day, p.leader AS leader_id, l.name AS leader "
        "FROM packs p LEFT JOIN wolves l ON "
        f"l.replicate = p.replicate AND l.wolf_id = p.leader WHERE p.replicate = {replicate} "
        "ORDER BY p.alive DESC, p.members DESC, p.pack_id LIMIT 2000"
    )
    return ReportData(
        run=run,
        text=text,
        title=f"packbond report: {run.manifest.get('scenario', 'a run')}",
        facts=_facts(run, text),
        population=_population(text, days),
        designations=_designations(text, days),
        seasons=_seasons(text),
        wars=_wars(text),
        packs=[_pack_page(text, p, series) for p in pack_ids],
        all_packs=all_packs,
        wolves=wolves,
        stories=views,
        canon=canon_view(run, loaded, replicate) if loaded is not None else None,
        pack_names={int(k): str(v) for k, v in text.packs["name"].items()},
        wolf_names={p.wolf_id: p.name for p in wolves},
        stopped=run.stopped_note(),
    )
