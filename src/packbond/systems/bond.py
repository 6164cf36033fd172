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

from .. import ties
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
    rows = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0) & (w.view("bond") > 0))
    if len(rows) == 0:
        return
    mate = w.mate[rows]
    strength = w.bond[rows].astype(np.float64)
    _pain(world, ctx, rows, mate, strength)
    mine, theirs = w.wellbeing[rows], w.wellbeing[mate]
    w.wellbeing[rows] = mine + (r.contagion * strength * (theirs - mine)).astype(np.float32)
    if ctx.day % _WEEK == 0:
        _grow(world, rows, mate)


def _pain(
    world: World,
    ctx: Context,
    rows: NDArray[np.integer],
    mate: NDArray[np.integer],
    strength: NDArray[np.float64],
) -> None:
    w, r = world.wolves, world.rules.bond
    wound = w.wound[mate].astype(np.float64)
    hurts = wound >= r.pain_above
    if hurts.any():
        felt, by = rows[hurts], mate[hurts]
        share = strength[hurts] * wound[hurts]
        w.hurt[felt] += (r.pain_share * share).astype(np.float32)
        w.stress[felt] = np.minimum(1.0, w.stress[felt] + r.pain_stress * share)
        new = w.felt_wound[felt] != w.wound_event[by]
        if new.any():
            f, b = felt[new], by[new]
            ctx.emit(
                "bond_pain", f, target=b, pack=w.pack[f], detail=_WOUND, cause=w.wound_event[b]
            )
            w.felt_wound[f] = w.wound_event[b]
    dark = w.dark[mate]
    sorrow = dark & ~w.felt_dark[rows]
    if sorrow.any():
        ctx.emit(
            "bond_pain",
            rows[sorrow],
            target=mate[sorrow],
            pack=w.pack[rows[sorrow]],
            detail=_SORROW,
        )
    w.felt_dark[rows] = dark


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
