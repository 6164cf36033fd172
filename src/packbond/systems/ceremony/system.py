"""Ceremony: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np

from packbond.core.context import Context
from packbond.shared import mating
from packbond.state import World

from . import kernel

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Interrupt the ceremonies that cannot happen, then hold today's (the betrothed sorted out
    in one compiled pass, :func:`packbond.kernel.ceremonies`)."""
    w = world.wolves
    stop_a, stop_b, why, cause, biter, bearer, forced = kernel.ceremonies(
        w.bundle(kernel.BetrothedColumns),
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
