"""Hunting (R29-R31): parties, volunteers, risk, and help that can hurt the helper."""

from __future__ import annotations

import numpy as np

from packbond.engine import Engine
from packbond.events import registry
from packbond.state import Designation, Role

from ..conftest import generated, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}


def _hunting_world(food: float, familiarity: float = 0.8, packs: int = 400, day: int = 0):  # type: ignore[no-untyped-def]
    world = world_of(generated(packs, size_mean=8))
    world.day = day
    world.packs.food[: world.packs.size] = food
    world.wolves.familiarity[: world.wolves.size] = familiarity
    return world


def _hunt(world, days: int = 30):  # type: ignore[no-untyped-def]
    engine = Engine(world)
    engine.schedule = [s for s in engine.schedule if s.name in ("hunting", "forms", "feeding")]
    for _ in range(days):
        engine.step()
    return engine.log.drain()


def test_winter_parties_are_alphas_unless_food_is_short_then_others_volunteer() -> None:
    """R29: the seed's winter hunts are alphas' (betas join them in other seasons); when food
    per head is low, others volunteer."""
    winter = 3 * 91
    plenty = _hunting_world(food=1e6, day=winter)
    _hunt(plenty)
    w = plenty.wolves
    hunted = (w.view("roles") & Role.HUNTER) > 0
    assert hunted.any()
    assert (w.view("designation")[hunted] == Designation.ALPHA).all()
    summer = _hunting_world(food=1e6, day=91)
    _hunt(summer)
    w = summer.wolves
    hunted_as = w.view("designation")[(w.view("roles") & Role.HUNTER) > 0]
    assert set(hunted_as.tolist()) == {Designation.ALPHA, Designation.BETA}
    short = _hunting_world(food=0.0, day=winter)
    _hunt(short)
    w = short.wolves
    hunted = (w.view("roles") & Role.HUNTER) > 0
    assert (w.view("designation")[hunted] != Designation.ALPHA).sum() > 50


def test_unfamiliar_ground_makes_injuries_likelier() -> None:
    """R30: hunters who do not know the ground are hurt more often."""
    known = _hunt(_hunting_world(food=1e6, familiarity=1.0))
    unknown = _hunt(_hunting_world(food=1e6, familiarity=0.0))
    hurt_known = np.sum(known["kind"] == KIND["injured"])
    hurt_unknown = np.sum(unknown["kind"] == KIND["injured"])
    assert hurt_unknown > 1.8 * hurt_known


def test_a_hurt_hunter_is_helped_and_the_helper_can_be_hurt() -> None:
    """R31: help answers an injury (its cause), and some helpers are injured helping."""
    ev = _hunt(_hunting_world(food=0.0, familiarity=0.0), days=90)
    injured = ev["kind"] == KIND["injured"]
    assisted = ev["kind"] == KIND["assisted"]
    assert assisted.sum() > 20
    injured_ids = set(ev["event_id"][injured].tolist())
    assert set(ev["cause"][assisted].tolist()) <= injured_ids
    helper_hurt = injured & np.isin(ev["cause"], ev["event_id"][assisted])
    assert helper_hurt.sum() > 0
    pairs = set(zip(ev["event_id"][assisted].tolist(), ev["actor"][assisted].tolist(), strict=True))
    for cause, actor in zip(ev["cause"][helper_hurt], ev["actor"][helper_hurt], strict=True):
        assert (int(cause), int(actor)) in pairs


def test_hunts_feed_the_pack() -> None:
    """A successful hunt adds food to the pack's store, and its event says how much."""
    world = _hunting_world(food=0.0)
    ev = _hunt(world, days=10)
    hunts = ev["kind"] == KIND["hunt"]
    made_kill = ev["detail"][hunts] == 1
    assert made_kill.any() and (~made_kill).any()
    assert (ev["value"][hunts][made_kill] > 0).all()
    assert (ev["value"][hunts][~made_kill] == 0).all()
