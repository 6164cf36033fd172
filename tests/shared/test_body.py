"""Forms, wounds and healing (R4, R5, R32)."""

from __future__ import annotations

import numpy as np

from packbond.core.engine import Engine
from packbond.events import registry
from packbond.state import Form

from ..conftest import generated, set_rules, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}


def _wounded_wolves(severity: float = 0.4, hospital: bool = False):  # type: ignore[no-untyped-def]
    world = world_of(generated(300))
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("designation") > 0))
    w.wound[rows] = severity
    w.wound_event[rows] = 0
    world.packs.hospital[: world.packs.size] = hospital
    world.packs.food[: world.packs.size] = 1e6
    return world, rows


def _only(world, systems: list[str]) -> Engine:  # type: ignore[no-untyped-def]
    engine = Engine(world)
    engine.schedule = [s for s in engine.schedule if s.name in systems]
    return engine


def test_a_wounded_wolf_that_shifts_tears_its_wound_and_one_that_waits_does_not() -> None:
    """R5: shifting with an open wound tears it at the rules' rate; a cautious wolf waits."""
    world, rows = _wounded_wolves()
    w = world.wolves
    w.form[rows] = Form.WOLF
    cautious, reckless = rows[::2], rows[1::2]
    w.shift_caution[cautious] = 1.0
    engine = _only(world, ["forms"])
    engine.step()
    ev = engine.log.drain()
    torn = ev["actor"][ev["kind"] == KIND["wound_torn"]]
    assert not np.isin(w.id[cautious], torn).any()
    assert (w.form[cautious] == Form.WOLF).all() and (w.form[reckless] == Form.HUMAN).all()
    rate = np.isin(w.id[reckless], torn).mean()
    assert abs(rate - world.rules.forms.tear_probability) < 0.06
    grew = w.wound[reckless][np.isin(w.id[reckless], torn)]
    assert np.allclose(grew, 0.4 * (1 + world.rules.forms.tear_growth))
    assert (w.shift_caution[reckless][np.isin(w.id[reckless], torn)] > 0).all()


def test_a_hospital_heals_wounds_faster() -> None:
    """R32: with a hospital and healer, wounds heal faster than without."""
    days = []
    for hospital in (False, True):
        world, rows = _wounded_wolves(0.3, hospital)
        world.wolves.bleeding[rows] = False
        engine = _only(world, ["health"])
        for _ in range(10):
            engine.step()
        days.append(world.wolves.wound[rows].mean())
    assert days[1] < days[0] - 0.05


def test_grave_wounds_kill_and_the_death_names_the_injury() -> None:
    """R32: a wound above the deadly severity can kill; the death's cause is the injury."""
    world, rows = _wounded_wolves(0.95)
    w = world.wolves
    w.wound_event[rows] = np.arange(len(rows)) + 1000
    engine = _only(world, ["health"])
    for _ in range(30):
        engine.step()
    ev = engine.log.drain()
    died = ev["kind"] == KIND["died"]
    assert died.sum() > 10
    assert set(ev["detail"][died]) == {registry().code("death_cause", "wounds")}
    assert (ev["cause"][died] >= 1000).all()
    healthy_world, healthy = _wounded_wolves(0.1)
    engine = _only(healthy_world, ["health"])
    for _ in range(30):
        engine.step()
    assert healthy_world.wolves.alive[healthy].all()


def test_a_healer_keeps_grave_wounds_from_killing_where_the_rules_say_so() -> None:
    """R32: with ``hospital_death`` below 1, a grave wound kills less often in a pack with a
    hospital and healer; without a hospital it kills as before."""

    def deaths(hospital: bool, factor: float) -> int:
        world, _ = _wounded_wolves(0.95, hospital)
        set_rules(world, "wounds", hospital_death=factor)
        engine = _only(world, ["health"])
        for _ in range(30):
            engine.step()
        return int(np.sum(engine.log.drain()["kind"] == KIND["died"]))

    assert deaths(True, 0.25) < 0.5 * deaths(True, 1.0)
    assert deaths(False, 0.25) == deaths(False, 1.0)
