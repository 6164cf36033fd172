"""Kernels for the weekly rank ladder (R22, R23, R25): standing, challengers and the ladder.

Why compiled: the ladder ranks every presented pack member each week (about 700,000 wolves in
a world of a million). In NumPy that is a lexsort of all of them by (pack, standing, birth),
another for the challengers, and a dozen gathers for standing. Here one pass computes standing,
one picks each pack's strongest challenger, and the ladder groups members by pack with a
stable counting sort and orders each (small) pack on its own. The arithmetic follows the
NumPy formulas step by step in the same dtypes (a float32 column times a rule stays float32,
as NumPy keeps it), so results are bit-identical; tests compare them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.standings import (
    PackStandingColumns,
    StandingColumns,
    StandingRules,
    _fill_standings,
    _past_grace,
)
from packbond.state.wolves import Designation

__all__ = [
    "LadderRules",
    "PlaceColumns",
    "group_by_pack",
    "pack_challengers",
    "rank_ladder",
    "weekly_standing",
]

# Codes as plain ints: compiled code reads module constants, not class attributes.
_UNPRESENTED = int(Designation.UNPRESENTED)
_ALPHA = int(Designation.ALPHA)
_OMEGA = int(Designation.OMEGA)

# Packs above this size are ordered by a merge sort rather than by insertion.
_SMALL_PACK = 32

# What a member's new place on the ladder announces (see :func:`_announced`).
_QUIET, _LOST, _MOVED = 0, 1, 2


class PlaceColumns(NamedTuple):
    """Wolf columns the ladder writes: each member's place and whether it holds high rank."""

    rank: NDArray[np.int16]
    high_rank: NDArray[np.bool_]
    demoted: NDArray[np.bool_]


class LadderRules(NamedTuple):
    """The rank rules the ladder applies, with the day."""

    grace_days: int
    high_share: float
    day: int


@njit(cache=True)
def weekly_standing(
    folk: StandingColumns,
    packs: PackStandingColumns,
    rules: StandingRules,
    day: int,
    standing: NDArray[np.float32],
    rank: NDArray[np.int16],
    high_rank: NDArray[np.bool_],
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:  # pragma: no cover - compiled
    """The week's standing of every presented pack member, in row order, with its row.

    On the way: a presented wolf without a mate is single from today if nothing said since
    when, and a living wolf outside any pack loses its place on a ladder.
    """
    alive, pack, designation, mate, single_since = (
        folk.alive,
        folk.pack,
        folk.designation,
        folk.mate,
        folk.single_since,
    )
    rows = np.empty(len(alive), dtype=np.int64)
    count = 0
    for i in range(len(alive)):
        if not alive[i]:
            continue
        presented = designation[i] != _UNPRESENTED
        if presented and mate[i] < 0 and single_since[i] < 0:
            single_since[i] = day
        if pack[i] < 0:
            if rank[i] > 0:
                rank[i] = 0
                high_rank[i] = False
        elif presented:
            rows[count] = i
            count += 1
    rows = rows[:count]
    score = np.empty(count, dtype=np.float64)
    _fill_standings(folk, packs, rules, rows, day, score)
    for n in range(count):
        standing[rows[n]] = score[n]
    return rows, score


@njit(cache=True)
def pack_challengers(
    rows: NDArray[np.int64],
    score: NDArray[np.float64],
    pack: NDArray[np.int32],
    mate: NDArray[np.int32],
    alive: NDArray[np.bool_],
    leader: NDArray[np.int32],
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Per pack in pack order, the index into ``rows`` of its strongest possible challenger.

    A challenger is neither the pack alpha nor the alpha's mate, and the alpha is alive; ties
    go to the earlier row, as a stable sort by (pack, -score) would give them.
    """
    best = np.full(len(leader), -1, dtype=np.int64)
    for n in range(len(rows)):
        i = rows[n]
        p = pack[i]
        lead = leader[p]
        if lead < 0 or lead == i or mate[lead] == i or not alive[lead]:
            continue
        b = best[p]
        if b < 0 or score[n] > score[b]:
            best[p] = n
    out = np.empty(len(leader), dtype=np.int64)
    count = 0
    for p in range(len(leader)):
        if best[p] >= 0:
            out[count] = best[p]
            count += 1
    return out[:count]


@njit(cache=True, inline="always")
def _ahead(
    y: int, x: int, top: NDArray[np.float64], birth: NDArray[np.int32]
) -> bool:  # pragma: no cover - compiled
    """Whether ``y`` goes strictly before ``x`` on the ladder (higher top, else elder)."""
    return top[y] > top[x] or (top[y] == top[x] and birth[y] < birth[x])


@njit(cache=True)
def _merge_sort(
    members: NDArray[np.int64], top: NDArray[np.float64], birth: NDArray[np.int32]
) -> None:  # pragma: no cover - compiled
    """Stable bottom-up merge sort of ``members`` (indices) by -top, then birth.

    Written out rather than two ``np.argsort(kind="mergesort")`` calls: those add much to the
    kernel's compile time, for a path only packs of more than a few dozen take.
    """
    m = len(members)
    merged = np.empty(m, dtype=np.int64)
    width = 1
    while width < m:
        for lo in range(0, m, 2 * width):
            mid = min(lo + width, m)
            hi = min(lo + 2 * width, m)
            a = lo
            b = mid
            for k in range(lo, hi):
                if a < mid and (b >= hi or not _ahead(members[b], members[a], top, birth)):
                    merged[k] = members[a]
                    a += 1
                else:
                    merged[k] = members[b]
                    b += 1
        for k in range(m):
            members[k] = merged[k]
        width *= 2


@njit(cache=True)
def _order_packs(
    grouped: NDArray[np.int64],
    start: NDArray[np.int64],
    top: NDArray[np.float64],
    birth: NDArray[np.int32],
) -> None:  # pragma: no cover - compiled
    """Order each pack's run of ``grouped`` (indices, ascending) by -top, then birth, stably.

    Small packs by insertion in place; a big one (rare) by a merge sort.
    """
    for p in range(len(start) - 1):
        lo, hi = start[p], start[p + 1]
        if hi - lo > _SMALL_PACK:
            _merge_sort(grouped[lo:hi], top, birth)
            continue
        for a in range(lo + 1, hi):
            x = grouped[a]
            b = a - 1
            while b >= lo:
                y = grouped[b]
                if top[y] > top[x] or (top[y] == top[x] and birth[y] <= birth[x]):
                    break
                grouped[b + 1] = y
                b -= 1
            grouped[b + 1] = x


@njit(cache=True)
def group_by_pack(
    rows: NDArray[np.int64], pack: NDArray[np.int32], n_packs: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """Indices into ``rows`` grouped by pack row, in row order within a pack (a stable counting
    sort), and where each pack's run starts (``n_packs + 1`` bounds)."""
    start = np.zeros(n_packs + 1, dtype=np.int64)  # counts first, then where each pack starts
    for n in range(len(rows)):
        start[pack[rows[n]] + 1] += 1
    for p in range(n_packs):
        start[p + 1] += start[p]
    fill = np.empty(n_packs, dtype=np.int64)
    for p in range(n_packs):
        fill[p] = start[p]
    grouped = np.empty(len(rows), dtype=np.int64)
    for n in range(len(rows)):
        p = pack[rows[n]]
        grouped[fill[p]] = n
        fill[p] += 1
    return grouped, start


@njit(cache=True)
def _ladder_keys(
    rows: NDArray[np.int64],
    score: NDArray[np.float64],
    folk: StandingColumns,
    leader: NDArray[np.int32],
) -> tuple[NDArray[np.float64], NDArray[np.int32]]:  # pragma: no cover - compiled
    """What each of ``rows`` is ordered by: its standing, with the pack alpha far above, and
    its birth day."""
    top = np.empty(len(rows), dtype=np.float64)
    birth = np.empty(len(rows), dtype=np.int32)
    for n in range(len(rows)):
        i = rows[n]
        top[n] = score[n] + 1e6 * (1.0 if leader[folk.pack[i]] == i else 0.0)
        birth[n] = folk.birth_day[i]
    return top, birth


@njit(cache=True)
def _announced(
    was: bool, placed: bool, demoted: bool, high: bool, gone: bool, mated: bool
) -> tuple[int, bool]:  # pragma: no cover - compiled
    """What a member's new place announces (it just lost high rank for want of a mate, its high
    rank changed, or nothing, as for a wolf placed for the first time), and whether it is
    demoted after it; ``was`` and ``high`` say whether it held high rank before and now."""
    newly_lost = was and gone and not demoted and placed
    if mated:
        demoted = False
    elif newly_lost:
        demoted = True
    if newly_lost:
        return _LOST, demoted
    if was != high and placed:
        return _MOVED, demoted
    return _QUIET, demoted


@njit(cache=True)
def rank_ladder(
    rows: NDArray[np.int64],
    score: NDArray[np.float64],
    folk: StandingColumns,
    packs: PackStandingColumns,
    rules: LadderRules,
    places: PlaceColumns,
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]
]:  # pragma: no cover - compiled
    """Place every presented member on its pack's ladder and mark who lost or moved rank.

    The order is the pack alpha first, then by standing, then the elder; members of a pack are
    grouped with a stable counting sort so each pack is ordered on its own. Returns, in ladder
    order (pack by pack), the rows that just lost high rank for want of a mate, and the rows
    whose high rank changed with their new place and whether they now hold it.
    """
    pack, mate = folk.pack, folk.mate
    rank, high_rank, demoted = places
    grouped, start = group_by_pack(rows, pack, len(packs.leader))
    top, birth = _ladder_keys(rows, score, folk, packs.leader)
    lost_now = _past_grace(
        pack,
        folk.designation,
        mate,
        folk.single_since,
        packs.rank_requires_mate,
        rules.grace_days,
        rows,
        rules.day,
    )
    lost = np.empty(len(rows), dtype=np.int64)
    moved = np.empty(len(rows), dtype=np.int64)
    place_of = np.empty(len(rows), dtype=np.int64)
    now_high = np.empty(len(rows), dtype=np.bool_)
    n_lost = n_moved = 0
    _order_packs(grouped, start, top, birth)
    for p in range(len(start) - 1):
        lo, hi = start[p], start[p + 1]
        high_places = max(1.0, np.rint(rules.high_share * (hi - lo)))
        for place in range(1, hi - lo + 1):
            n = grouped[lo + place - 1]
            i = rows[n]
            high = place <= high_places and not lost_now[n]
            said, demoted[i] = _announced(
                high_rank[i], rank[i] > 0, demoted[i], high, lost_now[n], mate[i] >= 0
            )
            rank[i] = place
            high_rank[i] = high
            if said == _LOST:
                lost[n_lost] = i
                n_lost += 1
            elif said == _MOVED:
                moved[n_moved] = i
                place_of[n_moved] = place
                now_high[n_moved] = high
                n_moved += 1
    return lost[:n_lost], moved[:n_moved], place_of[:n_moved], now_high[:n_moved]
