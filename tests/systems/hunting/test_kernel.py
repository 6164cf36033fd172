"""The hunting kernels pick who hunts and end the hunts as the NumPy formulas did, bit for bit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from packbond.core import rng
from packbond.core.context import Context
from packbond.core.engine import Engine
from packbond.events.log import EventLog
from packbond.rules import load_rules
from packbond.rules.derived import kernel_rules
from packbond.state import World
from packbond.systems.hunting import kernel as hunting_kernel
from packbond.systems.hunting import system as hunting

from ...conftest import generated, set_rules, world_of


def _numpy_hunt_outcomes(
    world: World, day: int, party: np.ndarray, solo: np.ndarray, hunts: Any, season: int
) -> tuple[np.ndarray, ...]:
    """The hunt outcome formulas as NumPy computed them before the kernel (dtypes and all)."""
    w, p, rules = world.wolves, world.packs, world.rules
    r, s = rules.hunting, rules.seasons
    seeds = world.seeds
    packs = hunts.packs
    size = np.diff(np.append(hunts.first, len(party)))
    skill = hunts.skill / size
    region = p.region[packs]
    n_regions = len(world.regions.names)
    key = p.view("replicate").astype(np.int64) * n_regions + p.view("region")
    counts = np.bincount(key[p.view("alive")], minlength=world.replicates * n_regions)
    crowd = np.minimum(
        1.0, world.regions.territories[p.region[packs]] / np.maximum(counts[key[packs]], 1)
    )
    prey = world.regions.prey[region, season].astype(np.float64) * crowd
    chance = r.base_success + r.party_bonus * (size - 1) + r.skill_weight * (skill - 0.5)
    chance = chance * (1.0 - r.prey_weight + r.prey_weight * prey)
    if season == 3:
        sign = -1.0 if s.winter_hunting == "harder" else 1.0
        snowy = world.regions.winter_severity[region].astype(np.float64)
        chance = chance * (1.0 + sign * s.snow_effect * snowy)
    chance = np.clip(chance, 0.0, 0.95)
    u = rng.uniform(seeds[p.replicate[packs]], day, p.id[packs], "hunt_success")
    success = u < chance
    food = np.where(success, r.kill_food * size.astype(np.float64) ** r.kill_party_exponent, 0.0)
    wregion = p.region[w.pack[party]]
    snow = world.regions.winter_severity[wregion] if season == 3 else 0.0
    risk = (
        r.injury_base
        * (1.0 + r.snow_injury * snow)
        * (1.0 + r.unfamiliar_injury * (1.0 - w.familiarity[party]))
        * (1.5 - w.hunting_skill[party])
        * (2.0 * world.regions.terrain_hazard[wregion])
        * np.where(solo, r.solo_injury, 1.0)
    )
    if rules.rut.enabled:
        risk = risk * np.where(w.cycle_until[party] >= day, rules.rut.injury_multiplier, 1.0)
    wseeds = seeds[w.replicate[party]]
    hurt = rng.uniform(wseeds, day, w.id[party], "hunt_injury") < risk
    victims = party[hurt]
    vseeds = seeds[w.replicate[victims]]
    u_severity = rng.uniform(vseeds, day, w.id[victims], "injury_severity")
    severity = r.injury_severity * (0.5 + u_severity)
    site = (rng.uniform(vseeds, day, w.id[victims], "injury_site") * 5).astype(np.int64)
    by_pack = np.full(p.size, -1, dtype=np.int64)
    by_pack[packs] = np.arange(len(packs))
    return success, food, victims, severity, site, by_pack[w.pack[victims]]


def test_the_packs_due_to_hunt_are_those_of_the_keyed_draw() -> None:
    """The compiled choice draws which packs hunt as ``Context.draw_packs`` does: each living
    pack, keyed by seed, day and pack id, under one in ``interval_days``; dead packs never."""
    world = world_of(generated(200, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(5)
    p = world.packs
    p.alive[: p.size : 7] = False
    for day in (5, 6, 40):
        ctx = Context(world, EventLog(world.replicates), day)
        live = np.flatnonzero(p.view("alive"))
        expected = live[ctx.draw_packs("hunt", live) < 1.0 / world.rules.hunting.interval_days]
        rules = kernel_rules(
            hunting_kernel.PartyRules,
            world.rules.hunting,
            world.rules.wounds,
            world.rules.food,
            unpresented=0,
            hunt_chance=1.0 / world.rules.hunting.interval_days,
            day=day,
            retired_born_by=day - 70 * 364,
            key_hunt=rng.purpose_key("hunt"),
            key_prove=np.uint64(0),
            key_volunteer=np.uint64(0),
            key_pick=np.uint64(0),
            key_solo=np.uint64(0),
        )
        due = hunting_kernel._due_packs(
            p.bundle(hunting_kernel.PackColumns), world.seed_keys, rules
        )
        assert np.array_equal(np.flatnonzero(due), expected) and 5 < len(expected) < len(live)


@pytest.mark.parametrize("preset", ["seed", "classic"])
def test_hunt_outcomes_equal_the_numpy_formulas(preset: str) -> None:
    """Success, food, the packs' stores and who is hurt, bit for bit against the NumPy
    formulas, in every season (winter's snow, the rut where the preset has one) and with
    several replicates (crowding is counted per replicate and region)."""
    world = world_of(generated(120, preset), [3, 4])
    Engine(world, metrics_every=7).run(5)
    ctx = Context(world, EventLog(world.replicates), 5)
    # Everyone hunts, in a region made crowded, so that every factor has work to do.
    world.regions.territories[:] = 20
    world.wolves.cycle_until[: world.wolves.size : 3] = 10
    set_rules(world, "hunting", interval_days=1)  # every pack is due: its draw is under 1
    party, solo, hunts = hunting._choose_party(world, ctx)
    assert np.array_equal(hunts.packs, np.flatnonzero(world.packs.view("alive")))
    assert len(party) > 200 and solo.any()
    for season in range(4):
        food_before = world.packs.food.copy()
        expected = _numpy_hunt_outcomes(world, ctx.day, party, solo, hunts, season)
        success, food, hurt = hunting._outcomes(world, ctx, party, solo, hunts, season)
        got = (success, food, hurt.rows, hurt.severity, hurt.site, hurt.hunt)
        for g, e in zip(got, expected, strict=True):
            assert g.dtype == e.dtype and np.array_equal(g, e)
        assert 0 < success.sum() < len(success) and len(hurt.rows) > 0
        fed = food_before.copy()
        fed[hunts.packs] += expected[1].astype(np.float32)
        assert np.array_equal(world.packs.food, fed)


def _winter_outcome_rules() -> hunting_kernel.OutcomeRules:
    """The outcome rules of a winter day with the rut on and snow making hunting harder."""
    rules = hunting._outcome_rules(load_rules("seed"), 3, 2)._replace(day=5)
    return rules._replace(snow_effect=-0.4, rut=True, rut_injury=1.5)


def test_success_chance_is_the_formula_written_out() -> None:
    """A hunt's chance is (base + bonus per extra hunter + skill's weight) times the prey's
    and the snow's factors, within 0 and the cap; outside winter snow does not count."""
    r = _winter_outcome_rules()
    snow = np.float32(0.5)
    expected = (
        (r.base_success + r.party_bonus * 2 + r.skill_weight * (0.6 - 0.5))
        * (1.0 - r.prey_weight + r.prey_weight * 0.7)
        * (1.0 + r.snow_effect * float(snow))
    )
    assert 0.0 < expected < r.success_cap
    assert hunting_kernel.success_chance(3, 0.6, 0.7, snow, r) == expected
    summer = r._replace(winter=False)
    no_snow = expected / (1.0 + r.snow_effect * float(snow))
    assert hunting_kernel.success_chance(3, 0.6, 0.7, snow, summer) == pytest.approx(no_snow)
    assert hunting_kernel.success_chance(40, 1.0, 1.0, snow, summer) == r.success_cap
    assert hunting_kernel.success_chance(1, 0.0, 0.0, snow, r._replace(base_success=0.0)) == 0.0


def test_injury_risk_is_the_formula_written_out() -> None:
    """A hunter's risk is the base times snow, unfamiliar ground, lack of skill and terrain
    (in float32), times the solo factor alone and the rut's factor in his rut."""
    r = _winter_outcome_rules()
    f32 = np.float32
    familiarity, skill, snow, terrain = f32(0.25), f32(0.4), f32(0.6), f32(0.3)
    risk32 = (
        f32(r.injury_base)
        * (f32(1.0) + f32(r.snow_injury) * snow)
        * (f32(1.0) + f32(r.unfamiliar_injury) * (f32(1.0) - familiarity))
        * (f32(r.unskilled_injury) - skill)
        * (f32(r.terrain_injury) * terrain)
    )
    risk = hunting_kernel.injury_risk
    assert risk(familiarity, skill, snow, terrain, False, False, r) == float(risk32)
    alone_in_rut = float(risk32) * r.solo_injury * r.rut_injury
    assert risk(familiarity, skill, snow, terrain, True, True, r) == alone_in_rut
    assert risk(familiarity, skill, snow, terrain, True, True, r._replace(rut=False)) == (
        float(risk32) * r.solo_injury
    )
