"""Wounds and healing (R32): bleeding, healing with a hospital and healer, death of wounds.

A bleeding wound worsens until the bleeding stops; a wound that is not bleeding heals each day,
faster where the pack has a hospital and healer. A wound that closes is ``healed``. A wound
above the deadly severity may kill (less often under a healer's care, where the rules say so),
and the death names the injury as its cause. (Wounds reopen when a wolf hunts or gathers too
soon: see those systems.)

Reads: alive, wound, bleeding, wound_event, pack; packs' hospital. Writes: wound, bleeding,
wound_event. Queues: deaths. Emits: ``healed``, ``died`` (cause wounds).
Rules: ``wounds``.
"""

from __future__ import annotations

import numpy as np

from .. import body, kernels
from ..context import Context
from ..state import World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Bleed, heal, and die of wounds."""
    w, p, r = world.wolves, world.packs, world.rules.wounds
    rows = kernels.living_above(w.view("alive"), w.view("wound"), np.float32(0.0))
    if len(rows) == 0:
        return
    bleeding = w.bleeding[rows]
    pack = w.pack[rows]
    hospital = np.where(pack >= 0, p.hospital[np.maximum(pack, 0)], False)
    rate = r.heal_per_day * np.where(hospital, r.hospital_multiplier, 1.0)
    change = np.where(bleeding, r.bleeding_harm, -rate)
    w.wound[rows] = np.clip(w.wound[rows] + change, 0.0, 1.0)
    stops = bleeding & (ctx.draw("bleeding_stops", rows) < r.bleeding_stops)
    w.bleeding[rows[stops]] = False
    healed = rows[w.wound[rows] <= 0]
    if len(healed):
        ctx.emit("healed", healed, pack=w.pack[healed], cause=w.wound_event[healed])
        w.wound_event[healed] = -1
        w.bleeding[healed] = False
    is_grave = w.wound[rows] > r.deadly_above
    grave = rows[is_grave]
    if len(grave) == 0:
        return
    risk = r.death_per_day * (w.wound[grave] - r.deadly_above) / (1.0 - r.deadly_above)
    if r.hospital_death < 1.0:
        risk = np.where(hospital[is_grave], risk * r.hospital_death, risk)
    dead = grave[ctx.draw("wound_death", grave) < risk]
    body.die(world, ctx, dead, "wounds", w.wound_event[dead])
