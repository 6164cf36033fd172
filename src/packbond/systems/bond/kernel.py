"""The bond kernels: every bonded wolf feels its mate's wound, darkness and wellbeing daily, and
its bond grows or fades weekly.

Why compiled: the bond is felt every day by every mated wolf, and in NumPy each day pays a
dozen passes over all of them (the mask, gathers of the mate's wound, darkness and wellbeing,
the writes back) although only the few with a wounded or darkened mate do more than move
wellbeing. Here one pass does the routine part and lists the few who feel pain for the first
time, for the system to emit; the weekly growth likewise runs over the bonded rows in one loop
and hands back only the pairs together, whose trust the system moves. The arithmetic keeps the
NumPy formulas' order and dtypes (float64 by the bond's strength, float32 where NumPy combines a
float32 column with a rule value, stored back as float32), so the results are bit-identical.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange
from numpy.typing import NDArray

from packbond.kernels import parallel
from packbond.kernels.marks import list_marked

__all__ = ["BondColumns", "BondRules", "GrowthColumns", "GrowthRules", "feel_mates", "grow_bonds"]


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
    """The bond rules the daily kernel applies."""

    pain_above: float
    pain_share: float
    pain_stress: float
    contagion: float


def _feel_mates(
    wolves: BondColumns, r: BondRules, parts: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """:func:`feel_mates` over ``parts`` stretches of rows: each stretch lists its own rows in
    its own part of the outputs, and the parts are closed up in order after, so the result is
    the one pass's on any number of threads. Wellbeing is written only once every stretch has
    read its mates' (a separate loop), as the one pass reads both before either moves."""
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
    marked = np.empty(n, dtype=np.uint8)
    moved = np.empty(n, dtype=np.float32)
    new_wound = np.empty(n, dtype=np.int64)
    sorrow = np.empty(n, dtype=np.int64)
    counts = np.zeros((parts, 3), dtype=np.int64)
    for c in prange(parts):
        lo, hi = c * n // parts, (c + 1) * n // parts
        # The bonded rows, marked then listed (see :mod:`.marks`), with no branch: which rows
        # are mated is too random for a branch to be predicted.
        for i in range(lo, hi):
            marked[i] = np.uint8(alive[i]) & np.uint8(mate[i] >= 0) & np.uint8(bond[i] > 0)
        count = list_marked(marked, lo, hi, rows, lo)
        n_wound = n_sorrow = lo
        for k in range(lo, count):
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
        counts[c, 0] = count - lo
        counts[c, 1] = n_wound - lo
        counts[c, 2] = n_sorrow - lo
    for c in prange(parts):
        lo = c * n // parts
        for k in range(lo, lo + counts[c, 0]):
            wellbeing[rows[k]] = moved[k]
    # Close up the stretches' lists, in order (each part moves down, never over a later one).
    sizes = np.zeros(3, dtype=np.int64)
    for c in range(parts):
        lo = c * n // parts
        for q, out in enumerate((rows, new_wound, sorrow)):
            at = sizes[q]
            if at != lo:
                for k in range(counts[c, q]):
                    out[at + k] = out[lo + k]
            sizes[q] = at + counts[c, q]
    return rows[: sizes[0]], new_wound[: sizes[1]], sorrow[: sizes[2]]


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_feel_mates_serial = njit(cache=True)(_feel_mates)
_feel_mates_inlined = njit(inline="always")(_feel_mates)


@njit(cache=True, parallel=True)
def _feel_mates_parallel(
    wolves: BondColumns, r: BondRules, parts: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    return _feel_mates_inlined(wolves, r, parts)


def feel_mates(
    wolves: BondColumns, r: BondRules
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """A day of the bond for every living wolf with a mate and a bond.

    A mate's wound at or above ``pain_above`` costs the wolf hurt and stress by the bond times
    the wound, and marks the wound felt; its wellbeing moves toward its mate's (both read before
    either moves). Returns the bonded rows, the rows that felt a mate's wound for the first time
    (before marking it), and the rows newly feeling a mate's darkness, in row order. In
    stretches of rows on several threads for a big world when that is the faster way on this
    machine now (see :mod:`packbond.kernels.parallel`): every row's work reads its mate and
    writes only its own row.
    """
    return parallel.run(
        len(wolves.alive),
        lambda: _feel_mates_serial(wolves, r, 1),
        lambda: _feel_mates_parallel(wolves, r, get_num_threads()),
        parallel.HEAVY_FROM,
    )


class GrowthColumns(NamedTuple):
    """Wolf columns the growth kernel reads; it writes bond and security."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    mate: NDArray[np.int32]
    wellbeing: NDArray[np.float32]
    attention: NDArray[np.float32]
    kindness: NDArray[np.float32]
    bond: NDArray[np.float32]
    security: NDArray[np.float32]


class GrowthRules(NamedTuple):
    """The bond rules the weekly kernel applies (and courtship's ``coercive_below``)."""

    good_above: float
    growth: float
    apart_fade: float
    floor: float
    coercive_below: float
    consent_trust: float


@njit(cache=True)
def grow_bonds(
    wolves: GrowthColumns, rows: NDArray[np.int64], r: GrowthRules
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    """A week of the bond for ``rows`` (wolves with a mate and a bond).

    The bond grows with a good week shared in the same pack, as fast as the two mates'
    attention allows, and fades while they are apart, never below ``floor``; a consentful mate
    mends security, a coercive one wears it away. Returns the rows with their mate beside them,
    those mates, and the trust step each is owed (positive for a consentful mate).
    """
    alive, pack, mate, wellbeing, attention, kindness, bond, security = wolves
    near = np.empty(len(rows), dtype=np.int64)
    near_mate = np.empty(len(rows), dtype=np.int64)
    near_step = np.empty(len(rows), dtype=np.float64)
    count = 0
    good_above = np.float32(r.good_above)
    growth = np.float32(r.growth)
    coercive_below = np.float32(r.coercive_below)
    half = np.float32(0.5)
    for k in range(len(rows)):
        i = rows[k]
        j = mate[i]
        home = pack[i]
        together = j >= 0 and alive[j] and pack[j] == home and home >= 0
        good = together and wellbeing[i] > good_above and wellbeing[j] > good_above
        shared = half * (attention[i] + attention[j])
        strength = np.float64(bond[i])
        strength += np.float64(growth * shared * np.float32(good)) * (1.0 - strength)
        strength -= r.apart_fade * (0.0 if together else 1.0)
        bond[i] = min(max(strength, r.floor), 1.0)
        kind = kindness[j] >= coercive_below
        step = r.consent_trust if kind else -r.consent_trust
        sec = np.float64(security[i])
        sec += (step * (1.0 - sec) if kind else step * sec) * (1.0 if together else 0.0)
        security[i] = min(max(sec, 0.0), 1.0)
        if together:
            near[count] = i
            near_mate[count] = j
            near_step[count] = step
            count += 1
    return near[:count], near_mate[:count], near_step[:count]
