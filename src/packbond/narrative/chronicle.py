"""Chronicles: the world's, a pack's, or one wolf's story, season by season.

A world chronicle tells what mattered and tallies the routine of each season (hunts, heats, scent);
a pack's history tells everything its members did as a pack and what others did to it; a
biography tells everything a wolf took part in, opening with who they are and ending with how
they ended. Deaths of wolves who lived a story get an obituary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ..core.calendar import SEASONS
from ..events import registry
from .lives import ending, mates_of, obituary, pack_ending, pack_opening, portrait, storied
from .source import RunText
from .telling import Line, Teller

__all__ = ["Chronicle", "Section", "chronicle"]


@dataclass
class Section:
    """One season of a chronicle."""

    title: str
    lines: list[Line]
    tally: str = ""
    """The season's routine, counted rather than told (world chronicles)."""

    def paragraphs(self, longest: int = 7) -> list[list[Line]]:
        """The lines in paragraphs: a turning point starts one, and none runs too long."""
        out: list[list[Line]] = []
        for line in self.lines:
            breaks = False
            if out:
                last = out[-1]
                breaks = line.turning_point and len(last) >= 2 and not last[-1].turning_point
            if not out or breaks or len(out[-1]) >= longest:
                out.append([])
            out[-1].append(line)
        return out


@dataclass
class Chronicle:
    """A told stretch of a run."""

    title: str
    subject: str
    """``world``, ``pack`` or ``wolf``."""
    opening: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    note: str = ""
    """Said under the title: that the run stopped before its last day, when it did."""

    @property
    def lines(self) -> list[Line]:
        """Every line, in reading order."""
        return [
            *self.opening,
            *(line for s in self.sections for line in s.lines),
            *self.closing,
        ]


def _window(start: int | None, end: int | None) -> str:
    parts = []
    if start is not None:
        parts.append(f"day >= {int(start)}")
    if end is not None:
        parts.append(f"day <= {int(end)}")
    return " AND ".join(parts) or "TRUE"


def _tally(events: pd.DataFrame) -> str:
    counts = Counter(str(k) for k in events["kind"] if str(k) != "season_changed")
    return ", ".join(f"{k.replace('_', ' ')} ×{n}" for k, n in counts.most_common())


def _sections(
    text: RunText, events: pd.DataFrame, *, tally_routine: bool, obituaries: bool
) -> list[Section]:
    reg = registry()
    teller = Teller(text)
    cal = text.calendar
    season_no = (events["day"] + cal.start_season * cal.days_per_season) // cal.days_per_season
    routine = events["kind"].astype(str).map(lambda k: reg[k].tier == "routine")
    dead = events.loc[events["kind"].astype(str) == "died", "actor"].dropna().astype(int)
    worth = storied(text, sorted(set(dead))) if obituaries else set()
    sections = []
    for number, season_events in events.groupby(season_no, sort=True):
        season = SEASONS[int(number) % 4]
        date = cal.date(int(season_events["day"].iloc[0]))
        told = season_events[~routine.loc[season_events.index]] if tally_routine else season_events
        told = told[told["kind"].astype(str) != "season_changed"]
        lines = teller.lines(told, period=f"that {season}")
        if worth:
            lines = _with_obituaries(text, lines, told, worth)
        tally = ""
        if tally_routine:
            tally = _tally(season_events[routine.loc[season_events.index]])
        if lines or tally:
            title = f"{season.capitalize()} of year {date.year}"
            sections.append(Section(title, lines, tally))
    return sections


def _with_obituaries(
    text: RunText, lines: list[Line], told: pd.DataFrame, worth: set[int]
) -> list[Line]:
    """Each death of a wolf who lived a story, followed by their obituary."""
    deaths = told[told["kind"].astype(str) == "died"]
    dead_by_event = dict(zip(deaths["event_id"].astype(int), deaths["actor"], strict=True))
    mates = mates_of(
        text, sorted(w for w in set(deaths["actor"].dropna().astype(int)) if w in worth)
    )
    out: list[Line] = []
    for line in lines:
        out.append(line)
        if line.kind == "died":
            wolf = dead_by_event.get(line.sources[-1])
            if wolf is not None and not pd.isna(wolf) and int(wolf) in worth:
                out.append(obituary(text, int(wolf), mates))
    return out


def chronicle(
    text: RunText,
    *,
    wolf: int | str | None = None,
    pack: int | str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Chronicle:
    """The chronicle of the world, of a pack (``pack``) or of a wolf's life (``wolf``).

    A wolf or pack is given by id or by name.
    """
    told = _chronicle(text, wolf=wolf, pack=pack, start=start, end=end)
    stopped = text.run.stopped_note()
    if stopped is not None:
        told.note = f"The run is {stopped}; this tells what it holds."
    return told


def _chronicle(
    text: RunText,
    *,
    wolf: int | str | None,
    pack: int | str | None,
    start: int | None,
    end: int | None,
) -> Chronicle:
    window = _window(start, end)
    if isinstance(wolf, str):
        wolf = text.wolf_id(wolf)
    if isinstance(pack, str):
        pack = text.pack_id(pack)
    if wolf is not None:
        name = text.namer.wolf(text.replicate, wolf)[0]
        events = text.events(f"{window} AND {int(wolf)} IN (actor, target, other)")
        death_told = bool(((events["kind"] == "died") & (events["actor"] == wolf)).any())
        return Chronicle(
            title=f"The life of {name}",
            subject="wolf",
            opening=portrait(text, wolf, start or 0),
            sections=_sections(text, events, tally_routine=False, obituaries=False),
            closing=ending(text, wolf, end, death_told=death_told),
        )
    if pack is not None:
        name = text.namer.pack(text.replicate, pack)
        events = text.events(f"{window} AND {int(pack)} IN (pack, rival)")
        return Chronicle(
            title=f"A history of the {name} pack",
            subject="pack",
            opening=pack_opening(text, pack, start or 0),
            sections=_sections(text, events, tally_routine=True, obituaries=True),
            closing=pack_ending(text, pack, end),
        )
    scenario = str(text.run.manifest.get("scenario", "the world"))
    events = text.events(window)
    return Chronicle(
        title=f"A chronicle of {scenario}",
        subject="world",
        sections=_sections(text, events, tally_routine=True, obituaries=True),
    )
