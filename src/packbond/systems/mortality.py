"""Mortality: death of old age (a Gompertz hazard after an onset age, certain at the maximum).

Later mechanics add deaths from wounds, starvation and battle; each death is a ``died`` event
with its cause. Reads: alive, birth_day. Queues: deaths. Emits: ``died`` (detail cause, value
age in years). Rules: ``lifespan``.
"""

from __future__ import annotations

import numpy as np

from ..context import Context
from ..events import registry
from ..state import World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Draw old-age deaths for wolves past the onset age."""
    w, life = world.wolves, world.rules.lifespan
    per_year = world.calendar.days_per_year
    onset = life.senescence_onset_years * per_year
    age = ctx.day - w.view("birth_day")
    rows = np.flatnonzero(w.view("alive") & (age >= onset))
    if len(rows) == 0:
        return
    years_past = (age[rows] - onset) / per_year
    annual = np.minimum(
        1.0, life.senescence_annual_hazard * 2.0 ** (years_past / life.senescence_doubling_years)
    )
    daily = -np.expm1(np.log1p(-np.minimum(annual, 1 - 1e-12)) / per_year)
    dies = (ctx.draw("old_age", rows) < daily) | (age[rows] >= life.max_age_years * per_year)
    dead = rows[dies]
    if len(dead) == 0:
        return
    cause = registry().code("death_cause", "old age")
    ctx.emit("died", dead, pack=w.pack[dead], detail=cause, value=np.round(age[dead] / per_year, 1))
    ctx.kill(dead)
