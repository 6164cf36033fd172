"""Food (R34): the pack's store feeds its members; hunger and starvation when it runs short.

Each day every pack eats from its store what its members need (less for the young). When the
store cannot cover the need, every member goes short by the same share (the pack shares), and
hunger rises; eating enough lets it fall. A wolf without a pack forages alone and finds a share
of its need that follows prey abundance. A pack whose mean hunger crosses the hungry threshold
has a ``hunger`` event; starving wolves may die, the young sooner. Food spoils slowly.

Reads: alive, pack, designation, hunger, withdrawn, dark; packs' food, region.
Writes: food, hunger, hungry.
Kills (at once). Emits: ``hunger``, ``died`` (cause starvation). Rules: ``food``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels
from ..core.context import Context
from ..shared import body
from ..state import Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Eat, go hungry, starve."""
    w, p, r, wb = world.wolves, world.packs, world.rules.food, world.rules.wellbeing
    alive, pack = w.view("alive"), w.view("pack")
    young = w.view("designation") == Designation.UNPRESENTED
    pack_need, heads = kernels.pack_needs(alive, pack, young, r.need_adult, r.need_young, p.size)
    food = p.view("food")
    eaten = np.minimum(food, pack_need)
    food[:] = (food - eaten) * (1.0 - r.spoil_per_day)
    share = np.where(pack_need > 0, eaten / np.maximum(pack_need, 1e-12), 1.0)
    season = world.calendar.season(ctx.day)
    loner = float(r.loner_forage * world.regions.prey[:, season].mean())
    if r.household_forage_size > 0:
        small = (heads > 0) & (heads <= r.household_forage_size)
        share = np.where(small, np.maximum(share, loner), share)
    hunger_sum, starving = kernels.share_food(
        alive,
        pack,
        w.view("hunger"),
        share,
        w.view("withdrawn"),
        w.view("dark"),
        wb.withdrawn_appetite if wb.enabled else 1.0,
        wb.dark_appetite if wb.enabled else 1.0,
        loner,
        r.hunger_rise,
        r.hunger_fall,
        r.starve_at,
        p.size,
    )
    _hungry_packs(world, ctx, hunger_sum / np.maximum(heads, 1), pack_need)
    if len(starving) == 0:
        return
    frailty = np.where(w.designation[starving] == Designation.UNPRESENTED, 2.0, 1.0)
    risk = r.starve_per_day * frailty * (w.hunger[starving] - r.starve_at) / (1.0 - r.starve_at)
    body.die(world, ctx, starving[ctx.draw("starve", starving) < risk], "starvation")


def _hungry_packs(
    world: World, ctx: Context, mean_hunger: np.ndarray, pack_need: np.ndarray
) -> None:
    p, r = world.packs, world.rules.food
    live = p.view("alive")
    starts = np.flatnonzero(live & ~p.view("hungry") & (mean_hunger >= r.hungry_at))
    ends = np.flatnonzero(p.view("hungry") & (mean_hunger < r.hungry_at / 2))
    p.hungry[ends] = False
    if len(starts):
        p.hungry[starts] = True
        days_left = p.food[starts] / np.maximum(pack_need[starts], 1e-9)
        ctx.emit("hunger", replicate=p.replicate[starts], pack=starts, value=np.round(days_left, 1))
