"""Wounds and healing (R32): bleeding, healing with a hospital and healer, death of wounds.

A bleeding wound worsens until the bleeding stops; a wound that is not bleeding heals each day,
faster where the pack has a hospital and healer. A wound that closes is ``healed``. A wound
above the deadly severity may kill (less often under a healer's care, where the rules say so),
and the death names the injury as its cause. (Wounds reopen when a wolf hunts or gathers too
soon: see those systems.)

Reads: alive, wound, bleeding, wound_event, pack; packs' hospital. Writes: wound, bleeding,
wound_event. Kills (at once). Emits: ``healed``, ``died`` (cause wounds).
Rules: ``wounds``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import body, kernels, rng
from ..context import Context
from ..state import World

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
    """The day's wounds moved (:func:`packbond.kernels.tend_wounds`, one compiled pass over the
    wounded); the healed and those who die of a wound, each with their wound's event."""
    w, p, r = world.wolves, world.packs, world.rules.wounds
    return kernels.tend_wounds(
        w.bundle(kernels.Wounded),
        world.seed_keys,
        p.view("hospital"),
        kernels.WoundRules(
            heal_per_day=r.heal_per_day,
            hospital_multiplier=r.hospital_multiplier,
            bleeding_harm=r.bleeding_harm,
            bleeding_stops=r.bleeding_stops,
            deadly_above=r.deadly_above,
            death_per_day=r.death_per_day,
            hospital_death=r.hospital_death,
            day=day,
            key_stops=rng.purpose_key("bleeding_stops"),
            key_death=rng.purpose_key("wound_death"),
        ),
    )
