"""Kernels for the day's mating ceremonies (R15) and the bite that makes mates (R18).

Why compiled: only the betrothed are touched, a few dozen wolves in a world of ten thousand, and
a ceremony is held most days, but sorting out the interrupted and the due, ordering each pair by
who bites, and writing a new pair's mate, mark, bond and attention are some thirty NumPy calls
a day on those few rows. Here one pass sorts the betrothed and one writes the new pairs. The
events stay with the ceremony system; these kernels only read and write columns.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from .select import living_above

__all__ = ["Betrothals", "MateColumns", "ceremonies", "mate_pairs"]

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


class MateColumns(NamedTuple):
    """Wolf columns a new pair of mates writes (and ``ambition``, which it reads)."""

    mate: NDArray[np.int32]
    marked_by: NDArray[np.int32]
    mated_day: NDArray[np.int32]
    single_since: NDArray[np.int32]
    betrothed: NDArray[np.int32]
    ceremony_day: NDArray[np.int32]
    arranged: NDArray[np.bool_]
    felt_wound: NDArray[np.int64]
    felt_dark: NDArray[np.bool_]
    bond: NDArray[np.float32]
    attention: NDArray[np.float32]
    ambition: NDArray[np.float32]


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


@njit(cache=True)
def mate_pairs(
    cols: MateColumns,
    biter: NDArray[np.int64],
    bearer: NDArray[np.int64],
    day: int,
    strength: NDArray[np.float64],
    bond_enabled: bool,
    inattention: float,
) -> None:  # pragma: no cover - compiled
    """Make each ``biter[k]`` and ``bearer[k]`` mates: the bearer bears the biter's mark, both
    are mated on ``day``, no longer single, their coming ceremonies (and those of whoever they
    were promised to) are called off, their felt wound and dark mood are cleared, and where the
    bond rule is on the bond starts at ``strength[k]`` and the attention each pays falls with
    its ambition (float32, as NumPy computes it from the float32 column)."""
    (
        mate,
        marked_by,
        mated_day,
        single_since,
        betrothed,
        ceremony_day,
        arranged,
        felt_wound,
        felt_dark,
        bond,
        attention,
        ambition,
    ) = cols
    for k in range(len(biter)):
        mate[biter[k]] = bearer[k]
    for k in range(len(bearer)):
        mate[bearer[k]] = biter[k]
    # Who each was promised to, read before any promise is cleared.
    promised = np.empty(2 * len(biter), dtype=np.int64)
    for k in range(len(biter)):
        promised[k] = betrothed[biter[k]]
        promised[len(biter) + k] = betrothed[bearer[k]]
    one = np.float32(1.0)
    keep = np.float32(inattention)
    for k in range(2 * len(biter)):
        i = biter[k] if k < len(biter) else bearer[k - len(biter)]
        mated_day[i] = day
        single_since[i] = -1
        betrothed[i] = -1
        ceremony_day[i] = -1
        arranged[i] = False
        felt_wound[i] = -1
        felt_dark[i] = False
        if bond_enabled:
            bond[i] = strength[k % len(biter)]
            attention[i] = one - keep * ambition[i]
    for k in range(len(bearer)):
        marked_by[bearer[k]] = biter[k]
    for k in range(len(promised)):
        if promised[k] >= 0:
            betrothed[promised[k]] = -1
            ceremony_day[promised[k]] = -1
            arranged[promised[k]] = False
