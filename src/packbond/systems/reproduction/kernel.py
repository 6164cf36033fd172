"""The daily conception kernel: which wolves conceive today.

Why compiled: only mated carriers at rest can conceive, and only a few of them do on a given
day, but finding them in NumPy masks every wolf every day (five columns, two ``isin``, the
mate's and the leader's gathers) and then weighs every candidate's chance in a dozen passes.
Here one pass sifts the rows, and the few candidates are weighed and drawn for (keyed by seed,
day, wolf id and purpose, as ``Context.draw`` does) in a short loop; only those who conceive
come back, in row order. The chance is float64 throughout, as in the NumPy formula.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange
from numpy.typing import NDArray

from packbond.kernels import parallel
from packbond.kernels.daily import day_keys, keyed_draw
from packbond.kernels.marks import list_marked
from packbond.kernels.stretches import close_up

__all__ = ["BreedingPackColumns", "ConceptionColumns", "ConceptionRules", "conceptions"]

_DRAW_CONCEIVE = 0  # the draw slot (k) of whether a wolf conceives, under ``ConceptionRules.key``


class ConceptionColumns(NamedTuple):
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
    birth_day: NDArray[np.int32]


class BreedingPackColumns(NamedTuple):
    """Pack columns the conception kernel reads."""

    leader: NDArray[np.int32]
    hungry: NDArray[np.bool_]


class ConceptionRules(NamedTuple):
    """The reproduction and heat rules the kernel applies, with the carriers by designation
    code, the day and the draw's purpose key."""

    carries_female: NDArray[np.bool_]
    carries_male: NDArray[np.bool_]
    leaders_only: bool
    conception_per_day: float
    hungry_conception: float
    withdrawn_conception: float
    heat: bool
    conception_multiplier: float
    omega: int
    born_by: int
    """A carrier conceives only if born by this day (an adult: ``rules.life``)."""
    born_after: int
    """... and after this one (not past its fertile years)."""
    day: int
    key: np.uint64


def _conceptions(
    wolves: ConceptionColumns,
    seeds: NDArray[np.uint64],
    packs: BreedingPackColumns,
    r: ConceptionRules,
    parts: int,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """:func:`conceptions` over ``parts`` stretches of rows, each listing its own rows in its own
    part of the result, closed up in order after (the one pass's list on any number of
    threads). A row reads its mate and its pack, and writes nothing."""
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
        birth_day,
    ) = wolves
    leader, hungry = packs
    carries_female, carries_male = r.carries_female, r.carries_male
    day = r.day
    n = len(alive)
    keys = day_keys(seeds, day, r.key, _DRAW_CONCEIVE + 1)
    rows = np.empty(n, dtype=np.int64)
    marked = np.empty(n, dtype=np.uint8)
    counts = np.zeros(parts, dtype=np.int64)
    for c in prange(parts):
        lo, hi = c * n // parts, (c + 1) * n // parts
        # The first sift marks, then lists (see :mod:`.marks`), with no branch: the outcome is
        # too random per row for a branch to be predicted.
        for i in range(lo, hi):
            marked[i] = (
                np.uint8(alive[i])
                & np.uint8(eligible[i])
                & np.uint8(mate[i] >= 0)
                & np.uint8(due_day[i] < 0)
                & np.uint8(rest_until[i] <= day)
            )
        count = list_marked(marked, lo, hi, rows, lo)
        kept = lo
        for k in range(lo, count):
            i = rows[k]
            j = mate[i]
            carrier = (
                carries_female[designation[i]] if sex[i] == 0 else carries_male[designation[i]]
            )
            if not carrier or not alive[j]:
                continue
            if birth_day[i] > r.born_by or birth_day[i] <= r.born_after:
                continue
            p = pack[i]
            if r.leaders_only and (p < 0 or not (leader[p] == i or leader[p] == j)):
                continue
            per_day = r.conception_per_day
            chance = per_day * r.hungry_conception if p >= 0 and hungry[p] else per_day
            if r.withdrawn_conception < 1.0 and withdrawn[i]:
                chance = chance * r.withdrawn_conception
            if r.heat and designation[i] == r.omega and cycle_until[i] >= day:
                chance = min(1.0, chance * r.conception_multiplier)
            if keyed_draw(keys[replicate[i], _DRAW_CONCEIVE], int(ident[i])) < chance:
                rows[kept] = i
                kept += 1
        counts[c] = kept - lo
    return rows[: close_up(rows, counts, n, parts)]


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_conceptions_serial = njit(cache=True)(_conceptions)
_conceptions_inlined = njit(inline="always")(_conceptions)


@njit(cache=True, parallel=True)
def _conceptions_parallel(
    wolves: ConceptionColumns,
    seeds: NDArray[np.uint64],
    packs: BreedingPackColumns,
    r: ConceptionRules,
    parts: int,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    return _conceptions_inlined(wolves, seeds, packs, r, parts)


def conceptions(
    wolves: ConceptionColumns,
    seeds: NDArray[np.uint64],
    packs: BreedingPackColumns,
    r: ConceptionRules,
) -> NDArray[np.int64]:
    """Rows that conceive today, in row order.

    A candidate is a living, eligible carrier (by sex and designation code) not carrying,
    rested by the day, with a living mate and, where ``leaders_only``, the pack alpha or its
    mate. Its daily chance is lower in a hungry pack and while withdrawn, higher (up to 1) for
    an omega in heat. In stretches of rows on several threads for a big world when that is the
    faster way on this machine now (see :mod:`packbond.kernels.parallel`).
    """
    return parallel.run(
        len(wolves.alive),
        lambda: _conceptions_serial(wolves, seeds, packs, r, 1),
        lambda: _conceptions_parallel(wolves, seeds, packs, r, get_num_threads()),
        parallel.HEAVY_FROM,
    )
