"""Gathering (R33): berries and herbs by season, a smaller food source and a social outing.

About once every ``interval_days`` a pack's able members who are not out hunting may go picking
(a share of them), bringing food by season. Going out with an open wound may reopen it (R32).
The ``gathered`` event names one of the party and marks an occasion later social systems use.

Reads: alive, pack, designation, form, wound. Writes: packs' food, roles, bleeding.
Emits: ``gathered``, ``wound_reopened``. Rules: ``gathering``, ``wounds``.
"""

from __future__ import annotations

import numpy as np

from .. import body
from ..arrays import group_sum
from ..context import Context
from ..state import Designation, Form, Role, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Send out today's gathering parties."""
    w, p, rules = world.wolves, world.packs, world.rules
    r = rules.gathering
    food_each = r.yield_by_season.as_tuple()[world.calendar.season(ctx.day)]
    if food_each <= 0:
        return
    live = np.flatnonzero(p.view("alive"))
    due = np.zeros(p.size, dtype=bool)
    due[live[ctx.draw_packs("gather", live) < 1.0 / r.interval_days]] = True
    rows = world.members_of(due)
    rows = rows[
        (w.designation[rows] != Designation.UNPRESENTED)
        & ((w.form[rows] == Form.HUMAN) | (not rules.forms.enabled))
        & (w.wound[rows] < rules.wounds.disabled_above)
        & ~w.withdrawn[rows]
    ]
    out = rows[ctx.draw("gather_go", rows) < r.gatherer_share]
    if len(out) == 0:
        return
    packs, first = np.unique(w.pack[out], return_index=True)
    food = food_each * group_sum(w.pack[out], None, p.size)[packs]
    p.food[packs] += food.astype(np.float32)
    w.roles[out] |= Role.GATHERER
    ctx.emit("gathered", out[first], pack=packs, value=np.round(food, 1))
    body.reopen_if_active(world, ctx, out, "reopen_gather")
