"""Where leavers go (R38): free territories for a new home, and packs where nobody knows them.

Shared by natal dispersal (ecology) and leaving (the genre's departures).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.arrays import rank_within
from ..state import World

__all__ = ["free_territories", "random_pack", "strangers_pack"]


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


def random_pack(
    world: World,
    replicate: NDArray[np.integer],
    draw: NDArray[np.floating],
    among: NDArray[np.bool_],
) -> NDArray[np.int64]:
    """For each draw, a pack row of that replicate picked at random from those set in ``among``
    (a mask over pack rows), or -1 if the replicate has none."""
    p = world.packs
    packs = np.flatnonzero(among)
    packs = packs[np.argsort(p.replicate[packs], kind="stable")]
    reps = p.replicate[packs]
    lo = np.searchsorted(reps, replicate, side="left")
    hi = np.searchsorted(reps, replicate, side="right")
    if len(packs) == 0:
        return np.full(len(lo), -1, dtype=np.int64)
    pick = np.minimum(lo + (np.asarray(draw) * (hi - lo)).astype(np.int64), len(packs) - 1)
    return np.where(hi > lo, packs[pick], -1).astype(np.int64)


def strangers_pack(
    world: World, rows: NDArray[np.integer], draw: NDArray[np.float64]
) -> NDArray[np.int64]:
    """For each wolf, a living pack of its replicate drawn at random, or -1 if the pack drawn
    holds a wolf it knows (one it has a tie to) or there is none."""
    w = world.wolves
    dest = random_pack(world, w.replicate[rows], draw, world.packs.view("alive"))
    known = w.tie_other[rows]
    safe = np.maximum(known, 0)
    knows = ((known >= 0) & w.alive[safe] & (w.pack[safe] == dest[:, None])).any(axis=1)
    return np.where(knows, -1, dest).astype(np.int64)
