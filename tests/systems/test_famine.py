"""Famine relief (R34): a hungry pack is fed by the best-stocked willing pack of its region."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.systems import famine

from ..conftest import generated, run_only, world_of

SHARED = registry().kinds["food_shared"].code


def _famine(world):  # type: ignore[no-untyped-def]
    """Every pack of the first region hungry with an empty store, but its first pack, rich."""
    p = world.packs
    n = p.size
    packs = np.flatnonzero(p.region[:n] == 0)
    rich, poor = packs[0], packs[1:]
    p.food[:n] = 0.0
    p.hungry[:n] = False
    p.food[rich] = 10_000.0
    p.hungry[poor] = True
    return rich, poor


def test_the_best_stocked_pack_of_the_region_feeds_its_hungry_neighbours() -> None:
    """The rich pack gives ``share_part`` of its store beyond ``share_above_days`` of its own
    need, split evenly among the hungry packs of its region; what it gives they receive, and
    the other region, with no pack to spare, gets nothing."""
    world = world_of(generated(12))
    rich, poor = _famine(world)
    p, r = world.packs, world.rules.food
    n = p.size
    spare = p.food[rich] - r.share_above_days * famine._daily_need(world)[rich]
    before = p.food[:n].copy()
    log = run_only(world, ["famine"], 1).log.drain()
    shared = log["kind"] == SHARED
    assert shared.sum() == len(poor) > 1
    assert set(log["rival"][shared]) == set(p.id[poor])
    assert np.allclose(p.food[poor] - before[poor], r.share_part * spare / len(poor))
    assert np.isclose(before[rich] - p.food[rich], r.share_part * spare)
    assert (p.food[:n][p.region[:n] != 0] == 0).all()


def test_a_pack_at_war_or_holding_a_grievance_gives_nothing() -> None:
    """A neighbour at war with the hungry pack, or holding a grievance against it, keeps its
    food; switched off, no pack gives."""
    for case in ("war", "grievance", "off"):
        world = world_of(generated(12))
        rich, poor = _famine(world)
        p = world.packs
        if case == "war":
            p.war_on[poor] = rich
        elif case == "grievance":
            p.rival[rich, : len(poor)] = poor[: p.rival.shape[1]]
            p.grievance[rich, : len(poor)] = 0.9
        else:
            world.rules = world.rules.model_copy(
                update={"food": world.rules.food.model_copy(update={"share": False})}
            )
        food = p.food[: p.size].copy()
        log = run_only(world, ["famine"], 1).log.drain()
        fed = (log["kind"] == SHARED).sum()
        if case == "grievance":
            held = min(len(poor), p.rival.shape[1])
            assert fed == len(poor) - held, case
        else:
            assert fed == 0, case
            assert np.array_equal(p.food[: p.size], food), case
