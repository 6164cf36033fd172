"""Growing up and growing old: coming of age, elders, and the elders' fading skill."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.shared import life

from ..conftest import generated, rows_of, run_only, world_of

CAME, GREW = registry().kinds["came_of_age"].code, registry().kinds["grew_old"].code


def test_wolves_come_of_age_and_grow_old_in_the_week_they_reach_those_ages() -> None:
    """On a weekly step, exactly the wolves who reached 18 (or the elder age) in the past week
    are told; an elder loses ``elder_skill_loss`` of its skill a year, a younger wolf none."""
    world = world_of(generated(40))
    w, r = world.wolves, world.rules.life
    living = np.flatnonzero(w.view("alive"))
    adult, elder = life.adult_days(world.rules), life.to_days(world.rules, r.elder_years)
    coming, turning = living[:5], living[5:9]
    w.birth_day[living] = -30 * 364  # everyone else a grown wolf, not yet old
    w.birth_day[coming] = -adult - np.arange(5)  # 18 on days 0 to -4
    w.birth_day[living[9]] = -adult + 1  # 18 tomorrow: not this week
    w.birth_day[living[10]] = -adult - 7  # 18 a week ago: told last week
    w.birth_day[turning] = -elder - np.arange(4)
    w.birth_day[living[11:14]] = -75 * 364  # long an elder
    skill = w.view("hunting_skill").copy()
    log = run_only(world, ["aging"], 1).log.drain()
    came = rows_of(world, log["replicate"][log["kind"] == CAME], log["actor"][log["kind"] == CAME])
    grew = rows_of(world, log["replicate"][log["kind"] == GREW], log["actor"][log["kind"] == GREW])
    assert set(came) == set(coming)
    assert set(grew) == set(turning)
    keep = np.float32((1.0 - r.elder_skill_loss) ** (7 / 364))
    old = np.concatenate([turning, living[11:14]])
    assert np.array_equal(w.hunting_skill[old], skill[old] * keep)
    rest = np.setdiff1d(living, old)
    assert np.array_equal(w.hunting_skill[rest], skill[rest])
    assert keep < 1.0


def test_over_the_years_an_elder_hunts_less_and_less() -> None:
    """Three years on, an elder of 64 has lost about a sixth of its skill, a wolf of 30 none;
    the hunt takes the most skilled, so elders lead fewer hunts than their share of hunters."""
    world = world_of(generated(60))
    w = world.wolves
    grown = np.flatnonzero(w.view("alive") & (w.view("designation") != 0))
    elders = grown[::3]
    w.birth_day[grown] = -30 * 364
    w.birth_day[elders] = -64 * 364
    w.hunting_skill[grown] = 0.6
    log = run_only(world, ["aging", "hunting"], 364 * 3).log.drain()
    keep = (1.0 - world.rules.life.elder_skill_loss) ** 3
    assert np.allclose(w.hunting_skill[elders], 0.6 * keep, rtol=0.02)
    others = np.setdiff1d(grown, elders)
    assert np.allclose(w.hunting_skill[others], 0.6)
    hunts = log["kind"] == registry().kinds["hunt"].code
    leaders = rows_of(world, log["replicate"][hunts], log["actor"][hunts])
    late = log["day"][hunts] > 364 * 2
    led_by_elders = np.isin(leaders[late], elders).mean()
    assert led_by_elders < len(elders) / len(grown) * 0.9


def test_from_the_retiring_age_no_one_goes_out_with_the_hunt() -> None:
    """Wolves of ``life.retire_years`` or more lead no hunt; at 69 they still may."""
    world = world_of(generated(60))
    w = world.wolves
    grown = np.flatnonzero(w.view("alive") & (w.view("designation") != 0))
    retired, still = grown[::3], grown[1::3]
    w.birth_day[grown] = -30 * 364
    w.birth_day[retired] = -71 * 364
    w.birth_day[still] = -69 * 364
    w.hunting_skill[grown] = 0.6
    log = run_only(world, ["hunting"], 120).log.drain()
    hunts = log["kind"] == registry().kinds["hunt"].code
    leaders = rows_of(world, log["replicate"][hunts], log["actor"][hunts])
    assert len(leaders) > 100
    assert not np.isin(leaders, retired).any()
    assert np.isin(leaders, still).any()
