"""Standing, the rank ladder and the challengers equal the NumPy formulas, bit for bit."""

from __future__ import annotations

import numpy as np

from packbond.core.arrays import first_of_groups, positions_in_groups
from packbond.shared.standing import inputs, standing
from packbond.state import Designation, World
from packbond.systems.ranks import kernel as ranks_kernel

from ...conftest import generated, world_of


def _numpy_standing(world: World, rows: np.ndarray, day: int) -> np.ndarray:
    """Standing as NumPy computed it before the kernel: the reference the kernel must match."""
    w, p, r = world.wolves, world.packs, world.rules.rank
    pack = np.maximum(w.pack[rows], 0)
    des = w.designation[rows]
    requires = (w.pack[rows] >= 0) & p.rank_requires_mate[pack]
    single = (w.single_since[rows] >= 0) & (day - w.single_since[rows] > r.grace_days)
    lost = requires & single & (des == Designation.ALPHA) & (w.mate[rows] < 0)
    by_designation = np.array([0.0, r.alpha_weight, r.beta_weight, r.omega_weight])[des]
    by_designation = by_designation - np.where(
        des == Designation.OMEGA, r.omega_weight * p.omega_status_penalty[pack], 0.0
    )
    strength = (0.5 + 0.5 * w.boldness[rows]) * (1.0 - w.wound[rows])
    mate = w.mate[rows]
    has_mate = world.beside(rows, mate)
    score = (
        by_designation
        + r.skill_weight * w.hunting_skill[rows]
        + r.esteem_weight * w.esteem[rows]
        + r.strength_weight * strength
        + r.mate_weight * has_mate
        + r.leader_mate_weight * (has_mate & (p.leader[pack] == mate))
        - r.unmated_penalty * lost
    )
    return np.where(des == Designation.UNPRESENTED, -1.0, score), lost


def _shuffled_world() -> World:
    """A small generated world with rank norms, wounds, singles and packless wolves mixed up."""
    world = world_of(generated(60), seeds=[3])
    w, p = world.wolves, world.packs
    gen = np.random.default_rng(5)
    n = w.size
    p.rank_requires_mate[: p.size] = gen.random(p.size) < 0.5
    w.single_since[:n] = np.where(gen.random(n) < 0.5, gen.integers(-1, 400, n), -1)
    w.wound[:n] = np.where(gen.random(n) < 0.3, gen.random(n), 0.0)
    w.designation[:n] = gen.integers(0, 4, n)
    w.pack[:n] = np.where(gen.random(n) < 0.05, -1, w.pack[:n])
    w.mate[:n] = np.where(gen.random(n) < 0.2, -1, w.mate[:n])
    return world


def test_standing_kernel_equals_the_numpy_formula() -> None:
    """Standing, bit for bit, over every designation, with and without packs, mates, norms."""
    world = _shuffled_world()
    rows = np.arange(world.wolves.size)
    expected, _ = _numpy_standing(world, rows, 300)
    assert np.array_equal(standing(world, rows, 300), expected)


def test_rank_ladder_equals_a_lexsort_by_pack_alpha_standing_and_age() -> None:
    """The ladder's places (small packs by insertion, big ones by merge sort) and its events
    against the stable lexsort they replace, with many ties in standing and birth day."""
    world = _shuffled_world()
    w, p = world.wolves, world.packs
    n = w.size
    gen = np.random.default_rng(6)
    w.pack[: n // 3] = np.where(w.pack[: n // 3] >= 0, 0, -1)  # one pack of well over 32
    w.birth_day[:n] = gen.integers(-3, 3, n)
    w.high_rank[:n] = gen.random(n) < 0.5
    w.rank[:n] = gen.integers(0, 3, n)
    w.demoted[:n] = gen.random(n) < 0.2
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    rows = rows[w.designation[rows] != Designation.UNPRESENTED]
    score = np.round(gen.random(len(rows)), 1)  # many ties
    p.leader[: p.size] = np.where(gen.random(p.size) < 0.8, p.leader[: p.size], -1)
    before = {c: getattr(w, c)[:n].copy() for c in ("rank", "high_rank", "demoted")}

    pack = w.pack[rows]
    top = score + 1e6 * (p.leader[pack] == rows)
    order = np.lexsort((w.birth_day[rows], -top, pack))
    ranked, pack = rows[order], pack[order]
    place = positions_in_groups(pack) + 1
    members = np.bincount(pack, minlength=p.size)[pack]
    _, lost = _numpy_standing(world, ranked, 300)
    high = (place <= np.maximum(1, np.rint(0.4 * members))) & ~lost
    was, placed = before["high_rank"][ranked], before["rank"][ranked] > 0
    newly_lost = was & lost & ~before["demoted"][ranked] & placed
    moved = (was != high) & ~newly_lost & placed

    folk, packs, params = inputs(world)
    gone, m, at, now_high = ranks_kernel.rank_ladder(
        rows,
        score,
        folk,
        packs,
        ranks_kernel.LadderRules(grace_days=params.grace_days, high_share=0.4, day=300),
        w.bundle(ranks_kernel.PlaceColumns),
    )
    assert members.max() > 32 and len(gone) and len(m)  # every branch is exercised
    assert np.array_equal(w.rank[ranked], place)
    assert np.array_equal(w.high_rank[ranked], high)
    demoted = np.where(w.mate[ranked] >= 0, False, before["demoted"][ranked] | newly_lost)
    assert np.array_equal(w.demoted[ranked], demoted)
    assert np.array_equal(gone, ranked[newly_lost])
    assert np.array_equal(m, ranked[moved])
    assert np.array_equal(at, place[moved]) and np.array_equal(now_high, high[moved])


def test_pack_challengers_equal_the_first_of_a_stable_sort() -> None:
    """Each pack's strongest member who is neither its alpha nor the alpha's mate."""
    world = _shuffled_world()
    w, p = world.wolves, world.packs
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    score = np.round(np.random.default_rng(7).random(len(rows)), 1)  # many ties
    leader = p.leader[w.pack[rows]]
    ok = (leader >= 0) & (leader != rows) & (w.mate[leader] != rows)
    ok &= w.alive[np.maximum(leader, 0)]
    idx = np.flatnonzero(ok)
    idx = idx[np.lexsort((-score[idx], w.pack[rows[idx]]))]
    expected = idx[first_of_groups(w.pack[rows[idx]])]
    got = ranks_kernel.pack_challengers(
        rows, score, w.view("pack"), w.view("mate"), w.view("alive"), p.view("leader")
    )
    assert np.array_equal(got, expected)
