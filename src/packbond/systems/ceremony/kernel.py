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

__all__ = ["Betrothals", "ceremonies"]

_DEATH, _DEPARTURE = 1, 2
"""``why`` codes of an interrupted ceremony."""


class Betrothals(NamedTuple):
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
def ceremonies(
    wolves: Betrothals, day: int, bite_order: NDArray[np.int64]
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
    (
        alive,
        betrothed,
        pack,
        ceremony_day,
        arranged,
        designation,
        left_event,
        ran_event,
        death_event,
    ) = wolves
    n = len(alive)
    rows = living_above(alive, betrothed, -1)
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
        if not alive[j]:
            stop_a[n_stop], stop_b[n_stop] = i, j
            why[n_stop] = _DEATH
            cause[n_stop] = death_event[j]
            n_stop += 1
        elif pack[i] != pack[j] or pack[i] < 0:
            gone = left_event[j] if left_event[j] >= 0 else ran_event[j]
            if gone < 0:
                gone = max(left_event[i], ran_event[i])
            stop_a[n_stop], stop_b[n_stop] = i, j
            why[n_stop] = _DEPARTURE
            cause[n_stop] = gone
            n_stop += 1
        else:
            due[n_due] = k
            n_due += 1
    # A pair called off clears the ceremony of both the wolf and whoever it was promised to.
    off = np.zeros(n if n_stop else 0, dtype=np.bool_)
    for s in range(n_stop):
        off[stop_a[s]] = True
        if betrothed[stop_a[s]] >= 0:
            off[betrothed[stop_a[s]]] = True
    biter = np.empty(n_due, dtype=np.int64)
    bearer = np.empty(n_due, dtype=np.int64)
    forced = np.empty(n_due, dtype=np.bool_)
    held = 0
    for d in range(n_due):
        i = rows[due[d]]
        if ceremony_day[i] != day or (n_stop and off[i]):
            continue
        j = betrothed[i]
        a, b = i, j
        if bite_order[designation[j]] < bite_order[designation[i]]:
            a, b = j, i
        biter[held], bearer[held] = a, b
        forced[held] = arranged[a]
        held += 1
    return (
        stop_a[:n_stop],
        stop_b[:n_stop],
        why[:n_stop],
        cause[:n_stop],
        biter[:held],
        bearer[:held],
        forced[:held],
    )
