"""The weekly wish-to-leave kernel: every presented pack member's wish moves toward its life.

Why compiled: the wish is a formula over every presented wolf with a pack, and a liked, trusted
mate beside it needs two tie lookups per mated wolf; in NumPy that is a dozen passes, a
(mated wolves x slots) mask per lookup, and the pack sizes besides. Here two passes do it: one
counts the packs' living members, one moves each wish. The arithmetic keeps the NumPy formula's
order and dtypes (float32 columns times rule weights in float32, then float64), so wishes are
bit-identical.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.ties import tie_value

__all__ = ["WishColumns", "WishRules", "move_wishes"]


class WishColumns(NamedTuple):
    """Wolf columns the wish kernel reads; it writes ``wish_to_leave``."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    mate: NDArray[np.int32]
    acceptance: NDArray[np.float32]
    wellbeing: NDArray[np.float32]
    shunned: NDArray[np.float32]
    ambition: NDArray[np.float32]
    wish_to_leave: NDArray[np.float32]
    tie_other: NDArray[np.int32]
    tie_affinity: NDArray[np.float32]
    tie_trust: NDArray[np.float32]


class WishRules(NamedTuple):
    """The leaving rules' wish weights, with the designation codes they name."""

    unpresented: int
    alpha: int
    wish_acceptance: float
    wish_wellbeing: float
    wish_shunned: float
    wish_crowded: float
    crowded_at: float
    wish_mate: float
    wish_pull: float


@njit(cache=True)
def move_wishes(
    wolves: WishColumns, leader: NDArray[np.int32], r: WishRules
) -> None:  # pragma: no cover - compiled
    """Move each presented pack member's wish to leave a ``pull`` of the way to its target.

    Low acceptance, low wellbeing and being kept out raise the target, as does a crowded pack
    for an ambitious alpha who does not lead it; a liked and trusted mate beside it lowers it.
    """
    (
        alive,
        pack,
        designation,
        mate,
        acceptance,
        wellbeing,
        shunned,
        ambition,
        wish_to_leave,
        tie_other,
        tie_affinity,
        tie_trust,
    ) = wolves
    size = np.zeros(len(leader), dtype=np.float64)
    for i in range(len(alive)):
        if alive[i] and pack[i] >= 0:
            size[pack[i]] += 1.0
    one = np.float32(1.0)
    w_acceptance = np.float32(r.wish_acceptance)
    w_wellbeing = np.float32(r.wish_wellbeing)
    w_shunned = np.float32(r.wish_shunned)
    w_crowded = np.float32(r.wish_crowded)
    for i in range(len(alive)):
        p = pack[i]
        if not alive[i] or p < 0 or designation[i] == r.unpresented:
            continue
        held = 0.0
        j = mate[i]
        if j >= 0 and alive[j] and pack[j] == p:
            liking = tie_value(tie_other, tie_affinity, i, j, 0.0)
            # np.maximum's NaN rule, though ties hold no NaN.
            liking = liking if (liking >= 0.0 or liking != liking) else 0.0
            held = liking * tie_value(tie_other, tie_trust, i, j, 0.0)
        crowded = min(max(size[p] / r.crowded_at - 1.0, 0.0), 1.0)
        no_lead = 1.0 if designation[i] == r.alpha and leader[p] != i else 0.0
        unhappy = (
            w_acceptance * (one - acceptance[i])
            + w_wellbeing * (one - wellbeing[i])
            + w_shunned * shunned[i]
        )
        target = (
            np.float64(unhappy)
            + np.float64(w_crowded * ambition[i]) * crowded * no_lead
            - r.wish_mate * held
        )
        wish = np.float64(wish_to_leave[i])
        wish_to_leave[i] = min(max(wish + r.wish_pull * (target - wish), 0.0), 1.0)
