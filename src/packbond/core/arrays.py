"""Small array helpers shared by the state and the event log."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

__all__ = [
    "broadcast_copy",
    "first_of_groups",
    "group_sum",
    "logistic",
    "positions_in_groups",
    "positions_in_runs",
    "rank_within",
    "take_ids",
]


def broadcast_copy(value: ArrayLike, shape: tuple[int, ...], dtype: DTypeLike) -> NDArray:
    """``value`` broadcast to ``shape``, as a writable C-contiguous array of its own.

    Why always a copy, for arrays handed to a compiled kernel: a broadcast view is read-only,
    and ``ascontiguousarray`` hands it back as it is when it already has the dtype, so a kernel
    would meet read-only and writable arrays by turns; Numba types the two apart and loads a
    second compiled version in the middle of a run.
    """
    given = np.asarray(value, dtype=dtype)
    # The two common cases without ``broadcast_to``, whose cost per call adds up (the tie moves
    # and lookups call this dozens of times a day): a whole column, copied, and one value, filled.
    if given.shape == shape:
        return given.copy()
    if given.ndim == 0:
        return np.full(shape, given, dtype=dtype)
    return np.array(np.broadcast_to(given, shape), dtype=dtype)


def take_ids(counter: NDArray[np.int64], groups: NDArray[np.integer]) -> NDArray[np.int64]:
    """Take the next ids from a per-group counter, in element order within each group.

    Why: ids are numbered per replicate, so that a replicate inside an ensemble numbers its
    wolves, packs and events exactly as the same replicate run alone would.
    """
    if len(counter) == 1:  # one replicate: ids are simply the next ones in order
        ids = np.arange(counter[0], counter[0] + len(groups), dtype=np.int64)
        counter[0] += len(groups)
        return ids
    g = groups.astype(np.int64)
    ids = counter[g] + rank_within(g)
    counter += np.bincount(g, minlength=len(counter))
    return ids


def rank_within(groups: NDArray[np.integer]) -> NDArray[np.int64]:
    """Each element's position among the elements of its group, in element order (0, 1, ...)."""
    g = np.asarray(groups)
    order = np.argsort(g, kind="stable")
    sorted_g = g[order]
    rank = np.empty(len(g), dtype=np.int64)
    rank[order] = np.arange(len(g)) - np.searchsorted(sorted_g, sorted_g, side="left")
    return rank


def group_sum(
    groups: NDArray[np.integer], weights: NDArray[np.number] | None, n: int
) -> NDArray[np.float64]:
    """Sum of weights per group id in [0, n) (count if weights is None); groups < 0 are ignored."""
    g = np.asarray(groups)
    keep = g >= 0
    w = None if weights is None else np.asarray(weights, dtype=np.float64)[keep]
    return np.bincount(g[keep], weights=w, minlength=n)[:n].astype(np.float64)


def positions_in_groups(grouped_keys: NDArray[np.integer]) -> NDArray[np.int64]:
    """Each element's position within its run of equal keys (keys already grouped).

    The same as :func:`rank_within` for grouped keys, without a sort.
    """
    n = len(grouped_keys)
    starts = np.flatnonzero(first_of_groups(grouped_keys))
    return np.arange(n, dtype=np.int64) - np.repeat(starts, np.diff(np.r_[starts, n]))


def first_of_groups(sorted_keys: NDArray[np.integer]) -> NDArray[np.bool_]:
    """Mask of the first element of each run of equal keys (keys already grouped)."""
    k = np.asarray(sorted_keys)
    return np.r_[True, k[1:] != k[:-1]] if len(k) else np.zeros(0, dtype=bool)


def positions_in_runs(counts: NDArray[np.integer]) -> NDArray[np.int64]:
    """0, 1, .., count-1 for each count in turn (the place of each element within its run)."""
    c = np.asarray(counts, dtype=np.int64)
    return np.arange(c.sum()) - np.repeat(np.cumsum(c) - c, c)


def logistic(x: NDArray[np.floating] | float) -> NDArray[np.float64]:
    """The logistic function: a chance from log-odds."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64))))
