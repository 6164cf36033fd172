"""Counter-based randomness: draws are pure functions of their key."""

from __future__ import annotations

import numpy as np

from packbond.core import rng
from packbond.core.context import Context
from packbond.events import EventLog

from ..conftest import generated, world_of


def test_same_key_same_number() -> None:
    """A draw depends only on (seed, day, entity, purpose, k)."""
    a = rng.uniform(7, 3, np.arange(100), "hunt")
    b = rng.uniform(7, 3, np.arange(100), "hunt")
    assert np.array_equal(a, b)


def test_any_part_of_the_key_changes_the_draw() -> None:
    """Changing seed, day, entity, purpose or k gives different numbers."""
    base = rng.uniform(7, 3, np.arange(1000), "hunt")
    for other in (
        rng.uniform(8, 3, np.arange(1000), "hunt"),
        rng.uniform(7, 4, np.arange(1000), "hunt"),
        rng.uniform(7, 3, np.arange(1, 1001), "hunt"),
        rng.uniform(7, 3, np.arange(1000), "heal"),
        rng.uniform(7, 3, np.arange(1000), "hunt", 1),
    ):
        assert np.mean(base == other) < 0.01


def test_a_draw_does_not_depend_on_its_neighbours() -> None:
    """An entity's number is the same whether drawn alone or in a batch (ensemble safety)."""
    batch = rng.uniform(np.array([1, 2, 3]), 5, np.array([10, 11, 12]), "x")
    alone = rng.uniform(2, 5, np.array([11]), "x")
    assert batch[1] == alone[0]


def test_uniforms_look_uniform() -> None:
    """Mean, spread and range of many draws match U(0, 1)."""
    u = rng.uniform(1, 0, np.arange(200_000), "check")
    assert u.min() >= 0 and u.max() < 1
    assert abs(u.mean() - 0.5) < 0.005
    assert abs(u.var() - 1 / 12) < 0.002
    counts = np.histogram(u, bins=20, range=(0, 1))[0]
    assert counts.min() > 0.95 * 10_000


def test_normals_look_normal() -> None:
    """Box-Muller over keyed uniforms gives mean 0 and variance 1."""
    z = rng.normal(3, 0, np.arange(200_000), "z")
    assert abs(z.mean()) < 0.01
    assert abs(z.std() - 1) < 0.01


def test_weighted_choice_follows_weights() -> None:
    """Categories are picked in proportion to their weights, per row if rows differ."""
    u = rng.uniform(5, 0, np.arange(100_000), "pick")
    picks = rng.weighted_choice(u, np.array([0.2, 0.5, 0.3]))
    assert np.allclose(np.bincount(picks) / len(u), [0.2, 0.5, 0.3], atol=0.01)
    rows = np.tile([[1.0, 0.0], [0.0, 1.0]], (50_000, 1))
    assert np.array_equal(rng.weighted_choice(u, rows), np.tile([0, 1], 50_000))


def test_the_compiled_draws_equal_the_numpy_definition() -> None:
    """The kernel behind ``uniform`` gives bit-identical numbers to the plain NumPy formula."""
    entity = np.r_[np.arange(-5, 5), np.array([2**40, 2**62, 123456789012])]
    for seed in (0, 7, np.arange(len(entity)) * 977):
        for purpose, day, k in (("hunt", 0, 0), ("death_clock", 10_000, 3), ("x", 2**33, 1)):
            assert np.array_equal(
                rng.uniform(seed, day, entity, purpose, k),
                rng.reference_uniform(seed, day, entity, purpose, k),
            )


def test_normals_of_several_purposes_are_each_purposes_normal() -> None:
    """``normals`` (one compiled pass for several purposes) gives, row by row, the numbers of
    ``normal`` for each purpose, with one seed or a seed per entity, and for no entity at all."""
    purposes = ("trait.kindness", "trait.boldness", "pack_cap")
    ids = np.arange(3, 2003, dtype=np.int32)
    for seed in (np.uint64(11), np.repeat(np.array([5, 9], dtype=np.uint64), 1000)):
        got = rng.normals(seed, 12, ids, purposes)
        for row, purpose in zip(got, purposes, strict=True):
            assert np.array_equal(row, rng.normal(seed, 12, ids, purpose))
    assert rng.normals(3, 0, np.zeros(0, dtype=np.int64), purposes).shape == (3, 0)


def test_context_draws_are_the_keyed_uniforms_of_their_rows() -> None:
    """The compiled per-row draw of a system equals rng.uniform over the rows' seeds and ids,
    across replicates, and for pack rows too."""
    world = world_of(generated(12), seeds=[5, 9, 11])
    ctx = Context(world, EventLog(world.replicates), day=40)
    w, p = world.wolves, world.packs
    rows = np.arange(w.size)[::-1]
    expected = rng.uniform(world.seeds[w.replicate[rows]], 40, w.id[rows], "hunt", 2)
    assert len(set(w.replicate[rows].tolist())) == 3
    assert np.array_equal(ctx.draw("hunt", rows, 2), expected)
    packs = np.arange(p.size)
    expected = rng.uniform(world.seeds[p.replicate[packs]], 40, p.id[packs], "raid")
    assert np.array_equal(ctx.draw_packs("raid", packs), expected)
