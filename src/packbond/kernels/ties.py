"""Kernels for ties: finding a wolf's tie to another, making room for a new one, remembering.

Why compiled: ties live in a fixed number of slots per wolf (memory stays O(wolves)), so every
tie touch is a short scan of a row; done per contact for a million wolves a day, only a compiled
loop keeps that cheap. The weakest tie is forgotten first when a new one needs a slot.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange
from numpy.typing import NDArray

from . import parallel
from .stretches import close_up

__all__ = [
    "TieColumns",
    "claim_slot",
    "claim_slot_in",
    "find_slot",
    "fondest_beside",
    "remember_pairs",
    "tie_value",
    "tie_values",
]


class TieColumns(NamedTuple):
    """The per-slot tie columns of the wolf table, in one bundle for the kernels."""

    other: NDArray[np.int32]
    affinity: NDArray[np.float32]
    trust: NDArray[np.float32]
    fear: NDArray[np.float32]
    memory: NDArray[np.int8]
    weight: NDArray[np.float32]
    event: NDArray[np.int64]


@njit(cache=True, inline="always")
def find_slot(other: NDArray[np.int32], i: int, j: int) -> int:  # pragma: no cover - compiled
    """The slot of ``i``'s tie to ``j``, or -1."""
    for s in range(other.shape[1]):
        if other[i, s] == j:
            return s
    return -1


@njit(cache=True, inline="always")
def claim_slot_in(
    other: NDArray[np.int32],
    affinity: NDArray[np.float32],
    trust: NDArray[np.float32],
    fear: NDArray[np.float32],
    memory: NDArray[np.int8],
    weight: NDArray[np.float32],
    event: NDArray[np.int64],
    i: int,
    j: int,
) -> int:  # pragma: no cover - compiled
    """The slot of ``i``'s tie to ``j``, made in an empty slot or over the weakest tie.

    Takes the columns one by one so that a hot loop holding them in locals pays no reference
    counting per call (passing the bundle would, for every array in it). Only the lookup is
    inlined: making a new tie is rare (about one contact in 2,500) and is a call of its own,
    because inlined, its loop and stores would slow every contact's tie update.
    """
    s = find_slot(other, i, j)
    if s >= 0:
        return s
    return _new_slot(other, affinity, trust, fear, memory, weight, event, i, j)


@njit(cache=True)
def _new_slot(
    other: NDArray[np.int32],
    affinity: NDArray[np.float32],
    trust: NDArray[np.float32],
    fear: NDArray[np.float32],
    memory: NDArray[np.int8],
    weight: NDArray[np.float32],
    event: NDArray[np.int64],
    i: int,
    j: int,
) -> int:  # pragma: no cover - compiled
    """A slot for ``i``'s new tie to ``j``: the first empty one, else over the weakest tie."""
    weakest = 0
    low = np.inf
    for t in range(other.shape[1]):
        if other[i, t] < 0:
            weakest = t
            break
        strength = abs(affinity[i, t]) + trust[i, t] + fear[i, t] + weight[i, t]
        if strength < low:
            low = strength
            weakest = t
    other[i, weakest] = j
    affinity[i, weakest] = 0.0
    trust[i, weakest] = 0.0
    fear[i, weakest] = 0.0
    memory[i, weakest] = 0
    weight[i, weakest] = 0.0
    event[i, weakest] = -1
    return weakest


@njit(cache=True)
def claim_slot(ties: TieColumns, i: int, j: int) -> int:  # pragma: no cover - compiled
    """:func:`claim_slot_in` over the bundled columns."""
    other, affinity, trust, fear, memory, weight, event = ties
    return claim_slot_in(other, affinity, trust, fear, memory, weight, event, i, j)


@njit(cache=True)
def remember_pairs(
    ties: TieColumns,
    src: NDArray[np.int64],
    dst: NDArray[np.int64],
    d_affinity: NDArray[np.float64],
    d_trust: NDArray[np.float64],
    d_fear: NDArray[np.float64],
    memory: NDArray[np.int8],
    weight: NDArray[np.float64],
    event: NDArray[np.int64],
) -> None:  # pragma: no cover - compiled
    """Move each ``src``'s tie to ``dst`` and, where ``memory`` > 0, set its memory.

    Pairs are taken in order, so a wolf remembering two things about another keeps both moves
    and the later memory. Each of the amounts, ``memory``, ``weight`` and ``event`` holds one
    value per pair or a single value for every pair: a week's bond moves the trust of some
    400,000 pairs at a million wolves by amounts that are mostly the same, and filling five
    columns of one value for them would cost more than the moves.
    """
    t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event = ties
    for n in range(len(src)):
        i, j = src[n], dst[n]
        if i < 0 or j < 0 or i == j:
            continue
        s = claim_slot_in(t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event, i, j)
        t_aff[i, s] = min(1.0, max(-1.0, t_aff[i, s] + _pair_value(d_affinity, n)))
        t_trust[i, s] = min(1.0, max(0.0, t_trust[i, s] + _pair_value(d_trust, n)))
        t_fear[i, s] = min(1.0, max(0.0, t_fear[i, s] + _pair_value(d_fear, n)))
        mem = _pair_value(memory, n)
        if mem > 0:
            t_mem[i, s] = mem
            t_weight[i, s] = _pair_value(weight, n)
            t_event[i, s] = _pair_value(event, n)


@njit(cache=True, inline="always")
def _pair_value(values: NDArray[Any], n: int) -> Any:  # pragma: no cover - compiled
    """Pair ``n``'s value: its own, or the single value given for every pair."""
    return values[n] if len(values) > 1 else values[0]


@njit(cache=True, inline="always")
def tie_value(
    other: NDArray[np.int32], values: NDArray[np.generic], i: int, j: int, missing: float
) -> float:  # pragma: no cover - compiled
    """``i``'s value in ``values`` (a per-slot column) of its tie to ``j``, or ``missing``.

    The same number as summing the matching slots in NumPy (a wolf holds at most one tie to
    another): the sum starts from 0.0, which turns a -0.0 into 0.0, and so does this.
    """
    hit = False
    total = 0.0
    for s in range(other.shape[1]):
        if other[i, s] == j:
            hit = True
            total += np.float64(values[i, s])
    return total if hit else missing


@njit(cache=True)
def tie_values(
    other: NDArray[np.int32],
    values: NDArray[np.generic],
    src: NDArray[np.int64],
    dst: NDArray[np.int64],
    missing: float,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """:func:`tie_value` for each pair of ``src`` and ``dst``."""
    out = np.empty(len(src), dtype=np.float64)
    for n in range(len(src)):
        out[n] = tie_value(other, values, src[n], dst[n], missing)
    return out


def _fondest_beside(
    other: NDArray[np.int32],
    affinity: NDArray[np.float32],
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    mate: NDArray[np.int32],
    rows: NDArray[np.int64],
    like_at: np.float32,
    parts: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """:func:`fondest_beside` over ``parts`` stretches of ``rows``, each keeping its own in its
    own part of the outputs, closed up in order after (the one pass's lists on any number of
    threads); a row reads its slots and its packmates and writes nothing."""
    m = len(rows)
    keep = np.empty(m, dtype=np.int64)
    chosen = np.empty(m, dtype=np.int64)
    counts = np.zeros(parts, dtype=np.int64)
    for c in prange(parts):
        lo, hi = c * m // parts, (c + 1) * m // parts
        n = lo
        for k in range(lo, hi):
            i = rows[k]
            home = pack[i]
            if home < 0:
                continue  # a wolf without a pack has no one beside it
            best = np.float32(-np.inf)
            giver = -1
            for s in range(other.shape[1]):
                o = other[i, s]
                if o < 0 or not alive[o] or pack[o] != home:
                    continue
                like = np.float32(np.inf) if o == mate[i] else affinity[i, s]
                if like > best:
                    best = like
                    giver = o
            if best > like_at:  # so some slot was chosen: giver is a row
                keep[n] = i
                chosen[n] = giver
                n += 1
        counts[c] = n - lo
    size = close_up(keep, counts, m, parts)
    close_up(chosen, counts, m, parts)
    return keep[:size].copy(), chosen[:size].copy()


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_fondest_beside_serial = njit(cache=True)(_fondest_beside)
_fondest_beside_inlined = njit(inline="always")(_fondest_beside)


@njit(cache=True, parallel=True)
def _fondest_beside_parallel(
    other: NDArray[np.int32],
    affinity: NDArray[np.float32],
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    mate: NDArray[np.int32],
    rows: NDArray[np.int64],
    like_at: np.float32,
    parts: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    return _fondest_beside_inlined(other, affinity, alive, pack, mate, rows, like_at, parts)


def fondest_beside(
    other: NDArray[np.int32],
    affinity: NDArray[np.float32],
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    mate: NDArray[np.int32],
    rows: NDArray[np.int64],
    like_at: np.float32,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For each of ``rows``, the living packmate it is tied to that it likes best, its mate
    first; the rows whose choice it likes above ``like_at`` (a float32, as NumPy compares the
    float32 column) and that choice, in the order of ``rows``.

    The same as taking the first highest of the slots' liking (mate +inf, a wolf not beside it
    -inf) and keeping it where above ``like_at``: one scan of each row's slots instead of
    NumPy's (rows x slots) masks and gathers. In stretches of ``rows`` on several threads for
    many rows when that is the faster way on this machine now (see
    :mod:`packbond.kernels.parallel`).
    """
    return parallel.run(
        len(rows),
        lambda: _fondest_beside_serial(other, affinity, alive, pack, mate, rows, like_at, 1),
        lambda: _fondest_beside_parallel(
            other, affinity, alive, pack, mate, rows, like_at, get_num_threads()
        ),
        parallel.SCAN_FROM,
    )
