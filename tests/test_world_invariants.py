"""A generated world of 10,000 wolves run for a year keeps the state's invariants every day, and
no wolf acts after its death."""

from __future__ import annotations

import numpy as np

import packbond
from packbond import kernels
from packbond.core.context import Context
from packbond.core.engine import Engine
from packbond.events import EventLog

from .conftest import generated, world_of
from .invariants import act_after_death, report


def test_ten_thousand_wolves_for_a_year_keep_their_invariants() -> None:
    """Ages increase, the dead stay dead, and each living wolf is in at most one live pack; the
    living grouped by pack, as kept between days, are those of a fresh grouping."""
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
        grouped = world.members_by_pack()
        fresh = kernels.members_by_pack(alive, w.view("pack"), alive, p.size)
        for kept, made in zip(grouped, fresh, strict=True):
            np.testing.assert_array_equal(kept, made)
        dead_before, ages_before = dead, ages
    assert engine.log.total > 0


def test_the_living_grouped_by_pack_are_kept_until_someone_is_born_dies_or_moves() -> None:
    """The grouping is the same read-only object while nothing changed, and is made again (as
    a fresh one) after a wolf moves pack (``World.move``) or dies (``Context.kill``). (Births,
    and all of it over a year of every system, are in the year's test above.)"""
    world = world_of(generated(40))
    w = world.wolves
    first = world.members_by_pack()
    assert world.members_by_pack() is first
    assert not any(part.flags.writeable for part in first)
    members = first[0]
    mover, other = members[0], w.pack[members[-1]]
    world.move(np.array([mover]), other)
    moved = world.members_by_pack()
    assert moved is not first
    order, start, count = moved
    assert mover in order[start[other] : start[other] + count[other]]
    Context(world, EventLog(world.replicates)).kill(np.array([members[1]]))
    died = world.members_by_pack()
    assert members[1] not in died[0] and len(died[0]) == len(members) - 1
    for kept, made in zip(
        died,
        kernels.members_by_pack(w.view("alive"), w.view("pack"), w.view("alive"), world.packs.size),
        strict=True,
    ):
        np.testing.assert_array_equal(kept, made)


def test_ids_are_unique_and_stable_per_replicate() -> None:
    """Wolf ids are unique within a replicate and the same in every replicate's numbering."""
    world = world_of(generated(50), seeds=[1, 2, 3])
    w = world.wolves
    for r in range(3):
        ids = w.view("id")[w.view("replicate") == r]
        assert np.array_equal(ids, np.arange(len(ids)))


def test_no_wolf_acts_after_its_death() -> None:
    """No event names a wolf after its ``died`` event, later that day or after, except in the
    passive roles a dead wolf may hold (the sire of a litter, the victim of a deed blamed on
    another, ...): a death takes the wolf out of every later system of its day. (In a year of
    these three valleys wolves die of wounds and hunger before the systems that would have them
    feel jealousy, take blame or lose rank that day.)"""
    run = packbond.simulate("valley", seed=2, years=1, replicates=3, trace_every=0)
    assert int((run.events["kind"] == "died").sum()) > 50
    found = act_after_death(run)
    assert found.empty, report({"no act after death": found})
