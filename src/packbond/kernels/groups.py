"""Grouping wolves by pack: a counting sort in one compiled pass.

Why: several systems need "the living members of each pack, in row order" every day. A stable
argsort sorts every pack number; counting the members of each pack and placing them costs two
passes over the rows, and gives the same order.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange
from numpy.typing import NDArray

from . import parallel

__all__ = [
    "members_by_pack",
    "members_of",
    "metric_sums",
    "pack_counts",
    "pack_strengths",
    "young_counts",
]


@njit(cache=True, inline="always")
def _count_members(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    lo: int,
    hi: int,
    count: NDArray[np.int64],
) -> None:  # pragma: no cover - compiled
    """Add the members among rows ``lo:hi`` to their packs' ``count``.

    Rows come mostly in runs of one pack (a world is built pack by pack, a litter joins at the
    end): a run is counted in a register and added once. Adding each row to its pack's count in
    memory would make every row wait for the store of the row before it.
    """
    run_pack = -1
    run = 0
    for i in range(lo, hi):
        p = pack[i]
        if alive[i] and p >= 0 and among[i]:
            if p != run_pack:
                if run_pack >= 0:
                    count[run_pack] += run
                run_pack = p
                run = 0
            run += 1
    if run_pack >= 0:
        count[run_pack] += run


@njit(cache=True, inline="always")
def _place_members(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    lo: int,
    hi: int,
    at: NDArray[np.int64],
    order: NDArray[np.int64],
) -> None:  # pragma: no cover - compiled
    """Write the members among rows ``lo:hi`` into ``order``, each at its pack's next place in
    ``at`` (moved on past them), in row order; a run of one pack's rows keeps its place in a
    register (see :func:`_count_members`)."""
    run_pack = -1
    place = 0
    for i in range(lo, hi):
        p = pack[i]
        if alive[i] and p >= 0 and among[i]:
            if p != run_pack:
                if run_pack >= 0:
                    at[run_pack] = place
                run_pack = p
                place = at[p]
            order[place] = i
            place += 1
    if run_pack >= 0:
        at[run_pack] = place


@njit(cache=True)
def _members_by_pack_serial(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    n_packs: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    count = np.zeros(n_packs, dtype=np.int64)
    n = len(alive)
    _count_members(alive, pack, among, 0, n, count)
    start = np.zeros(n_packs, dtype=np.int64)
    total = 0
    for p in range(n_packs):
        start[p] = total
        total += count[p]
    order = np.empty(total, dtype=np.int64)
    _place_members(alive, pack, among, 0, n, start.copy(), order)
    return order, start, count


@njit(cache=True, parallel=True)
def _members_by_pack_parallel(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    n_packs: int,
    parts: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    """:func:`_members_by_pack_serial` with the rows cut into ``parts`` stretches: each
    stretch counts its own members of every pack, and places them after those of the stretches
    before it, so the order is the one pass's over all rows."""
    n = len(alive)
    counts = np.zeros((parts, n_packs), dtype=np.int64)
    for c in prange(parts):
        _count_members(alive, pack, among, c * n // parts, (c + 1) * n // parts, counts[c])
    count = np.zeros(n_packs, dtype=np.int64)
    start = np.zeros(n_packs, dtype=np.int64)
    total = 0
    for p in range(n_packs):
        start[p] = total
        for c in range(parts):
            at = counts[c, p]
            counts[c, p] = total  # now where stretch c places its first member of pack p
            total += at
        count[p] = total - start[p]
    order = np.empty(total, dtype=np.int64)
    for c in prange(parts):
        _place_members(alive, pack, among, c * n // parts, (c + 1) * n // parts, counts[c], order)
    return order, start, count


def members_by_pack(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    among: NDArray[np.bool_],
    n_packs: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Rows of living wolves in a pack and set in ``among``, grouped by pack row in row order,
    with each pack row's offset (``start``) and number (``count``) in that list. On several
    threads for a big world when that is the faster way on this machine now (see
    :mod:`packbond.kernels.parallel`)."""
    return parallel.run(
        len(alive),
        lambda: _members_by_pack_serial(alive, pack, among, n_packs),
        lambda: _members_by_pack_parallel(alive, pack, among, n_packs, get_num_threads()),
        parallel.HEAVY_FROM,
    )


@njit(cache=True)
def members_of(
    alive: NDArray[np.bool_], pack: NDArray[np.int32], pack_mask: NDArray[np.bool_]
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living wolves whose pack row is set in ``pack_mask``, in row order (one pass
    where NumPy makes four temporaries of every row)."""
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        p = pack[i]
        out[n] = i  # every row written, the count moved by the match: no branch to mispredict
        n += alive[i] & (p >= 0) & pack_mask[max(p, 0)]
    return out[:n].copy()


@njit(cache=True)
def pack_counts(
    alive: NDArray[np.bool_], pack: NDArray[np.int32], n_packs: int
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Living members of each pack row, as floats (the counts a bincount would give)."""
    count = np.zeros(n_packs, dtype=np.float64)
    if n_packs == 0:
        return count
    for i in range(len(alive)):
        # Every row adds, a non-member 0.0 to the first pack (which leaves it as it was): no
        # branch on the scattered dead to mispredict.
        p = pack[i]
        count[max(p, 0)] += np.float64(alive[i] & (p >= 0))
    return count


@njit(cache=True)
def pack_strengths(
    able: NDArray[np.bool_],
    pack: NDArray[np.int32],
    skill: NDArray[np.float32],
    wound: NDArray[np.float32],
    designation: NDArray[np.int8],
    weight: NDArray[np.float64],
    leader: NDArray[np.int32],
    leader_strength: float,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Fighting strength of every pack row: its ``able`` members' skill and vigour, weighted by
    designation, summed in row order, plus its leader's skill times ``leader_strength``.

    In the dtypes NumPy gave the formula (skill and vigour in float32, the weight and the sum in
    float64, the leader's part in float32), so the sums are the same to the bit; one pass where
    NumPy makes a dozen temporaries of the able.
    """
    total = np.zeros(len(leader), dtype=np.float64)
    half = np.float32(0.5)
    one = np.float32(1.0)
    for i in range(len(able)):
        if able[i] and pack[i] >= 0:
            vigour = (half + skill[i]) * (one - wound[i])
            total[pack[i]] += np.float64(vigour) * weight[designation[i]]
    lead = np.float32(leader_strength)
    for p in range(len(leader)):
        head = leader[p]
        if head >= 0:
            total[p] += np.float64(lead * skill[head])
    return total


@njit(cache=True)
def young_counts(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    unpresented: int,
    roles: NDArray[np.uint8],
    carer: int,
    n_packs: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:  # pragma: no cover - compiled
    """Living unpresented members of each pack row, and its living members holding the
    ``carer`` role bit, as floats (childcare's need and who meets it, in one pass)."""
    young = np.zeros(n_packs, dtype=np.float64)
    carers = np.zeros(n_packs, dtype=np.float64)
    if n_packs == 0:
        return young, carers
    for i in range(len(alive)):
        # Every row adds (0.0 for a non-member, to the first pack): no branch to mispredict.
        p = pack[i]
        member = alive[i] & (p >= 0)
        young[max(p, 0)] += np.float64(member & (designation[i] == unpresented))
        carers[max(p, 0)] += np.float64(member & ((roles[i] & carer) != 0))
    return young, carers


@njit(cache=True)
def metric_sums(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    replicate: NDArray[np.int16],
    designation: NDArray[np.int8],
    withdrawn: NDArray[np.bool_],
    wellbeing: NDArray[np.float32],
    acceptance: NDArray[np.float32],
    contacts: NDArray[np.integer],
    n_packs: int,
    n_replicates: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:  # pragma: no cover - compiled
    """The daily metrics' sums over the living, per slot (a pack row, then one slot per
    replicate for the wolves outside any pack), in one pass instead of nine ``bincount``s.

    Returns ``counts`` (slot × [population, unpresented, alphas, betas, omegas, withdrawn]) and
    ``sums`` (slot × [wellbeing, acceptance, contacts]). Each sum adds the rows in row order in
    float64, as ``bincount`` does, so the figures are the same to the last bit.
    """
    size = n_packs + n_replicates
    counts = np.zeros((size, 6), dtype=np.float64)
    sums = np.zeros((size, 3), dtype=np.float64)
    for i in range(len(alive)):
        if not alive[i]:
            continue
        s = pack[i] if pack[i] >= 0 else n_packs + np.int64(replicate[i])
        counts[s, 0] += 1.0
        d = designation[i]
        if 0 <= d <= 3:
            counts[s, 1 + d] += 1.0
        if withdrawn[i]:
            counts[s, 5] += 1.0
        sums[s, 0] += np.float64(wellbeing[i])
        sums[s, 1] += np.float64(acceptance[i])
        sums[s, 2] += np.float64(contacts[i])
    return counts, sums
