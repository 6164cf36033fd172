"""Garments that keep a scent (R9): given to the stressed, they soothe while the scent lasts.

A stressed wolf without a keepsake may be given a garment by the packmate it likes best who likes
it back (its mate first), and remembers the kindness. Each day a keepsake's scent fades by its
half-life; while it lasts it soothes a stressed holder by how much the holder likes the giver
(``scent_soothed``, with the garment as the source). A garment whose giver the holder came to
dislike soothes nothing. A scent tied to harm repelling, and scenting, happen in contact.

Reads: alive, pack, stress, mate, ties. Writes: keepsake_of, keepsake, stress, ties.
Emits: ``gave_keepsake``, ``scent_soothed``. Rules: ``scent``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.context import Context
from ..shared import ties
from ..state import World

__all__ = ["step"]

_GARMENT = 1


def step(world: World, ctx: Context) -> None:
    """Fade and use keepsakes; give garments to the stressed."""
    w, r = world.wolves, world.rules.scent
    if not r.enabled:
        return
    _use_keepsakes(world, ctx)
    stressed = kernels.living_above(w.view("alive"), w.view("stress"), np.float32(r.stressed_at))
    stressed = stressed[(w.keepsake_of[stressed] < 0) & (w.pack[stressed] >= 0)]
    if len(stressed):
        _give(world, ctx, stressed)


def _use_keepsakes(world: World, ctx: Context) -> None:
    w, r = world.wolves, world.rules.scent
    held = kernels.rows_above(w.view("keepsake_of"), -1)
    if len(held) == 0:
        return
    w.keepsake[held] *= np.float32(0.5 ** (1.0 / r.keepsake_half_life_days))
    gone = held[(w.keepsake[held] < 0.05) | ~w.alive[held]]
    w.keepsake_of[gone] = -1
    w.keepsake[gone] = 0.0
    held = held[(w.keepsake_of[held] >= 0) & (w.stress[held] > r.stressed_at)]
    if len(held) == 0:
        return
    giver = w.keepsake_of[held]
    like = ties.lookup(world, held, giver, "affinity")
    calmed = like > 0
    held, giver, like = held[calmed], giver[calmed], like[calmed]
    if len(held) == 0:
        return
    relief = r.soothe * like * w.keepsake[held]
    w.stress[held] = np.maximum(0.0, w.stress[held] - relief).astype(np.float32)
    ctx.emit("scent_soothed", held, target=giver, pack=w.pack[held], detail=_GARMENT)


def _give(world: World, ctx: Context, stressed: NDArray[np.int64]) -> None:
    """The mate, or the best-liked packmate who likes the wolf back, may give a garment."""
    w, r = world.wolves, world.rules.scent
    stressed, giver = kernels.fondest_beside(
        w.view("tie_other"),
        w.view("tie_affinity"),
        w.view("alive"),
        w.view("pack"),
        w.view("mate"),
        stressed,
        np.float32(r.like_at),
    )
    if len(stressed) == 0:
        return
    back = ties.lookup(world, giver, stressed, "affinity")
    gives = (back > r.like_at) & (ctx.draw("give_keepsake", stressed) < r.give_keepsake)
    stressed, giver = stressed[gives], giver[gives]
    if len(stressed) == 0:
        return
    w.keepsake_of[stressed] = giver
    w.keepsake[stressed] = 1.0
    ids = ctx.emit("gave_keepsake", giver, target=stressed, pack=w.pack[stressed])
    ties.remember(
        world, stressed, giver, affinity=r.keepsake_affinity, trust=r.keepsake_trust, event=ids
    )
