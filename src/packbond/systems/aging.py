"""Growing up, growing old, and no child left alone (life stages, ``rules.life``): weekly.

A wolf comes of age the week it reaches ``life.adult_years`` (never under 18): from then on it
may court, be promised, mate and conceive (``came_of_age``). It becomes an elder the week it
reaches ``life.elder_years`` (``grew_old``), and from then on its hunting skill falls by
``life.elder_skill_loss`` a year: the hunt takes its most skilled, so an elder goes out less and
less and, from ``life.retire_years``, stays home (see hunting); the old die of old age (the
lifespan rules) rather than on the hunt or of the hunger of a pack whose hunters have grown old.

A pack left with no adult (its grown members dead or gone) is taken in whole by a pack of its
world with adults, drawn at random (``taken_in``): its members join as newcomers.

Reads: alive, birth_day, pack, hunting_skill; packs' alive, replicate. Writes: hunting_skill,
pack, joined_day, acceptance; packs' leader. Emits: ``came_of_age``, ``grew_old``,
``taken_in``. Rules: ``life``, ``acceptance.stranger_start``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.context import Context
from ..shared import life
from ..shared.places import random_pack
from ..state import World

__all__ = ["step"]

_WEEK = 7


def step(world: World, ctx: Context) -> None:
    """This week's comings of age and elders, the elders' loss of skill, and packs of children
    taken in."""
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
    _take_in_children(world, ctx, age >= adult)


def _take_in_children(world: World, ctx: Context, adult: NDArray[np.bool_]) -> None:
    """A pack left with no adult (its grown members dead or gone; ``adult`` per wolf row, as the
    step found it) is taken in whole by a pack of its world that has adults, drawn at random: no
    child is left to fend for itself."""
    w, p = world.wolves, world.packs
    alive, pack = w.view("alive"), w.view("pack")
    member = alive & (pack >= 0)
    grown = member & adult
    size = np.bincount(pack[member], minlength=p.size)
    adults = np.bincount(pack[grown], minlength=p.size)
    left = np.flatnonzero(p.view("alive") & (size > 0) & (adults == 0))
    if len(left) == 0:
        return
    home = random_pack(
        world, p.replicate[left], ctx.draw_packs("take_in", left), p.view("alive") & (adults > 0)
    )
    left, home = left[home >= 0], home[home >= 0]
    if len(left) == 0:
        return
    dest = np.full(p.size, -1, dtype=np.int64)
    dest[left] = home
    rows = np.flatnonzero(member & (dest[np.maximum(pack, 0)] >= 0))
    to = dest[pack[rows]]
    ctx.emit("taken_in", rows, pack=to, rival=pack[rows])
    p.leader[left] = -1
    world.move(rows, to)
    w.joined_day[rows] = ctx.day
    w.acceptance[rows] = world.rules.acceptance.stranger_start


def _days_per_year(world: World) -> float:
    return float(world.calendar.days_per_year)
