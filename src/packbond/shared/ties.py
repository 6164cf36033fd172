"""Directed ties between wolves, read and moved by several systems (contact, blame, hunting, ...).

A tie is one slot of a wolf's bounded row of slots: who it is about, affinity, trust, fear, and a
memory (what the other did, how vividly, and the event it was). Systems never import each other,
so what they all do to ties lives here, over the compiled slot kernels.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from .. import kernels
from ..core.arrays import broadcast_copy
from ..state import World

__all__ = ["columns", "lookup", "remember"]


def columns(world: World) -> kernels.TieColumns:
    """The tie columns of the wolf table (whole arrays: rows are never moved)."""
    w = world.wolves
    return kernels.TieColumns(
        w.tie_other,
        w.tie_affinity,
        w.tie_trust,
        w.tie_fear,
        w.tie_memory,
        w.tie_weight,
        w.tie_event,
    )


def lookup(
    world: World,
    src: NDArray[np.integer],
    dst: NDArray[np.integer],
    column: str,
    missing: float = 0.0,
) -> NDArray[np.float64]:
    """The ``column`` ("affinity", "trust", "fear", "weight", "event", ...) of each src's tie to
    dst; ``missing`` where it has none. (A wolf holds at most one tie to another.)"""
    w = world.wolves
    src, dst = np.asarray(src), np.asarray(dst)
    if len(src) == 0:
        return np.zeros(0)
    # One compiled scan of each src's slots, not a (pairs x slots) mask and gathers.
    return kernels.tie_values(
        w.tie_other,
        getattr(w, f"tie_{column}"),
        _for_kernel(src, dst.shape, np.int64),
        _for_kernel(dst, src.shape, np.int64),
        float(missing),
    )


def remember(
    world: World,
    src: NDArray[np.integer],
    dst: NDArray[np.integer],
    *,
    affinity: ArrayLike = 0.0,
    trust: ArrayLike = 0.0,
    fear: ArrayLike = 0.0,
    memory: int = 0,
    weight: ArrayLike = 1.0,
    event: ArrayLike = -1,
) -> None:
    """Move each src's tie to dst by the given amounts, making the tie if it has none; with a
    ``memory`` code, remember the deed (its vividness and event) in that tie."""
    n = len(src)
    if n == 0:
        return

    shape = (n,)
    kernels.remember_pairs(
        columns(world),
        _for_kernel(src, shape, np.int64),
        _for_kernel(dst, shape, np.int64),
        _per_pair(affinity, n, np.float64),
        _per_pair(trust, n, np.float64),
        _per_pair(fear, n, np.float64),
        _per_pair(memory, n, np.int8),
        _per_pair(weight, n, np.float64),
        _per_pair(event, n, np.int64),
    )


def _per_pair(value: ArrayLike, n: int, dtype: DTypeLike) -> NDArray:
    """``value`` for :func:`kernels.remember_pairs`: one element when it is one value for every
    pair (the kernel reads it for each), else one value per pair. A plain number, the usual
    case, is made into its element directly, without the fixed cost of ``np.ndim`` and
    ``np.full`` for each of the six amounts of every call."""
    if isinstance(value, (int, float, np.generic)):
        return np.array([value], dtype=dtype)
    if np.ndim(value) == 0:
        return np.full(1, value, dtype=dtype)
    return _for_kernel(value, (n,), dtype)


def _for_kernel(value: ArrayLike, shape: tuple[int, ...], dtype: DTypeLike) -> NDArray:
    """``value`` as the tie kernels take it (which only read it): the caller's own array when it
    is already a writable C-contiguous array of that shape and dtype, else a
    :func:`broadcast_copy`. Why not always the copy: the weekly bond hands over some 400,000 rows
    at a million wolves, and copying them into fresh memory would cost more than the kernel's
    moves."""
    if (
        isinstance(value, np.ndarray)
        and value.shape == shape
        and value.dtype == dtype
        and value.flags.c_contiguous
        and value.flags.writeable
    ):
        return value
    return broadcast_copy(value, shape, dtype)
