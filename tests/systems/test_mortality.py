"""Mortality of old age."""

from __future__ import annotations

import numpy as np

from packbond.events import registry

from ..conftest import run_only, world_of

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
