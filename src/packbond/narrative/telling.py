"""Telling a run of events as lines of prose: phrasings, causes told as causes, repeats folded.

A line keeps the ids of the events it tells (its sources), so a reader can check every sentence
against the log.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core import rng
from ..events import registry
from .sentences import capitalised, count_words, fill, phrasing_index
from .source import RunText

__all__ = ["Line", "Teller"]

_ROLE_KEY = ("kind", "actor", "target", "other", "pack", "rival")


@dataclass(frozen=True)
class Line:
    """One sentence of a chronicle and the events it tells."""

    text: str
    sources: tuple[int, ...]
    day: int
    kind: str = ""
    """The kind of the event the line tells (empty for lines from the snapshot)."""
    count: int = 1
    """How many events of that kind the line tells (more than one when repeats are folded)."""

    @property
    def turning_point(self) -> bool:
        """Whether the line tells a major event (a chronicle starts a paragraph there)."""
        return bool(self.kind) and registry()[self.kind].tier == "major"


def _starts_with_field(template: str) -> bool:
    return template.startswith("{")


def _key(event: Any, cause: Any | None) -> tuple[Any, ...]:
    """Events with the same key fold into one line: same kind, cast and packs (and detail, when
    the kind has no folded phrasing that tallies details). Only routine kinds and kinds with a
    folded phrasing fold, and never an event whose cause would be told: a repeat is folded, a
    turn of the story is not."""
    kind = registry()[str(event.kind)]
    if (kind.tier != "routine" and kind.folded is None) or cause is not None:
        return ("one", int(event.event_id))
    key = tuple(None if pd.isna(getattr(event, c)) else getattr(event, c) for c in _ROLE_KEY)
    if kind.folded is None:
        key += (None if pd.isna(event.detail) else str(event.detail),)
    return key


def _cause_to_tell(event: Any, causes: dict[int, Any]) -> Any | None:
    """The event's cause if a chronicle would tell it, else None.

    Not told: causes the kind says go without saying, kinds that cannot be told as a cause, and
    a cause whose first role is the same wolf as the event's (``X had left, so X joined``; the
    sentence before usually told it).
    """
    reg = registry()
    kind = reg[str(event.kind)]
    if not kind.tell_cause or pd.isna(event.cause):
        return None
    cause = causes.get(int(event.cause))
    if cause is None or not reg[str(cause.kind)].because:
        return None
    same = not pd.isna(cause.actor) and not pd.isna(event.actor) and cause.actor == event.actor
    return None if same else cause


def _tally(details: list[str]) -> str:
    counts = Counter(d for d in details if d)
    parts = [f"{label} {count_words(n)}" for label, n in counts.most_common()]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class Teller:
    """Tells the events of one replicate."""

    def __init__(self, text: RunText) -> None:
        self.text = text
        self._reg = registry()

    def lines(self, events: pd.DataFrame, *, period: str = "that season") -> list[Line]:
        """The events (of one stretch of time) as lines, repeats with the same cast folded."""
        if events.empty:
            return []
        phrasing = phrasing_index(self.text.seed, events["event_id"], events["kind"])
        causes = self._causes(events)
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        rows = list(events.itertuples(index=False))
        told_causes = [_cause_to_tell(ev, causes) for ev in rows]
        keys = [_key(ev, cause) for ev, cause in zip(rows, told_causes, strict=True)]
        for i, key in enumerate(keys):
            groups[key].append(i)
        told: list[Line] = []
        for i, ev in enumerate(rows):
            group = groups[keys[i]]
            if len(group) > 1:
                if group[0] == i:
                    told.append(self._folded([rows[j] for j in group], period))
                continue
            recent = {source for line in told[-3:] for source in line.sources}
            previous = told[-1].sources[-1] if told else None
            told.append(self._one(ev, int(phrasing[i]), told_causes[i], previous, recent))
        return told

    def _causes(self, events: pd.DataFrame) -> dict[int, Any]:
        wanted = events["cause"].dropna().astype(np.int64)
        here = {int(e.event_id): e for e in events.itertuples(index=False)}
        missing = [c for c in wanted.unique() if int(c) not in here]
        fetched = self.text.events_by_id(missing)
        return {**here, **{int(e.event_id): e for e in fetched.itertuples(index=False)}}

    def _one(
        self,
        ev: Any,
        phrasing: int,
        cause: Any | None,
        previous: int | None,
        recent: set[int],
    ) -> Line:
        kind = self._reg[str(ev.kind)]
        template = kind.phrasings[phrasing]
        sentence = fill(template, ev, self.text.namer)
        sources: tuple[int, ...] = (int(ev.event_id),)
        if cause is not None:
            # "Because ..., X did" and "So X did" only where the sentence opens with a name;
            # other openings ("Seeing X in trouble, ...") take the cause after them. A cause
            # told in the last few sentences is not told again.
            cause_kind = self._reg[str(cause.kind)]
            assert cause_kind.because is not None
            sources = (int(cause.event_id), *sources)
            if previous == int(cause.event_id) and _starts_with_field(template):
                sentence = "So " + sentence
            elif int(cause.event_id) in recent:
                pass
            else:
                because = fill(cause_kind.because, cause, self.text.namer)
                u = rng.reference_uniform(self.text.seed, 1, int(ev.event_id), "cause placement")
                if float(u) < 0.6 and _starts_with_field(template):
                    sentence = f"Because {because}, {sentence}"
                else:
                    sentence = f"{capitalised(sentence).rstrip('.')}, because {because}."
        return Line(capitalised(sentence), sources, int(ev.day), kind.name)

    def _folded(self, events: list[Any], period: str) -> Line:
        first = events[0]
        kind = self._reg[str(first.kind)]
        times = count_words(len(events))
        details = ["" if pd.isna(e.detail) else str(e.detail) for e in events]
        extra = {"times": times, "period": period, "tally": _tally(details)}
        if kind.folded:
            sentence = fill(kind.folded, first, self.text.namer, extra)
        else:
            sentence = fill(kind.template, first, self.text.namer).rstrip(".")
            sentence = f"{sentence}, {times} {period}."
        sources = tuple(int(e.event_id) for e in events)
        return Line(capitalised(sentence), sources, int(first.day), kind.name, len(events))
