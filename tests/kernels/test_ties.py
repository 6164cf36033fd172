"""The tie kernels look up, remember and choose among ties as the NumPy slot formulas did."""

from __future__ import annotations

import numba
import numpy as np

from packbond import kernels
from packbond.shared import ties

from ..conftest import generated, world_of


def test_tie_values_equal_the_numpy_slot_sum() -> None:
    """A tie lookup, against summing the matching slots (signed zeros and int columns too)."""
    gen = np.random.default_rng(5)
    for slots in (1, 6):
        other = gen.integers(-1, 50, (400, slots)).astype(np.int32)
        values = gen.choice([-0.0, 0.0, 0.25, -0.5, 1.0], (400, slots)).astype(np.float32)
        events = gen.integers(-1, 10**9, (400, slots)).astype(np.int64)
        src = gen.integers(0, 400, 3000).astype(np.int64)
        dst = gen.integers(-1, 50, 3000).astype(np.int64)
        for column, missing in ((values, 0.0), (events, -1.0)):
            hit = other[src] == dst[:, None]
            found = np.where(hit, column[src], 0).sum(axis=1).astype(np.float64)
            expected = np.where(hit.any(axis=1), found, missing)
            got = kernels.tie_values(other, column, src, dst, missing)
            assert np.array_equal(got, expected)
            assert np.array_equal(np.signbit(got), np.signbit(expected))


def test_tie_helpers_hand_the_kernels_writable_arrays_whatever_they_are_given() -> None:
    """Arrays of the right dtype, of another dtype and scalars all reach the tie kernels as one
    array type: a read-only view would be typed apart and load a second compiled kernel."""
    world = world_of(generated(2))
    rows = np.array([0, 1], dtype=np.int64)
    others = np.array([2, 3], dtype=np.int64)
    ties.remember(world, rows, others, affinity=np.array([0.1, 0.2]), memory=1, event=rows)
    ties.remember(world, rows.astype(np.int32), others, trust=0.1)
    ties.lookup(world, rows, others, "affinity")
    ties.lookup(world, rows.astype(np.int32), others.astype(np.int32), "trust")
    signatures = kernels.remember_pairs.signatures + kernels.tie_values.signatures
    assert signatures
    for signature in signatures:
        arrays = [t for t in signature if isinstance(t, numba.types.Array)]
        assert arrays and all(t.mutable for t in arrays), signature


def test_one_value_for_every_pair_moves_ties_as_the_value_given_per_pair() -> None:
    """``remember`` hands a single amount, memory or event to the kernel as one element, which
    it reads for every pair; the ties come out as when the same value is given pair by pair,
    repeated pairs included (the later memory kept); a NumPy scalar or a 0-d array is one value
    as a plain number is."""
    gen = np.random.default_rng(5)
    src = gen.integers(0, 40, 300).astype(np.int64)
    dst = gen.integers(0, 40, 300).astype(np.int64)
    n = len(src)
    given = {"affinity": -0.3, "trust": 0.2, "fear": 0.4, "weight": 0.7, "event": 11}
    per_pair = {name: np.full(n, value) for name, value in given.items()}
    scalars = {name: np.float64(value) for name, value in given.items()}
    zero_d = {name: np.array(value) for name, value in given.items()}
    worlds = []
    for values in (given, per_pair, scalars, zero_d):
        world = world_of(generated(6))
        ties.remember(world, src, dst, memory=2, **values)  # type: ignore[arg-type]
        ties.remember(world, dst, src, trust=values["trust"])
        worlds.append(world)
    for column in ties.columns(worlds[0])._fields:
        for other in worlds[1:]:
            np.testing.assert_array_equal(
                getattr(ties.columns(worlds[0]), column), getattr(ties.columns(other), column)
            )
    moved = ties.lookup(worlds[0], src, dst, "fear", missing=-1.0)
    assert (moved[src != dst] > 0).all()
    # Amounts that differ pair by pair are each read for their own pair.
    world = world_of(generated(6))
    a, b = np.arange(0, 20, dtype=np.int64), np.arange(20, 40, dtype=np.int64)
    steps = np.linspace(0.05, 0.5, len(a))
    ties.remember(world, a, b, trust=steps)
    np.testing.assert_allclose(ties.lookup(world, a, b, "trust"), steps, rtol=1e-6)


def test_fondest_beside_equals_the_numpy_argmax() -> None:
    """The garment giver's choice (scent), against the NumPy masks and argmax it replaced:
    mates first, wolves not beside the row left out, the first of equal likings kept."""
    gen = np.random.default_rng(8)
    n, slots = 300, 6
    other = gen.integers(-1, n, (n, slots)).astype(np.int32)
    affinity = gen.choice([-1.0, -0.2, 0.0, 0.3, 0.3, 0.7, 1.0], (n, slots)).astype(np.float32)
    alive = gen.random(n) < 0.9
    pack = np.where(gen.random(n) < 0.1, -1, gen.integers(0, 4, n)).astype(np.int32)
    mate = np.where(gen.random(n) < 0.5, other[:, 0], -1).astype(np.int32)
    rows = np.sort(gen.choice(n, 200, replace=False)).astype(np.int64)
    like_at = 0.25
    others = other[rows]
    safe = np.maximum(others, 0)
    home = pack[rows][:, None]
    there = (others >= 0) & alive[safe] & (pack[safe] == home) & (home >= 0)
    liking = np.where(there, affinity[rows], -np.inf)
    liking = np.where((others == mate[rows][:, None]) & there, np.inf, liking)
    slot = liking.argmax(axis=1)
    giver = others[np.arange(len(rows)), slot]
    fond = (liking[np.arange(len(rows)), slot] > like_at) & (giver >= 0)
    kept, chosen = kernels.fondest_beside(
        other, affinity, alive, pack, mate, rows, np.float32(like_at)
    )
    assert fond.sum() > 20 and (~fond).sum() > 20  # both outcomes are exercised
    assert np.array_equal(kept, rows[fond])
    assert np.array_equal(chosen, giver[fond])
    for parts in (2, 7):  # in stretches of the rows (one per thread, or more), the same lists
        split = kernels.ties._fondest_beside_parallel(
            other, affinity, alive, pack, mate, rows, np.float32(like_at), parts
        )
        assert np.array_equal(split[0], kept) and np.array_equal(split[1], chosen)
