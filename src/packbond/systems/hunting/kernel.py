"""The daily hunting kernels: who of the packs hunting today goes out, who chases alone, how
each hunt ends and who is hurt in it, and who helps a hurt hunter.

Why compiled: in NumPy choosing a party is some sixty operations a day over every able member of
a hunting pack (masks, gathers, an ``isin``, a ``lexsort`` and group positions), a cost paid
every day whatever the world's size. Here one pass over the wolves groups the able members by pack,
and each pack's few members are weighed, ordered and kept in a short loop; likewise each hurt
hunter's party is weighed for a helper in one loop, not a repeat, lookup and lexsort. The
arithmetic keeps the NumPy formulas' order and dtypes (float32 columns combined with rule values
in float32, as NumPy does with a Python float), and draws are keyed (seed, day, wolf id,
purpose), so the choices are the ones the NumPy formulas make, bit for bit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange
from numpy.typing import NDArray

from packbond.kernels import parallel
from packbond.kernels.daily import day_key, draw_one, keyed_draw
from packbond.kernels.ties import tie_value

__all__ = [
    "Closeness",
    "Helpers",
    "HuntGround",
    "Hunters",
    "HuntingPacks",
    "OutcomeRules",
    "PartyRules",
    "best_helpers",
    "hunt_outcomes",
    "hunting_parties",
]


class Hunters(NamedTuple):
    """Wolf columns the party kernel reads."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    wound: NDArray[np.float32]
    due_day: NDArray[np.int32]
    withdrawn: NDArray[np.bool_]
    mate: NDArray[np.int32]
    hunting_skill: NDArray[np.float32]
    boldness: NDArray[np.float32]
    esteem: NDArray[np.float32]
    hunger: NDArray[np.float32]
    attention: NDArray[np.float32]


class PartyRules(NamedTuple):
    """The hunting rules the kernel applies, flattened, with the day's draw keys."""

    unpresented: int
    disabled_above: float
    need_adult: float
    volunteer_below_food_days: float
    volunteer_below_prey: float
    volunteer_chance: float
    volunteer_hunger: float
    prove_to_mate: float
    party_max: int
    volunteer_places: int
    solo_chance: float
    pick_luck: float
    """Luck in the choice: a candidate's score is his skill plus this times a draw."""
    hunt_chance: float
    """A living pack's daily chance to hunt (one in ``interval_days``)."""
    day: int
    key_hunt: np.uint64
    key_prove: np.uint64
    key_volunteer: np.uint64
    key_pick: np.uint64
    key_solo: np.uint64


class HuntingPacks(NamedTuple):
    """Pack columns the party kernel reads to draw which packs hunt today."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]


@njit(cache=True, inline="always")
def _due_packs(
    packs: HuntingPacks, seeds: NDArray[np.uint64], r: PartyRules
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Which living packs hunt today: each draws (keyed by seed, day, pack id and purpose, as
    ``Context.draw_packs`` does) under ``hunt_chance``. Drawn here, not in NumPy, as half a
    dozen NumPy passes over the packs for it would be a fixed cost of every day."""
    keys = np.empty(len(seeds), dtype=np.uint64)
    for q in range(len(seeds)):
        keys[q] = day_key(seeds[q], r.day, r.key_hunt, 0)
    alive, replicate, ident = packs
    due = np.empty(len(alive), dtype=np.bool_)
    for p in range(len(alive)):
        due[p] = alive[p] and keyed_draw(keys[replicate[p]], int(ident[p])) < r.hunt_chance
    return due


@njit(cache=True, inline="always")
def _draw(
    seeds: NDArray[np.uint64],
    replicate: NDArray[np.int16],
    ident: NDArray[np.int32],
    i: int,
    day: int,
    purpose: np.uint64,
) -> float:  # pragma: no cover - compiled
    """Wolf row ``i``'s draw for a purpose today, as ``Context.draw`` gives it."""
    return draw_one(seeds[replicate[i]], day, int(ident[i]), purpose, 0)


@njit(cache=True)
def _able_by_pack(
    wolves: Hunters,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    r: PartyRules,
    members: NDArray[np.int64],
    member_start: NDArray[np.int64],
    member_count: NDArray[np.int64],
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.uint64]
]:  # pragma: no cover - compiled
    """The able members of the due packs grouped by pack in row order (``start`` per pack row,
    one past the last at the end), each pack's living members (``heads``), and the day's keys
    of each purpose per replicate, mixed once: a draw is then one round.

    The living members come grouped by pack (``members`` from ``member_start`` per pack row,
    ``member_count`` of them: :meth:`packbond.state.World.members_by_pack`), so only the due
    packs' members are read, not every row. The able among them are kept branch-free (every
    member is written, the end moves only for the able): who is wounded or young is too random
    for a branch to be predicted.
    """
    _, _, _, _, designation, wound, due_day = wolves[:7]
    keys = np.empty((len(seeds), 4), dtype=np.uint64)
    for q in range(len(seeds)):
        keys[q, 0] = day_key(seeds[q], r.day, r.key_prove, 0)
        keys[q, 1] = day_key(seeds[q], r.day, r.key_volunteer, 0)
        keys[q, 2] = day_key(seeds[q], r.day, r.key_pick, 0)
        keys[q, 3] = day_key(seeds[q], r.day, r.key_solo, 0)
    n_packs = len(due)
    heads = np.zeros(n_packs, dtype=np.float64)
    start = np.empty(n_packs + 1, dtype=np.int64)
    grouped = np.empty(len(members) + 1, dtype=np.int64)
    disabled = np.float32(r.disabled_above)
    n_able = 0
    for p in range(n_packs):
        start[p] = n_able
        if not due[p]:
            continue
        heads[p] = member_count[p]
        for at in range(member_start[p], member_start[p] + member_count[p]):
            i = members[at]
            grouped[n_able] = i
            n_able += (designation[i] != r.unpresented) & (wound[i] < disabled) & (due_day[i] < 0)
    start[n_packs] = n_able
    return grouped[:n_able], start, heads, keys


@njit(cache=True, inline="always")
def _choose_in_packs(
    wolves: Hunters,
    keys: NDArray[np.uint64],
    grouped: NDArray[np.int64],
    start: NDArray[np.int64],
    heads: NDArray[np.float64],
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    taken: NDArray[np.int64],
    skill_sum: NDArray[np.float64],
) -> None:  # pragma: no cover - compiled
    """Each pack's party, written in the pack's own stretch ``start[p]:start[p + 1]`` of
    ``party`` and ``solo`` (a party is drawn from the pack's able members, so it fits), with its
    size in ``taken`` and its skill in ``skill_sum``. A pack reads its own members (and their
    mates) and writes only its own stretch, so packs run in parallel, and the result is the same
    on any number of threads."""
    (
        alive,
        replicate,
        ident,
        pack,
        designation,
        wound,
        _,
        withdrawn,
        mate,
        skill,
        boldness,
        esteem,
        hunger,
        attention,
    ) = wolves
    n_able = len(grouped)
    # Per member scratch, in its pack's stretch: candidates, scores, flags, whether kept.
    cand = np.empty(n_able, dtype=np.int64)
    score = np.empty(n_able, dtype=np.float64)
    volunteer = np.empty(n_able, dtype=np.bool_)
    proving = np.empty(n_able, dtype=np.bool_)
    kept = np.empty(n_able, dtype=np.bool_)
    below_prey = np.float32(r.volunteer_below_prey)
    prove = np.float32(r.prove_to_mate)
    chance = np.float32(r.volunteer_chance)
    hunger_weight = np.float32(r.volunteer_hunger)
    solo_chance = np.float32(r.solo_chance)
    one = np.float32(1.0)
    half = np.float32(0.5)
    for p in prange(len(heads)):
        lo, hi = start[p], start[p + 1]
        taken[p] = 0
        skill_sum[p] = 0.0
        if lo == hi:
            continue
        food_days = np.float64(food[p]) / max(heads[p] * r.need_adult, 1e-9)
        scarce = food_days < r.volunteer_below_food_days
        needed = scarce
        if r.volunteer_below_prey > 0.0:
            needed = scarce or pack_prey[p] < below_prey
        m = 0
        for n in range(lo, hi):
            i = grouped[n]
            is_hunter = hunter[designation[i]]
            prov = False
            if r.prove_to_mate > 0.0 and needed and not is_hunter:
                j = mate[i]
                if j >= 0 and alive[j] and pack[j] == p and hunter[designation[j]]:
                    wish = prove * (one - skill[i]) * attention[j]
                    u = keyed_draw(keys[replicate[i], 0], int(ident[i]))
                    prov = bool(u < wish)
            # A withdrawn wolf skips outings unless food is short or he has something to
            # prove; a wounded one rests unless food is short.
            if not (scarce or prov or not withdrawn[i]):
                continue
            if not (scarce or wound[i] == 0):
                continue
            vol = False
            keen = 0.0
            if not is_hunter and needed:
                eager = half + half * max(boldness[i], one - esteem[i])
                u = keyed_draw(keys[replicate[i], 1], int(ident[i]))
                keen = np.float64(chance * eager) - u
                if r.volunteer_hunger > 0.0:
                    keen += np.float64(hunger_weight * hunger[i])
                if prov:
                    keen = 1.0 + keen
                vol = bool(keen > 0)
            if not (is_hunter or vol):
                continue
            u = keyed_draw(keys[replicate[i], 2], int(ident[i]))
            s = float(np.float64(skill[i]) + r.pick_luck * u)
            if r.volunteer_places > 0 and vol:
                s = keen
            # Insertion by score, highest first; equal scores keep row order.
            k = lo + m
            while k > lo and score[k - 1] < s:
                cand[k] = cand[k - 1]
                score[k] = score[k - 1]
                volunteer[k] = volunteer[k - 1]
                proving[k] = proving[k - 1]
                k -= 1
            cand[k] = i
            score[k] = s
            volunteer[k] = vol
            proving[k] = prov
            m += 1
        if r.volunteer_places > 0:
            # Hunters take up to party_max places; volunteers fill what they leave, and the
            # places kept for volunteers besides.
            hunters = 0
            for k in range(lo, lo + m):
                kept[k] = False
                if not volunteer[k] and hunters < r.party_max:
                    kept[k] = True
                    hunters += 1
            room = r.party_max - hunters + r.volunteer_places
            went = 0
            for k in range(lo, lo + m):
                if volunteer[k]:
                    kept[k] = went < room
                    went += 1
        else:
            for k in range(lo, lo + m):
                kept[k] = k - lo < r.party_max
        # He goes to prove himself to his mate: where his mate is not in the party, nor is he.
        for k in range(lo, lo + m):
            if kept[k] and proving[k]:
                beside = False
                for q in range(lo, lo + m):
                    if kept[q] and cand[q] == mate[cand[k]]:
                        beside = True
                kept[k] = beside
        size = 0
        total = 0.0
        for k in range(lo, lo + m):
            if not kept[k]:
                continue
            i = cand[k]
            alone = False
            if volunteer[k]:
                if proving[k]:
                    alone = True
                else:
                    unsure = (one - skill[i]) * (one - esteem[i])
                    u = keyed_draw(keys[replicate[i], 3], int(ident[i]))
                    alone = bool(u < solo_chance * unsure)
            party[lo + size] = i
            solo[lo + size] = alone
            total += np.float64(skill[i])
            size += 1
        taken[p] = size
        skill_sum[p] = total


@njit(cache=True)
def _close_up(
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    start: NDArray[np.int64],
    taken: NDArray[np.int64],
    skill_sum: NDArray[np.float64],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    """The parties moved up into one run in pack order, with the packs that hunt, where each
    one's party begins in the run, and their skill."""
    hunts = 0
    for p in range(len(taken)):
        hunts += taken[p] > 0
    packs = np.empty(hunts, dtype=np.int64)
    first = np.empty(hunts, dtype=np.int64)
    skill = np.empty(hunts, dtype=np.float64)
    size = 0
    h = 0
    for p in range(len(taken)):
        if taken[p] == 0:
            continue
        packs[h] = p
        first[h] = size
        skill[h] = skill_sum[p]
        h += 1
        for k in range(start[p], start[p] + taken[p]):
            party[size] = party[k]  # size <= k: moving up never overwrites a later party
            solo[size] = solo[k]
            size += 1
    return party[:size], solo[:size], packs, first, skill


@njit(cache=True, inline="always")
def _hunting_parties(
    wolves: Hunters,
    seeds: NDArray[np.uint64],
    packs: HuntingPacks,
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    members: NDArray[np.int64],
    member_start: NDArray[np.int64],
    member_count: NDArray[np.int64],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    """:func:`hunting_parties` in one call: the sift, each pack's choice in its own stretch,
    and the parties closed up (one call: for a small world the cost of a call, unpacking the
    wolf columns, is a fair part of the whole)."""
    due = _due_packs(packs, seeds, r)
    grouped, start, heads, keys = _able_by_pack(
        wolves, seeds, due, r, members, member_start, member_count
    )
    party = np.empty(len(grouped), dtype=np.int64)
    solo = np.empty(len(grouped), dtype=np.bool_)
    taken = np.empty(len(due), dtype=np.int64)
    skill_sum = np.empty(len(due), dtype=np.float64)
    _choose_in_packs(
        wolves,
        keys,
        grouped,
        start,
        heads,
        food,
        pack_prey,
        hunter,
        r,
        party,
        solo,
        taken,
        skill_sum,
    )
    return _close_up(party, solo, start, taken, skill_sum)


@njit(cache=True)
def _hunting_parties_serial(
    wolves: Hunters,
    seeds: NDArray[np.uint64],
    packs: HuntingPacks,
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    members: NDArray[np.int64],
    member_start: NDArray[np.int64],
    member_count: NDArray[np.int64],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    return _hunting_parties(
        wolves, seeds, packs, food, pack_prey, hunter, r, members, member_start, member_count
    )


@njit(cache=True, parallel=True)
def _hunting_parties_parallel(
    wolves: Hunters,
    seeds: NDArray[np.uint64],
    packs: HuntingPacks,
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    members: NDArray[np.int64],
    member_start: NDArray[np.int64],
    member_count: NDArray[np.int64],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    return _hunting_parties(
        wolves, seeds, packs, food, pack_prey, hunter, r, members, member_start, member_count
    )


def hunting_parties(
    wolves: Hunters,
    seeds: NDArray[np.uint64],
    packs: HuntingPacks,
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    members: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]
]:
    """The parties of the packs that hunt today (each living pack draws under the rules'
    ``hunt_chance``), with the packs' season's prey in ``pack_prey`` and ``hunter`` flagging
    the designation codes that hunt by default; ``members`` are the living members grouped by
    pack (rows, each pack row's offset and count, as
    :meth:`packbond.state.World.members_by_pack` gives them).

    Returns the party (grouped by pack in pack order; within a pack by score, ties by row),
    whether each member chases alone, and per hunting pack its row, its members' offset in the
    party and the sum of their skill in party order. The packs choose in parallel for a big
    world when that is the faster way on this machine now (see :mod:`packbond.kernels.parallel`).
    """
    args = (wolves, seeds, packs, food, pack_prey, hunter, r, *members)
    return parallel.run(
        len(wolves.alive),
        lambda: _hunting_parties_serial(*args),
        lambda: _hunting_parties_parallel(*args),
        parallel.HEAVY_FROM,
    )


class Helpers(NamedTuple):
    """Wolf columns the helper kernel reads."""

    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    kindness: NDArray[np.float32]
    mate: NDArray[np.int32]
    bond: NDArray[np.float32]
    tie_other: NDArray[np.int32]
    tie_affinity: NDArray[np.float32]


class Closeness(NamedTuple):
    """How close a party member is to a hurt hunter, by the hunting rules: closeness (kept
    within 0..1) times the chance to help is his willingness."""

    base: float
    affinity_weight: float
    """Times his affinity for the hurt hunter, where it is positive."""
    kindness_weight: float
    """Times his kindness less 0.5."""


@njit(cache=True)
def best_helpers(
    wolves: Helpers,
    seeds: NDArray[np.uint64],
    party: NDArray[np.int64],
    victims: NDArray[np.int64],
    start: NDArray[np.int64],
    stop: NDArray[np.int64],
    assist_chance: float,
    assist_bond: float,
    closeness_rules: Closeness,
    day: int,
    key_assist: np.uint64,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """For each hurt hunter, the party member (in ``party[start:stop]``) who helps, if any.

    Willingness grows with affinity and kindness (by ``closeness_rules``) and, for a mate, with the
    bond; a willing mate goes first, then the most willing (ties to the earlier in the party).
    Returns the helpers and the index of the victim each helps, in victim order.
    """
    replicate, ident, kindness, mate, bond, tie_other, tie_affinity = wolves
    helpers = np.empty(len(victims), dtype=np.int64)
    helped = np.empty(len(victims), dtype=np.int64)
    count = 0
    chance = np.float32(assist_chance)
    by_bond = np.float32(assist_bond)
    one = np.float32(1.0)
    zero = np.float32(0.0)
    close_base = np.float32(closeness_rules.base)
    by_affinity = np.float32(closeness_rules.affinity_weight)
    by_kindness = np.float32(closeness_rules.kindness_weight)
    for v in range(len(victims)):
        hurt = victims[v]
        best = -1
        best_margin = 0.0
        best_first = False
        for n in range(start[v], stop[v]):
            h = party[n]
            if h == hurt:
                continue
            affinity = np.float32(tie_value(tie_other, tie_affinity, h, hurt, 0.0))
            closeness = (
                close_base
                + by_affinity * max(affinity, zero)
                + by_kindness * (kindness[h] - np.float32(0.5))
            )
            willing = min(max(closeness, zero), one) * chance
            first = False
            if assist_bond > 0.0:
                # A mate's help comes by the bond, over and above a friend's.
                first = bool(mate[h] == hurt)
                bonded = by_bond * bond[h] if first else zero
                willing = min(one, willing + bonded)
            margin = np.float64(willing) - _draw(seeds, replicate, ident, h, day, key_assist)
            first = first and bool(margin > 0)
            if (
                best < 0
                or (first and not best_first)
                or (first == best_first and margin > best_margin)
            ):
                best, best_margin, best_first = h, margin, first
        if best >= 0 and best_margin > 0:
            helpers[count] = best
            helped[count] = v
            count += 1
    return helpers[:count], helped[:count]


class HuntGround(NamedTuple):
    """Pack, region and wolf columns the outcome kernel reads (``food`` it also writes)."""

    pack_alive: NDArray[np.bool_]
    pack_replicate: NDArray[np.int16]
    pack_id: NDArray[np.int32]
    pack_region: NDArray[np.int16]
    food: NDArray[np.float32]
    season_prey: NDArray[np.float32]
    territories: NDArray[np.int64]
    winter_severity: NDArray[np.float32]
    terrain_hazard: NDArray[np.float32]
    wolf_replicate: NDArray[np.int16]
    wolf_id: NDArray[np.int32]
    wolf_pack: NDArray[np.int32]
    familiarity: NDArray[np.float32]
    hunting_skill: NDArray[np.float32]
    cycle_until: NDArray[np.int32]


class OutcomeRules(NamedTuple):
    """The success and injury rules the outcome kernel applies, with the day's draw keys."""

    base_success: float
    party_bonus: float
    skill_weight: float
    prey_weight: float
    success_cap: float
    winter: bool
    snow_effect: float
    """Signed: negative where snow makes hunting harder."""
    food_by_size: NDArray[np.float64]
    """A kill's food by party size."""
    injury_base: float
    snow_injury: float
    unfamiliar_injury: float
    unskilled_injury: float
    terrain_injury: float
    solo_injury: float
    rut: bool
    rut_injury: float
    injury_severity: float
    strong_sites: int
    regions: int
    day: int
    key_success: np.uint64
    key_injury: np.uint64
    key_severity: np.uint64
    key_site: np.uint64


@njit(cache=True)
def hunt_outcomes(
    ground: HuntGround,
    seeds: NDArray[np.uint64],
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    packs: NDArray[np.int64],
    first: NDArray[np.int64],
    skill_sum: NDArray[np.float64],
    r: OutcomeRules,
) -> tuple[
    NDArray[np.bool_],
    NDArray[np.float64],
    NDArray[np.int64],
    NDArray[np.float64],
    NDArray[np.int64],
    NDArray[np.int64],
]:  # pragma: no cover - compiled
    """Each hunt's success and food (added to its pack's store), and the hunters hurt: their
    rows, wounds' severity and site, and the index of the hunt each was hurt in.

    Why one pass: in NumPy these are some thirty operations a day on a few dozen hunts, a cost
    that does not shrink with the world. The arithmetic keeps their order and dtypes: success in
    float64; injury risk in float32 (the float32 columns with the rule values taken as float32,
    as NumPy does with a Python float) until the solo factor, which NumPy makes float64.
    """
    (
        pack_alive,
        pack_replicate,
        pack_id,
        pack_region,
        food,
        season_prey,
        territories,
        winter_severity,
        terrain_hazard,
        wolf_replicate,
        wolf_id,
        wolf_pack,
        familiarity,
        hunting_skill,
        cycle_until,
    ) = ground
    # Crowding: a region holding more live packs than territories thins each pack's prey.
    crowd = np.zeros((len(seeds), r.regions), dtype=np.int64)
    for q in range(len(pack_alive)):
        if pack_alive[q]:
            crowd[pack_replicate[q], pack_region[q]] += 1
    hunts = len(packs)
    success = np.empty(hunts, dtype=np.bool_)
    gained = np.empty(hunts, dtype=np.float64)
    for h in range(hunts):
        q = packs[h]
        region = pack_region[q]
        size = (first[h + 1] if h + 1 < hunts else len(party)) - first[h]
        skill = skill_sum[h] / size
        share = min(1.0, territories[region] / max(crowd[pack_replicate[q], region], 1))
        prey = np.float64(season_prey[region]) * share
        chance = r.base_success + r.party_bonus * (size - 1) + r.skill_weight * (skill - 0.5)
        chance = chance * (1.0 - r.prey_weight + r.prey_weight * prey)
        if r.winter:
            chance = chance * (1.0 + r.snow_effect * np.float64(winter_severity[region]))
        chance = min(max(chance, 0.0), r.success_cap)
        u = draw_one(seeds[pack_replicate[q]], r.day, int(pack_id[q]), r.key_success, 0)
        success[h] = u < chance
        if size >= len(r.food_by_size):
            raise ValueError("a hunting party larger than its rules allow")
        gained[h] = r.food_by_size[size] if success[h] else 0.0
        food[q] = food[q] + np.float32(gained[h])

    hurt = np.empty(len(party), dtype=np.int64)
    severity = np.empty(len(party), dtype=np.float64)
    site = np.empty(len(party), dtype=np.int64)
    hunt_of = np.empty(len(party), dtype=np.int64)
    base = np.float32(r.injury_base)
    snow_weight = np.float32(r.snow_injury)
    unfamiliar = np.float32(r.unfamiliar_injury)
    unskilled = np.float32(r.unskilled_injury)
    by_terrain = np.float32(r.terrain_injury)
    one = np.float32(1.0)
    n_hurt = 0
    h = 0
    for n in range(len(party)):
        while h + 1 < hunts and first[h + 1] <= n:
            h += 1
        i = party[n]
        region = pack_region[wolf_pack[i]]
        snow = winter_severity[region] if r.winter else np.float32(0.0)
        risk32 = (
            base
            * (one + snow_weight * snow)
            * (one + unfamiliar * (one - familiarity[i]))
            * (unskilled - hunting_skill[i])
            * (by_terrain * terrain_hazard[region])
        )
        risk = np.float64(risk32) * (r.solo_injury if solo[n] else 1.0)
        if r.rut:
            risk = risk * (r.rut_injury if cycle_until[i] >= r.day else 1.0)
        seed = seeds[wolf_replicate[i]]
        ident = int(wolf_id[i])
        if draw_one(seed, r.day, ident, r.key_injury, 0) < risk:
            hurt[n_hurt] = i
            severity[n_hurt] = r.injury_severity * (
                0.5 + draw_one(seed, r.day, ident, r.key_severity, 0)
            )
            site[n_hurt] = int(draw_one(seed, r.day, ident, r.key_site, 0) * r.strong_sites)
            hunt_of[n_hurt] = h
            n_hurt += 1
    return (
        success,
        gained,
        hurt[:n_hurt].copy(),
        severity[:n_hurt].copy(),
        site[:n_hurt].copy(),
        hunt_of[:n_hurt].copy(),
    )
