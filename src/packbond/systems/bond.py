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
        kernels.BondColumns(*(w.view(c) for c in kernels.BondColumns._fields)),
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
        _grow(world, rows, w.mate[rows])


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


def _grow(world: World, rows: NDArray[np.integer], mate: NDArray[np.integer]) -> None:
    w, r = world.wolves, world.rules.bond
    together = world.beside(rows, mate)
    good = together & (w.wellbeing[rows] > r.good_above) & (w.wellbeing[mate] > r.good_above)
    attention = 0.5 * (w.attention[rows] + w.attention[mate])
    strength = w.bond[rows].astype(np.float64)
    strength += r.growth * attention * good * (1.0 - strength)
    strength -= r.apart_fade * ~together
    w.bond[rows] = np.clip(strength, r.floor, 1.0)
    kind = w.kindness[mate] >= world.rules.courtship.coercive_below
    step = np.where(kind, r.consent_trust, -r.consent_trust)
    near = np.flatnonzero(together)
    ties.remember(world, rows[near], mate[near], trust=step[near])
    security = w.security[rows].astype(np.float64)
    security += np.where(kind, step * (1.0 - security), step * security) * together
    w.security[rows] = np.clip(security, 0.0, 1.0)
