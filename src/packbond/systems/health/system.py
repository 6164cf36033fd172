"""Health: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond.core import rng
from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import body
from packbond.state import World

from . import kernel

__all__ = ["step", "tend"]


def step(world: World, ctx: Context) -> None:
    """Bleed, heal, and die of wounds."""
    healed, healed_cause, dead, dead_cause = tend(world, ctx.day)
    if len(healed):
        ctx.emit("healed", healed, pack=world.wolves.pack[healed], cause=healed_cause)
    body.die(world, ctx, dead, "wounds", dead_cause)


def tend(
    world: World, day: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """The day's wounds moved (:func:`packbond.kernel.tend_wounds`, one compiled pass over the
    wounded); the healed and those who die of a wound, each with their wound's event."""
    w, p, r = world.wolves, world.packs, world.rules.wounds
    return kernel.tend_wounds(
        w.bundle(kernel.WoundColumns),
        world.seed_keys,
        p.view("hospital"),
        kernel_rules(
            kernel.WoundRules,
            r,
            day=day,
            key_stops=rng.purpose_key("bleeding_stops"),
            key_death=rng.purpose_key("wound_death"),
        ),
    )
