"""A wolf's life in a few lines: who they are (a biography's opening) and how they ended.

Built from the wolves table (designation, scent, parents, packs) and the events that name the
wolf (birth, presenting, matings, death), so every line has events or the snapshot behind it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..calendar import SEASONS
from ..events import registry
from .sentences import PRONOUNS, capitalised
from .source import RunText
from .telling import Line

__all__ = ["ending", "obituary", "portrait", "storied", "when"]

_ROUTINE = tuple(k.name for k in registry().kinds.values() if k.tier == "routine")


def when(text: RunText, day: int) -> str:
    """'in the winter of year 2'."""
    date = text.calendar.date(int(day))
    return f"in the {SEASONS[date.season]} of year {date.year}"


def _name(text: RunText, wolf: Any) -> str:
    if wolf is None or pd.isna(wolf):
        return "an unknown wolf"
    return text.namer.wolf(text.replicate, wolf)[0]


def _article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _wolf_events(text: RunText, wolf: int, kinds: tuple[str, ...]) -> pd.DataFrame:
    listed = ", ".join(f"'{k}'" for k in kinds)
    return text.events(f"kind IN ({listed}) AND {wolf} IN (actor, target, other)")


def _mates(text: RunText, wolf: int) -> list[tuple[int, int]]:
    """(mate, event id) for every mating the log holds for a wolf, in order."""
    bonds = _wolf_events(text, wolf, ("mated", "paired"))
    found: list[tuple[int, int]] = []
    for ev in bonds.itertuples(index=False):
        other = ev.target if int(ev.actor) == wolf else ev.actor
        if not pd.isna(other) and int(other) not in {m for m, _ in found}:
            found.append((int(other), int(ev.event_id)))
    return found


def portrait(text: RunText, wolf: int) -> list[Line]:
    """Who a wolf is: designation, pack, parents, scent and mate."""
    row = text.wolves.loc[wolf]
    name, sex = text.namer.wolf(text.replicate, wolf)
    they = PRONOUNS.get(sex, PRONOUNS[""])
    child = {"M": "son", "F": "daughter"}.get(sex, "child")
    first_day = 0
    lines: list[Line] = []
    born = _wolf_events(text, wolf, ("born",))
    born = born[born["actor"] == wolf]
    origin = text.namer.pack(text.replicate, row["origin_pack"])
    parents = [_name(text, row["mother"]), _name(text, row["father"])]
    known = [p for p in parents if p != "an unknown wolf"]
    of_parents = f", the {child} of {' and '.join(known)}" if known else ""
    if len(born):
        ev = born.iloc[0]
        lines.append(
            Line(
                f"{name} was born {when(text, ev.day)} in the {origin} pack{of_parents}.",
                (int(ev.event_id),),
                int(ev.day),
            )
        )
    else:
        age = (first_day - int(row["birth_day"])) / text.calendar.days_per_year
        lines.append(
            Line(
                f"{name} was {age:.0f} years old when the chronicle began, of the {origin} "
                f"pack{of_parents}.",
                (),
                first_day,
            )
        )
    designation = str(row["designation"])
    presented = _wolf_events(text, wolf, ("presented",))
    if designation == "unpresented":
        lines.append(Line(f"{capitalised(they['they'])} had not yet presented.", (), first_day))
    elif len(presented):
        ev = presented.iloc[0]
        lines.append(
            Line(
                f"{capitalised(they['they'])} presented as {_article(designation)} "
                f"{when(text, ev.day)}.",
                (int(ev.event_id),),
                int(ev.day),
            )
        )
    else:
        lines.append(Line(f"{capitalised(they['they'])} is {_article(designation)}.", (), 0))
    if isinstance(row["scent"], str) and row["scent"]:
        lines.append(
            Line(f"{capitalised(they['their'])} scent is of {row['scent']}.", (), first_day)
        )
    mates = _mates(text, wolf)
    if mates:
        names = " and later ".join(_name(text, m) for m, _ in mates)
        lines.append(
            Line(
                f"{capitalised(they['they'])} was mated to {names}.",
                tuple(e for _, e in mates),
                first_day,
            )
        )
    elif not pd.isna(row["mate"]):
        lines.append(
            Line(f"{capitalised(they['their'])} mate is {_name(text, row['mate'])}.", (), first_day)
        )
    return lines


def _pups(text: RunText, wolf: int) -> int:
    wolves = text.wolves
    return int(((wolves["mother"] == wolf) | (wolves["father"] == wolf)).sum())


def obituary(text: RunText, wolf: int) -> Line:
    """A dead wolf's life in one line: who they were, whom they loved, whom they left."""
    row = text.wolves.loc[wolf]
    name, sex = text.namer.wolf(text.replicate, wolf)
    PRONOUNS.get(sex, PRONOUNS[""])
    parts = [f"{name} had been {_article(str(row['designation']))}"]
    origin = text.namer.pack(text.replicate, row["origin_pack"])
    final = text.namer.pack(text.replicate, row["pack"])
    if pd.isna(row["pack"]) or final == origin:
        parts.append(f"of the {origin} pack")
    else:
        parts.append(f"born to the {origin} pack, last of the {final} pack")
    mates = _mates(text, wolf)
    sources = tuple(e for _, e in mates)
    if mates:
        parts.append("mate of " + " and later of ".join(_name(text, m) for m, _ in mates))
    pups = _pups(text, wolf)
    if pups:
        parts.append(f"and parent of {pups} pup{'s' if pups > 1 else ''}")
    text_ = " ".join(parts[:2]) + "".join(", " + p for p in parts[2:]) + "."
    return Line(text_, sources, int(row["death_day"]))


def ending(text: RunText, wolf: int) -> list[Line]:
    """How a biography ends: the death and an obituary, or where the wolf is at the end."""
    row = text.wolves.loc[wolf]
    name, sex = text.namer.wolf(text.replicate, wolf)
    they = PRONOUNS.get(sex, PRONOUNS[""])
    if not bool(row["alive"]) and not pd.isna(row["death_day"]):
        died = _wolf_events(text, wolf, ("died",))
        cause = str(died.iloc[0]["detail"]) if len(died) else "unknown causes"
        sources = (int(died.iloc[0]["event_id"]),) if len(died) else ()
        age = float(row["age_years"])
        line = Line(
            f"{name} died of {cause} {when(text, row['death_day'])}, aged {age:.0f}.",
            sources,
            int(row["death_day"]),
        )
        return [line, obituary(text, wolf)]
    if not pd.isna(row.get("gone_day")):
        return [
            Line(
                f"{name} went beyond the known lands {when(text, row['gone_day'])} and was not "
                "seen again.",
                (),
                int(row["gone_day"]),
            )
        ]
    end = text.last_day
    where = f"in the {text.namer.pack(text.replicate, row['pack'])} pack"
    if pd.isna(row["pack"]):
        where = "on the road, without a pack"
    mate = "" if pd.isna(row["mate"]) else f", mated to {_name(text, row['mate'])}"
    rank = ""
    if bool(row.get("high_rank", False)):
        rank = f", and {they['they']} holds high rank"
    return [
        Line(
            f"At the end of the chronicle ({when(text, end)}), {name} lives {where}{mate}{rank}.",
            (),
            end,
        )
    ]


def storied(text: RunText, wolves: list[int], least: int = 3) -> set[int]:
    """Which of these wolves lived a story: a mate, or at least ``least`` events beyond routine."""
    if not wolves:
        return set()
    listed = ", ".join(str(int(w)) for w in wolves)
    routine = ", ".join(f"'{k}'" for k in _ROUTINE)
    counts = text.run.query(f"""
        SELECT w AS wolf, count(*) FILTER (WHERE kind NOT IN ({routine})) AS told,
               count(*) FILTER (WHERE kind IN ('mated', 'paired')) AS bonds
        FROM (SELECT kind, unnest([actor, target, other]) AS w FROM events
              WHERE replicate = {text.replicate}) WHERE w IN ({listed}) GROUP BY w""")
    return {int(r.wolf) for r in counts.itertuples() if r.told >= least or r.bonds > 0}
