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


def step(world: World, ctx: Context) -> None:
    """Interrupt the ceremonies that cannot happen, then hold today's (the betrothed sorted out
    in one compiled pass, :func:`packbond.kernels.ceremonies`)."""
    w = world.wolves
    stop_a, stop_b, why, cause, biter, bearer, forced = kernels.ceremonies(
        w.bundle(kernels.Betrothals),
        ctx.day,
        mating.BITE_ORDER,
    )
    if len(stop_a):
        ctx.emit(
            "ceremony_interrupted",
            stop_a,
            target=stop_b,
            pack=w.pack[stop_a],
            detail=why,
            cause=cause,
        )
        mating.call_off(world, stop_a)
    if len(biter) == 0:
        return
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
