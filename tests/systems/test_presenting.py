"""Aging and presenting (R1, R2)."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.state import Designation

from ..conftest import generated, run_only, world_of

PRESENTED = registry()["presented"].code
FIRST_HEAT = registry()["first_heat"].code

YOUNG = """
name = "young"
[rules]
preset = "seed"
[rules.overrides.presenting]
age_years_min = 14.0
age_years_max = 14.0
first_heat = {heat}
[rules.overrides.designation.male]
alpha = 0.6
beta = 0.4
omega = 0.0
[rules.overrides.designation.female]
alpha = 0.0
beta = 0.2
omega = 0.8
[[regions]]
name = "Forest"
[[packs]]
name = "Ash"
extra_members = 0
[population]
packs = 1000
size_mean = 10
size_sd = 0
offspring_share = 1.0
"""


def test_adolescents_present_by_the_odds_of_their_sex() -> None:
    """Designations drawn at presenting follow the rules' odds for each sex (R1)."""
    world = world_of(YOUNG.format(heat="true"))
    engine = run_only(world, ["presenting"], 364 * 3)
    w = world.wolves
    presented = engine.log.drain()
    kind_presented = presented["kind"] == PRESENTED
    rows = np.flatnonzero(np.isin(w.view("id"), presented["actor"][kind_presented]))
    sex, des = w.sex[rows], w.designation[rows]
    assert len(rows) > 500
    males, females = des[sex == 1], des[sex == 0]
    assert abs(np.mean(males == Designation.ALPHA) - 0.6) < 0.05
    assert not np.any(males == Designation.OMEGA)
    assert abs(np.mean(females == Designation.OMEGA) - 0.8) < 0.05
    assert not np.any(females == Designation.ALPHA)


def test_wolves_present_at_their_presenting_age() -> None:
    """A wolf presents on the day its age reaches the presenting age, never before."""
    world = world_of(YOUNG.format(heat="true"))
    w = world.wolves
    before = w.view("designation").copy()
    run_only(world, ["presenting"], 364)
    changed = np.flatnonzero(before != w.view("designation"))
    assert len(changed) > 0
    age_now = world.day - w.birth_day[changed]
    assert (age_now >= w.present_age[changed]).all()
    assert (age_now - w.present_age[changed] <= 364).all()
    assert (w.eligible[changed]).all()


def test_omegas_have_a_first_heat_caused_by_presenting() -> None:
    """Every omega who presents has a first heat event whose cause is the presenting (R2)."""
    world = world_of(YOUNG.format(heat="true"))
    ev = run_only(world, ["presenting"], 364 * 2).log.drain()
    presented = ev["kind"] == PRESENTED
    heat = ev["kind"] == FIRST_HEAT
    omega_presentings = ev["event_id"][presented & (ev["detail"] == Designation.OMEGA)]
    assert len(omega_presentings) > 50
    assert np.array_equal(np.sort(ev["cause"][heat]), np.sort(omega_presentings))


def test_no_first_heat_when_the_rule_is_off() -> None:
    """With first_heat off, omegas present without a heat event."""
    world = world_of(YOUNG.format(heat="false"))
    ev = run_only(world, ["presenting"], 364 * 2).log.drain()
    assert np.sum(ev["kind"] == PRESENTED) > 50
    assert not np.any(ev["kind"] == FIRST_HEAT)


def test_ecology_wolves_present_at_human_ages() -> None:
    """Under the ecology preset, whose shifters live human lives, the young present at 14 to
    18 years, as in the seed."""
    world = world_of(generated(200, preset="ecology"))
    w = world.wolves
    years = w.view("present_age")[: w.size] / world.calendar.days_per_year
    assert years.min() >= 14.0 - 1e-6 and years.max() <= 18.0 + 1e-6
    assert years.max() - years.min() > 3.0
