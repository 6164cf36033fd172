"""Gathering (R33): berries and herbs by season, a smaller food source and a social outing.

About once every ``interval_days`` a pack's able members who are not out hunting may go picking
(a share of them), bringing food by season. Who goes is one compiled pass
(:func:`packbond.kernels.gathering_parties`). Going out with an open wound may reopen it (R32).
The ``gathered`` event names one of the party and marks an occasion later social systems use.

Reads: alive, pack, designation, form, wound. Writes: packs' food, roles, bleeding.
Emits: ``gathered``, ``wound_reopened``. Rules: ``gathering``, ``wounds``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import body, kernels, rng
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
    out, size, first = _gatherers(world, ctx, due)
    if len(out) == 0:
        return
    packs = np.flatnonzero(size)
    food = food_each * size[packs].astype(np.float64)
    p.food[packs] += food.astype(np.float32)
    w.roles[out] |= Role.GATHERER
    ctx.emit("gathered", first[packs], pack=packs, value=np.round(food, 1))
    body.reopen_if_active(world, ctx, out, "reopen_gather")


def _gatherers(
    world: World, ctx: Context, due: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """The day's gatherers of the ``due`` packs in row order, and per pack row the party's size
    and first member (-1 where none went): :func:`packbond.kernels.gathering_parties` with
    today's rules. The able go (presented, in human form where forms are on, not disabled by a
    wound, not withdrawn), each with a chance of ``gatherer_share``."""
    w, rules = world.wolves, world.rules
    return kernels.gathering_parties(
        w.bundle(kernels.Gatherers),
        world.seed_keys,
        due,
        kernels.GatherRules(
            unpresented=int(Designation.UNPRESENTED),
            human=int(Form.HUMAN),
            forms=rules.forms.enabled,
            disabled_above=np.float32(rules.wounds.disabled_above),
            share=rules.gathering.gatherer_share,
            day=ctx.day,
            purpose=rng.purpose_key("gather_go"),
        ),
    )
