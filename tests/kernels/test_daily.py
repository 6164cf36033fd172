"""Feeding, the death clocks, childcare's pick and the branch-free passes equal NumPy's results."""

from __future__ import annotations

import numpy as np
import pytest

from packbond import kernels
from packbond.core.arrays import group_sum, rank_within
from packbond.state import DESIGNATIONS, Designation

from .conftest import _random


@pytest.mark.parametrize("most", [4, 40])
def test_best_per_group_equals_a_stable_sort_by_choice_and_merit(most: int) -> None:
    """Childcare's pick: first choices, then merit, ties to the earlier row, ``need`` per group
    (up to ``most``: some groups need more than they have)."""
    gen, group = _random()
    group = np.abs(group)
    second = gen.random(len(group)) < 0.5
    merit = np.round(gen.random(len(group)), 2).astype(np.float32)  # many ties
    need = gen.integers(0, most, 300).astype(np.int64)
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


@pytest.mark.parametrize("n_packs", [300, 0])
def test_branch_free_passes_equal_the_numpy_masks(n_packs: int) -> None:
    """The passes over every wolf that add or select without branching on the dead (a dead row
    or a wolf outside any pack adds 0 to the first pack, or is written and not counted) give
    the NumPy masks' results, also in a world without packs, where nothing may be added."""
    gen, pack = _random()
    n = len(pack)
    if n_packs == 0:
        pack = np.full(n, -1, dtype=np.int32)
    alive = gen.random(n) < 0.85
    designation = gen.integers(0, len(DESIGNATIONS), n).astype(np.int8)
    member = alive & (pack >= 0)
    rows = np.flatnonzero(member)
    young = designation == Designation.UNPRESENTED
    roles = gen.integers(0, 8, n).astype(np.uint8)
    assert np.array_equal(
        kernels.pack_counts(alive, pack, n_packs), group_sum(pack[rows], None, n_packs)
    )
    got_young, got_carers = kernels.young_counts(alive, pack, designation, 0, roles, 2, n_packs)
    assert np.array_equal(got_young, group_sum(pack[member & young], None, n_packs))
    assert np.array_equal(got_carers, group_sum(pack[member & ((roles & 2) > 0)], None, n_packs))
    need, heads = kernels.pack_needs(alive, pack, young, 1.3, 0.7, n_packs)
    assert np.array_equal(need, group_sum(pack[rows], np.where(young[rows], 0.7, 1.3), n_packs))
    assert np.array_equal(heads, group_sum(pack[rows], None, n_packs))
    wound = gen.random(n).astype(np.float32)
    fights = np.array([False, True, True, False])
    assert np.array_equal(
        kernels.fighter_mask(alive, pack, designation, wound, fights, np.float32(0.6)),
        member & fights[designation] & (wound < np.float32(0.6)),
    )
    eligible = gen.random(n) < 0.7
    mate = np.where(gen.random(n) < 0.5, 3, -1).astype(np.int32)
    betrothed = np.where(gen.random(n) < 0.2, 5, -1).astype(np.int32)
    birth_day = gen.integers(-8000, 0, n).astype(np.int32)
    adult = birth_day <= -6552
    assert np.array_equal(
        kernels.free_to_court(
            alive, pack, designation, eligible, mate, betrothed, birth_day, 0, -6552
        ),
        member & (designation != 0) & adult & eligible & (mate < 0) & (betrothed < 0),
    )
    assert 0 < adult.sum() < n
    clock = np.where(gen.random(n) < 0.1, np.nan, gen.random(n) * 0.02)
    hazard = np.where(gen.random(n) < 0.1, np.nan, gen.random(n) * 0.01)
    unseen, stale = kernels.rows_to_refresh(alive, clock, hazard)
    assert np.array_equal(unseen, np.flatnonzero(alive & np.isnan(clock)))
    assert np.array_equal(stale, np.flatnonzero(alive & np.isnan(hazard)))
    ran = clock.copy()
    ran[alive] -= hazard[alive]
    dying = kernels.run_clocks(alive, clock, hazard)
    assert np.array_equal(clock, ran, equal_nan=True)  # the dead's clocks as they were
    assert np.array_equal(dying, np.flatnonzero(alive & (ran <= 0.0)))
    assert len(dying) > 10 and len(unseen) > 10 and (n_packs == 0 or heads.sum() > 100)
