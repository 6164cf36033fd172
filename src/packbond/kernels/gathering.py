"""Who goes gathering today (R33), in one compiled pass over the wolves.

Why: the NumPy version listed the members of the due packs (a third of every pack on a day),
filtered them through four gathered columns, drew for each, and sorted the party's packs with
``np.unique``: six passes and a sort over a third of the world, about 10 ms a day at a million
wolves. Here one pass checks each wolf, draws for the able members of a due pack, and counts the
party per pack as it goes, so the packs come out in order without a sort. The draw is
:func:`packbond.rng.uniform` for the wolf (seed of its replicate, day, id, purpose, k = 0), as
``Context.draw`` gives it, so the parties are the same.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from .daily import day_keys, keyed_draw

__all__ = ["GatherRules", "Gatherers", "gathering_parties"]


class Gatherers(NamedTuple):
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
    """The rules of the choice, flat for the kernel."""

    unpresented: int
    human: int
    forms: bool  # forms off: every wolf counts as in human form
    disabled_above: np.float32  # in the wound column's dtype, as NumPy compares it
    share: float
    day: int
    purpose: np.uint64


@njit(cache=True)
def gathering_parties(
    folk: Gatherers,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    rules: GatherRules,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover
    """The day's gatherers in row order, and per pack row the party's size and first member
    (-1 where none went).

    A gatherer is a living, presented member of a due pack, in human form (where forms are on),
    not disabled by a wound and not withdrawn, whose draw falls under the gatherer share.
    """
    alive, replicate, ids, pack, designation, form, wound, withdrawn = folk
    keys = day_keys(seeds, rules.day, rules.purpose, 1)  # one key per replicate: k = 0
    size = np.zeros(len(due), dtype=np.int64)
    first = np.full(len(due), -1, dtype=np.int64)
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        p = pack[i]
        if not alive[i] or p < 0 or not due[p]:
            continue
        if designation[i] == rules.unpresented or withdrawn[i]:
            continue
        if rules.forms and form[i] != rules.human:
            continue
        if not wound[i] < rules.disabled_above:
            continue
        if keyed_draw(keys[replicate[i], 0], int(ids[i])) < rules.share:
            out[n] = i
            n += 1
            if first[p] < 0:
                first[p] = i
            size[p] += 1
    return out[:n].copy(), size, first
