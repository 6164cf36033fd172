"""Mortality of old age."""

from __future__ import annotations

import numpy as np

from packbond.core.context import Context
from packbond.events import EventLog, registry
from packbond.shared import body
from packbond.shared.care import care_met
from packbond.state import Designation
from packbond.systems import mortality

from ..conftest import generated, run_days, run_only, world_of

OLD = """
name = "old"
[rules]
preset = "ecology"
[rules.overrides.mortality]
young_annual = 0.0
adult_annual = 0.0
[[regions]]
name = "Forest"
[population]
packs = 1500
size_mean = 4
size_sd = 1
"""


def test_older_wolves_die_more_often_and_none_pass_the_maximum_age() -> None:
    """The old-age hazard grows with age, and nobody lives past the maximum age."""
    world = world_of(OLD)
    w = world.wolves
    per_year = world.calendar.days_per_year
    start_age = -w.view("birth_day") / per_year
    ev = run_only(world, ["mortality"], per_year * 3).log.drain()
    died = ~w.view("alive")
    onset = world.rules.lifespan.senescence_onset_years
    young = start_age < onset - 3
    old = start_age >= onset
    assert old.sum() > 100
    assert died[old].mean() > 3 * max(died[young].mean(), 0.001)
    ages = (world.day - w.view("birth_day")) / per_year
    alive = w.view("alive")
    assert ages[alive].max() < world.rules.lifespan.max_age_years
    deaths = ev["kind"] == registry()["died"].code
    assert deaths.sum() == died.sum()
    assert set(ev["detail"][deaths]) == {registry().code("death_cause", "old age")}


def test_a_dead_mate_leaves_a_widow() -> None:
    """A dead wolf's mate is unmated, and a dead leader leaves the pack without one."""
    world = world_of(OLD)
    w, p = world.wolves, world.packs
    mate_at_start = w.view("mate").copy()
    run_only(world, ["mortality"], world.calendar.days_per_year * 3)
    dead = np.flatnonzero(~w.view("alive") & (mate_at_start >= 0))
    assert len(dead) > 0
    partners = mate_at_start[dead]
    assert (w.mate[partners] == -1).all()
    assert not np.isin(p.leader[: p.size], dead).any()


def test_a_death_takes_the_wolf_out_of_the_rest_of_its_day_at_once() -> None:
    """A wolf a system kills is, before the next system runs, no longer alive or among its
    pack's members, its mate is widowed and its pack has no pack alpha."""
    world = world_of(OLD)
    w, p = world.wolves, world.packs
    leaders = p.view("leader")
    rows = leaders[(leaders >= 0) & (w.mate[np.maximum(leaders, 0)] >= 0)][:3].astype(np.int64)
    assert len(rows) == 3
    mates = w.mate[rows].copy()
    packs = w.pack[rows].copy()
    ctx = Context(world, EventLog(world.replicates), day=40)
    body.die(world, ctx, rows, "illness")
    assert not w.alive[rows].any() and (w.death_day[rows] == 40).all()
    assert (w.mate[mates] == -1).all() and (w.single_since[mates] == 40).all()
    assert (p.leader[packs] == -1).all()
    assert not np.isin(rows, world.members_by_pack()[0]).any()
    assert w.alive[mates].all()


def test_the_weekly_refresh_equals_old_age_plus_the_stage_for_every_living_wolf() -> None:
    """The compiled refresh writes, for every living wolf, exactly the sum of the NumPy
    formulas (old age and the stage's hazard with the pack's care met) that it stands for, over
    a world with the young at home and abroad, wolves on the road and the old."""
    world = world_of(generated(400, preset="ecology"))
    run_days(world, 30)  # pups born, wolves dispersing, carers chosen
    w = world.wolves
    gen = np.random.default_rng(3)
    alive = np.flatnonzero(w.view("alive"))
    w.dispersing[gen.choice(alive, 40, replace=False)] = True
    w.travelling[gen.choice(alive, 40, replace=False)] = True
    young = alive[w.designation[alive] == Designation.UNPRESENTED]
    w.pack[young[:5]] = -1  # the young outside any pack take the last row's hazard
    assert len(young) > 50 and (w.view("birth_day") < -6 * world.calendar.days_per_year).any()
    ctx = Context(world, EventLog(world.replicates), day=world.day)
    rows = np.flatnonzero(w.view("alive"))
    expected = mortality._old_age(world, ctx, rows) + mortality._stage(
        world, ctx, rows, care_met(world)
    )
    hazard = np.full(w.size, np.nan)
    mortality._refresh(world, ctx, hazard)
    np.testing.assert_array_equal(hazard[rows], expected)
    assert np.isnan(hazard[~w.view("alive")]).all()  # the dead are left as they were
    # The young outside any pack have no childcare benefit; cared-for young in a pack do.
    outside = young[:5][~(w.dispersing[young[:5]] | w.travelling[young[:5]])]
    m = world.rules.mortality
    no_benefit = -np.log1p(-m.young_annual) / world.calendar.days_per_year
    np.testing.assert_array_equal(hazard[outside], no_benefit)
    assert (hazard[young[5:]] < no_benefit).any()
    assert len(np.unique(expected)) > 4  # adults, the road, the young by pack, old age
