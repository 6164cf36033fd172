"""Fading fear (R58): with its switch on, fear in every tie fades weekly by the rule's share;
off (every preset), nothing moves."""

from __future__ import annotations

import numpy as np
import pytest

from packbond import ScenarioError
from packbond.rules import PRESETS, load_rules
from packbond.shared import ties
from packbond.state import Memory, World

from ..conftest import generated, run_only, world_of

FADE_ON = "[rules.overrides.ties.fear_fade]\nenabled = true\nweekly = {weekly}\n"
FADE_OFF = "[rules.overrides.ties.fear_fade]\nenabled = false\n"


def _world(
    weekly: float | None = None, preset: str = "seed", extra: str = ""
) -> tuple[World, int, int]:
    """A small generated world (fading at ``weekly`` unless None, and ``extra`` rules) with some
    fear in every tie, where one wolf, ``a``, fears a packmate ``b`` (0.8), likes it a little and
    trusts it, and remembers a blow."""
    extra = extra if weekly is None else FADE_ON.format(weekly=weekly)
    world = world_of(generated(20, preset=preset, extra=extra), seeds=[1])
    w = world.wolves
    held = w.view("tie_other") >= 0
    w.view("tie_fear")[held] = np.random.default_rng(3).uniform(0.0, 1.0, held.sum())
    a, b = np.flatnonzero(w.view("alive") & (w.view("pack") == w.pack[0]))[:2]
    ties.remember(world, np.array([a]), np.array([b]), memory=Memory.BLOW, weight=1.0, event=5)
    [slot] = np.flatnonzero(w.tie_other[a] == b)
    w.tie_affinity[a, slot], w.tie_trust[a, slot], w.tie_fear[a, slot] = 0.3, 0.5, 0.8
    return world, int(a), int(b)


def _fear_of(world: World, a: int, b: int) -> np.float32:
    return np.float32(ties.lookup(world, np.array([a]), np.array([b]), "fear")[0])


def _changed(before: dict[str, np.ndarray], after: dict[str, np.ndarray]) -> set[str]:
    """The columns that differ (a NaN, as in an unset clock, equal to a NaN)."""
    return {
        name
        for name, old in before.items()
        if not np.array_equal(old, after[name], equal_nan=old.dtype.kind == "f")
    }


def _columns(world: World) -> dict[str, np.ndarray]:
    """A copy of every column of the wolf and pack tables, by table and name."""
    return {
        f"{kind}.{name}": table.view(name).copy()
        for kind, table in (("wolves", world.wolves), ("packs", world.packs))
        for name in type(table).columns()
    }


def test_fear_fades_by_the_weekly_share_each_week() -> None:
    """Three weeks at 0.25 leave 0.8 * 0.75^3 = 0.3375 of a wolf's fear of another, and every
    other tie in the world its own fear times 0.75^3 (float32, week by week)."""
    world, a, b = _world(weekly=0.25)
    w = world.wolves
    held = (w.view("tie_other") >= 0) & w.view("alive")[:, None]
    before = w.view("tie_fear").copy()
    assert (before[held] > 0).sum() > 100
    run_only(world, ["fear"], 21)  # days 0, 7 and 14: three weeks
    keep = np.float32(0.75)
    assert _fear_of(world, a, b) == np.float32(0.8) * keep * keep * keep
    assert _fear_of(world, a, b) == pytest.approx(0.3375, rel=1e-6)
    assert np.array_equal(w.view("tie_fear")[held], before[held] * keep * keep * keep)
    run_only(world, ["fear"], 1)  # the fourth week (the new engine starts at day 21)
    assert _fear_of(world, a, b) == pytest.approx(0.8 * 0.75**4, rel=1e-6)


def test_fear_fades_to_zero_and_never_below() -> None:
    """At a share of 1 all fear is gone in a week, exactly 0; at 0.5 for two years it only
    shrinks, and stays at 0 or above."""
    world, a, b = _world(weekly=1.0)
    run_only(world, ["fear"], 1)
    fear = world.wolves.view("tie_fear")
    assert _fear_of(world, a, b) == 0.0
    assert not fear.any() and not np.signbit(fear).any()

    world, a, b = _world(weekly=0.5)
    fear = world.wolves.view("tie_fear")
    last = fear.copy()
    engine = run_only(world, ["fear"], 0)
    for _ in range(104):
        engine.run(7)
        assert (fear <= last).all() and (fear >= 0).all()
        last = fear.copy()
    assert 0.0 < _fear_of(world, a, b) == pytest.approx(0.8 * 0.5**104, rel=1e-5)


def test_fading_fear_leaves_everything_else_alone() -> None:
    """Only tie_fear moves: affinity, trust, memories, every other column, a dead wolf's fear
    and the event log stay as they were."""
    world, a, b = _world(weekly=0.25)
    w = world.wolves
    ties.remember(world, np.array([b]), np.array([a]))
    w.tie_fear[b, w.tie_other[b] == a] = 0.6
    w.alive[b] = False  # a dead wolf's ties stay as they were when it died
    before = _columns(world)
    log = run_only(world, ["fear"], 28).log.drain()
    after = _columns(world)
    assert len(log["kind"]) == 0
    assert _changed(before, after) == {"wolves.tie_fear"}
    assert _fear_of(world, b, a) == np.float32(0.6)
    assert _fear_of(world, a, b) < np.float32(0.8)
    for column, value in (("affinity", 0.3), ("trust", 0.5), ("weight", 1.0), ("event", 5)):
        found = ties.lookup(world, np.array([a]), np.array([b]), column)[0]
        assert found == np.float32(value), column


@pytest.mark.parametrize("preset", PRESETS)
def test_fear_fades_by_default_and_not_when_switched_off(preset: str) -> None:
    """Fear fades in every preset (a tie's fear without new cause does not last for life);
    switched off, a month of the system changes nothing."""
    assert load_rules(preset).ties.fear_fade.enabled is True
    world, a, b = _world(preset=preset)
    run_only(world, ["fear"], 28)
    assert _fear_of(world, a, b) < np.float32(0.8)
    world, a, b = _world(preset=preset, extra=FADE_OFF)
    before = _columns(world)
    log = run_only(world, ["fear"], 28).log.drain()
    after = _columns(world)
    assert _changed(before, after) == set()
    assert len(log["kind"]) == 0
    assert _fear_of(world, a, b) == np.float32(0.8)


def test_the_weekly_share_is_a_fraction() -> None:
    """A share above 1 is refused with the field's path and bounds."""
    with pytest.raises(ScenarioError) as caught:
        load_rules("seed", {"ties": {"fear_fade": {"enabled": True, "weekly": 1.5}}})
    [problem] = caught.value.problems
    assert problem.path == "rules.overrides.ties.fear_fade.weekly"
    assert problem.message == "must be a number from 0 to 1 (got 1.5)"
