"""Reproduction: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np

from packbond.core import rng
from packbond.core.arrays import positions_in_runs
from packbond.core.calendar import SEASONS
from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import life
from packbond.state import DESIGNATIONS, Designation, World
from packbond.state.newborn import add_wolves

from . import kernel

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Conceive, then give birth to the litters due today."""
    _conceive(world, ctx)
    _give_birth(world, ctx)


def _conceive(world: World, ctx: Context) -> None:
    w, p, rules = world.wolves, world.packs, world.rules
    r = rules.reproduction
    if r.breeding_seasons and SEASONS[world.calendar.season(ctx.day)] not in r.breeding_seasons:
        return
    carries = np.zeros((2, len(DESIGNATIONS)), dtype=bool)
    for sex, names in enumerate((r.carriers_female, r.carriers_male)):
        carries[sex, np.array([DESIGNATIONS.index(d) for d in names], dtype=np.int64)] = True
    # One compiled pass finds the few who conceive today, instead of masking every wolf.
    carriers = kernel.conceptions(
        w.bundle(kernel.ConceptionColumns),
        world.seed_keys,
        p.bundle(kernel.BreedingPackColumns),
        kernel_rules(
            kernel.ConceptionRules,
            r,
            rules.heat,
            carries_female=carries[0],
            carries_male=carries[1],
            heat=rules.heat.enabled,
            omega=int(Designation.OMEGA),
            born_by=ctx.day - life.adult_days(world.rules),
            born_after=ctx.day - life.to_days(world.rules, r.fertile_until_years),
            day=ctx.day,
            key=rng.purpose_key("conceive"),
        ),
    )
    if len(carriers) == 0:
        return
    ids = ctx.emit("conceived", carriers, target=w.mate[carriers], pack=w.pack[carriers])
    w.due_day[carriers] = ctx.day + r.gestation_days
    w.sire[carriers] = w.mate[carriers]
    w.conceived_event[carriers] = ids


def _give_birth(world: World, ctx: Context) -> None:
    w, r = world.wolves, world.rules.reproduction
    due = np.flatnonzero(w.view("due_day") == ctx.day)
    if len(due) == 0:
        return
    carriers = due[w.alive[due]]
    w.due_day[due] = -1
    if len(carriers) == 0:
        return
    litter = 1 + rng.poisson(ctx.draw("litter", carriers), r.litter_mean)
    mothers = np.repeat(carriers, litter)
    sires = w.sire[mothers]
    causes = w.conceived_event[mothers]
    within = positions_in_runs(litter)
    # NOTE: each pup's draw is keyed by (carrier id, place in the litter), so pups of one
    # litter differ and no draw depends on other litters.
    entity = w.id[mothers].astype(np.int64) * 64 + within
    u = rng.uniform(world.seeds[w.replicate[mothers]], ctx.day, entity, "pup_sex")
    sex = (u < 0.5).astype(np.int8)
    pups = add_wolves(
        world, ctx.day, w.replicate[mothers], sex, np.full(len(mothers), ctx.day), w.pack[mothers]
    )
    w = world.wolves
    w.mother[pups] = mothers
    w.father[pups] = sires
    # A pup born on the road travels with its mother and settles where she settles.
    road = w.travelling[mothers]
    w.travelling[pups[road]] = True
    w.travel_with[pups[road]] = mothers[road]
    w.travel_until[pups[road]] = w.travel_until[mothers[road]]
    w.rest_until[carriers] = ctx.day + r.rest_days
    w.conceived_event[carriers] = -1
    ctx.emit("born", pups, target=mothers, other=sires, pack=w.pack[pups], cause=causes)
