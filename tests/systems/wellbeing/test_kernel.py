"""The weekly wellbeing kernel and the fading of memories equal the NumPy formulas they replace, bit
for bit."""

from __future__ import annotations

import copy

import numpy as np

from packbond.rules.derived import kernel_rules
from packbond.shared import ties
from packbond.state import World
from packbond.systems.wellbeing import kernel as wellbeing_kernel

from ...conftest import generated, world_of


def _numpy_wellbeing(world: World) -> tuple[np.ndarray, ...]:
    """A week of wellbeing as NumPy computed it before the kernel (the reference it must match):
    moves the columns, returns what the kernel returns."""
    w, r = world.wolves, world.rules.wellbeing
    rows = np.flatnonzero(w.view("alive"))
    mate = w.mate[rows]
    with_mate = world.beside(rows, mate)
    mate_support = np.zeros(len(rows))
    pair = rows[with_mate], mate[with_mate]
    liking = np.maximum(ties.lookup(world, *pair, "affinity"), 0.0)
    attention = w.attention[mate[with_mate]]
    mate_support[with_mate] = liking * ties.lookup(world, *pair, "trust") * attention
    set_point = (
        r.set_point
        + r.support_weight * w.support[rows]
        - r.exclusion_weight * w.shunned[rows]
        + r.mate_weight * mate_support
        - r.hunger_weight * w.hunger[rows]
        - r.wound_weight * w.wound[rows]
        - r.stress_weight * w.stress[rows]
    )
    old = w.wellbeing[rows].astype(np.float64)
    new = np.clip(old + r.pull * (set_point - old) - w.hurt[rows], 0.0, 1.0)
    w.wellbeing[rows] = new
    w.hurt[rows] = 0.0
    w.security[rows] += (
        r.security_mend * np.maximum(w.support[rows], 0.0) * (1.0 - w.security[rows])
    ).astype(np.float32)
    w.stress[rows] *= np.float32(1.0 - r.stress_fade)
    withdrawn = w.withdrawn[rows]
    starts = ~withdrawn & (new < r.withdraw_below)
    ends = withdrawn & (new > r.recover_above)
    low = withdrawn & ~ends & (new < r.dark_below)
    w.low_weeks[rows] = np.where(low, w.low_weeks[rows] + 1, 0).astype(np.int16)
    sinks = low & ~w.dark[rows] & (w.low_weeks[rows] >= r.dark_weeks)
    w.withdrawn[rows[ends]] = False
    w.dark[rows[ends]] = False
    w.dark[rows[sinks]] = True
    w.withdrawn[rows[starts]] = True
    torn = with_mate[starts]
    torn[torn] = ties.lookup(world, rows[starts][torn], mate[starts][torn], "affinity") > 0
    pulled = rows[starts][torn]
    w.stress[pulled] = np.minimum(1.0, w.stress[pulled] + r.inner_conflict)
    return rows[ends], new[ends], rows[sinks], rows[starts], new[starts], torn


def test_wellbeing_kernel_equals_the_numpy_formulas() -> None:
    """A week of wellbeing and moods, and the fading of memories, bit for bit, on a world with
    every state mixed up (withdrawn, dark, low for weeks, hurt, liked and disliked mates)."""
    world = world_of(generated(80), seeds=[3, 4])
    w = world.wolves
    n, slots = w.size, w.slots
    gen = np.random.default_rng(8)
    for column in ("shunned", "hunger", "wound", "stress", "attention", "wellbeing"):
        getattr(w, column)[:n] = gen.random(n)
    w.support[:n] = 2 * gen.random(n) - 1
    w.hurt[:n] = 0.3 * gen.random(n) * (gen.random(n) < 0.3)
    w.withdrawn[:n] = gen.random(n) < 0.4
    w.dark[:n] = w.withdrawn[:n] & (gen.random(n) < 0.5)
    w.low_weeks[:n] = gen.integers(0, 6, n)
    w.tie_affinity[:n] = 2 * gen.random((n, slots)) - 1
    w.tie_trust[:n] = gen.random((n, slots))
    w.tie_weight[:n] = gen.random((n, slots)) * (gen.random((n, slots)) < 0.3)
    w.tie_memory[:n] = gen.integers(0, 4, (n, slots))
    mate = w.mate[:n]
    w.tie_other[:n] = np.where(w.tie_other[:n] == mate[:, None], -1, w.tie_other[:n])
    w.tie_other[:n, 0] = np.where(gen.random(n) < 0.8, mate, w.tie_other[:n, 0])
    w.alive[:n] &= gen.random(n) < 0.95
    reference = copy.deepcopy(world)
    expected = _numpy_wellbeing(reference)

    got = wellbeing_kernel.weekly_wellbeing(
        w.bundle(wellbeing_kernel.WeekColumns),
        w.bundle(wellbeing_kernel.MoodColumns),
        kernel_rules(wellbeing_kernel.WellbeingRules, world.rules.wellbeing),
    )
    assert all(len(part) for part in expected) and expected[-1].any()  # every branch is taken
    for mine, theirs in zip(got, expected, strict=True):
        assert np.array_equal(mine, theirs)
    for column in wellbeing_kernel.MoodColumns._fields:
        assert np.array_equal(w.view(column), reference.wolves.view(column)), column

    keep = np.float32(0.9**7)
    weight = reference.wolves.view("tie_weight")
    vivid = np.flatnonzero((weight > 0).any(axis=1))
    faded = weight[vivid] * keep
    memory = reference.wolves.view("tie_memory")[vivid]
    memory[faded < 0.02] = 0
    faded[faded < 0.02] = 0.0
    wellbeing_kernel.fade_memories(w.view("tie_weight"), w.view("tie_memory"), keep)
    assert np.array_equal(w.view("tie_weight")[vivid], faded)
    assert np.array_equal(w.view("tie_memory")[vivid], memory)
    idle = np.setdiff1d(np.arange(n), vivid)
    assert np.array_equal(w.view("tie_weight")[idle], weight[idle])
    assert np.array_equal(w.view("tie_memory")[idle], reference.wolves.view("tie_memory")[idle])


def test_a_neutral_life_pulls_toward_the_set_point_and_a_low_week_withdraws() -> None:
    """A wolf with no support, hunger, wound or stress is pulled toward the rule's set point
    (in float32), and a wellbeing below ``withdraw_below`` makes it withdraw."""
    r = world_of(generated(10), seeds=[1]).rules.wellbeing
    rules = kernel_rules(wellbeing_kernel.WellbeingRules, r)
    zero = np.float32(0.0)
    neutral = wellbeing_kernel.set_point(zero, zero, zero, zero, zero, 0.0, rules)
    assert neutral == float(np.float32(r.set_point))
    edge, withdrawn, dark, low = wellbeing_kernel.mood_edge(
        False, False, np.int16(3), r.withdraw_below / 2, rules
    )
    assert (edge, withdrawn, dark, low) == (wellbeing_kernel._WITHDREW, True, False, 0)
