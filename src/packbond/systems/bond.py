"""The bond between mates (R19, R20, R17): feelings and pain carried both ways, daily.

Every day, over any distance, a bonded wolf feels its mate: part of the gap between their
wellbeing closes, scaled by the bond's strength; a mate badly wounded costs it wellbeing and
stress in proportion to the wound (``bond_pain``, once per wound, caused by it), and a mate sunk
into darkness is felt as sorrow (``bond_pain``). Weekly, the bond grows with good weeks shared
in the same pack, as fast as the two mates' attention allows (R20), and fades a little while
they are apart, never below the mark's floor. A consentful mate earns trust and mends security
week by week; a coercive one wears both away (R17).

Reads: alive, mate, bond, attention, wound, wound_event, dark, wellbeing, kindness, pack.
Writes: wellbeing, hurt, stress, bond, felt_wound, felt_dark, security, ties.
Emits: ``bond_pain``. Rules: ``bond``, ``courtship.coercive_below``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels, ties
from ..context import Context
from ..state import World

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
    rows, new_wound, sorrow = kernels.feel_mates(
        w.bundle(kernels.BondColumns),
        kernels.BondRules(
            pain_above=r.pain_above,
            pain_share=r.pain_share,
            pain_stress=r.pain_stress,
            contagion=r.contagion,
        ),
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
    near, mate, step = kernels.grow_bonds(
        w.bundle(kernels.GrowthColumns),
        rows,
        kernels.GrowthRules(
            good_above=r.good_above,
            growth=r.growth,
            apart_fade=r.apart_fade,
            floor=r.floor,
            coercive_below=world.rules.courtship.coercive_below,
            consent_trust=r.consent_trust,
        ),
    )
    ties.remember(world, near, mate, trust=step)
