"""The compiled kernels give the same results as the NumPy formulas they replace."""

from __future__ import annotations

import numpy as np

from packbond import kernels
from packbond.arrays import group_sum, positions_in_groups, rank_within


def _random(n: int = 5000, groups: int = 300, seed: int = 4):  # type: ignore[no-untyped-def]
    gen = np.random.default_rng(seed)
    group = gen.integers(-1, groups, n).astype(np.int32)
    return gen, group


def test_best_per_group_equals_a_stable_sort_by_choice_and_merit() -> None:
    """Childcare's pick: first choices, then merit, ties to the earlier row, ``need`` per group."""
    gen, group = _random()
    group = np.abs(group)
    second = gen.random(len(group)) < 0.5
    merit = np.round(gen.random(len(group)), 2).astype(np.float32)  # many ties
    need = gen.integers(0, 4, 300).astype(np.int64)
    picked = kernels.best_per_group(group, second, merit, need)
    order = np.lexsort((-merit, second, group))
    expected = np.zeros(len(group), dtype=bool)
    expected[order] = rank_within(group[order]) < need[group[order]]
    assert np.array_equal(picked, expected)


def test_food_kernels_equal_the_numpy_formulas() -> None:
    """Pack needs and the hunger update, against bincount and clip."""
    gen, pack = _random()
    alive = gen.random(len(pack)) < 0.9
    young = gen.random(len(pack)) < 0.3
    need, heads = kernels.pack_needs(alive, pack, young, 1.0, 0.6, 300)
    rows = np.flatnonzero(alive)
    assert np.array_equal(need, group_sum(pack[rows], np.where(young[rows], 0.6, 1.0), 300))
    assert np.array_equal(heads, group_sum(pack[rows], None, 300))
    hunger = gen.random(len(pack)).astype(np.float32)
    share = gen.random(300)
    expected = hunger.copy()
    fed = np.where(pack[rows] >= 0, share[np.maximum(pack[rows], 0)], 0.4)
    withdrawn = gen.random(len(pack)) < 0.2
    dark = withdrawn & (gen.random(len(pack)) < 0.5)
    fed = fed * np.where(dark[rows], 0.2, np.where(withdrawn[rows], 0.5, 1.0))
    expected[rows] = np.clip(hunger[rows] + 0.08 * (1.0 - fed) - 0.1 * fed, 0.0, 1.0)
    total, starving = kernels.share_food(
        alive, pack, hunger, share, withdrawn, dark, 0.5, 0.2, 0.4, 0.08, 0.1, 0.8, 300
    )
    assert np.array_equal(hunger, expected)
    assert np.allclose(total, group_sum(pack[rows], expected[rows], 300))
    assert np.array_equal(starving, rows[expected[rows] > 0.8])


def test_positions_in_groups_equals_rank_within_for_grouped_keys() -> None:
    """The sort-free positions agree with the sorting ones."""
    keys = np.sort(np.random.default_rng(1).integers(0, 50, 1000))
    assert np.array_equal(positions_in_groups(keys), rank_within(keys))


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
