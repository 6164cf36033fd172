"""The daily wound kernel equals the NumPy formulas it replaces, bit for bit."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from packbond.core import rng
from packbond.core.engine import Engine
from packbond.state import World

from ...conftest import generated, set_rules, world_of


def _numpy_tend_wounds(world: World, day: int):  # type: ignore[no-untyped-def]
    """The wound day as NumPy computed it before the compiled ``tend_wounds``."""
    w, p, r = world.wolves, world.packs, world.rules.wounds
    seeds = world.seeds

    def draw(purpose: str, rows: np.ndarray) -> np.ndarray:
        return rng.uniform(seeds[w.replicate[rows]], day, w.id[rows], purpose)

    rows = np.flatnonzero(w.view("alive") & (w.view("wound") > 0))
    bleeding = w.bleeding[rows]
    pack = w.pack[rows]
    hospital = np.where(pack >= 0, p.hospital[np.maximum(pack, 0)], False)
    rate = r.heal_per_day * np.where(hospital, r.hospital_multiplier, 1.0)
    change = np.where(bleeding, r.bleeding_harm, -rate)
    w.wound[rows] = np.clip(w.wound[rows] + change, 0.0, 1.0)
    stops = bleeding & (draw("bleeding_stops", rows) < r.bleeding_stops)
    w.bleeding[rows[stops]] = False
    healed = rows[w.wound[rows] <= 0]
    healed_cause = w.wound_event[healed].copy()
    w.wound_event[healed] = -1
    w.bleeding[healed] = False
    is_grave = w.wound[rows] > r.deadly_above
    grave = rows[is_grave]
    risk = r.death_per_day * (w.wound[grave] - r.deadly_above) / (1.0 - r.deadly_above)
    if r.hospital_death < 1.0:
        risk = np.where(hospital[is_grave], risk * r.hospital_death, risk)
    dead = grave[draw("wound_death", grave) < risk]
    return healed, healed_cause, dead, w.wound_event[dead].copy()


@pytest.mark.parametrize("hospital_death", [1.0, 0.4])
def test_tend_wounds_equals_the_numpy_formulas(hospital_death: float) -> None:
    """Bleeding, healing (faster in a hospital), the healed and the dead of grave wounds, bit for
    bit against the NumPy formulas, over several days and replicates."""
    from packbond.systems.health import system as health

    world = world_of(generated(60, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(3)
    set_rules(world, "wounds", hospital_death=hospital_death, death_per_day=0.3)
    w, p = world.wolves, world.packs
    gen = np.random.default_rng(5)
    n = w.size
    w.wound[:n] = np.where(gen.random(n) < 0.5, gen.random(n), 0.0).astype(np.float32)
    w.bleeding[:n] = gen.random(n) < 0.4
    w.wound_event[:n] = np.arange(n)
    p.hospital[: p.size] = gen.random(p.size) < 0.5
    expected_world = copy.deepcopy(world)
    healed = dead = 0
    for day in range(3, 9):
        expected = _numpy_tend_wounds(expected_world, day)
        got = health.tend(world, day)
        for g, e in zip(got, expected, strict=True):
            assert g.dtype == e.dtype and np.array_equal(g, e)
        for c in ("wound", "bleeding", "wound_event"):
            assert np.array_equal(w.view(c), expected_world.wolves.view(c)), c
        healed, dead = healed + len(got[0]), dead + len(got[2])
    assert healed > 0 and dead > 0
