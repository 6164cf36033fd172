"""A wolf's life in a few lines: who they are (a biography's opening) and how they ended.

Built from the wolves table (designation, scent, parents, packs) and the events that name the
wolf (birth, presenting, matings, death), so every line has events or the snapshot behind it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.calendar import SEASONS
from ..events import registry
from .sentences import PRONOUNS, age_words, article, capitalised
from .source import RunText
from .telling import Line

__all__ = [
    "Mates",
    "ending",
    "mates_of",
    "obituary",
    "pack_ending",
    "pack_opening",
    "portrait",
    "storied",
    "when",
]

_ROUTINE = tuple(k.name for k in registry().kinds.values() if k.tier == "routine")

Mates = dict[int, list[tuple[int, int]]]
"""Each wolf's mates, in order, with the event that bonded them."""


def when(text: RunText, day: int) -> str:
    """'in the winter of year 2'."""
    date = text.calendar.date(int(day))
    return f"in the {SEASONS[date.season]} of year {date.year}"


def _name(text: RunText, wolf: Any) -> str:
    if wolf is None or pd.isna(wolf):
        return "an unknown wolf"
    return text.namer.wolf(text.replicate, wolf)[0]


def _designation(designation: str) -> str:
    """'an omega', or 'a young wolf who had not presented'."""
    if designation == "unpresented":
        return "a young wolf who had not yet presented"
    return article(designation)


def _wolf_events(text: RunText, wolf: int, kinds: tuple[str, ...]) -> pd.DataFrame:
    listed = ", ".join(f"'{k}'" for k in kinds)
    return text.events(f"kind IN ({listed}) AND {wolf} IN (actor, target, other)")


def mates_of(text: RunText, wolves: list[int]) -> Mates:
    """Every mate the log holds for these wolves (one query, however many wolves)."""
    found: Mates = {int(w): [] for w in wolves}
    if not found:
        return found
    listed = ", ".join(str(w) for w in found)
    bonds = text.events(
        f"kind IN ('mated', 'paired') AND (actor IN ({listed}) OR target IN ({listed}))"
    )
    for ev in bonds.itertuples(index=False):
        for wolf, other in ((ev.actor, ev.target), (ev.target, ev.actor)):
            if pd.isna(wolf) or pd.isna(other) or int(wolf) not in found:
                continue
            if int(other) not in {m for m, _ in found[int(wolf)]}:
                found[int(wolf)].append((int(other), int(ev.event_id)))
    return found


def portrait(text: RunText, wolf: int, start: int = 0) -> list[Line]:
    """Who a wolf is: born to whom, designation, scent and mates."""
    row = text.wolves.loc[wolf]
    name, sex = text.namer.wolf(text.replicate, wolf)
    they = PRONOUNS.get(sex, PRONOUNS[""])
    alive = bool(row["alive"])
    child = {"M": "son", "F": "daughter"}.get(sex, "child")
    lines: list[Line] = []
    born = _wolf_events(text, wolf, ("born",))
    born = born[born["actor"] == wolf]
    origin = text.namer.pack(text.replicate, row["origin_pack"])
    known = [
        p for p in (_name(text, row["mother"]), _name(text, row["father"])) if "unknown" not in p
    ]
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
        age = age_words((start - int(row["birth_day"])) / text.calendar.days_per_year)
        lines.append(
            Line(
                f"{name} was {age} old when the chronicle began, of the {origin} pack{of_parents}.",
                (),
                start,
            )
        )
    designation = str(row["designation"])
    presented = _wolf_events(text, wolf, ("presented",))
    verb = "is" if alive else "was"
    if designation == "unpresented":
        lines.append(Line(f"{capitalised(they['they'])} never presented.", (), start))
    elif len(presented):
        ev = presented.iloc[0]
        lines.append(
            Line(
                f"{capitalised(they['they'])} presented as {article(designation)} "
                f"{when(text, ev.day)}.",
                (int(ev.event_id),),
                int(ev.day),
            )
        )
    else:
        lines.append(Line(f"{capitalised(they['they'])} {verb} {article(designation)}.", (), start))
    if isinstance(row["scent"], str) and row["scent"]:
        lines.append(
            Line(f"{capitalised(they['their'])} scent {verb} of {row['scent']}.", (), start)
        )
    mates = mates_of(text, [wolf])[wolf]
    if mates:
        names = " and later ".join(_name(text, m) for m, _ in mates)
        lines.append(
            Line(
                f"{capitalised(they['they'])} was mated to {names}.",
                tuple(e for _, e in mates),
                start,
            )
        )
    elif not pd.isna(row["mate"]):
        lines.append(
            Line(f"{capitalised(they['their'])} mate is {_name(text, row['mate'])}.", (), start)
        )
    return lines


def _pups(text: RunText, wolf: int) -> int:
    wolves = text.wolves
    return int(((wolves["mother"] == wolf) | (wolves["father"] == wolf)).sum())


def obituary(text: RunText, wolf: int, mates: Mates | None = None) -> Line:
    """A dead wolf's life in one line: who they were, whom they loved, whom they left."""
    row = text.wolves.loc[wolf]
    name = text.namer.wolf(text.replicate, wolf)[0]
    origin = text.namer.pack(text.replicate, row["origin_pack"])
    final = text.namer.pack(text.replicate, row["pack"])
    parts = [f"{name} had been {_designation(str(row['designation']))}"]
    if pd.isna(row["pack"]) or final == origin:
        parts[0] += f" of the {origin} pack"
    else:
        parts.append(f"born to the {origin} pack and last of the {final} pack")
    known = (mates if mates is not None and wolf in mates else mates_of(text, [wolf]))[wolf]
    if known:
        parts.append("mate of " + " and later of ".join(_name(text, m) for m, _ in known))
    pups = _pups(text, wolf)
    if pups:
        parts.append(f"parent of {'one pup' if pups == 1 else f'{pups} pups'}")
    if len(parts) > 2:
        parts[-1] = "and " + parts[-1]
    sources = tuple(e for _, e in known)
    return Line(", ".join(parts) + ".", sources, int(row["death_day"]))


def ending(
    text: RunText, wolf: int, end: int | None = None, death_told: bool = False
) -> list[Line]:
    """How a biography ends: the death (unless told already) and an obituary, the road beyond
    the known lands, or where the wolf is at the end of the chronicle."""
    row = text.wolves.loc[wolf]
    name, sex = text.namer.wolf(text.replicate, wolf)
    they = PRONOUNS.get(sex, PRONOUNS[""])
    last = text.last_day if end is None else min(end, text.last_day)
    if not pd.isna(row["death_day"]) and int(row["death_day"]) <= last:
        lines = []
        if not death_told:
            died = _wolf_events(text, wolf, ("died",))
            cause = str(died.iloc[0]["detail"]) if len(died) else "unknown causes"
            sources = (int(died.iloc[0]["event_id"]),) if len(died) else ()
            age = age_words(float(row["age_years"]))
            lines.append(
                Line(
                    f"{name} died of {cause} {when(text, row['death_day'])}, aged {age}.",
                    sources,
                    int(row["death_day"]),
                )
            )
        return [*lines, obituary(text, wolf)]
    if not pd.isna(row.get("gone_day")) and int(row["gone_day"]) <= last:
        return [
            Line(
                f"{name} went beyond the known lands {when(text, row['gone_day'])} and was not "
                "seen again.",
                (),
                int(row["gone_day"]),
            )
        ]
    if last < text.last_day:
        return [Line(f"Here the chronicle of {name} pauses, {when(text, last)}.", (), last)]
    where = f"in the {text.namer.pack(text.replicate, row['pack'])} pack"
    if pd.isna(row["pack"]):
        where = "on the road, without a pack"
    mate = "" if pd.isna(row["mate"]) else f", mated to {_name(text, row['mate'])}"
    rank = f", and {they['they']} holds high rank" if bool(row.get("high_rank", False)) else ""
    return [
        Line(
            f"At the end of the chronicle ({when(text, last)}), {name} lives {where}{mate}{rank}.",
            (),
            last,
        )
    ]


def pack_opening(text: RunText, pack: int, start: int = 0) -> list[Line]:
    """Where a pack comes from: founded in the run (by whom) or already in the land."""
    row = text.packs.loc[pack]
    name = text.namer.pack(text.replicate, pack)
    region = "" if pd.isna(row.get("region")) else f" in the {row['region']}"
    founded = text.events(f"kind = 'founded_pack' AND pack = {int(pack)}")
    if len(founded):
        ev = founded.iloc[0]
        return [
            Line(
                f"The {name} pack was founded{region} {when(text, ev.day)} by "
                f"{_name(text, ev.actor)}.",
                (int(ev.event_id),),
                int(ev.day),
            )
        ]
    return [Line(f"The {name} pack lived{region} when the chronicle began.", (), start)]


def pack_ending(text: RunText, pack: int, end: int | None = None) -> list[Line]:
    """How a pack's history ends: its end, or who lives in it and who leads it."""
    row = text.packs.loc[pack]
    name = text.namer.pack(text.replicate, pack)
    last = text.last_day if end is None else min(end, text.last_day)
    gone = row.get("dissolved_day")
    if not pd.isna(gone) and int(gone) <= last:
        ended = text.events(f"kind = 'pack_dissolved' AND pack = {int(pack)}")
        sources = (int(ended.iloc[0]["event_id"]),) if len(ended) else ()
        return [Line(f"The {name} pack was no more {when(text, gone)}.", sources, int(gone))]
    if last < text.last_day:
        return [Line(f"Here the history of the {name} pack pauses, {when(text, last)}.", (), last)]
    members = int(row.get("members", 0))
    leader = "" if pd.isna(row["leader"]) else f", led by {_name(text, row['leader'])}"
    return [
        Line(
            f"At the end of the chronicle ({when(text, last)}), the {name} pack numbers "
            f"{members} {'wolf' if members == 1 else 'wolves'}{leader}.",
            (),
            last,
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
