"""Mortality by age and life stage: old age (Gompertz), and background deaths by stage.

Old age: a Gompertz hazard past an onset age, certain at the maximum age. Background: a yearly
risk by stage (the young, presented adults, wolves travelling without a pack), standing for
illness and accident; a pack whose childcare need is met lowers its young's risk (R28). Deaths
of wounds and starvation come from the health and feeding systems; each death is a ``died``
event with its cause.

Reads: alive, birth_day, designation, pack, dispersing, roles. Queues: deaths.
Emits: ``died``. Rules: ``lifespan``, ``mortality``, ``reproduction.carers_per_young``.
"""

from __future__ import annotations

import numpy as np

from .. import body
from ..arrays import group_sum
from ..context import Context
from ..events import registry
from ..state import Designation, Role, World

__all__ = ["step"]


def _daily(annual: np.ndarray | float, per_year: int) -> np.ndarray:
    return -np.expm1(np.log1p(-np.minimum(annual, 1 - 1e-12)) / per_year)


def step(world: World, ctx: Context) -> None:
    """Draw deaths of old age and of background risk."""
    w, life, m = world.wolves, world.rules.lifespan, world.rules.mortality
    per_year = world.calendar.days_per_year
    rows = np.flatnonzero(w.view("alive"))
    if len(rows) == 0:
        return
    age = ctx.day - w.birth_day[rows]
    onset = life.senescence_onset_years * per_year
    years_past = np.maximum(age - onset, 0) / per_year
    old = np.where(
        age >= onset,
        np.minimum(
            1.0,
            life.senescence_annual_hazard * 2.0 ** (years_past / life.senescence_doubling_years),
        ),
        0.0,
    )
    young = w.designation[rows] == Designation.UNPRESENTED
    care = _care_met(world)
    pack = w.pack[rows]
    young_risk = m.young_annual * (
        1.0 - m.young_care_benefit * np.where(pack >= 0, care[np.maximum(pack, 0)], 0.0)
    )
    stage = np.where(young, young_risk, m.adult_annual)
    stage = np.where(w.dispersing[rows], np.maximum(stage, m.disperser_annual), stage)
    p_old, p_stage = _daily(old, per_year), _daily(stage, per_year)
    u = ctx.draw("death", rows)
    by_age = (u < p_old) | (age >= life.max_age_years * per_year)
    by_stage = ~by_age & (u < p_old + p_stage)
    reg = registry()
    body.die(world, ctx, rows[by_age], "old age")
    dead = rows[by_stage]
    body.die(
        world,
        ctx,
        dead,
        np.where(
            w.dispersing[dead],
            reg.code("death_cause", "the hardships of the road"),
            reg.code("death_cause", "illness"),
        ),
    )


def _care_met(world: World) -> np.ndarray:
    """Per pack row, the share of its childcare need that its carers meet (0 .. 1)."""
    w, p = world.wolves, world.packs
    alive = w.view("alive")
    pack = w.view("pack")
    young = group_sum(
        pack[alive & (w.view("designation") == Designation.UNPRESENTED)], None, p.size
    )
    carers = group_sum(pack[alive & ((w.view("roles") & Role.CARER) > 0)], None, p.size)
    need = np.ceil(young * world.rules.reproduction.carers_per_young)
    return np.where(need > 0, np.minimum(1.0, carers / np.maximum(need, 1)), 0.0)
