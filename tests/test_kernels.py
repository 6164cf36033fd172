"""The compiled kernels give the same results as the NumPy formulas they replace."""

from __future__ import annotations

import copy
from typing import Any

import numba
import numpy as np
import pytest

from packbond import fighting, kernels, rng, ties
from packbond.arrays import first_of_groups, group_sum, positions_in_groups, rank_within
from packbond.context import Context
from packbond.engine import Engine
from packbond.events.log import EventLog
from packbond.kernels import parallel
from packbond.scent import likeness
from packbond.standing import inputs, standing
from packbond.state import DESIGNATIONS, Designation, Form, World
from packbond.systems import acceptance, courtship, gathering, hunting

from .conftest import generated, set_rules, world_of


def _random(n: int = 5000, groups: int = 300, seed: int = 4):  # type: ignore[no-untyped-def]
    gen = np.random.default_rng(seed)
    group = gen.integers(-1, groups, n).astype(np.int32)
    return gen, group


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
    assert np.array_equal(
        kernels.free_to_court(alive, pack, designation, eligible, mate, betrothed, 0),
        member & (designation != 0) & eligible & (mate < 0) & (betrothed < 0),
    )
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


def test_sifts_equal_flatnonzero() -> None:
    """The compiled sifts give NumPy's rows of the same test, in row order; listing the marked
    rows of a stretch (the second pass of a sift in two) writes only from where it is told."""
    gen, pack = _random(n=20_000)
    n = len(pack)
    alive = gen.random(n) < 0.85
    stress = gen.random(n).astype(np.float32)
    form = gen.integers(0, 2, n).astype(np.int8)
    designation = gen.integers(0, len(DESIGNATIONS), n).astype(np.int8)
    birth_day = gen.integers(0, 400, n).astype(np.int32)
    present_age = gen.integers(100, 300, n).astype(np.int32)
    at = np.float32(0.35)
    assert np.array_equal(
        kernels.living_above(alive, stress, at), np.flatnonzero(alive & (stress > at))
    )
    assert np.array_equal(kernels.living_equal(alive, form, 1), np.flatnonzero(alive & (form == 1)))
    assert np.array_equal(kernels.rows_above(pack, -1), np.flatnonzero(pack > -1))
    assert np.array_equal(
        kernels.due_to_present(alive, designation, birth_day, present_age, 0, 380),
        np.flatnonzero(alive & (designation == 0) & (380 - birth_day >= present_age)),
    )
    marked = (gen.random(n) < 0.3).astype(np.uint8)
    out = np.full(n + 10, -7, dtype=np.int64)
    end = kernels.marks.list_marked(marked, 5_000, 12_000, out, 10)
    expected = 5_000 + np.flatnonzero(marked[5_000:12_000])
    assert end == 10 + len(expected)
    assert np.array_equal(out[10:end], expected)
    assert (out[:10] == -7).all()


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
    gone, m, at, now_high = kernels.rank_ladder(
        rows, score, folk, packs, params.grace_days, 0.4, 300,
        w.view("rank"), w.view("high_rank"), w.view("demoted"),
    )  # fmt: skip
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
    got = kernels.pack_challengers(
        rows, score, w.view("pack"), w.view("mate"), w.view("alive"), p.view("leader")
    )
    assert np.array_equal(got, expected)


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

    got = kernels.weekly_wellbeing(
        kernels.Life(*(w.view(c) for c in kernels.Life._fields)),
        kernels.Spirits(*(w.view(c) for c in kernels.Spirits._fields)),
        w.view("tie_other"),
        w.view("tie_affinity"),
        w.view("tie_trust"),
        kernels.WellbeingParams(
            **world.rules.wellbeing.model_dump(include=set(kernels.WellbeingParams._fields))
        ),
    )
    assert all(len(part) for part in expected) and expected[-1].any()  # every branch is taken
    for mine, theirs in zip(got, expected, strict=True):
        assert np.array_equal(mine, theirs)
    for column in kernels.Spirits._fields:
        assert np.array_equal(w.view(column), reference.wolves.view(column)), column

    keep = np.float32(0.9**7)
    weight = reference.wolves.view("tie_weight")
    vivid = np.flatnonzero((weight > 0).any(axis=1))
    faded = weight[vivid] * keep
    memory = reference.wolves.view("tie_memory")[vivid]
    memory[faded < 0.02] = 0
    faded[faded < 0.02] = 0.0
    kernels.fade_memories(w.view("tie_weight"), w.view("tie_memory"), keep)
    assert np.array_equal(w.view("tie_weight")[vivid], faded)
    assert np.array_equal(w.view("tie_memory")[vivid], memory)
    idle = np.setdiff1d(np.arange(n), vivid)
    assert np.array_equal(w.view("tie_weight")[idle], weight[idle])
    assert np.array_equal(w.view("tie_memory")[idle], reference.wolves.view("tie_memory")[idle])


def _numpy_acceptance(world: World) -> tuple[np.ndarray, ...]:
    """A week of acceptance as the system computed it with NumPy before its kernel: the new
    acceptance and stigma columns, and the rows that crossed into integration."""
    w, p, r = world.wolves, world.packs, world.rules.acceptance
    acceptance_now, stigma = w.view("acceptance").copy(), w.view("stigma").copy()
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0) & (acceptance_now < 1.0))
    pk = w.pack[rows]
    if world.rules.contact.enabled:
        among = np.minimum(1.0, w.contacts[rows] / r.contacts_for_full_pace)
        warmth = world.rules.contact.acceptance_weight * w.contact_sum[rows]
    else:
        among, warmth = np.ones(len(rows)), np.zeros(len(rows))
    mate = w.mate[rows]
    beside = world.beside(rows, mate)
    envy = r.envy_weight * beside * np.maximum(w.esteem[np.maximum(mate, 0)] - w.esteem[rows], 0)
    acc = w.acceptance[rows].astype(np.float64)
    z = rng.normal(world.seeds[w.replicate[rows]], 0, w.id[rows], "integration_pace")
    pace = np.minimum(1.0, r.pace * np.exp(r.pace_spread * z - r.pace_spread**2 / 2))
    omega = w.designation[rows] == Designation.OMEGA
    loss = (
        r.stigma_weight * w.stigma[rows] * p.outsider_hostility[pk]
        + r.omega_weight * omega * p.omega_status_penalty[pk]
    )
    new = np.clip(acc + pace * among * (1.0 - acc) + warmth - loss - envy, 0.0, 1.0)
    crossed = (acc < r.integrated_at) & (new >= r.integrated_at)
    acceptance_now[rows] = new
    stigma[rows] *= np.float32(1.0 - r.stigma_fade)
    return acceptance_now, stigma, rows[crossed]


@pytest.mark.parametrize("contact", [True, False])
def test_weekly_acceptance_equals_the_numpy_formula(contact: bool) -> None:
    """A week of acceptance, bit for bit against the NumPy formula it replaced, on two replicates
    with every term at work: newcomers near the integration mark, stigma, omegas in packs that
    despise them, mates esteemed above them (beside them or gone), the week's contacts and their
    warmth, the dead and the packless in the table; and without contact (full pace)."""
    world = world_of(generated(60), seeds=[3, 4])
    set_rules(world, "contact", enabled=contact)
    w, p = world.wolves, world.packs
    n = w.size
    gen = np.random.default_rng(12)
    w.acceptance[:n] = np.where(gen.random(n) < 0.8, 0.6 + 0.3 * gen.random(n), 1.0)
    w.stigma[:n] = gen.random(n) * (gen.random(n) < 0.5)
    w.esteem[:n] = gen.random(n)
    w.contacts[:n] = gen.integers(0, 8, n)
    w.contact_sum[:n] = 2 * gen.random(n) - 1
    w.designation[:n] = gen.integers(0, len(DESIGNATIONS), n)
    w.pack[:n] = np.where(gen.random(n) < 0.05, -1, w.pack[:n])
    w.alive[:n] &= gen.random(n) < 0.95
    p.outsider_hostility[: p.size] = gen.random(p.size)
    p.omega_status_penalty[: p.size] = gen.random(p.size)
    reference = copy.deepcopy(world)
    want_acceptance, want_stigma, want_crossed = _numpy_acceptance(reference)

    log = EventLog(world.replicates)
    ctx = Context(world, log)
    ctx.day = 14
    acceptance.step(world, ctx)
    assert np.array_equal(w.view("acceptance"), want_acceptance)
    assert np.array_equal(w.view("stigma"), want_stigma)
    integrated = log.drain()
    assert len(want_crossed) and np.array_equal(integrated["actor"], w.id[want_crossed])
    assert not w.view("contacts").any() and not w.view("contact_sum").any()  # the week cleared
    moved = want_acceptance != reference.wolves.view("acceptance")
    assert moved.sum() > n // 2  # most newcomers moved: the comparison is not of idle rows


def test_thread_choice_keeps_the_faster_way_and_probes_the_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A busy machine makes threads slower: the choice moves to one thread and probes threads
    ever more rarely while they stay slower; once they are the faster again, one probe moves it
    back. Small passes, and a machine with one thread, stay on one thread."""
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    choice = parallel.ThreadChoice(probe_every=16)
    rows = parallel.PARALLEL_FROM
    assert not choice.parallel(rows - 1)

    def run(passes: int, threads_s: float, one_s: float) -> list[bool]:
        picks = []
        for _ in range(passes):
            threads = choice.parallel(rows)
            picks.append(threads)
            choice.record(threads, rows, threads_s if threads else one_s)
        return picks

    busy = run(112, threads_s=0.004, one_s=0.002)
    assert busy[:4] == [True, True, False, False]  # each way, its first pass not counted
    probes = [n + 1 for n, threads in enumerate(busy) if threads][2:]
    assert probes == [16, 48, 112]  # then threads only as probes, ever more rarely
    idle = run(300, threads_s=0.001, one_s=0.002)
    assert idle.index(True) == 239 - 112  # the next probe (pass 240) finds threads faster
    after = idle[240 - 112 :]
    assert all(after[:15]) and not after[15]  # and kept, but for a probe 16 passes later
    assert after.count(False) == 3  # probes 16, 32 and 64 passes apart
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 1)
    assert not choice.parallel(rows)
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    light = parallel.ThreadChoice(from_rows=10 * rows)
    assert not light.parallel(10 * rows - 1)
    light.record(False, 10 * rows - 1, 1.0)
    assert light.cost == {}  # a pass below its rows is not counted
    assert light.parallel(10 * rows)
    # run(): a pass below its rows runs on one thread with no clock; above, the chosen way runs
    # and is timed.
    ways: list[str] = []
    assert (
        light.run(rows, lambda: ways.append("one") or 1, lambda: ways.append("threads") or 2) == 1
    )
    assert ways == ["one"] and light.passes == 1  # the earlier pass only
    assert light.run(10 * rows, lambda: 1, lambda: 2) == 2  # threads first
    # Forgetting (after a warm-up on another world): each way is tried afresh, threads first.
    parallel.forget_costs()
    assert choice.cost == {} and choice.passes == 0
    assert run(4, threads_s=0.004, one_s=0.002) == [True, True, False, False]
    assert not choice.parallel(rows)  # and the cheaper kept from then on


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
    from packbond.engine import Engine

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


def _numpy_hunt_outcomes(
    world: World, day: int, party: np.ndarray, solo: np.ndarray, hunts: Any, season: int
) -> tuple[np.ndarray, ...]:
    """The hunt outcome formulas as NumPy computed them before the kernel (dtypes and all)."""
    w, p, rules = world.wolves, world.packs, world.rules
    r, s = rules.hunting, rules.seasons
    seeds = world.seeds
    packs = hunts.packs
    size = np.diff(np.append(hunts.first, len(party)))
    skill = hunts.skill / size
    region = p.region[packs]
    n_regions = len(world.regions.names)
    key = p.view("replicate").astype(np.int64) * n_regions + p.view("region")
    counts = np.bincount(key[p.view("alive")], minlength=world.replicates * n_regions)
    crowd = np.minimum(
        1.0, world.regions.territories[p.region[packs]] / np.maximum(counts[key[packs]], 1)
    )
    prey = world.regions.prey[region, season].astype(np.float64) * crowd
    chance = r.base_success + r.party_bonus * (size - 1) + r.skill_weight * (skill - 0.5)
    chance = chance * (1.0 - r.prey_weight + r.prey_weight * prey)
    if season == 3:
        sign = -1.0 if s.winter_hunting == "harder" else 1.0
        snowy = world.regions.winter_severity[region].astype(np.float64)
        chance = chance * (1.0 + sign * s.snow_effect * snowy)
    chance = np.clip(chance, 0.0, 0.95)
    u = rng.uniform(seeds[p.replicate[packs]], day, p.id[packs], "hunt_success")
    success = u < chance
    food = np.where(success, r.kill_food * size.astype(np.float64) ** r.kill_party_exponent, 0.0)
    wregion = p.region[w.pack[party]]
    snow = world.regions.winter_severity[wregion] if season == 3 else 0.0
    risk = (
        r.injury_base
        * (1.0 + r.snow_injury * snow)
        * (1.0 + r.unfamiliar_injury * (1.0 - w.familiarity[party]))
        * (1.5 - w.hunting_skill[party])
        * (2.0 * world.regions.terrain_hazard[wregion])
        * np.where(solo, r.solo_injury, 1.0)
    )
    if rules.rut.enabled:
        risk = risk * np.where(w.cycle_until[party] >= day, rules.rut.injury_multiplier, 1.0)
    wseeds = seeds[w.replicate[party]]
    hurt = rng.uniform(wseeds, day, w.id[party], "hunt_injury") < risk
    victims = party[hurt]
    vseeds = seeds[w.replicate[victims]]
    u_severity = rng.uniform(vseeds, day, w.id[victims], "injury_severity")
    severity = r.injury_severity * (0.5 + u_severity)
    site = (rng.uniform(vseeds, day, w.id[victims], "injury_site") * 5).astype(np.int64)
    by_pack = np.full(p.size, -1, dtype=np.int64)
    by_pack[packs] = np.arange(len(packs))
    return success, food, victims, severity, site, by_pack[w.pack[victims]]


def test_the_packs_due_to_hunt_are_those_of_the_keyed_draw() -> None:
    """The compiled choice draws which packs hunt as ``Context.draw_packs`` does: each living
    pack, keyed by seed, day and pack id, under one in ``interval_days``; dead packs never."""
    world = world_of(generated(200, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(5)
    p = world.packs
    p.alive[: p.size : 7] = False
    for day in (5, 6, 40):
        ctx = Context(world, EventLog(world.replicates), day)
        live = np.flatnonzero(p.view("alive"))
        expected = live[ctx.draw_packs("hunt", live) < 1.0 / world.rules.hunting.interval_days]
        rules = kernels.PartyRules(
            *([0] * 11),
            hunt_chance=1.0 / world.rules.hunting.interval_days,
            day=day,
            key_hunt=rng.purpose_key("hunt"),
            key_prove=np.uint64(0),
            key_volunteer=np.uint64(0),
            key_pick=np.uint64(0),
            key_solo=np.uint64(0),
        )
        due = kernels.hunting._due_packs(p.bundle(kernels.HuntingPacks), world.seed_keys, rules)
        assert np.array_equal(np.flatnonzero(due), expected) and 5 < len(expected) < len(live)


@pytest.mark.parametrize("preset", ["seed", "classic"])
def test_hunt_outcomes_equal_the_numpy_formulas(preset: str) -> None:
    """Success, food, the packs' stores and who is hurt, bit for bit against the NumPy
    formulas, in every season (winter's snow, the rut where the preset has one) and with
    several replicates (crowding is counted per replicate and region)."""
    world = world_of(generated(120, preset), [3, 4])
    Engine(world, metrics_every=7).run(5)
    ctx = Context(world, EventLog(world.replicates), 5)
    # Everyone hunts, in a region made crowded, so that every factor has work to do.
    world.regions.territories[:] = 20
    world.wolves.cycle_until[: world.wolves.size : 3] = 10
    set_rules(world, "hunting", interval_days=1)  # every pack is due: its draw is under 1
    party, solo, hunts = hunting._choose_party(world, ctx)
    assert np.array_equal(hunts.packs, np.flatnonzero(world.packs.view("alive")))
    assert len(party) > 200 and solo.any()
    for season in range(4):
        food_before = world.packs.food.copy()
        expected = _numpy_hunt_outcomes(world, ctx.day, party, solo, hunts, season)
        success, food, hurt = hunting._outcomes(world, ctx, party, solo, hunts, season)
        got = (success, food, hurt.rows, hurt.severity, hurt.site, hurt.hunt)
        for g, e in zip(got, expected, strict=True):
            assert g.dtype == e.dtype and np.array_equal(g, e)
        assert 0 < success.sum() < len(success) and len(hurt.rows) > 0
        fed = food_before.copy()
        fed[hunts.packs] += expected[1].astype(np.float32)
        assert np.array_equal(world.packs.food, fed)


def _numpy_tend_wounds(world: World, day: int):  # type: ignore[no-untyped-def]
    """The wound day as NumPy computed it before :func:`packbond.kernels.tend_wounds`."""
    w, p, r = world.wolves, world.packs, world.rules.wounds
    seeds = world.seeds

    def draw(purpose: str, rows: np.ndarray) -> np.ndarray:
        return rng.uniform(seeds[w.replicate[rows]], day, w.id[rows], purpose)

    rows = np.flatnonzero(w.view("alive") & (w.view("wound") > 0))
    bleeding = w.bleeding[rows]
    pack = w.pack[rows]
    hospital = np.where(pack >= 0, p.hospital[np.maximum(pack, 0)], False)
    rate = r.heal_per_day * np.where(hospital, r.hospital_multiplier, 1.0)
    change = np.where(bleeding, r.bleeding_harm, -rate)
    w.wound[rows] = np.clip(w.wound[rows] + change, 0.0, 1.0)
    stops = bleeding & (draw("bleeding_stops", rows) < r.bleeding_stops)
    w.bleeding[rows[stops]] = False
    healed = rows[w.wound[rows] <= 0]
    healed_cause = w.wound_event[healed].copy()
    w.wound_event[healed] = -1
    w.bleeding[healed] = False
    is_grave = w.wound[rows] > r.deadly_above
    grave = rows[is_grave]
    risk = r.death_per_day * (w.wound[grave] - r.deadly_above) / (1.0 - r.deadly_above)
    if r.hospital_death < 1.0:
        risk = np.where(hospital[is_grave], risk * r.hospital_death, risk)
    dead = grave[draw("wound_death", grave) < risk]
    return healed, healed_cause, dead, w.wound_event[dead].copy()


@pytest.mark.parametrize("hospital_death", [1.0, 0.4])
def test_tend_wounds_equals_the_numpy_formulas(hospital_death: float) -> None:
    """Bleeding, healing (faster in a hospital), the healed and the dead of grave wounds, bit for
    bit against the NumPy formulas, over several days and replicates."""
    from packbond.systems import health

    world = world_of(generated(60, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(3)
    set_rules(world, "wounds", hospital_death=hospital_death, death_per_day=0.3)
    w, p = world.wolves, world.packs
    gen = np.random.default_rng(5)
    n = w.size
    w.wound[:n] = np.where(gen.random(n) < 0.5, gen.random(n), 0.0).astype(np.float32)
    w.bleeding[:n] = gen.random(n) < 0.4
    w.wound_event[:n] = np.arange(n)
    p.hospital[: p.size] = gen.random(p.size) < 0.5
    expected_world = copy.deepcopy(world)
    healed = dead = 0
    for day in range(3, 9):
        expected = _numpy_tend_wounds(expected_world, day)
        got = health.tend(world, day)
        for g, e in zip(got, expected, strict=True):
            assert g.dtype == e.dtype and np.array_equal(g, e)
        for c in ("wound", "bleeding", "wound_event"):
            assert np.array_equal(w.view(c), expected_world.wolves.view(c)), c
        healed, dead = healed + len(got[0]), dead + len(got[2])
    assert healed > 0 and dead > 0


def _numpy_ceremonies(world: World, day: int):  # type: ignore[no-untyped-def]
    """The betrothed sorted out as NumPy did before :func:`packbond.kernels.ceremonies` (with
    the calling off of the interrupted, whose effect on the due it must keep)."""
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("betrothed") > -1))
    partner = w.betrothed[rows]
    once = (rows < partner) | ~w.alive[partner]
    rows, partner = rows[once], partner[once]
    pack = w.pack[rows]
    dead = ~w.alive[partner]
    apart = ~dead & ((pack != w.pack[partner]) | (pack < 0))
    stop = dead | apart
    a, b = rows[stop], partner[stop]
    why = np.where(dead[stop], 1, 2)
    gone = np.where(w.left_event[b] >= 0, w.left_event[b], w.ran_event[b])
    gone = np.where(gone >= 0, gone, np.maximum(w.left_event[a], w.ran_event[a]))
    cause = np.where(why == 1, w.death_event[b], gone)
    ceremony_day = w.ceremony_day.copy()
    off = np.concatenate([a, w.betrothed[a][w.betrothed[a] >= 0]])
    ceremony_day[off] = -1
    due = ~stop & (ceremony_day[rows] == day)
    order = np.array([9, 0, 1, 2])
    x, y = rows[due], partner[due]
    swap = order[w.designation[y]] < order[w.designation[x]]
    biter, bearer = np.where(swap, y, x), np.where(swap, x, y)
    return a, b, why, cause, biter, bearer, w.arranged[biter]


def _numpy_bond(world: World, biter: np.ndarray, bearer: np.ndarray, day: int, strength):  # type: ignore[no-untyped-def]
    """A new pair's writes as NumPy made them before :func:`packbond.kernels.mate_pairs`."""
    w, r = world.wolves, world.rules.bond
    w.mate[biter] = bearer
    w.mate[bearer] = biter
    both = np.concatenate([biter, bearer])
    w.marked_by[bearer] = biter
    w.mated_day[both] = day
    w.single_since[both] = -1
    pair = np.concatenate([both, w.betrothed[both][w.betrothed[both] >= 0]])
    w.betrothed[pair] = -1
    w.ceremony_day[pair] = -1
    w.arranged[pair] = False
    w.felt_wound[both] = -1
    w.felt_dark[both] = False
    if r.enabled:
        w.bond[both] = np.concatenate([np.broadcast_to(strength, len(biter))] * 2)
        w.attention[both] = 1.0 - r.inattention * w.ambition[both]


def test_ceremony_kernels_equal_the_numpy_formulas() -> None:
    """Interrupted and due ceremonies (a partner dead, the two apart, a promise not returned),
    who bites, and a new pair's mate, mark, bond and attention, bit for bit against NumPy."""
    from packbond import mating

    world = world_of(generated(80, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(3)
    w = world.wolves
    gen = np.random.default_rng(8)
    n = w.size
    rows = np.argsort(w.pack[:n], kind="stable")[: n // 2 * 2].reshape(-1, 2)  # mostly packmates
    w.betrothed[:n] = -1
    w.betrothed[rows[:, 0]] = rows[:, 1]
    w.betrothed[rows[:, 1]] = rows[:, 0]
    loose = gen.choice(n, 20, replace=False)  # promised to someone who is promised elsewhere
    w.betrothed[loose] = gen.choice(n, 20)
    w.ceremony_day[:n] = np.where(gen.random(n) < 0.6, 5, 9)
    w.arranged[:n] = gen.random(n) < 0.3
    w.alive[gen.choice(n, n // 10, replace=False)] = False
    w.pack[gen.choice(n, n // 10, replace=False)] = -1
    for c in ("left_event", "ran_event", "death_event"):
        getattr(w, c)[:n] = np.where(gen.random(n) < 0.3, gen.integers(0, 999, n), -1)
    w.designation[:n] = gen.integers(0, 4, n)
    expected = _numpy_ceremonies(world, 5)
    got = kernels.ceremonies(
        kernels.Betrothals(*(w.view(c) for c in kernels.Betrothals._fields)), 5, mating.BITE_ORDER
    )
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)  # rows as int64 where NumPy left some int32
    assert len(got[0]) > 10 and set(got[2]) == {1, 2} and len(got[4]) > 10
    biter, bearer = got[4], got[5]
    strength = np.where(got[6], 0.2, 0.5)
    twin = copy.deepcopy(world)
    _numpy_bond(twin, biter, bearer, 5, strength)
    mating.bond(world, biter, bearer, 5, strength)
    for c in kernels.MateColumns._fields:
        assert np.array_equal(w.view(c), twin.wolves.view(c)), c


def _numpy_gatherers(world: World, ctx: Context, due: np.ndarray) -> tuple[np.ndarray, ...]:
    """Who gathered, as the NumPy code chose before :func:`packbond.kernels.gathering_parties`:
    the party in row order, its packs in order, the first member of each, and each one's size."""
    w, rules = world.wolves, world.rules
    rows = world.members_of(due)
    rows = rows[
        (w.designation[rows] != Designation.UNPRESENTED)
        & ((w.form[rows] == Form.HUMAN) | (not rules.forms.enabled))
        & (w.wound[rows] < rules.wounds.disabled_above)
        & ~w.withdrawn[rows]
    ]
    out = rows[ctx.draw("gather_go", rows) < rules.gathering.gatherer_share]
    packs, first = np.unique(w.pack[out], return_index=True)
    return out, packs, out[first], group_sum(w.pack[out], None, world.packs.size)[packs]


@pytest.mark.parametrize("forms", [True, False])
def test_gathering_parties_equal_the_numpy_choice(forms: bool) -> None:
    """The day's gatherers, their packs, each pack's first member and the party's size, bit for
    bit against the NumPy choice, with wolves in wolf form, wounded near the disabling line,
    withdrawn, outside packs and dead, in two replicates, forms on and off."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(5)
    w, p = world.wolves, world.packs
    world.rules = world.rules.model_copy(
        update={"forms": world.rules.forms.model_copy(update={"enabled": forms})}
    )
    living = np.flatnonzero(w.view("alive"))
    w.form[living[::5]] = Form.WOLF
    disabled = np.float32(world.rules.wounds.disabled_above)
    w.wound[living[1::7]] = disabled  # on the line: not able
    w.wound[living[2::7]] = np.nextafter(disabled, np.float32(0))  # just under it: able
    w.withdrawn[living[3::11]] = True
    w.pack[living[4::13]] = -1
    w.alive[living[6::17]] = False
    ctx = Context(world, EventLog(world.replicates), 9)
    due = np.zeros(p.size, dtype=bool)
    due[np.flatnonzero(p.view("alive"))[::2]] = True
    expected = _numpy_gatherers(world, ctx, due)
    out, size, first = gathering._gatherers(world, ctx, due)
    packs = np.flatnonzero(size)
    got = (out, packs, first[packs], size[packs].astype(np.float64))
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)
    assert len(out) > 20 and len(np.unique(w.replicate[out])) == 2
    assert (first[~np.isin(np.arange(p.size), packs)] == -1).all()
    # In stretches of rows (one per thread, and more than there are), the same choice.
    folk = kernels.Gatherers(*(w.view(c) for c in kernels.Gatherers._fields))
    rules = kernels.GatherRules(
        unpresented=int(Designation.UNPRESENTED),
        human=int(Form.HUMAN),
        forms=forms,
        disabled_above=disabled,
        share=world.rules.gathering.gatherer_share,
        day=ctx.day,
        purpose=rng.purpose_key("gather_go"),
    )
    seeds = world.seeds.astype(np.uint64)
    for parts in (2, 7):
        split = kernels.gathering._gathering_parties_parallel(folk, seeds, due, rules, parts)
        for g, e in zip(split, (out, size, first), strict=True):
            assert np.array_equal(g, e)


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


def _numpy_choose(
    world: World, ctx: Context, suitors: np.ndarray, free: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The suitors' choice as courtship made it in NumPy before ``court_choices``."""
    w, r = world.wolves, world.rules.courtship
    k = r.candidates
    u = np.stack([ctx.draw("court_pick", suitors, i) for i in range(k)], axis=1)
    cand = world.pick_members(w.pack[suitors], u, free)
    protege = courtship._proteges(world, free)
    cand = np.concatenate([cand, protege[suitors][:, None]], axis=1)
    k += 1
    s = np.repeat(suitors, k)
    c = cand.reshape(-1)
    safe = np.maximum(c, 0)
    pulls = courtship._pull(world, s, safe)
    scent = likeness(w.scent[s], w.scent[safe]) if world.rules.scent.enabled else np.zeros(len(s))
    marked_left = courtship._left_a_mate(world, safe)
    shunned = r.shun_weight * (1.0 - w.acceptance[safe]) * (1.0 - w.kindness[s])
    score = (
        r.affinity_weight * ties.lookup(world, s, safe, "affinity")
        + pulls
        + r.scent_weight * scent
        + r.esteem_weight * w.ambition[s] * w.esteem[safe]
        - shunned
    ) * np.where(marked_left, r.marked_factor, 1.0)
    if r.protege_weight > 0.0:
        score = score + r.protege_weight * (w.protector[safe] == s)
    valid = (c >= 0) & (c != s) & (pulls > 0) & ~courtship._kin(world, s, safe)
    score = np.where(valid, score, -np.inf).reshape(len(suitors), k)
    best = np.argmax(score, axis=1)
    at = np.arange(len(suitors))
    chosen = np.where(np.isfinite(score[at, best]), cand[at, best], -1)
    attraction = score[at, best] - r.scent_weight * scent.reshape(len(suitors), k)[at, best]
    return (
        chosen.astype(np.int64),
        np.where(chosen >= 0, attraction, 0.0),
        np.where(chosen >= 0, scent.reshape(len(suitors), k)[at, best], 0.0),
    )


@pytest.mark.parametrize(("scent", "protege_weight"), [(True, 0.4), (False, 0.0)])
def test_court_choices_equal_the_numpy_choice(scent: bool, protege_weight: float) -> None:
    """Each suitor's choice, attraction and scent likeness, bit for bit against the NumPy
    formulas, with proteges, wolves who left a living mate, kin, lone members and two
    replicates; scents and the protege's weight on and off."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    rules = world.rules
    world.rules = rules.model_copy(
        update={
            "scent": rules.scent.model_copy(update={"enabled": scent}),
            "courtship": rules.courtship.model_copy(update={"protege_weight": protege_weight}),
        }
    )
    w = world.wolves
    free = courtship._free(world)
    rows = np.flatnonzero(free)
    suitors, others = rows[::2], rows[1::2]
    same = w.pack[suitors[: len(others)]] == w.pack[others[: len(suitors)]]
    pairs = np.flatnonzero(same)[::2]
    w.protector[others[pairs]] = suitors[pairs]  # a suitor's protege, beside it
    living = np.flatnonzero(w.view("alive"))
    marks = living[::7][: len(others[::3])]
    w.marked_by[others[::3]] = marks  # wolves who bear a mark, half of them of the dead
    w.alive[marks[::2]] = False
    w.mother[others[1::4]] = w.mother[suitors[1::4][: len(others[1::4])]]  # some siblings
    w.father[others[2::5]] = suitors[2::5][: len(others[2::5])]  # some parents
    free = courtship._free(world)
    suitors = np.flatnonzero(free)
    ctx = Context(world, EventLog(world.replicates), 9)
    expected = _numpy_choose(world, ctx, suitors, free)
    got = courtship._choose(world, ctx, suitors, free)
    assert np.array_equal(got[0], expected[0])
    for g, e in zip(got[1:], expected[1:], strict=True):
        assert np.array_equal(g.view(np.int64), e.view(np.int64))  # the same bits
    chosen = got[0]
    assert (chosen >= 0).sum() > 20 and (chosen < 0).sum() > 0
    assert len(np.unique(w.replicate[suitors[chosen >= 0]])) == 2
    protege = courtship._proteges(world, free)[suitors]
    assert (protege >= 0).sum() > 5 and ((chosen == protege) & (protege >= 0)).any()


@pytest.mark.parametrize("parts", [2, 7])
def test_feel_mates_in_stretches_equals_one_pass(parts: int) -> None:
    """The day's bond in stretches of rows (one per thread) lists the same rows and leaves the
    same hurt, stress, wellbeing and felt marks as one pass, with mates wounded past the pain
    line, darkened, and in other stretches than their own."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    w = world.wolves
    mated = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0) & (w.view("bond") > 0))
    w.wound[w.mate[mated[::3]]] = 0.9
    w.wound_event[w.mate[mated[::3]]] = np.arange(len(mated[::3]))
    w.dark[w.mate[mated[1::4]]] = True
    w.wellbeing[mated] = np.linspace(0.1, 0.9, len(mated), dtype=np.float32)
    r = world.rules.bond
    rules = kernels.BondRules(r.pain_above, r.pain_share, r.pain_stress, r.contagion)

    def columns() -> Any:
        return kernels.BondColumns(*(w.view(c).copy() for c in kernels.BondColumns._fields))

    one, split = columns(), columns()
    expected = kernels.bond._feel_mates_serial(one, rules)
    got = kernels.bond._feel_mates_parallel(split, rules, parts)
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)
    for name, a, b in zip(kernels.BondColumns._fields, split, one, strict=True):
        assert np.array_equal(a.view(np.uint8), b.view(np.uint8)), name
    rows, wound, sorrow = expected
    assert len(rows) > 50 and len(wound) > 5 and len(sorrow) > 5


@pytest.mark.parametrize("parts", [2, 7])
def test_conceptions_in_stretches_equal_one_pass(parts: int) -> None:
    """The day's conceptions in stretches of rows (one per thread) are the one pass's, in row
    order, with hungry packs, the withdrawn and omegas in heat."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    w, p = world.wolves, world.packs
    w.withdrawn[::5] = True
    p.hungry[::3] = True
    w.cycle_until[w.designation == Designation.OMEGA] = 30
    carries = np.ones((2, len(DESIGNATIONS)), dtype=bool)
    carries[1] = False
    rules = kernels.ConceptionRules(
        leaders_only=False,
        per_day=0.4,
        hungry=0.5,
        withdrawn=0.3,
        heat=True,
        heat_multiplier=2.0,
        omega=int(Designation.OMEGA),
        day=25,
        key=rng.purpose_key("conceive"),
    )
    args = (
        kernels.Breeders(*(w.view(c) for c in kernels.Breeders._fields)),
        world.seeds.astype(np.uint64),
        carries[0],
        carries[1],
        p.view("leader"),
        p.view("hungry"),
        rules,
    )
    one = kernels.reproduction._conceptions_serial(*args)
    assert np.array_equal(kernels.reproduction._conceptions_parallel(*args, parts), one)
    assert len(one) > 20 and len(np.unique(w.replicate[one])) == 2
    assert np.all(np.diff(one) > 0)
