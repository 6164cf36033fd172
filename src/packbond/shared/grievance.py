"""The grievance ledger between packs (R48, R49): each pack holds grievances against a few others.

Shared by conflict (raids, incidents) and war (defeats leave a grudge). A pack holds at most
``GRIEVANCE_SLOTS`` grievances; a new one takes a free slot or replaces the weakest.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.arrays import rank_within
from ..state import World

__all__ = ["add", "held", "strongest"]


def held(
    world: World, holder: NDArray[np.integer], against: NDArray[np.integer]
) -> NDArray[np.float64]:
    """The grievance each holder holds against each other pack (0 if none)."""
    p = world.packs
    hit = p.rival[holder] == np.asarray(against)[:, None]
    return np.where(hit, p.grievance[holder], 0.0).sum(axis=1)


def strongest(
    world: World, packs: NDArray[np.integer]
) -> tuple[NDArray[np.int32], NDArray[np.float64], NDArray[np.int64]]:
    """Each pack's strongest grievance: the rival it is held against (-1 if none), how strong
    it is (0 if none) and its slot."""
    p = world.packs
    n = p.size
    # Over every pack row once, then indexed: callers ask for every pack or for every wolf's
    # pack (many more rows than packs), and a row's answer does not depend on the others.
    g = np.where(p.rival[:n] >= 0, p.grievance[:n], 0.0)
    slot = g.argmax(axis=1)
    at = np.arange(n)
    rival, held = p.rival[:n][at, slot], g[at, slot]
    return rival[packs], held[packs], slot[packs]


def add(
    world: World,
    holder: NDArray[np.integer],
    against: NDArray[np.integer],
    amount: NDArray[np.floating] | float,
    event: NDArray[np.integer],
) -> None:
    """Add to each holder's grievance against a pack (capped at 1), remembering the event."""
    p = world.packs
    holder = np.asarray(holder, dtype=np.int64)
    against = np.asarray(against, dtype=np.int64)
    amount = np.broadcast_to(np.asarray(amount, dtype=np.float64), holder.shape)
    event = np.broadcast_to(np.asarray(event, dtype=np.int64), holder.shape)
    # A holder named twice in one batch is handled in rounds, so no two writes share a slot.
    rounds = rank_within(holder)
    for r in range(int(rounds.max(initial=-1)) + 1):
        sel = rounds == r
        h, a = holder[sel], against[sel]
        match = p.rival[h] == a[:, None]
        slot = np.where(match.any(axis=1), match.argmax(axis=1), p.grievance[h].argmin(axis=1))
        fresh = ~match.any(axis=1)
        p.grievance[h[fresh], slot[fresh]] = 0.0
        p.rival[h, slot] = a
        p.grievance[h, slot] = np.minimum(1.0, p.grievance[h, slot] + amount[sel])
        p.grievance_event[h, slot] = event[sel]
