"""Heats and ruts (genre switches): recurring heats of omegas and ruts of alphas.

When a switch is on, every eligible omega (heats) or alpha (ruts) gets a first cycle at a drawn
day within one interval, then one every ``interval_days``. A cycle lasts ``length_days``; while
it lasts, ``cycle_until`` is at or after today, which other systems read (a heat makes
conception likelier; a rut makes an alpha hunt recklessly). Off in the ``seed`` preset, where
only the first heat exists (see presenting).

Reads: alive, eligible, designation, cycle_next. Writes: cycle_next, cycle_until.
Emits: ``heat_started``, ``rut_started``. Rules: ``heat``, ``rut``.
"""

from __future__ import annotations

import numpy as np

from ..core.context import Context
from ..state import Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Start the heats and ruts due today."""
    rules = world.rules
    for enabled, designation, interval, length, kind in (
        (
            rules.heat.enabled,
            Designation.OMEGA,
            rules.heat.interval_days,
            rules.heat.length_days,
            "heat_started",
        ),
        (
            rules.rut.enabled,
            Designation.ALPHA,
            rules.rut.interval_days,
            rules.rut.length_days,
            "rut_started",
        ),
    ):
        if enabled:
            _cycle(world, ctx, designation, interval, length, kind)


def _cycle(
    world: World, ctx: Context, designation: int, interval: int, length: int, kind: str
) -> None:
    w = world.wolves
    who = w.view("alive") & w.view("eligible") & (w.view("designation") == designation)
    fresh = np.flatnonzero(who & (w.view("cycle_next") < 0))
    if len(fresh):
        offset = (ctx.draw(f"{kind}.first", fresh) * interval).astype(np.int32)
        w.cycle_next[fresh] = ctx.day + 1 + offset
    start = np.flatnonzero(who & (w.view("cycle_next") == ctx.day))
    if len(start) == 0:
        return
    w.cycle_until[start] = ctx.day + length - 1
    w.cycle_next[start] = ctx.day + interval
    ctx.emit(kind, start, pack=w.pack[start], value=length)
