"""Childcare (R28): packs with young give the childcare role to their kindest free adults.

Each week a pack needs ``carers_per_young`` carers per young wolf; its presented members who
are not its hunters take the role first, kindest first, and hunters make up any shortfall (as
in real packs, where every member helps raise the pups); the rest lose it. The share of the
need that is met lowers the young's background mortality (see mortality). Role changes are
routine: metrics, not events.

Reads: alive, pack, designation, kindness, roles. Writes: roles.
Rules: ``reproduction.carers_per_young``, ``hunting.hunter_designations``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.context import Context
from ..shared import ties
from ..shared.care import carers_needed
from ..state import DESIGNATIONS, Designation, Role, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Hand out the childcare role by need."""
    w, rules = world.wolves, world.rules
    rows = kernels.living_above(w.view("alive"), w.view("pack"), -1)
    w.roles[rows] &= np.uint8(~Role.CARER & 0xFF)
    need = carers_needed(world).astype(np.int64)
    _keep_pups_away(world, ctx, rows)
    # Hunters by a lookup of designation codes, not np.isin (which sorts every free wolf's).
    is_hunter = np.zeros(len(DESIGNATIONS), dtype=bool)
    is_hunter[[DESIGNATIONS.index(d) for d in rules.hunting.hunter_designations]] = True
    free = rows[(w.designation[rows] != Designation.UNPRESENTED) & ~w.kept_from_pups[rows]]
    hunts = is_hunter[w.designation[free]]
    chosen = free[kernels.best_per_group(w.pack[free], hunts, w.kindness[free], need)]
    w.roles[chosen] |= Role.CARER


def _keep_pups_away(world: World, ctx: Context, rows: NDArray[np.int64]) -> None:
    """Parents bar unaccepted packmates from their pups; the bar lifts with acceptance."""
    w, r = world.wolves, world.rules.keep_away
    w.kept_from_pups[rows[w.acceptance[rows] >= r.lifted_above]] = False
    if not r.enabled:
        w.kept_from_pups[rows] = False
        return
    young = rows[w.designation[rows] == Designation.UNPRESENTED]
    parent = np.full(len(young), -1, dtype=np.int64)
    for column in ("father", "mother"):
        ref = getattr(w, column)[young]
        parent = np.where(world.beside(young, ref), ref, parent)
    young, parent = young[parent >= 0], parent[parent >= 0]
    parent_of = np.full(world.packs.size, -1, dtype=np.int64)
    parent_of[w.pack[young][::-1]] = parent[::-1]
    wary = rows[
        (w.acceptance[rows] < r.below)
        & ~w.kept_from_pups[rows]
        & (w.designation[rows] != Designation.UNPRESENTED)
    ]
    by = parent_of[w.pack[wary]]
    wary, by = wary[(by >= 0) & (by != wary)], by[(by >= 0) & (by != wary)]
    if len(wary) == 0:
        return
    bars = ctx.draw("keep_away", wary) < r.weekly * (1.0 - w.acceptance[wary])
    wary, by = wary[bars], by[bars]
    if len(wary) == 0:
        return
    w.kept_from_pups[wary] = True
    w.hurt[wary] += r.harm
    ids = ctx.emit("kept_pup_away", by, target=wary, pack=w.pack[wary])
    ties.remember(world, wary, by, affinity=-r.barred_affinity_cost, event=ids)
