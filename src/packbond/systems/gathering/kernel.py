"""Who goes gathering today (R33), in one compiled pass over the wolves.

Why: in NumPy the choice lists the members of the due packs (a third of every pack on a day),
filters them through four gathered columns, draws for each, and sorts the party's packs with
``np.unique``: six passes and a sort over a third of the world. Here one pass checks each wolf,
draws for the able members of a due pack, and counts the party per pack as it goes, so the packs
come out in order without a sort. The draw is :func:`packbond.core.rng.uniform` for the wolf (seed
of its replicate, day, id, purpose, k = 0), as ``Context.draw`` gives it, so the parties are the
NumPy choice's.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange
from numpy.typing import NDArray

from packbond.kernels import parallel
from packbond.kernels.daily import day_keys, keyed_draw
from packbond.kernels.stretches import close_up

__all__ = ["GatherRules", "GathererColumns", "gathering_parties"]

_DRAW_GO = 0  # the draw slot (k) of whether a wolf goes gathering, under ``GatherRules.purpose``


class GathererColumns(NamedTuple):
    """The wolf columns the choice reads."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    form: NDArray[np.int8]
    wound: NDArray[np.float32]
    withdrawn: NDArray[np.bool_]


class GatherRules(NamedTuple):
    """The rules of the choice, with the codes it compares, the day and the draw's purpose."""

    unpresented: int
    human: int
    forms: bool  # forms off: every wolf counts as in human form
    disabled_above: np.float32  # in the wound column's dtype, as NumPy compares it
    gatherer_share: float
    day: int
    purpose: np.uint64


def _gathering_parties(
    folk: GathererColumns,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    rules: GatherRules,
    parts: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    """:func:`gathering_parties` over ``parts`` stretches of rows: each stretch lists its own
    gatherers in its own part of the output, and the parts are closed up in order after, so
    the result is the one pass's on any number of threads. A pack's party size and first
    member are summed and taken over the stretches in order afterwards (counts, so exact)."""
    alive, replicate, ids, pack, designation, form, wound, withdrawn = folk
    keys = day_keys(seeds, rules.day, rules.purpose, _DRAW_GO + 1)
    n = len(alive)
    out = np.empty(n, dtype=np.int64)
    counts = np.zeros(parts, dtype=np.int64)
    for c in prange(parts):
        lo, hi = c * n // parts, (c + 1) * n // parts
        m = lo
        for i in range(lo, hi):
            p = pack[i]
            if not alive[i] or p < 0 or not due[p]:
                continue
            if designation[i] == rules.unpresented or withdrawn[i]:
                continue
            if rules.forms and form[i] != rules.human:
                continue
            if not wound[i] < rules.disabled_above:
                continue
            if keyed_draw(keys[replicate[i], _DRAW_GO], int(ids[i])) < rules.gatherer_share:
                out[m] = i
                m += 1
        counts[c] = m - lo
    total = close_up(out, counts, n, parts)
    size = np.zeros(len(due), dtype=np.int64)
    first = np.full(len(due), -1, dtype=np.int64)
    for k in range(total):
        i = out[k]
        p = pack[i]
        if first[p] < 0:
            first[p] = i
        size[p] += 1
    return out[:total].copy(), size, first


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_gathering_parties_serial = njit(cache=True)(_gathering_parties)
_gathering_parties_inlined = njit(inline="always")(_gathering_parties)


@njit(cache=True, parallel=True)
def _gathering_parties_parallel(
    folk: GathererColumns,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    rules: GatherRules,
    parts: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    return _gathering_parties_inlined(folk, seeds, due, rules, parts)


def gathering_parties(
    folk: GathererColumns,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    rules: GatherRules,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """The day's gatherers in row order, and per pack row the party's size and first member
    (-1 where none went).

    A gatherer is a living, presented member of a due pack, in human form (where forms are on),
    not disabled by a wound and not withdrawn, whose draw falls under the gatherer share. In
    stretches of rows on several threads for a big world when that is the faster way on this
    machine now (see :mod:`packbond.kernels.parallel`): each row's choice is its own.
    """
    return parallel.run(
        len(folk.alive),
        lambda: _gathering_parties_serial(folk, seeds, due, rules, 1),
        lambda: _gathering_parties_parallel(folk, seeds, due, rules, get_num_threads()),
        parallel.HEAVY_FROM,
    )
