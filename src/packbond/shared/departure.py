"""Setting out on the road (R35, R38, R51): what leaving a pack does to a wolf's state.

Shared by leaving (wolves who go, alone or with a mate) and war (survivors who disperse rather
than pledge). The leaving system settles travellers when their journey ends.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..state import Designation, World

__all__ = ["depart"]


def depart(
    world: World,
    rows: NDArray[np.integer],
    day: int,
    event: NDArray[np.integer],
    partner: NDArray[np.integer] | None = None,
    with_young: bool = True,
) -> None:
    """Wolves leave their pack for the road, alone or with a partner, and (``with_young``)
    taking their young who live with them (R37, R38: no parent leaves a child behind); a pack
    alpha who leaves leaves the lead vacant, and every place held in the pack is given up."""
    if len(rows) == 0:
        return
    if with_young:
        young, parent = _young_of(world, rows)
        if len(young):
            index = np.full(world.wolves.size, -1, dtype=np.int64)
            index[rows] = np.arange(len(rows))
            _set_out(world, young, day, np.asarray(event)[index[parent]], parent)
    _set_out(world, rows, day, event, partner)


def _young_of(
    world: World, rows: NDArray[np.integer]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The unpresented young who live in the pack of a parent among ``rows`` (the mother first),
    and that parent."""
    w = world.wolves
    leaving = np.zeros(w.size, dtype=bool)
    leaving[rows] = True
    young = np.flatnonzero(
        w.view("alive")
        & (w.view("pack") >= 0)
        & ~w.view("travelling")
        & (w.view("designation") == Designation.UNPRESENTED)
        & ~leaving
    )
    mother, father = w.mother[young], w.father[young]
    by_mother = (mother >= 0) & leaving[np.maximum(mother, 0)]
    by_father = (father >= 0) & leaving[np.maximum(father, 0)]
    parent = np.where(by_mother, mother, np.where(by_father, father, -1)).astype(np.int64)
    home = parent >= 0
    home[home] &= w.pack[parent[home]] == w.pack[young[home]]
    return young[home].astype(np.int64), parent[home]


def _set_out(
    world: World,
    rows: NDArray[np.integer],
    day: int,
    event: NDArray[np.integer],
    partner: NDArray[np.integer] | None,
) -> None:
    """Put ``rows`` on the road, with ``partner`` (a mate, or the parent a young one follows)."""
    w, p = world.wolves, world.packs
    led = np.isin(p.view("leader"), rows)
    p.view("leader")[led] = -1
    world.move(rows, -1)
    w.travelling[rows] = True
    w.travel_until[rows] = day + world.rules.leaving.travel_days
    w.travel_with[rows] = -1 if partner is None else partner
    w.left_event[rows] = event
    w.rank[rows] = 0
    w.high_rank[rows] = False
    w.roles[rows] = 0
    w.protector[rows] = -1
    w.shut_out[rows] = False
    w.kept_from_pups[rows] = False
    w.away_from[rows] = -1
