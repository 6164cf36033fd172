"""Growing up and growing old (life stages, ``rules.life``): weekly.

A wolf comes of age the week it reaches ``life.adult_years`` (never under 18): from then on it
may court, be promised, mate and conceive (``came_of_age``). It becomes an elder the week it
reaches ``life.elder_years`` (``grew_old``), and from then on its hunting skill falls by
``life.elder_skill_loss`` a year: the hunt takes its most skilled, so an elder goes out less and
less and, from ``life.retire_years``, stays home (see hunting); the old die of old age (the
lifespan rules) rather than on the hunt or of the hunger of a pack whose hunters have grown old.

Reads: alive, birth_day, hunting_skill. Writes: hunting_skill.
Emits: ``came_of_age``, ``grew_old``. Rules: ``life``.
"""

from __future__ import annotations

import numpy as np

from ..core.context import Context
from ..shared import life
from ..state import World

__all__ = ["step"]

_WEEK = 7


def step(world: World, ctx: Context) -> None:
    """This week's comings of age and elders, and the elders' loss of skill."""
    w, r = world.wolves, world.rules.life
    alive, born = w.view("alive"), w.view("birth_day")
    age = ctx.day - born
    adult, elder = life.adult_days(world.rules), life.to_days(world.rules, r.elder_years)
    came = np.flatnonzero(alive & (age >= adult) & (age < adult + _WEEK))
    if len(came):
        ctx.emit("came_of_age", came, pack=w.pack[came], value=age[came] / _days_per_year(world))
    old = alive & (age >= elder)
    grew = np.flatnonzero(old & (age < elder + _WEEK))
    if len(grew):
        ctx.emit("grew_old", grew, pack=w.pack[grew], value=age[grew] / _days_per_year(world))
    if r.elder_skill_loss > 0.0:
        keep = np.float32((1.0 - r.elder_skill_loss) ** (_WEEK / _days_per_year(world)))
        skill = w.view("hunting_skill")
        np.multiply(skill, keep, out=skill, where=old)


def _days_per_year(world: World) -> float:
    return float(world.calendar.days_per_year)
