"""Grouping and summing by pack in one compiled pass equals the sorts and bincounts it replaces."""

from __future__ import annotations

import numpy as np
import pytest

from packbond import kernels
from packbond.core.arrays import group_sum, positions_in_groups, rank_within
from packbond.core.engine import Engine
from packbond.shared import fighting
from packbond.state import World

from ..conftest import generated, world_of
from .conftest import _random


def test_pack_strengths_equal_the_numpy_formula() -> None:
    """Packs' fighting strength against the NumPy formula it replaced, in its dtypes (float32
    vigour, float64 weights and sums, the leader's part in float32): the same to the bit."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(5)
    w, p = world.wolves, world.packs
    gen = np.random.default_rng(2)
    w.wound[: w.size] = gen.random(w.size) * (gen.random(w.size) < 0.3)
    p.leader[gen.choice(p.size, 5, replace=False)] = -1
    able = fighting.fighters(world)
    rows = np.flatnonzero(able)
    weight = np.array([0.0, 1.2, 1.0, 0.7])
    each = (0.5 + w.hunting_skill[rows]) * (1.0 - w.wound[rows]) * weight[w.designation[rows]]
    expected = group_sum(w.pack[rows], each, p.size)
    leader = p.view("leader")
    led = leader >= 0
    expected[led] += world.rules.war.leader_strength * w.hunting_skill[leader[led]]
    got = fighting.pack_strength(world, able)
    assert np.array_equal(got, expected)
    assert (~led).sum() >= 5 and len(rows) > 100


def test_positions_in_groups_equals_rank_within_for_grouped_keys() -> None:
    """The sort-free positions agree with the sorting ones."""
    keys = np.sort(np.random.default_rng(1).integers(0, 50, 1000))
    assert np.array_equal(positions_in_groups(keys), rank_within(keys))


def _metrics_by_bincount(world: World) -> dict[str, np.ndarray]:
    """The daily metrics as the engine computed them with NumPy before ``metric_sums``."""
    w, p = world.wolves, world.packs
    alive = w.view("alive")
    pack = np.where(alive, w.view("pack"), -1)
    n = p.size
    slot = np.where(pack >= 0, pack, n + w.view("replicate").astype(np.int64))
    size = n + world.replicates
    weights = alive.astype(np.float64)

    def count(mask: np.ndarray | None = None) -> np.ndarray:
        m = weights if mask is None else weights * mask
        return np.bincount(slot, weights=m, minlength=size).astype(np.int32)

    population = count()
    des = w.view("designation")

    def mean(col: str) -> np.ndarray:
        total = np.bincount(slot, weights=weights * w.view(col), minlength=size)
        return (total / np.maximum(population, 1)).astype(np.float32)

    contacts = np.bincount(slot, weights=weights * w.view("contacts"), minlength=size)
    keep = np.r_[p.view("alive"), population[n:] > 0]
    cols = {
        "population": population,
        "alphas": count(des == 1),
        "betas": count(des == 2),
        "omegas": count(des == 3),
        "unpresented": count(des == 0),
        "mean_wellbeing": mean("wellbeing"),
        "mean_acceptance": mean("acceptance"),
        "withdrawn": count(w.view("withdrawn")),
        "contacts_this_week": contacts.astype(np.int32),
    }
    return {k: v[keep] for k, v in cols.items()}


def test_metric_sums_equal_the_bincount_formulas() -> None:
    """The engine's daily metrics from one compiled pass equal the nine ``bincount``s they
    replace, bit for bit, with wolves outside packs and the dead in the table."""
    from packbond.core.engine import Engine

    world = world_of(generated(40), seeds=[5, 6])
    engine = Engine(world, metrics_every=1)
    engine.run(150)
    w = world.wolves
    living = np.flatnonzero(w.view("alive"))
    w.pack[living[::17]] = -1  # some loners, in both replicates
    assert (~w.view("alive")).any() and len(np.unique(w.replicate[living[::17]])) == 2
    got = engine._collect_metrics(world.day)
    for col, expected in _metrics_by_bincount(world).items():
        assert got[col].dtype == expected.dtype
        assert np.array_equal(got[col], expected), col


@pytest.mark.parametrize("runs", [False, True], ids=["scattered", "in runs"])
@pytest.mark.parametrize("parts", [1, 2, 7])
def test_members_by_pack_in_stretches_equals_a_stable_sort_by_pack(parts: int, runs: bool) -> None:
    """Grouping by pack in stretches of rows (one per thread) gives the one-pass order: members
    of each pack in row order, packs in order, with their offsets and counts; whether a pack's
    rows are scattered or come in runs (as a world built pack by pack has them, with a pack's
    later members, its pups, far after the run)."""
    gen, pack = _random(n=40_000, groups=3_000)
    if runs:
        pack[:30_000] = np.sort(pack[:30_000])
    alive = gen.random(len(pack)) < 0.8
    among = gen.random(len(pack)) < 0.7
    member = alive & among & (pack >= 0)
    rows = np.flatnonzero(member)
    expected = rows[np.argsort(pack[rows], kind="stable")]
    count = np.bincount(pack[rows], minlength=3_000)
    grouped = kernels.groups._members_by_pack_parallel(alive, pack, among, 3_000, parts)
    for got, serial in zip(
        grouped, kernels.groups._members_by_pack_serial(alive, pack, among, 3_000), strict=True
    ):
        np.testing.assert_array_equal(got, serial)
    order, start, counted = grouped
    np.testing.assert_array_equal(order, expected)
    np.testing.assert_array_equal(counted, count)
    np.testing.assert_array_equal(start, np.cumsum(count) - count)
