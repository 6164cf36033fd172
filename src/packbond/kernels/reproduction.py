"""The daily conception kernel: which wolves conceive today.

Why compiled: only mated carriers at rest can conceive, and only a few of them do on a given
day, but finding them in NumPy masked every wolf every day (five columns, two ``isin``, the
mate's and the leader's gathers) and then weighed every candidate's chance in a dozen passes.
Here one pass sifts the rows, and the few candidates are weighed and drawn for (keyed by seed,
day, wolf id and purpose, as ``Context.draw`` does) in a short loop; only those who conceive
come back, in row order. The chance is float64 throughout, as it was.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from .daily import draw_one

__all__ = ["Breeders", "ConceptionRules", "conceptions"]


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
    withdrawn: NDArray[np.bool_]
    cycle_until: NDArray[np.int32]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]


class ConceptionRules(NamedTuple):
    """The reproduction and heat rules the kernel applies, flattened, with the day's draw key."""

    leaders_only: bool
    per_day: float
    hungry: float
    withdrawn: float
    heat: bool
    heat_multiplier: float
    omega: int
    day: int
    key: np.uint64


@njit(cache=True)
def conceptions(
    wolves: Breeders,
    seeds: NDArray[np.uint64],
    carries_female: NDArray[np.bool_],
    carries_male: NDArray[np.bool_],
    leader: NDArray[np.int32],
    hungry: NDArray[np.bool_],
    r: ConceptionRules,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows that conceive today, in row order.

    A candidate is a living, eligible carrier (by sex and designation code) not carrying,
    rested by the day, with a living mate and, where ``leaders_only``, the pack alpha or its
    mate. Its daily chance is lower in a hungry pack and while withdrawn, higher (up to 1) for
    an omega in heat.
    """
    (
        alive,
        eligible,
        mate,
        due_day,
        rest_until,
        sex,
        designation,
        pack,
        withdrawn,
        cycle_until,
        replicate,
        ident,
    ) = wolves
    day = r.day
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
        p = pack[i]
        if r.leaders_only and (p < 0 or not (leader[p] == i or leader[p] == j)):
            continue
        chance = r.per_day * r.hungry if p >= 0 and hungry[p] else r.per_day
        if r.withdrawn < 1.0 and withdrawn[i]:
            chance = chance * r.withdrawn
        if r.heat and designation[i] == r.omega and cycle_until[i] >= day:
            chance = min(1.0, chance * r.heat_multiplier)
        if draw_one(seeds[replicate[i]], day, int(ident[i]), r.key, 0) < chance:
            rows[kept] = i
            kept += 1
    return rows[:kept]
