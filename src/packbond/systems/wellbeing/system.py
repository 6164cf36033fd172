"""Wellbeing: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np

from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.state import World

from . import kernel

__all__ = ["step"]

_WEEK = 7


def step(world: World, ctx: Context) -> None:
    """One week of wellbeing for every living wolf."""
    w, r = world.wolves, world.rules.wellbeing
    _fade_memories(world)
    if not r.enabled:
        w.view("hurt")[:] = 0.0
        return
    recovered, recovered_at, darkened, withdrew, withdrew_at, torn = kernel.weekly_wellbeing(
        w.bundle(kernel.WeekColumns),
        w.bundle(kernel.MoodColumns),
        kernel_rules(kernel.WellbeingRules, r),
    )
    if len(recovered):
        ctx.emit("recovered", recovered, pack=w.pack[recovered], value=np.round(recovered_at, 2))
    if len(darkened):
        ctx.emit("darkness", darkened, pack=w.pack[darkened], value=w.low_weeks[darkened])
    if len(withdrew):
        ids = ctx.emit("withdrew", withdrew, pack=w.pack[withdrew], value=np.round(withdrew_at, 2))
        if torn.any():
            # R3: the inner wolf still wants its mate while the wolf keeps away (its stress
            # rose in the pass).
            pulled = withdrew[torn]
            ctx.emit("torn", pulled, target=w.mate[pulled], pack=w.pack[pulled], cause=ids[torn])


def _fade_memories(world: World) -> None:
    """A week of fading for every vivid memory; a faded memory is forgotten."""
    w = world.wolves
    keep = np.float32((1.0 - world.rules.contact.memory_fade) ** _WEEK)
    kernel.fade_memories(w.view("tie_weight"), w.view("tie_memory"), keep)
