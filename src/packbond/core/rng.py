"""Counter-based random draws: every number is a pure function of (seed, day, entity, purpose).

Why: a replicate must give bit-identical results alone, inside an ensemble, or on any number of
workers, and adding a system must not shift the draws of the others. A stateful generator cannot
promise that; a keyed hash can. The hash is SplitMix64's finaliser applied to the key words in
turn, which passes BigCrush when used this way (it is how SplitMix64 itself derives its stream).

All functions are vectorised: ``entity`` (and ``seed``) may be arrays, and one call draws one
number per element. ``k`` distinguishes several draws for the same key on the same day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import kernels
from ..kernels.daily import GOLDEN, M1, M2, TO_UNIT
from .arrays import broadcast_copy

__all__ = [
    "normal",
    "normals",
    "poisson",
    "purpose_key",
    "reference_uniform",
    "uniform",
    "weighted_choice",
]

_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)


@cache
def purpose_key(purpose: str) -> np.uint64:
    """A stable 64-bit key for a purpose name (the same on every machine and Python version)."""
    digest = hashlib.blake2b(purpose.encode(), digest_size=8).digest()
    return np.uint64(int.from_bytes(digest, "little"))


def _mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    # NOTE: in-place on a fresh array: one temporary per call instead of five.
    x ^= x >> _S30
    x *= M1
    x ^= x >> _S27
    x *= M2
    x ^= x >> _S31
    return x


def _bits(
    seed: ArrayLike, day: int, entity: ArrayLike, purpose: str, k: int = 0
) -> NDArray[np.uint64]:
    with np.errstate(over="ignore"):
        ent = np.asarray(entity).astype(np.uint64)
        sd = np.asarray(seed).astype(np.uint64)
        x = _mix(sd * GOLDEN + purpose_key(purpose))
        x = _mix(x + np.uint64(day & 0xFFFFFFFF) * GOLDEN + np.uint64(k))
        x = _mix(x ^ (ent * M2 + GOLDEN))
        return np.broadcast_to(x, np.broadcast_shapes(ent.shape, sd.shape)).copy()


def uniform(
    seed: ArrayLike, day: int, entity: ArrayLike, purpose: str, k: int = 0
) -> NDArray[np.float64]:
    """Uniform numbers in [0, 1), one per entity, keyed by (seed, day, entity, purpose, k)."""
    ent, sd = np.asarray(entity), np.asarray(seed)
    if ent.ndim == 1 and ent.dtype.kind in "iu" and sd.ndim <= 1:
        # The common case, one pass in a compiled kernel; the same numbers as the formula below.
        seeds = broadcast_copy(sd.astype(np.uint64), ent.shape, np.uint64)  # one or one per entity
        return kernels.keyed_uniform(seeds, ent.astype(np.int64), day, purpose_key(purpose), k)
    return reference_uniform(seed, day, entity, purpose, k)


def reference_uniform(
    seed: ArrayLike, day: int, entity: ArrayLike, purpose: str, k: int = 0
) -> NDArray[np.float64]:
    """:func:`uniform` in plain NumPy, for any shapes (the definition the kernel follows)."""
    return (_bits(seed, day, entity, purpose, k) >> _S11).astype(np.float64) * TO_UNIT


def normal(
    seed: ArrayLike, day: int, entity: ArrayLike, purpose: str, k: int = 0
) -> NDArray[np.float64]:
    """Standard normal numbers by Box-Muller over two keyed uniforms."""
    u1 = uniform(seed, day, entity, purpose, 2 * k)
    u2 = uniform(seed, day, entity, purpose, 2 * k + 1)
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)


def normals(
    seed: ArrayLike, day: int, entity: NDArray[np.integer], purposes: Sequence[str]
) -> NDArray[np.float64]:
    """:func:`normal` (``k`` = 0) for several purposes at once, one row per purpose: the same
    numbers, with the uniforms of every purpose drawn in one compiled pass (a new wolf takes a
    normal draw for each of its traits, and each call has a fixed cost of its own)."""
    ent, sd = np.asarray(entity), np.asarray(seed)
    if not (ent.ndim == 1 and ent.dtype.kind in "iu" and sd.ndim <= 1):
        return np.stack([normal(seed, day, entity, p) for p in purposes])
    m = len(purposes)
    keys = np.array([purpose_key(p) for p in purposes] * 2, dtype=np.uint64)
    ks = np.repeat(np.array([0, 1], dtype=np.int64), m)
    seeds = broadcast_copy(sd.astype(np.uint64), ent.shape, np.uint64)
    u = kernels.keyed_uniforms(seeds, ent.astype(np.int64), day, keys, ks)
    # The first uniforms of every purpose, then the second ones: two contiguous blocks, so the
    # NumPy functions below run over each as they did over one purpose's.
    u1, u2 = u[:m], u[m:]
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)


def weighted_choice(u: NDArray[np.float64], weights: NDArray[np.float64]) -> NDArray[np.int64]:
    """Pick an index per draw from categorical weights.

    ``weights`` is either one row of category weights shared by every draw, or one row per draw
    (shape ``(len(u), categories)``). Rows need not sum to one.
    """
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim == 1:
        cum = np.cumsum(w)
        return np.minimum(np.searchsorted(cum, u * cum[-1], side="right"), len(w) - 1).astype(
            np.int64
        )
    cum = np.cumsum(w, axis=1)
    target = (u * cum[:, -1])[:, None]
    return np.minimum((cum <= target).sum(axis=1), w.shape[1] - 1).astype(np.int64)


def poisson(u: NDArray[np.float64], lam: float, kmax: int = 64) -> NDArray[np.int64]:
    """Poisson(lam) counts by inverse transform of keyed uniforms (one per element)."""
    if lam <= 0:
        return np.zeros(len(u), dtype=np.int64)
    k = np.arange(kmax)
    log_pmf = k * np.log(lam) - lam - np.cumsum(np.log(np.maximum(k, 1)))
    cdf = np.cumsum(np.exp(log_pmf))
    return np.minimum(np.searchsorted(cdf, u, side="right"), kmax - 1).astype(np.int64)
