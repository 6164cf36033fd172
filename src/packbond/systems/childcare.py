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
from ..arrays import group_sum
from ..context import Context
from ..state import DESIGNATIONS, Designation, Role, World

__all__ = ["carers_needed", "step"]


def carers_needed(world: World) -> NDArray[np.float64]:
    """Per pack row, how many carers its living young need (R28)."""
    w, p = world.wolves, world.packs
    young = w.view("alive") & (w.view("designation") == Designation.UNPRESENTED)
    count = group_sum(w.view("pack")[young], None, p.size)
    return np.ceil(count * world.rules.reproduction.carers_per_young)


def step(world: World, ctx: Context) -> None:
    """Hand out the childcare role by need."""
    w, rules = world.wolves, world.rules
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    w.roles[rows] &= np.uint8(~Role.CARER & 0xFF)
    need = carers_needed(world).astype(np.int64)
    hunters = [DESIGNATIONS.index(d) for d in rules.hunting.hunter_designations]
    free = rows[w.designation[rows] != Designation.UNPRESENTED]
    hunts = np.isin(w.designation[free], hunters)
    chosen = free[kernels.best_per_group(w.pack[free], hunts, w.kindness[free], need)]
    w.roles[chosen] |= Role.CARER
