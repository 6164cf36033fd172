"""The daily bond kernel: every bonded wolf feels its mate's wound, darkness and wellbeing.

Why compiled: the bond is felt every day by every mated wolf, and in NumPy each day paid a
dozen passes over all of them (the mask, gathers of the mate's wound, darkness and wellbeing,
the writes back) although only the few with a wounded or darkened mate do more than move
wellbeing. Here one pass does the routine part and lists the few who feel pain for the first
time, for the system to emit. The arithmetic keeps the NumPy formulas' order and dtypes
(float64 by the bond's strength, stored back as float32), so the results are bit-identical.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["BondColumns", "BondRules", "feel_mates"]


class BondColumns(NamedTuple):
    """Wolf columns the bond kernel reads; it writes hurt, stress, wellbeing and the felt marks."""

    alive: NDArray[np.bool_]
    mate: NDArray[np.int32]
    bond: NDArray[np.float32]
    wound: NDArray[np.float32]
    wound_event: NDArray[np.int64]
    dark: NDArray[np.bool_]
    hurt: NDArray[np.float32]
    stress: NDArray[np.float32]
    wellbeing: NDArray[np.float32]
    felt_wound: NDArray[np.int64]
    felt_dark: NDArray[np.bool_]


class BondRules(NamedTuple):
    """The bond rules the kernel applies, flattened."""

    pain_above: float
    pain_share: float
    pain_stress: float
    contagion: float


@njit(cache=True)
def feel_mates(
    wolves: BondColumns, r: BondRules
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """A day of the bond for every living wolf with a mate and a bond.

    A mate's wound at or above ``pain_above`` costs the wolf hurt and stress by the bond times
    the wound, and marks the wound felt; its wellbeing moves toward its mate's (both read before
    either moves). Returns the bonded rows, the rows that felt a mate's wound for the first time
    (before marking it), and the rows newly feeling a mate's darkness, in row order.
    """
    (
        alive,
        mate,
        bond,
        wound,
        wound_event,
        dark,
        hurt,
        stress,
        wellbeing,
        felt_wound,
        felt_dark,
    ) = wolves
    n = len(alive)
    rows = np.empty(n, dtype=np.int64)
    moved = np.empty(n, dtype=np.float32)
    new_wound = np.empty(n, dtype=np.int64)
    sorrow = np.empty(n, dtype=np.int64)
    count = n_wound = n_sorrow = 0
    # Branch-free sift of the bonded rows (every row is written, the count moves only for a
    # match): which rows are mated is too random for a branch to be predicted.
    for i in range(n):
        rows[count] = i
        count += alive[i] & (mate[i] >= 0) & (bond[i] > 0)
    for k in range(count):
        i = rows[k]
        j = mate[i]
        strength = np.float64(bond[i])
        severity = np.float64(wound[j])
        if severity >= r.pain_above:
            share = strength * severity
            hurt[i] += np.float32(r.pain_share * share)
            stress[i] = min(1.0, stress[i] + r.pain_stress * share)
            if felt_wound[i] != wound_event[j]:
                new_wound[n_wound] = i
                n_wound += 1
                felt_wound[i] = wound_event[j]
        if dark[j] and not felt_dark[i]:
            sorrow[n_sorrow] = i
            n_sorrow += 1
        felt_dark[i] = dark[j]
        mine = wellbeing[i]
        moved[k] = mine + np.float32(r.contagion * strength * (wellbeing[j] - mine))
    for k in range(count):
        wellbeing[rows[k]] = moved[k]
    return rows[:count], new_wound[:n_wound], sorrow[:n_sorrow]
