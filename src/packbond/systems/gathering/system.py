"""Gathering: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond.core import rng
from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import body
from packbond.state import Designation, Form, Role, World

from . import kernel

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
    and first member (-1 where none went): :func:`packbond.kernel.gathering_parties` with
    today's rules. The able go (presented, in human form where forms are on, not disabled by a
    wound, not withdrawn), each with a chance of ``gatherer_share``."""
    w, rules = world.wolves, world.rules
    return kernel.gathering_parties(
        w.bundle(kernel.GathererColumns),
        world.seed_keys,
        due,
        kernel_rules(
            kernel.GatherRules,
            rules.gathering,
            unpresented=int(Designation.UNPRESENTED),
            human=int(Form.HUMAN),
            forms=rules.forms.enabled,
            disabled_above=np.float32(rules.wounds.disabled_above),
            day=ctx.day,
            purpose=rng.purpose_key("gather_go"),
        ),
    )
