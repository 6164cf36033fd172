"""Bond: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import ties
from packbond.state import World

from . import kernel

__all__ = ["step"]

_WEEK = 7
_WOUND, _SORROW = 0, 1


def step(world: World, ctx: Context) -> None:
    """A day of feeling each other; on the first day of a week, the bond's growth."""
    w, r = world.wolves, world.rules.bond
    if not r.enabled:
        return
    # One compiled pass: pain, sorrow's marks and wellbeing for every bonded wolf; the few who
    # feel something new come back to be told.
    rows, new_wound, sorrow = kernel.feel_mates(
        w.bundle(kernel.BondColumns),
        kernel_rules(kernel.BondRules, r),
    )
    if len(rows) == 0:
        return
    _pain(ctx, world, new_wound, sorrow)
    if ctx.day % _WEEK == 0:
        _grow(world, rows)


def _pain(
    ctx: Context, world: World, new_wound: NDArray[np.int64], sorrow: NDArray[np.int64]
) -> None:
    """``bond_pain`` for a mate's wound felt for the first time, then for a mate's darkness."""
    w = world.wolves
    if len(new_wound):
        by = w.mate[new_wound]
        ctx.emit(
            "bond_pain",
            new_wound,
            target=by,
            pack=w.pack[new_wound],
            detail=_WOUND,
            cause=w.wound_event[by],
        )
    if len(sorrow):
        ctx.emit("bond_pain", sorrow, target=w.mate[sorrow], pack=w.pack[sorrow], detail=_SORROW)


def _grow(world: World, rows: NDArray[np.int64]) -> None:
    """The week's growth and fading of the bonds, and trust for the consent of a mate beside."""
    w, r = world.wolves, world.rules.bond
    near, mate, step = kernel.grow_bonds(
        w.bundle(kernel.GrowthColumns),
        rows,
        kernel_rules(kernel.GrowthRules, r, world.rules.courtship),
    )
    ties.remember(world, near, mate, trust=step)
