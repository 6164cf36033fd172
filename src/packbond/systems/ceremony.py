"""Mating ceremonies (R15) and the bite that makes mates (R18), daily.

On its day, a ceremony set by an accepted offer or an arrangement completes the mating: the
alpha of the pair (else the beta) bites, the other bears the mark for life, and a bond begins,
weaker without consent (``ceremony``, then ``mated``). A ceremony never happens if, before or on
its day, one of the pair dies or leaves the pack (an invasion that night is the war system's to
interrupt): it is ``ceremony_interrupted``, caused by that death or leaving, and no mating
happens.

Reads: alive, pack, betrothed, ceremony_day, betrothal_event, arranged, death_event,
left_event, ran_event.
Writes: betrothal columns, mate, bond, marked_by, mated_day, single_since, attention.
Emits: ``ceremony``, ``mated``, ``ceremony_interrupted``. Rules: ``bond``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels, mating
from ..context import Context
from ..state import World

__all__ = ["step"]

_DEATH, _DEPARTURE = 1, 2  # interrupted_by codes


def step(world: World, ctx: Context) -> None:
    """Interrupt the ceremonies that cannot happen, then hold today's."""
    w = world.wolves
    rows = kernels.living_above(w.view("alive"), w.view("betrothed"), -1)
    if len(rows) == 0:
        return
    partner = w.betrothed[rows]
    once = (rows < partner) | ~w.alive[partner]  # each pair once, by its living lower row
    rows, partner = rows[once], partner[once]
    pack = w.pack[rows]
    dead = ~w.alive[partner]
    apart = ~dead & ((pack != w.pack[partner]) | (pack < 0))
    stop = dead | apart
    if stop.any():
        a, b = rows[stop], partner[stop]
        why = np.where(dead[stop], _DEATH, _DEPARTURE)
        gone = np.where(w.left_event[b] >= 0, w.left_event[b], w.ran_event[b])
        gone = np.where(gone >= 0, gone, np.maximum(w.left_event[a], w.ran_event[a]))
        cause = np.where(why == _DEATH, w.death_event[b], gone)
        ctx.emit("ceremony_interrupted", a, target=b, pack=w.pack[a], detail=why, cause=cause)
        mating.call_off(world, a)
    due = ~stop & (w.ceremony_day[rows] == ctx.day)
    if not due.any():
        return
    biter, bearer = mating.biter_first(world, rows[due], partner[due])
    forced = w.arranged[biter]
    held = ctx.emit(
        "ceremony", biter, target=bearer, pack=w.pack[biter], cause=w.betrothal_event[biter]
    )
    ctx.emit(
        "mated",
        biter,
        target=bearer,
        pack=w.pack[biter],
        detail=(~forced).astype(np.int64),
        cause=held,
    )
    r = world.rules.bond
    mating.bond(world, biter, bearer, ctx.day, np.where(forced, r.start_arranged, r.start))
