"""The daily conception kernel: which wolves could conceive today.

Why compiled: only mated carriers at rest can conceive, a few in a hundred wolves, but finding
them in NumPy masked every wolf every day (five columns, two ``isin``, the mate's and the
leader's gathers). Here one pass reads each wolf's columns once and keeps the few rows that
qualify, in row order, for the system to draw on.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["Breeders", "ready_to_conceive"]


class Breeders(NamedTuple):
    """Wolf columns the conception kernel reads."""

    alive: NDArray[np.bool_]
    eligible: NDArray[np.bool_]
    mate: NDArray[np.int32]
    due_day: NDArray[np.int32]
    rest_until: NDArray[np.int32]
    sex: NDArray[np.int8]
    designation: NDArray[np.int8]
    pack: NDArray[np.int32]


@njit(cache=True)
def ready_to_conceive(
    wolves: Breeders,
    carries_female: NDArray[np.bool_],
    carries_male: NDArray[np.bool_],
    leader: NDArray[np.int32],
    leaders_only: bool,
    day: int,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living, eligible carriers (by sex and designation code) not carrying, rested by
    ``day``, with a living mate; where ``leaders_only``, only the pack alpha or its mate."""
    alive, eligible, mate, due_day, rest_until, sex, designation, pack = wolves
    rows = np.empty(len(alive), dtype=np.int64)
    count = 0
    # Branch-free first sift (every row is written, the count moves only for a match): the
    # outcome is too random per row for a branch to be predicted.
    for i in range(len(alive)):
        rows[count] = i
        count += alive[i] & eligible[i] & (mate[i] >= 0) & (due_day[i] < 0) & (rest_until[i] <= day)
    kept = 0
    for n in range(count):
        i = rows[n]
        j = mate[i]
        carrier = carries_female[designation[i]] if sex[i] == 0 else carries_male[designation[i]]
        if not carrier or not alive[j]:
            continue
        if leaders_only:
            p = pack[i]
            if p < 0 or not (leader[p] == i or leader[p] == j):
                continue
        rows[kept] = i
        kept += 1
    return rows[:kept]
