"""Famine relief (R34): a hungry pack is fed by a neighbour with food to spare; weekly.

Each week every hungry pack (see feeding) looks to the packs of its region in the same world.
The one with the most to spare (not hungry itself, more than ``food.share_above_days`` of its
own need in store) gives it food unless it is at war with it or holds it a grievance of
``food.share_grievance_below`` or more: ``food.share_part`` of what it holds beyond those days,
split evenly among the hungry packs it feeds this week (``food_shared``, the giving pack and the
fed one). So a famine is a pack's alone only where its neighbours are hungry too, or hostile:
starvation stays a cause of death, but not beside full stores.

Reads: alive, pack, designation; packs' alive, food, hungry, region, replicate, war_on, rival,
grievance. Writes: packs' food. Emits: ``food_shared``. Rules: ``food``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.arrays import first_of_groups
from ..core.context import Context
from ..state import Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """This week's gifts of food from packs with plenty to hungry packs of their region."""
    r = world.rules.food
    if not r.share:
        return
    p = world.packs
    live = p.view("alive")
    hungry = np.flatnonzero(live & p.view("hungry"))
    if len(hungry) == 0:
        return
    need = _daily_need(world)
    spare = p.view("food") - r.share_above_days * need
    givers = np.flatnonzero(live & ~p.view("hungry") & (spare > 0.0))
    if len(givers) == 0:
        return
    giver = _best_giver(world, hungry, givers, spare)
    fed = giver >= 0
    hungry, giver = hungry[fed], giver[fed]
    if len(hungry) == 0:
        return
    fed_by = np.bincount(giver, minlength=p.size)
    gift = r.share_part * spare[giver] / fed_by[giver]
    # Every giver's spare is read before any gift moves, so a giver that feeds several packs
    # splits the same spare among them.
    np.subtract.at(p.food, giver, gift)
    np.add.at(p.food, hungry, gift)
    ctx.emit("food_shared", replicate=p.replicate[giver], pack=giver, rival=hungry, value=gift)


def _daily_need(world: World) -> NDArray[np.float64]:
    """Each pack row's daily need of food (as feeding counts it)."""
    w, p, r = world.wolves, world.packs, world.rules.food
    young = w.view("designation") == Designation.UNPRESENTED
    need, _ = kernels.pack_needs(
        w.view("alive"), w.view("pack"), young, r.need_adult, r.need_young, p.size
    )
    return need


def _best_giver(
    world: World,
    hungry: NDArray[np.int64],
    givers: NDArray[np.int64],
    spare: NDArray[np.float64],
) -> NDArray[np.int64]:
    """For each hungry pack, the pack of its region and world with the most to spare, if that
    pack is willing to give to it (not at war with it, no grievance held against it), else -1."""
    p, r = world.packs, world.rules.food
    regions = len(world.regions.names)
    key = p.replicate[: p.size].astype(np.int64) * regions + p.region[: p.size]
    order = np.lexsort((-spare[givers], key[givers]))
    ranked = givers[order]
    top = ranked[first_of_groups(key[ranked])]
    top_of = np.full(int(key.max()) + 1, -1, dtype=np.int64)
    top_of[key[top]] = top
    giver = top_of[key[hungry]]
    g = np.maximum(giver, 0)
    at_war = (p.war_on[g] == hungry) | (p.war_on[hungry] == g)
    held = np.where(p.rival[g] == hungry[:, None], p.grievance[g], 0.0).max(axis=1)
    willing = (giver >= 0) & (giver != hungry) & ~at_war & (held < r.share_grievance_below)
    return np.where(willing, giver, -1)
