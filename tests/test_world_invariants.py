"""A generated world of 10,000 wolves run for a year keeps the state's invariants every day."""

from __future__ import annotations

import numpy as np

from packbond.engine import Engine

from .conftest import generated, world_of


def test_ten_thousand_wolves_for_a_year_keep_their_invariants() -> None:
    """Ages increase, the dead stay dead, and each living wolf is in at most one live pack."""
    world = world_of(generated(1250, size_mean=8.0))
    w, p = world.wolves, world.packs
    assert 9_000 <= w.size <= 11_000
    engine = Engine(world)
    dead_before = np.zeros(0, dtype=np.int64)
    ages_before = world.day - w.view("birth_day")
    for _ in range(world.calendar.days_per_year):
        engine.step()
        alive = w.view("alive")
        dead = np.flatnonzero(~alive)
        assert np.isin(dead_before, dead).all(), "a dead wolf came back"
        assert (w.view("death_day")[dead] >= 0).all() and (w.view("death_day")[alive] == -1).all()
        ages = world.day - w.view("birth_day")
        assert (ages[: len(ages_before)] > ages_before).all()
        packs = w.view("pack")[alive]
        assert ((packs == -1) | p.alive[np.maximum(packs, 0)]).all()
        assert (
            p.replicate[np.maximum(packs, 0)][packs >= 0] == w.view("replicate")[alive][packs >= 0]
        ).all()
        mates = w.view("mate")[alive]
        has = mates >= 0
        assert w.alive[mates[has]].all(), "a living wolf is mated to a dead one"
        assert (w.mate[mates[has]] == np.flatnonzero(alive)[has]).all(), "mating is mutual"
        dead_before, ages_before = dead, ages
    assert engine.log.total > 0


def test_ids_are_unique_and_stable_per_replicate() -> None:
    """Wolf ids are unique within a replicate and the same in every replicate's numbering."""
    world = world_of(generated(50), seeds=[1, 2, 3])
    w = world.wolves
    for r in range(3):
        ids = w.view("id")[w.view("replicate") == r]
        assert np.array_equal(ids, np.arange(len(ids)))
