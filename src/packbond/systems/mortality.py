"""Mortality by age and life stage: old age (Gompertz), and background deaths by stage.

Old age: a Gompertz hazard past an onset age, certain at the maximum age. Background: a yearly
risk by stage (the young, presented adults, wolves travelling without a pack), standing for
illness and accident; a pack whose childcare need is met lowers its young's risk (R28). Deaths
of wounds and starvation come from the health and feeding systems; each death is a ``died``
event with its cause.

Why a clock: drawing a number for every wolf every day to find the few who die costs more than
the rest of the system. Instead each wolf gets, when first seen, an exponential amount of hazard
it can bear (``death_clock``, Exp(1)); each day its hazard is taken off, and it dies when the
clock runs out. That is the same distribution as daily draws (a time-varying hazard integrated
exactly day by day), with one subtraction per wolf a day. Hazards change slowly, so they are
recomputed on the first day of each week (and for wolves never seen before); the cause of a
death is drawn, only for the dying, in proportion to the hazards that make it up.

Reads: alive, birth_day, designation, pack, dispersing, travelling, roles. Writes: death_clock,
daily_hazard. Kills (at once). Emits: ``died``. Rules: ``lifespan``, ``mortality``,
``reproduction.carers_per_young``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.context import Context
from ..events import registry
from ..shared import body
from ..shared.care import care_met
from ..state import Designation, World

__all__ = ["step"]

_REFRESH_DAYS = 7


def _daily(annual: NDArray[np.float64] | float, per_year: int) -> NDArray[np.float64]:
    """The daily hazard of a yearly death chance."""
    return -np.log1p(-np.minimum(annual, 1 - 1e-12)) / per_year


def step(world: World, ctx: Context) -> None:
    """Run every wolf's death clock down by its hazard; the clocks that run out are deaths."""
    w = world.wolves
    alive = w.view("alive")
    clock, hazard = w.view("death_clock"), w.view("daily_hazard")
    unseen, stale = kernels.rows_to_refresh(alive, clock, hazard)
    if len(unseen):
        clock[unseen] = -np.log1p(-ctx.draw("death_clock", unseen))
    if ctx.day % _REFRESH_DAYS == 0:
        _refresh(world, ctx, hazard)
    elif len(stale):
        # Wolves born since the last refresh: their stage's risk, before any childcare benefit.
        hazard[stale] = _old_age(world, ctx, stale) + _stage(world, ctx, stale, None)
    dying = kernels.run_clocks(alive, clock, hazard)
    if len(dying) == 0:
        return
    old = _old_age(world, ctx, dying)
    by_age = np.isinf(old) | (ctx.draw("death_cause", dying) * hazard[dying] < old)
    body.die(world, ctx, dying[by_age], "old age")
    dead = dying[~by_age]
    reg = registry()
    body.die(
        world,
        ctx,
        dead,
        np.where(
            w.dispersing[dead] | w.travelling[dead],
            reg.code("death_cause", "the hardships of the road"),
            reg.code("death_cause", "illness"),
        ),
    )


def _refresh(world: World, ctx: Context, hazard: NDArray[np.float64]) -> None:
    """The weekly refresh of every living wolf's hazard: its stage's, with its pack's care met,
    plus old age's for the old. One compiled pass writes the stage's hazard and finds the old;
    only they pay for old age's formula (the same sum as :func:`_old_age` plus :func:`_stage`
    over every living wolf, where old age adds exactly 0 below its onset)."""
    w, life = world.wolves, world.rules.lifespan
    per_year = world.calendar.days_per_year
    adult, young = _stage_hazards(world, care_met(world))
    old = kernels.stage_hazards(
        w.view("alive"),
        w.view("birth_day"),
        (w.view("dispersing"), w.view("travelling")),
        w.view("designation"),
        w.view("pack"),
        int(Designation.UNPRESENTED),
        ctx.day,
        min(life.senescence_onset_years * per_year, _last_day(world)),
        adult,
        young,
        hazard,
    )
    hazard[old] = _old_age(world, ctx, old) + hazard[old]


def _last_day(world: World) -> float:
    """The age from which a wolf would reach the maximum age before the next refresh."""
    return world.rules.lifespan.max_age_years * world.calendar.days_per_year - _REFRESH_DAYS


def _old_age(world: World, ctx: Context, rows: NDArray[np.intp]) -> NDArray[np.float64]:
    """Daily hazard of old age over the coming refresh period (infinite at the maximum age)."""
    w, life = world.wolves, world.rules.lifespan
    per_year = world.calendar.days_per_year
    age = ctx.day - w.birth_day[rows]
    onset = life.senescence_onset_years * per_year
    last = _last_day(world)
    # Below the onset the hazard is exactly 0 (the daily hazard of a yearly 0): only the old,
    # usually few, pay for the powers and logarithms.
    hazard = np.zeros(len(age), dtype=np.float64)
    old = np.flatnonzero((age >= onset) | (age >= last))
    age = age[old]
    years_past = np.maximum(age - onset, 0) / per_year
    yearly = np.where(
        age >= onset,
        life.senescence_annual_hazard * 2.0 ** (years_past / life.senescence_doubling_years),
        0.0,
    )
    # Certain death at the maximum age: a wolf that would reach it before the next refresh dies.
    hazard[old] = np.where(age >= last, np.inf, _daily(yearly, per_year))
    return hazard


def _stage(
    world: World, ctx: Context, rows: NDArray[np.intp], care: NDArray[np.float64] | None
) -> NDArray[np.float64]:
    """Daily background hazard of each wolf's life stage; ``care`` is each pack's care met.

    A stage's yearly risk takes few values (two for adults, at home or on the road, and two per
    pack for the young), so the logarithm of :func:`_daily` is taken once per value and looked
    up, not once per wolf, and only the young look up their pack's: the same numbers as a
    logarithm per wolf.
    """
    w = world.wolves
    adult, young_by_pack = _stage_hazards(world, care)
    on_road = (w.dispersing[rows] | w.travelling[rows]).astype(np.int64)
    hazard = adult[on_road]
    young = np.flatnonzero(w.designation[rows] == Designation.UNPRESENTED)
    pack = w.pack[rows[young]]
    slot = np.where(pack >= 0, pack, world.packs.size)
    hazard[young] = young_by_pack[slot, on_road[young]]
    return hazard


def _stage_hazards(
    world: World, care: NDArray[np.float64] | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The few daily hazards of the stages: an adult's at home and on the road, and the
    young's of each pack row (and a last row for the young outside any pack, who have no
    childcare benefit), at home and on the road; ``care`` is each pack's care met."""
    m = world.rules.mortality
    per_year = world.calendar.days_per_year
    n_packs = world.packs.size
    benefit = np.zeros(n_packs + 1, dtype=np.float64)
    if care is not None:
        benefit[:n_packs] = m.young_care_benefit * care[:n_packs]
    young_yearly = m.young_annual * (1.0 - benefit)
    road = m.disperser_annual
    young = np.empty((n_packs + 1, 2), dtype=np.float64)
    young[:, 0] = _daily(young_yearly, per_year)
    young[:, 1] = _daily(np.maximum(young_yearly, road), per_year)
    adult = _daily(np.array([m.adult_annual, max(m.adult_annual, road)]), per_year)
    return adult, young
