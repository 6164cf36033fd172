"""Grouping wolves by pack: a counting sort in one compiled pass.

Why: several systems need "the living members of each pack, in row order" every day. A stable
argsort of a million pack numbers costs tens of milliseconds; counting the members of each pack
and placing them costs two passes over the rows, and gives the same order.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["members_by_pack", "members_of", "metric_sums", "pack_counts", "young_counts"]


@njit(cache=True)
def members_by_pack(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    n_packs: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    """Rows of living wolves in a pack and set in ``among``, grouped by pack row in row order,
    with each pack row's offset (``start``) and number (``count``) in that list."""
    count = np.zeros(n_packs, dtype=np.int64)
    n = len(alive)
    for i in range(n):
        if alive[i] and pack[i] >= 0 and among[i]:
            count[pack[i]] += 1
    start = np.zeros(n_packs, dtype=np.int64)
    total = 0
    for p in range(n_packs):
        start[p] = total
        total += count[p]
    order = np.empty(total, dtype=np.int64)
    at = start.copy()
    for i in range(n):
        if alive[i] and pack[i] >= 0 and among[i]:
            order[at[pack[i]]] = i
            at[pack[i]] += 1
    return order, start, count


@njit(cache=True)
def members_of(
    alive: NDArray[np.bool_], pack: NDArray[np.int32], pack_mask: NDArray[np.bool_]
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living wolves whose pack row is set in ``pack_mask``, in row order (one pass
    where NumPy makes four temporaries of every row)."""
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        p = pack[i]
        out[n] = i  # every row written, the count moved by the match: no branch to mispredict
        n += alive[i] & (p >= 0) & pack_mask[max(p, 0)]
    return out[:n].copy()


@njit(cache=True)
def pack_counts(
    alive: NDArray[np.bool_], pack: NDArray[np.int32], n_packs: int
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Living members of each pack row, as floats (the counts a bincount would give)."""
    count = np.zeros(n_packs, dtype=np.float64)
    for i in range(len(alive)):
        if alive[i] and pack[i] >= 0:
            count[pack[i]] += 1.0
    return count


@njit(cache=True)
def young_counts(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    unpresented: int,
    n_packs: int,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Living unpresented members of each pack row, as floats."""
    count = np.zeros(n_packs, dtype=np.float64)
    for i in range(len(alive)):
        if alive[i] and pack[i] >= 0 and designation[i] == unpresented:
            count[pack[i]] += 1.0
    return count


@njit(cache=True)
def metric_sums(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    replicate: NDArray[np.int16],
    designation: NDArray[np.int8],
    withdrawn: NDArray[np.bool_],
    wellbeing: NDArray[np.float32],
    acceptance: NDArray[np.float32],
    contacts: NDArray[np.integer],
    n_packs: int,
    n_replicates: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:  # pragma: no cover - compiled
    """The daily metrics' sums over the living, per slot (a pack row, then one slot per
    replicate for the wolves outside any pack), in one pass instead of nine ``bincount``s.

    Returns ``counts`` (slot × [population, unpresented, alphas, betas, omegas, withdrawn]) and
    ``sums`` (slot × [wellbeing, acceptance, contacts]). Each sum adds the rows in row order in
    float64, as ``bincount`` does, so the figures are the same to the last bit.
    """
    size = n_packs + n_replicates
    counts = np.zeros((size, 6), dtype=np.float64)
    sums = np.zeros((size, 3), dtype=np.float64)
    for i in range(len(alive)):
        if not alive[i]:
            continue
        s = pack[i] if pack[i] >= 0 else n_packs + np.int64(replicate[i])
        counts[s, 0] += 1.0
        d = designation[i]
        if 0 <= d <= 3:
            counts[s, 1 + d] += 1.0
        if withdrawn[i]:
            counts[s, 5] += 1.0
        sums[s, 0] += np.float64(wellbeing[i])
        sums[s, 1] += np.float64(acceptance[i])
        sums[s, 2] += np.float64(contacts[i])
    return counts, sums
