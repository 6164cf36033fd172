"""Sifting a run for stories: match every pattern, score each match, fold near-twins, rank.

Salience is the sum of three parts, each shown to the reader as a reason:

* rarity, ``ln(1 + 100 / rate)`` where rate is the pattern's matches per 100 wolf-years of the
  run (a story that happens once a century outranks one that happens every season);
* the lives it touches, ``ln(1 + wolves named in its events)``;
* its stakes, half the sum of the event kinds' ``stakes`` (deaths 3, wars 2.5, bonds 2, rank
  1.5, harm 1), capped at 5.

Matches with the same pattern, replicate and cast are near-identical (the same wolves living the
same shape again); the most salient one is shown and the others counted. So that one shape does
not fill the list, a ranked list holds at most three stories of a pattern (unless only one
pattern is asked for), and a story told entirely inside a higher-ranked one is left out.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from packbond.api import Run
from packbond.events import registry

from ..source import RunText
from ..telling import Line, Teller
from .compile import MatchQuery, compile_pattern, quoted, role_column
from .patterns import Pattern, PatternLibrary

__all__ = [
    "PER_PATTERN",
    "SiftResult",
    "Story",
    "count_matches",
    "find_matches",
    "sift",
    "wolf_years",
]


@dataclass
class Story:
    """One sifted story: a match (or a partial one) with its cast, steps and reasons."""

    pattern: str
    title: str
    replicate: int
    first_day: int
    last_day: int
    cast: dict[str, int | None]
    ids: tuple[int, ...]
    salience: float
    why: list[str]
    similar: int = 0
    steps_done: int = 0
    steps: int = 0
    lines: list[Line] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """A story still under way: not every step has happened yet."""
        return self.steps_done < self.steps


@dataclass
class SiftResult:
    """The ranked stories of a run and every pattern's count."""

    stories: list[Story]
    counts: dict[str, int]
    """Complete matches per pattern (before folding)."""
    wolf_years: float


def wolf_years(run: Run, replicate: int | None = None) -> float:
    """Years lived by all wolves during the run (or one replicate), summed: the exposure that
    stories are rated by."""
    end = int(run.manifest.get("days_done", 0))
    where = "" if replicate is None else f"WHERE replicate = {int(replicate)}"
    frame = run.query(f"""
        SELECT coalesce(sum(greatest(0, least(coalesce(death_day, gone_day, {end}), {end})
                                     - greatest(birth_day, 0))), 0) AS days
        FROM wolves {where}""")
    return float(frame["days"].iloc[0]) / run.calendar.days_per_year


def _stakes_values() -> str:
    rows = [f"('{k.name}', {k.stakes!r})" for k in registry().kinds.values() if k.stakes]
    return f"(VALUES {', '.join(rows)}) AS st(kind, stakes)" if rows else ""


def _score(query: MatchQuery, source: str, roles: list[str]) -> str:
    """Adds the scoring tables to a query; returns the final SELECT (numbered matches, scored)."""
    role_cols = ", ".join(role_column(r) for r in roles)
    stakes = _stakes_values()
    stakes_join = f"LEFT JOIN {stakes} ON st.kind = CAST(e.kind AS VARCHAR)" if stakes else ""
    stakes_sum = "coalesce(sum(st.stakes), 0)" if stakes else "0.0"
    query.ctes += [
        (
            "numbered",
            f"SELECT row_number() OVER (ORDER BY replicate, first_id, last_id, {role_cols}) "
            f"AS match_no, * FROM {quoted(source)}",
        ),
        ("exploded", "SELECT match_no, replicate, unnest(ids) AS eid FROM numbered"),
        (
            "ev",
            "SELECT x.match_no, e.kind, e.actor, e.target, e.other FROM exploded x "
            "JOIN events e ON e.replicate = x.replicate AND e.event_id = x.eid",
        ),
        (
            "agg",
            f"SELECT match_no, {stakes_sum} AS stakes FROM ev e {stakes_join} GROUP BY match_no",
        ),
        (
            "lv",
            "SELECT match_no, count(DISTINCT w) AS lives FROM (SELECT match_no, "
            "unnest([actor, target, other]) AS w FROM ev) WHERE w IS NOT NULL GROUP BY match_no",
        ),
    ]
    return (
        "SELECT n.*, coalesce(a.stakes, 0) AS stakes, coalesce(l.lives, 0) AS lives "
        "FROM numbered n LEFT JOIN agg a USING (match_no) "
        "LEFT JOIN lv l USING (match_no) ORDER BY match_no"
    )


def _partials(query: MatchQuery, pattern: Pattern, roles: list[str], last_day: int) -> str:
    """Matches that got through some steps and may still go on (the next window is open)."""
    parts = []
    bound: list[str] = []
    prefix = f"{pattern.name}/"
    for i, step in enumerate(pattern.steps[:-1], start=1):
        bound += [r for r in dict.fromkeys(step.bind.values()) if r not in bound]
        if i < 2:
            continue  # one event is not yet a story under way
        cols = ", ".join(
            (role_column(r) if r in bound else f"NULL::BIGINT AS {role_column(r)}") for r in roles
        )
        ids = ", ".join(f"ids_{k}" for k in range(1, i + 1))
        window = pattern.steps[i].within
        parent = f"parent_{i + 1}" if pattern.steps[i].every else "row_key"
        still = "TRUE" if window is None else f"day_{i} + {int(window)} >= {last_day}"
        parts.append(
            f"SELECT replicate, start_id AS first_id, id_{i} AS last_id, start_day AS first_day, "
            f"day_{i} AS last_day, flatten([{ids}]) AS ids, {cols}, {i} AS steps_done "
            f"FROM {quoted(query.stages[i - 1])} s WHERE {still} AND NOT EXISTS "
            f"(SELECT 1 FROM {quoted(prefix + f'm{i + 1}')} n WHERE n.{parent} = s.row_key)"
        )
    if not parts:
        return ""
    return " UNION ALL ".join(parts)


def _roles(pattern: Pattern, library: PatternLibrary) -> list[str]:
    return list(library.role_kinds(pattern.name))


def find_matches(
    run: Run, library: PatternLibrary, name: str, *, partial: bool = False
) -> pd.DataFrame:
    """Every match of a pattern in a run, scored (stakes, lives); partial ones if asked."""
    pattern = library[name]
    query = compile_pattern(library, name, run.calendar)
    roles = _roles(pattern, library)
    steps = len(pattern.steps)
    if partial:
        partials = _partials(query, pattern, roles, int(run.manifest.get("days_done", 0)) - 1)
        if not partials:
            return _empty(roles)
        query.ctes.append(("found", partials))
    else:
        query.ctes.append(("found", f"SELECT *, {steps} AS steps_done FROM {quoted(query.match)}"))
    frame = run.query(query.sql(_score(query, "found", roles)))
    frame.attrs["roles"] = roles
    return frame


def count_matches(run: Run, library: PatternLibrary, name: str) -> dict[int, int]:
    """Complete matches of a pattern per replicate (replicates without one are left out)."""
    query = compile_pattern(library, name, run.calendar)
    frame = run.query(
        query.sql(f"SELECT replicate, count(*) AS n FROM {quoted(query.match)} GROUP BY replicate")
    )
    return {int(r.replicate): int(r.n) for r in frame.itertuples()}


def _empty(roles: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        columns=[
            "match_no",
            "replicate",
            "first_id",
            "last_id",
            "first_day",
            "last_day",
            "ids",
            *[f"r:{r}" for r in roles],
            "steps_done",
            "stakes",
            "lives",
        ]
    )
    frame.attrs["roles"] = roles
    return frame


def _rarity(rate: float) -> float:
    return math.log1p(100.0 / rate) if rate > 0 else math.log1p(100.0)


def _salience(frame: pd.DataFrame, rate: float) -> np.ndarray:
    lives = frame["lives"].to_numpy(dtype=np.float64)
    stakes = np.minimum(0.5 * frame["stakes"].to_numpy(dtype=np.float64), 5.0)
    return _rarity(rate) + np.log1p(lives) + stakes


def _fold(frame: pd.DataFrame, cast: list[str]) -> pd.DataFrame:
    """One row per (pattern, replicate, cast): the most salient, with how many it stands for."""
    if frame.empty:
        return frame.assign(similar=0)
    key = frame[[f"r:{r}" for r in cast]].apply(
        lambda row: tuple(sorted(int(x) for x in row if not pd.isna(x))), axis=1
    )
    frame = frame.assign(_key=key.astype(str))
    frame = frame.sort_values(["salience", "match_no"], ascending=[False, True], kind="stable")
    counts = frame.groupby(["replicate", "_key"])["match_no"].transform("size")
    frame = frame.assign(similar=counts - 1)
    return frame.drop_duplicates(["replicate", "_key"]).drop(columns="_key")


def _why(row: dict[str, Any], rate: float, events: pd.DataFrame) -> list[str]:
    reg = registry()
    if rate <= 0:
        why = ["never yet finished in this run"]
    elif rate < 10:
        why = [f"rare: {rate:.2g} per 100 wolf-years"]
    else:
        why = [f"{rate:.0f} per 100 wolf-years"]
    lives = int(row["lives"])
    why.append(f"touches {lives} {'life' if lives == 1 else 'lives'}")
    high = Counter(str(k) for k in events["kind"] if reg[str(k)].stakes >= 1.5)
    if high:
        at_stake = ", ".join(
            f"{k.replace('_', ' ')}" + (f" ×{n}" if n > 1 else "") for k, n in high.most_common()
        )
        why.append(f"at stake: {at_stake}")
    if int(row["similar"]):
        why.append(f"{int(row['similar'])} more like it folded in")
    return why


PER_PATTERN = 3
"""At most this many stories of one pattern in a ranked list (unless one pattern is asked for)."""


def _best(frame: pd.DataFrame, top: int, per_pattern: int) -> list[dict[str, Any]]:
    """The most salient rows, at most ``per_pattern`` of a pattern, none told inside another.

    A story whose events all belong to a story ranked above it (a conquest inside the absorbed
    pack it led to) is the same story again, and is left out.
    """
    ranked = frame.sort_values(
        ["salience", "pattern", "replicate", "first_id"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    chosen: list[dict[str, Any]] = []
    told: list[tuple[int, frozenset[int]]] = []
    shown: Counter[str] = Counter()
    for row in ranked.to_dict("records"):
        ids = frozenset(int(i) for i in row["ids"])
        if shown[row["pattern"]] >= per_pattern:
            continue
        if any(rep == row["replicate"] and ids <= other for rep, other in told):
            continue
        chosen.append(row)
        told.append((int(row["replicate"]), ids))
        shown[row["pattern"]] += 1
        if len(chosen) == top:
            break
    return chosen


def sift(
    run: Run,
    library: PatternLibrary,
    *,
    patterns: list[str] | None = None,
    top: int = 10,
    partial: bool = False,
) -> SiftResult:
    """The ``top`` most salient stories of a run (partial ones instead, with ``partial``)."""
    names = list(dict.fromkeys(patterns)) if patterns else sorted(library.patterns)
    exposure = max(wolf_years(run), 1e-9)
    counts: dict[str, int] = {}
    scored: list[pd.DataFrame] = []
    for name in names:
        if partial:
            counts[name] = sum(count_matches(run, library, name).values())
            found = find_matches(run, library, name, partial=True)
        else:
            found = find_matches(run, library, name)
            counts[name] = len(found)
        if found.empty:
            continue
        rate = 100.0 * counts[name] / exposure
        found = found.assign(salience=_salience(found, rate), pattern=name, rate=rate)
        scored.append(_fold(found, library[name].cast))
    if not scored:
        return SiftResult([], counts, exposure)
    per_pattern = top if len(names) == 1 else PER_PATTERN
    best = _best(pd.concat(scored, ignore_index=True), top, per_pattern)
    stories = [_story(run, library, row) for row in best]
    return SiftResult(stories, counts, exposure)


def _story(run: Run, library: PatternLibrary, row: dict[str, Any]) -> Story:
    pattern = library[row["pattern"]]
    text = RunText(run, int(row["replicate"]))
    events = text.events_by_id(row["ids"])
    lines = Teller(text).lines(events, period="then")
    cast = {
        role: None if pd.isna(row[f"r:{role}"]) else int(row[f"r:{role}"]) for role in pattern.cast
    }
    return Story(
        pattern=pattern.name,
        title=pattern.title,
        replicate=int(row["replicate"]),
        first_day=int(row["first_day"]),
        last_day=int(row["last_day"]),
        cast=cast,
        ids=tuple(int(i) for i in row["ids"]),
        salience=float(row["salience"]),
        why=_why(row, float(row["rate"]), events),
        similar=int(row["similar"]),
        steps_done=int(row["steps_done"]),
        steps=len(pattern.steps),
        lines=lines,
    )
