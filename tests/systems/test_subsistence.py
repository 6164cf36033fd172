"""Food, gathering, reproduction, heats and dispersal (R6, R28, R33, R34)."""

from __future__ import annotations

import numpy as np

from packbond.core.engine import Engine
from packbond.events import registry
from packbond.state import Designation, Sex

from ..conftest import generated, run_days, set_rules, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}


def _only(world, names: list[str]) -> Engine:  # type: ignore[no-untyped-def]
    engine = Engine(world)
    engine.schedule = [s for s in engine.schedule if s.name in names]
    return engine


def test_a_pack_without_food_goes_hungry_and_starves() -> None:
    """R34: an empty store brings a hunger event, then deaths of starvation; a full one none."""
    empty = world_of(generated(50))
    empty.packs.food[: empty.packs.size] = 0
    engine = _only(empty, ["feeding"])
    engine.run(60)
    ev = engine.log.drain()
    assert np.sum(ev["kind"] == KIND["hunger"]) == empty.packs.size
    died = ev["kind"] == KIND["died"]
    assert died.sum() > 20
    assert set(ev["detail"][died]) == {registry().code("death_cause", "starvation")}
    full = world_of(generated(50))
    full.packs.food[: full.packs.size] = 1e6
    engine = _only(full, ["feeding"])
    engine.run(60)
    assert full.wolves.view("alive").all()


def test_a_small_household_lives_off_the_land_where_the_rules_say_so() -> None:
    """R34, R38: with ``household_forage_size``, a pack that small forages as a wolf alone does
    when its store is empty, so it goes hungry more slowly; larger packs do not."""

    def hunger(size: int) -> tuple[float, float]:
        world = world_of(generated(200, size_mean=4))
        set_rules(world, "food", household_forage_size=size)
        world.packs.food[: world.packs.size] = 0
        _only(world, ["feeding"]).run(5)
        w = world.wolves
        alive, pack = w.view("alive"), w.view("pack")
        heads = np.bincount(pack[alive & (pack >= 0)], minlength=world.packs.size)
        small = alive & (pack >= 0) & (heads[np.maximum(pack, 0)] <= 3)
        large = alive & (pack >= 0) & (heads[np.maximum(pack, 0)] > 3)
        hunger = w.view("hunger")
        return float(hunger[small].mean()), float(hunger[large].mean())

    small_off, large_off = hunger(0)
    small_on, large_on = hunger(3)
    assert small_on < small_off - 0.05
    assert large_on == large_off


def test_gathering_yields_food_in_summer_not_winter() -> None:
    """R33: berries and herbs come in the growing seasons only."""
    yields = {}
    for season in ("summer", "winter"):
        world = world_of(
            generated(100).replace('start_season = "spring"', f'start_season = "{season}"')
        )
        engine = _only(world, ["gathering"])
        engine.run(30)
        ev = engine.log.drain()
        yields[season] = ev["value"][ev["kind"] == KIND["gathered"]].sum()
    assert yields["summer"] > 0 and yields["winter"] == 0


MALE_OMEGAS = """
name = "carriers"
[rules]
preset = "{preset}"
[rules.overrides.reproduction]
conception_per_day = 0.05
breeding_seasons = []
leaders_only = false
gestation_days = 30
rest_days = 10
[[regions]]
name = "Forest"
[[packs]]
name = "Ash"
food = 1e9
[[cast]]
name = "Om"
sex = "M"
age = 25
designation = "omega"
pack = "Ash"
[[cast]]
name = "Al"
sex = "M"
age = 27
designation = "alpha"
pack = "Ash"
[[facts]]
kind = "mated"
a = "Om"
b = "Al"
"""


def test_male_omegas_carry_where_the_rules_say_so() -> None:
    """R6: a mated male omega conceives under the seed rules and not under ecology's."""
    seed = world_of(MALE_OMEGAS.format(preset="seed"))
    engine = _only(seed, ["reproduction"])
    engine.run(120)
    ev = engine.log.drain()
    conceived = ev["kind"] == KIND["conceived"]
    born = ev["kind"] == KIND["born"]
    assert conceived.sum() >= 1 and born.sum() >= 1
    assert set(ev["cause"][born]) <= set(ev["event_id"][conceived])
    first = ev["day"][conceived].min()
    assert ev["day"][born].min() == first + 30
    pups = np.flatnonzero(seed.wolves.view("mother") == 0)
    assert len(pups) >= 1 and (seed.wolves.father[pups] == 1).all()
    eco = world_of(MALE_OMEGAS.format(preset="ecology"))
    engine = _only(eco, ["reproduction"])
    engine.run(120)
    assert not np.any(engine.log.drain()["kind"] == KIND["conceived"])


def test_heats_recur_only_when_switched_on() -> None:
    """Heats are a genre switch: recurring under classic, absent under seed."""
    counts = {}
    for preset in ("classic", "seed"):
        world = world_of(generated(100, preset=preset))
        engine = _only(world, ["cycles"])
        engine.run(200)
        ev = engine.log.drain()
        counts[preset] = np.sum(ev["kind"] == KIND["heat_started"])
        if preset == "classic":
            heats = ev["actor"][ev["kind"] == KIND["heat_started"]]
            w = world.wolves
            assert (w.view("designation")[np.isin(w.view("id"), heats)] == Designation.OMEGA).all()
            assert np.sum(ev["kind"] == KIND["rut_started"]) > 0
    assert counts["classic"] > 50 and counts["seed"] == 0


def test_young_wolves_disperse_from_crowded_packs_and_settle() -> None:
    """Ecology: packs over their cap lose yearlings, who later join packs or found new ones."""
    world = world_of(generated(60, preset="ecology", size_mean=12))
    ev = run_days(world, 364 * 2).log.drain()
    dispersed = ev["kind"] == KIND["dispersed"]
    settled = ev["kind"] == KIND["settled"]
    assert dispersed.sum() > 30 and settled.sum() > 5
    ages = ev["value"][dispersed]
    d = world.rules.dispersal
    assert ages.min() >= d.age_years_min - 0.05 and ages.max() <= d.age_years_max + 0.05
    founded = settled & (ev["detail"] == 1)
    if founded.any():
        w = world.wolves
        founders = np.isin(w.view("id"), ev["actor"][founded])
        assert (w.view("sex")[founders] == Sex.F).all()
