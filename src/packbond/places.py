"""Where leavers go (R38): free territories for a new home, and packs where nobody knows them.

Shared by natal dispersal (ecology) and leaving (the genre's departures).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .arrays import rank_within
from .state import World

__all__ = ["free_territories", "strangers_pack"]


def free_territories(
    world: World, replicate: NDArray[np.integer], region: NDArray[np.integer]
) -> NDArray[np.bool_]:
    """Which of these would-be founders find a free territory (first come, first served)."""
    p = world.packs
    n_regions = len(world.regions.names)
    live = p.view("alive")
    key = p.view("replicate").astype(np.int64) * n_regions + p.view("region")
    used = np.bincount(key[live], minlength=world.replicates * n_regions)
    want = replicate.astype(np.int64) * n_regions + region
    place = used[want] + rank_within(want)
    return place < world.regions.territories[region]


def strangers_pack(
    world: World, rows: NDArray[np.integer], draw: NDArray[np.float64]
) -> NDArray[np.integer]:
    """For each wolf, a living pack of its replicate drawn at random, or -1 if the pack drawn
    holds a wolf it knows (one it has a tie to) or there is none."""
    w, p = world.wolves, world.packs
    packs = np.flatnonzero(p.view("alive"))
    packs = packs[np.argsort(p.replicate[packs], kind="stable")]
    reps = p.replicate[packs]
    lo = np.searchsorted(reps, w.replicate[rows], side="left")
    hi = np.searchsorted(reps, w.replicate[rows], side="right")
    has = hi > lo
    pick = np.minimum(lo + (draw * (hi - lo)).astype(np.int64), np.maximum(hi - 1, 0))
    dest = np.where(has, packs[np.minimum(pick, max(len(packs) - 1, 0))] if len(packs) else -1, -1)
    known = w.tie_other[rows]
    safe = np.maximum(known, 0)
    knows = ((known >= 0) & w.alive[safe] & (w.pack[safe] == dest[:, None])).any(axis=1)
    return np.where(knows, -1, dest).astype(np.int64)
