"""Making and unmaking mates: the bite and its bond (R18), and mates who part (R37, R38).

Shared by the systems that make mates (ceremony, the breeders rule) and those that part them
(leaving), and by the scenario builder for mates at day 0. Systems never import each other;
what two systems must do the same way lives here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .state import World
from .state.newborn import set_mates

__all__ = ["biter_first", "bond", "call_off", "part"]


def biter_first(
    world: World, a: NDArray[np.integer], b: NDArray[np.integer]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each pair ordered (biter, bearer): the alpha bites, else the beta, else the first."""
    des = world.wolves.designation
    order = np.array([9, 0, 1, 2])  # unpresented last, then alpha, beta, omega
    swap = order[des[b]] < order[des[a]]
    return np.where(swap, b, a).astype(np.int64), np.where(swap, a, b).astype(np.int64)


def bond(
    world: World,
    biter: NDArray[np.integer],
    bearer: NDArray[np.integer],
    day: int,
    strength: NDArray[np.floating] | float,
) -> None:
    """Make mates with a bite: the bearer carries the biter's mark for life, the bond starts at
    ``strength``, and an ambitious wolf pays a new mate less attention at first (R20)."""
    w, r = world.wolves, world.rules.bond
    set_mates(world, np.asarray(biter, np.int64), np.asarray(bearer, np.int64))
    both = np.concatenate([biter, bearer])
    w.marked_by[bearer] = biter
    w.mated_day[both] = day
    w.single_since[both] = -1
    call_off(world, both)
    w.felt_wound[both] = -1
    w.felt_dark[both] = False
    if r.enabled:
        w.bond[both] = np.concatenate([np.broadcast_to(strength, len(biter))] * 2)
        w.attention[both] = 1.0 - r.inattention * w.ambition[both]


def part(world: World, rows: NDArray[np.integer], day: int) -> None:
    """Wolves leave their mates: both are unmated from ``day``; the bite mark stays (R38)."""
    w = world.wolves
    rows = np.asarray(rows)
    mates = w.mate[rows]
    pair = np.concatenate([rows, mates[mates >= 0]])
    w.mate[pair] = -1
    w.bond[pair] = 0.0
    w.single_since[pair] = day


def call_off(world: World, rows: NDArray[np.integer]) -> None:
    """The coming ceremonies of these wolves (and of those promised to them) will not happen."""
    w = world.wolves
    rows = np.asarray(rows)
    pair = np.concatenate([rows, w.betrothed[rows][w.betrothed[rows] >= 0]])
    w.betrothed[pair] = -1
    w.ceremony_day[pair] = -1
    w.arranged[pair] = False
