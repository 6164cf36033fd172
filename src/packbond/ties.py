"""Directed ties between wolves, read and moved by several systems (contact, blame, hunting, ...).

A tie is one slot of a wolf's bounded row of slots: who it is about, affinity, trust, fear, and a
memory (what the other did, how vividly, and the event it was). Systems never import each other,
so what they all do to ties lives here, over the compiled slot kernels.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import kernels
from .arrays import broadcast_copy
from .state import World

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
        broadcast_copy(src, dst.shape, np.int64),
        broadcast_copy(dst, src.shape, np.int64),
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
        broadcast_copy(src, shape, np.int64),
        broadcast_copy(dst, shape, np.int64),
        broadcast_copy(affinity, shape, np.float64),
        broadcast_copy(trust, shape, np.float64),
        broadcast_copy(fear, shape, np.float64),
        broadcast_copy(memory, shape, np.int8),
        broadcast_copy(weight, shape, np.float64),
        broadcast_copy(event, shape, np.int64),
    )
