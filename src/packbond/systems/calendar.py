"""Calendar and seasons (R29, R39): announces each new season.

Reads: the world's day and calendar. Writes: nothing. Emits: ``season_changed`` (one per
replicate, on the first day of each season, including day 0), detail = season, value = year.
"""

from __future__ import annotations

import numpy as np

from ..core.context import Context
from ..state import World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Emit ``season_changed`` when a season begins."""
    cal = world.calendar
    if not cal.is_season_start(ctx.day):
        return
    date = cal.date(ctx.day)
    reps = np.arange(world.replicates, dtype=np.int16)
    ctx.emit("season_changed", replicate=reps, detail=date.season, value=date.year)
