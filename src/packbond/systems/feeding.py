"""Food (R34): the pack's store feeds its members; hunger and starvation when it runs short.

Each day every pack eats from its store what its members need (less for the young). When the
store cannot cover the need, every member goes short by the same share (the pack shares), and
hunger rises; eating enough lets it fall. A wolf without a pack forages alone and finds a share
of its need that follows prey abundance. A pack whose mean hunger crosses the hungry threshold
has a ``hunger`` event; starving wolves may die, the young sooner. Food spoils slowly.

Reads: alive, pack, designation, hunger; packs' food, region. Writes: food, hunger, hungry.
Queues: deaths. Emits: ``hunger``, ``died`` (cause starvation). Rules: ``food``.
"""

from __future__ import annotations

import numpy as np

from .. import body
from ..arrays import group_sum
from ..context import Context
from ..state import Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Eat, go hungry, starve."""
    w, p, r = world.wolves, world.packs, world.rules.food
    rows = np.flatnonzero(w.view("alive"))
    if len(rows) == 0:
        return
    pack = w.pack[rows]
    young = w.designation[rows] == Designation.UNPRESENTED
    need = np.where(young, r.need_young, r.need_adult)
    pack_need = group_sum(pack, need, p.size)
    eaten = np.minimum(p.food[: p.size], pack_need)
    p.food[: p.size] = (p.food[: p.size] - eaten) * (1.0 - r.spoil_per_day)
    share = np.where(pack_need > 0, eaten / np.maximum(pack_need, 1e-12), 1.0)
    season = world.calendar.season(ctx.day)
    loner = float(r.loner_forage * world.regions.prey[:, season].mean())
    fed = np.where(pack >= 0, share[np.maximum(pack, 0)], loner)
    h = w.hunger[rows] + r.hunger_rise * (1.0 - fed) - r.hunger_fall * fed
    w.hunger[rows] = np.clip(h, 0.0, 1.0)
    _hungry_packs(world, ctx, rows, pack_need)
    starving = rows[w.hunger[rows] > r.starve_at]
    if len(starving) == 0:
        return
    frailty = np.where(w.designation[starving] == Designation.UNPRESENTED, 2.0, 1.0)
    risk = r.starve_per_day * frailty * (w.hunger[starving] - r.starve_at) / (1.0 - r.starve_at)
    body.die(world, ctx, starving[ctx.draw("starve", starving) < risk], "starvation")


def _hungry_packs(world: World, ctx: Context, rows: np.ndarray, pack_need: np.ndarray) -> None:
    w, p, r = world.wolves, world.packs, world.rules.food
    pack = w.pack[rows]
    heads = group_sum(pack, None, p.size)
    mean_hunger = group_sum(pack, w.hunger[rows], p.size) / np.maximum(heads, 1)
    live = p.view("alive")
    starts = np.flatnonzero(live & ~p.view("hungry") & (mean_hunger >= r.hungry_at))
    ends = np.flatnonzero(p.view("hungry") & (mean_hunger < r.hungry_at / 2))
    p.hungry[ends] = False
    if len(starts):
        p.hungry[starts] = True
        days_left = p.food[starts] / np.maximum(pack_need[starts], 1e-9)
        ctx.emit("hunger", replicate=p.replicate[starts], pack=starts, value=np.round(days_left, 1))
