"""The kernel that sorts out the day's mating ceremonies (R15).

Why compiled: only the betrothed are touched, a few dozen wolves in a world of ten thousand, and
a ceremony is held most days, but sorting out the interrupted and the due and ordering each pair
by who bites are some twenty NumPy calls a day on those few rows; here they are one pass. The
new pairs are written by :mod:`packbond.kernels.mates`; the events stay with the step.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.select import living_above

__all__ = ["BetrothedColumns", "ceremonies", "interruption"]

_HELD, _DEATH, _DEPARTURE = 0, 1, 2
"""``why`` codes: a ceremony that can be held, or interrupted by a death or a departure."""


class BetrothedColumns(NamedTuple):
    """Wolf columns the ceremony kernel reads."""

    alive: NDArray[np.bool_]
    betrothed: NDArray[np.int32]
    pack: NDArray[np.int32]
    ceremony_day: NDArray[np.int32]
    arranged: NDArray[np.bool_]
    designation: NDArray[np.int8]
    left_event: NDArray[np.int64]
    ran_event: NDArray[np.int64]
    death_event: NDArray[np.int64]


@njit(cache=True)
def interruption(
    wolves: BetrothedColumns, i: int, j: int
) -> tuple[int, int]:  # pragma: no cover - compiled
    """Why the ceremony of ``i`` and its partner ``j`` cannot happen (``_HELD`` if it can) and
    the event that interrupted it: the death, else the partner's leaving or running, else the
    wolf's own."""
    if not wolves.alive[j]:
        return _DEATH, wolves.death_event[j]
    pack, left_event, ran_event = wolves.pack, wolves.left_event, wolves.ran_event
    if pack[i] != pack[j] or pack[i] < 0:
        gone = left_event[j] if left_event[j] >= 0 else ran_event[j]
        if gone < 0:
            gone = max(left_event[i], ran_event[i])
        return _DEPARTURE, gone
    return _HELD, -1


@njit(cache=True)
def _sort_out(
    wolves: BetrothedColumns, rows: NDArray[np.int64]
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]
]:  # pragma: no cover - compiled
    """Each betrothed pair of ``rows`` once, by its living lower row: the interrupted (the row,
    its partner, why, the cause) and the indices into ``rows`` of the pairs still due."""
    alive, betrothed = wolves.alive, wolves.betrothed
    count = len(rows)
    stop_a = np.empty(count, dtype=np.int64)
    stop_b = np.empty(count, dtype=np.int64)
    why = np.empty(count, dtype=np.int64)
    cause = np.empty(count, dtype=np.int64)
    due = np.empty(count, dtype=np.int64)
    n_stop = 0
    n_due = 0
    for k in range(count):
        i = rows[k]
        j = betrothed[i]
        if not (i < j or not alive[j]):
            continue
        reason, event = interruption(wolves, i, j)
        if reason == _HELD:
            due[n_due] = k
            n_due += 1
            continue
        stop_a[n_stop], stop_b[n_stop] = i, j
        why[n_stop] = reason
        cause[n_stop] = event
        n_stop += 1
    return stop_a[:n_stop], stop_b[:n_stop], why[:n_stop], cause[:n_stop], due[:n_due]


@njit(cache=True)
def _called_off(
    betrothed: NDArray[np.int32], stop_a: NDArray[np.int64], n: int
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Per wolf row, whether its ceremony is called off (empty when none is): a pair called
    off clears the ceremony of both the wolf and whoever it was promised to."""
    off = np.zeros(n if len(stop_a) else 0, dtype=np.bool_)
    for s in range(len(stop_a)):
        off[stop_a[s]] = True
        if betrothed[stop_a[s]] >= 0:
            off[betrothed[stop_a[s]]] = True
    return off


@njit(cache=True)
def _held_today(
    wolves: BetrothedColumns,
    rows: NDArray[np.int64],
    due: NDArray[np.int64],
    off: NDArray[np.bool_],
    day: int,
    bite_order: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:  # pragma: no cover
    """Of the ``due`` pairs, those whose ceremony is today and not called off, as (biter,
    bearer) by ``bite_order`` of their designations, and whether each was arranged."""
    betrothed, designation = wolves.betrothed, wolves.designation
    n_due = len(due)
    biter = np.empty(n_due, dtype=np.int64)
    bearer = np.empty(n_due, dtype=np.int64)
    forced = np.empty(n_due, dtype=np.bool_)
    held = 0
    for d in range(n_due):
        i = rows[due[d]]
        if wolves.ceremony_day[i] != day or (len(off) and off[i]):
            continue
        j = betrothed[i]
        a, b = i, j
        if bite_order[designation[j]] < bite_order[designation[i]]:
            a, b = j, i
        biter[held], bearer[held] = a, b
        forced[held] = wolves.arranged[a]
        held += 1
    return biter[:held], bearer[:held], forced[:held]


@njit(cache=True)
def ceremonies(
    wolves: BetrothedColumns, day: int, bite_order: NDArray[np.int64]
) -> tuple[
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.bool_],
]:  # pragma: no cover - compiled
    """The day's betrothed pairs, each once by its living lower row: those whose ceremony cannot
    happen (a partner dead, or the two not in one pack) and those whose ceremony is today.

    Returns the interrupted pairs (the living row, its partner), why (1 death, 2 departure) and
    the event that interrupted it (the death, else the partner's leaving or running, else the
    wolf's own); then today's pairs ordered (biter, bearer) by ``bite_order`` of their
    designation codes (lower bites; a tie keeps the lower row), and whether each was arranged.
    A pair interrupted is called off, so a ceremony of the partners it frees is not held.
    """
    rows = living_above(wolves.alive, wolves.betrothed, -1)
    stop_a, stop_b, why, cause, due = _sort_out(wolves, rows)
    off = _called_off(wolves.betrothed, stop_a, len(wolves.alive))
    biter, bearer, forced = _held_today(wolves, rows, due, off, day, bite_order)
    return stop_a, stop_b, why, cause, biter, bearer, forced
