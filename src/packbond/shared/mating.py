"""Making and unmaking mates: the bite and its bond (R18), and mates who part (R37, R38).

Shared by the systems that make mates (ceremony, the breeders rule) and those that part them
(leaving), and by the scenario builder for mates at day 0. Systems never import each other;
what two systems must do the same way lives here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.arrays import broadcast_copy
from ..state import World

__all__ = ["BITE_ORDER", "biter_first", "bond", "call_off", "kin", "part"]

BITE_ORDER = np.array([9, 0, 1, 2], dtype=np.int64)
"""Who bites, by designation code: the alpha, else the beta, else the omega; unpresented last."""


def kin(world: World, a: NDArray[np.integer], b: NDArray[np.integer]) -> NDArray[np.bool_]:
    """Whether each pair is parent and child, or siblings (sharing a known parent): kin never
    mate, however the pair came to be (courtship, the breeders rule, dispersers founding)."""
    w = world.wolves
    ma, fa, mb, fb = w.mother[a], w.father[a], w.mother[b], w.father[b]
    return (
        (ma == b)
        | (fa == b)
        | (mb == a)
        | (fb == a)
        | ((ma >= 0) & (ma == mb))
        | ((fa >= 0) & (fa == fb))
    )


def biter_first(
    world: World, a: NDArray[np.integer], b: NDArray[np.integer]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each pair ordered (biter, bearer): the alpha bites, else the beta, else the first."""
    des = world.wolves.designation
    swap = BITE_ORDER[des[b]] < BITE_ORDER[des[a]]
    return np.where(swap, b, a).astype(np.int64), np.where(swap, a, b).astype(np.int64)


def bond(
    world: World,
    biter: NDArray[np.integer],
    bearer: NDArray[np.integer],
    day: int,
    strength: NDArray[np.floating] | float,
) -> None:
    """Make mates with a bite: the bearer carries the biter's mark for life, the bond starts at
    ``strength``, and an ambitious wolf pays a new mate less attention at first (R20). One
    compiled pass (:func:`packbond.kernels.mate_pairs`): a ceremony is held most days, and in
    NumPy the writes are some fifteen calls on a few rows."""
    w, r = world.wolves, world.rules.bond
    biters = np.asarray(biter, np.int64)
    kernels.mate_pairs(
        w.bundle(kernels.MateColumns),
        biters,
        np.asarray(bearer, np.int64),
        day,
        broadcast_copy(strength, biters.shape, np.float64),
        r.enabled,
        r.inattention,
    )


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
