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

The formulas are the small helpers named for what they compute (:func:`success_chance`,
:func:`injury_risk`, :func:`keenness`, ...); the loops around them only group, rank and write.
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
    "AssistRules",
    "HelperColumns",
    "HunterColumns",
    "Hunts",
    "InjuryColumns",
    "OutcomeRules",
    "PackColumns",
    "PartyRules",
    "RegionColumns",
    "best_helpers",
    "closeness",
    "food_for_party",
    "hunt_outcomes",
    "hunting_parties",
    "injury_risk",
    "keenness",
    "pick_score",
    "prove_wish",
    "solo_wish",
    "stays_home",
    "success_chance",
    "willingness",
]

_ONCE = 0
"""The draw slot (``k``) of every draw here: each purpose draws once a day per wolf or pack."""

# The party choice's day keys, mixed once per replicate: one column per purpose.
_KEY_PROVE = 0
_KEY_VOLUNTEER = 1
_KEY_PICK = 2
_KEY_SOLO = 3
_PURPOSES = 4

_Rows = NDArray[np.int64]
_Parties = tuple[_Rows, NDArray[np.bool_], _Rows, _Rows, NDArray[np.float64]]
"""The party (rows), whether each chases alone, and per hunt its pack, first member, skill."""
_Members = tuple[_Rows, _Rows, _Rows]
"""Living members grouped by pack: rows, each pack's offset and count."""


class HunterColumns(NamedTuple):
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
    birth_day: NDArray[np.int32]


class PackColumns(NamedTuple):
    """Pack columns the hunting kernels read (``food`` the outcome kernel also writes)."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    region: NDArray[np.int16]
    food: NDArray[np.float32]


class PartyRules(NamedTuple):
    """The hunting rules the party kernel applies, with the day's draw keys."""

    unpresented: int
    """The designation code of a wolf not yet presented (who never hunts)."""
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
    retired_born_by: int
    """Wolves born by this day have retired from the hunt (``life.retire_years``)."""
    key_hunt: np.uint64
    key_prove: np.uint64
    key_volunteer: np.uint64
    key_pick: np.uint64
    key_solo: np.uint64


class _Ranking(NamedTuple):
    """Scratch per able member, in its pack's stretch: the candidates best first, each one's
    score, whether he volunteers, whether he proves himself, and whether he is kept."""

    cand: NDArray[np.int64]
    score: NDArray[np.float64]
    volunteer: NDArray[np.bool_]
    proving: NDArray[np.bool_]
    kept: NDArray[np.bool_]


@njit(cache=True, inline="always")
def _due_packs(
    packs: PackColumns, seeds: NDArray[np.uint64], r: PartyRules
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Which living packs hunt today: each draws (keyed by seed, day, pack id and purpose, as
    ``Context.draw_packs`` does) under ``hunt_chance``. Drawn here, not in NumPy, as half a
    dozen NumPy passes over the packs for it would be a fixed cost of every day."""
    keys = np.empty(len(seeds), dtype=np.uint64)
    for q in range(len(seeds)):
        keys[q] = day_key(seeds[q], r.day, r.key_hunt, _ONCE)
    alive, replicate, ident = packs.alive, packs.replicate, packs.id
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
    return draw_one(seeds[replicate[i]], day, int(ident[i]), purpose, _ONCE)


@njit(cache=True)
def _able_by_pack(
    wolves: HunterColumns,
    seeds: NDArray[np.uint64],
    due: NDArray[np.bool_],
    r: PartyRules,
    members: _Members,
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.uint64]
]:  # pragma: no cover - compiled
    """The able members of the due packs grouped by pack in row order (``start`` per pack row,
    one past the last at the end), each pack's living members (``heads``), and the day's keys
    of each purpose per replicate (columns ``_KEY_*``), mixed once: a draw is then one round.

    The living members come grouped by pack (rows, offset and count per pack row:
    :meth:`packbond.state.World.members_by_pack`), so only the due packs' members are read, not
    every row. The able among them are kept branch-free (every member is written, the end moves
    only for the able): who is wounded or young is too random for a branch to be predicted.
    """
    rows, member_start, member_count = members
    designation, wound, due_day = wolves.designation, wolves.wound, wolves.due_day
    birth_day = wolves.birth_day
    keys = np.empty((len(seeds), _PURPOSES), dtype=np.uint64)
    for q in range(len(seeds)):
        keys[q, _KEY_PROVE] = day_key(seeds[q], r.day, r.key_prove, _ONCE)
        keys[q, _KEY_VOLUNTEER] = day_key(seeds[q], r.day, r.key_volunteer, _ONCE)
        keys[q, _KEY_PICK] = day_key(seeds[q], r.day, r.key_pick, _ONCE)
        keys[q, _KEY_SOLO] = day_key(seeds[q], r.day, r.key_solo, _ONCE)
    n_packs = len(due)
    heads = np.zeros(n_packs, dtype=np.float64)
    start = np.empty(n_packs + 1, dtype=np.int64)
    grouped = np.empty(len(rows) + 1, dtype=np.int64)
    disabled = np.float32(r.disabled_above)
    n_able = 0
    for p in range(n_packs):
        start[p] = n_able
        if not due[p]:
            continue
        heads[p] = member_count[p]
        for at in range(member_start[p], member_start[p] + member_count[p]):
            i = rows[at]
            grouped[n_able] = i
            n_able += (
                (designation[i] != r.unpresented)
                & (wound[i] < disabled)
                & (due_day[i] < 0)
                & (birth_day[i] > r.retired_born_by)
            )
    start[n_packs] = n_able
    return grouped[:n_able], start, heads, keys


@njit(cache=True)
def food_short(food: np.float32, heads: float, r: PartyRules) -> bool:  # pragma: no cover
    """Whether food / (heads × need_adult) (days of food) is below volunteer_below_food_days."""
    food_days = np.float64(food) / max(heads * r.need_adult, 1e-9)
    return bool(food_days < r.volunteer_below_food_days)


@njit(cache=True)
def hands_wanted(scarce: bool, prey: np.float32, r: PartyRules) -> bool:  # pragma: no cover
    """Whether the hunt takes volunteers: food is short, or prey < volunteer_below_prey."""
    if r.volunteer_below_prey > 0.0:
        return scarce or bool(prey < np.float32(r.volunteer_below_prey))
    return scarce


@njit(cache=True)
def prove_wish(
    skill: np.float32, attention: np.float32, r: PartyRules
) -> np.float32:  # pragma: no cover - compiled
    """prove_to_mate × (1 − his skill) × his mate's attention, in float32."""
    return np.float32(r.prove_to_mate) * (np.float32(1.0) - skill) * attention


@njit(cache=True)
def stays_home(
    withdrawn: bool, wound: np.float32, scarce: bool, proving: bool
) -> bool:  # pragma: no cover - compiled
    """Whether he skips the outing: unless food is short, a withdrawn wolf does (unless he has
    something to prove) and a wounded one rests."""
    return not scarce and ((withdrawn and not proving) or bool(wound != 0))


@njit(cache=True)
def keenness(
    boldness: np.float32,
    esteem: np.float32,
    hunger: np.float32,
    u: float,
    proving: bool,
    r: PartyRules,
) -> float:  # pragma: no cover - compiled
    """How keen he is to volunteer (he does above 0): volunteer_chance × (½ + ½ max(boldness,
    1 − esteem)) − his draw ``u``, + volunteer_hunger × hunger, + 1 when he proves himself."""
    one = np.float32(1.0)
    half = np.float32(0.5)
    eager = half + half * max(boldness, one - esteem)
    keen = np.float64(np.float32(r.volunteer_chance) * eager) - u
    if r.volunteer_hunger > 0.0:
        keen += np.float64(np.float32(r.volunteer_hunger) * hunger)
    if proving:
        keen = 1.0 + keen
    return keen


@njit(cache=True)
def pick_score(
    skill: np.float32, u: float, volunteer: bool, keen: float, r: PartyRules
) -> float:  # pragma: no cover - compiled
    """His claim to a place: hunting_skill + pick_luck × his draw ``u``, or a volunteer's
    keenness where places are kept for volunteers."""
    score = float(np.float64(skill) + r.pick_luck * u)
    if r.volunteer_places > 0 and volunteer:
        score = keen
    return score


@njit(cache=True)
def solo_wish(
    skill: np.float32, esteem: np.float32, r: PartyRules
) -> np.float32:  # pragma: no cover - compiled
    """A volunteer's chance to chase alone: solo_chance × (1 − skill)(1 − esteem), in float32."""
    one = np.float32(1.0)
    return np.float32(r.solo_chance) * ((one - skill) * (one - esteem))


@njit(cache=True)
def _rank(
    ranked: _Ranking, lo: int, m: int, i: int, score: float, volunteer: bool, proving: bool
) -> None:  # pragma: no cover - compiled
    """Puts candidate ``i`` among the ``m`` ranked from ``lo``, by score, highest first; equal
    scores keep row order."""
    cand, scores, volunteers, provers, _ = ranked
    k = lo + m
    while k > lo and scores[k - 1] < score:
        cand[k] = cand[k - 1]
        scores[k] = scores[k - 1]
        volunteers[k] = volunteers[k - 1]
        provers[k] = provers[k - 1]
        k -= 1
    cand[k] = i
    scores[k] = score
    volunteers[k] = volunteer
    provers[k] = proving


@njit(cache=True)
def _candidates(
    wolves: HunterColumns,
    keys: NDArray[np.uint64],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    able: NDArray[np.int64],
    p: int,
    scarce: bool,
    needed: bool,
    ranked: _Ranking,
    lo: int,
) -> int:  # pragma: no cover - compiled
    """How many of pack ``p``'s able members (``able``) stand for the party: its hunters who go
    out and its volunteers, ranked best first in ``ranked`` from ``lo``."""
    # NOTE: the columns are unpacked once, not read as ``wolves.x[i]`` in the loop: each such
    # read counts a reference to the column, which costs more than the draws themselves.
    alive, replicate, ident, pack, designation, wound, _, withdrawn, mate = wolves[:9]
    skill, boldness, esteem, hunger, attention = wolves[9:14]
    m = 0
    for i in able:
        is_hunter = hunter[designation[i]]
        proving = False
        if r.prove_to_mate > 0.0 and needed and not is_hunter:
            j = mate[i]
            if j >= 0 and alive[j] and pack[j] == p and hunter[designation[j]]:
                u = keyed_draw(keys[replicate[i], _KEY_PROVE], int(ident[i]))
                proving = bool(u < prove_wish(skill[i], attention[j], r))
        if stays_home(withdrawn[i], wound[i], scarce, proving):
            continue
        volunteer = False
        keen = 0.0
        if not is_hunter and needed:
            u = keyed_draw(keys[replicate[i], _KEY_VOLUNTEER], int(ident[i]))
            keen = keenness(boldness[i], esteem[i], hunger[i], u, proving, r)
            volunteer = bool(keen > 0)
        if not (is_hunter or volunteer):
            continue
        u = keyed_draw(keys[replicate[i], _KEY_PICK], int(ident[i]))
        _rank(ranked, lo, m, i, pick_score(skill[i], u, volunteer, keen, r), volunteer, proving)
        m += 1
    return m


@njit(cache=True)
def _keep_places(ranked: _Ranking, lo: int, m: int, r: PartyRules) -> None:  # pragma: no cover
    """Which of the ``m`` ranked from ``lo`` get a place (``ranked.kept``): the best party_max;
    where places are kept for volunteers, hunters up to party_max and volunteers in what they
    leave plus volunteer_places."""
    _, _, volunteer, _, kept = ranked
    if r.volunteer_places <= 0:
        for k in range(lo, lo + m):
            kept[k] = k - lo < r.party_max
        return
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


@njit(cache=True)
def _beside_mates(
    ranked: _Ranking, mate: NDArray[np.int32], lo: int, m: int
) -> None:  # pragma: no cover - compiled
    """Drops each kept wolf proving himself whose mate is not kept: he goes only beside him."""
    cand, _, _, proving, kept = ranked
    for k in range(lo, lo + m):
        if kept[k] and proving[k]:
            beside = False
            for q in range(lo, lo + m):
                if kept[q] and cand[q] == mate[cand[k]]:
                    beside = True
            kept[k] = beside


@njit(cache=True)
def _send_out(
    wolves: HunterColumns,
    keys: NDArray[np.uint64],
    r: PartyRules,
    ranked: _Ranking,
    lo: int,
    m: int,
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
) -> tuple[int, float]:  # pragma: no cover - compiled
    """The party's size and summed skill, its kept candidates written in rank order to
    ``party`` from ``lo``, with whether each chases alone in ``solo``: a volunteer proving
    himself does, another when his draw is below :func:`solo_wish`."""
    cand, _, volunteer, proving, kept = ranked
    replicate, ident, skill, esteem = (
        wolves.replicate,
        wolves.id,
        wolves.hunting_skill,
        wolves.esteem,
    )
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
                u = keyed_draw(keys[replicate[i], _KEY_SOLO], int(ident[i]))
                alone = bool(u < solo_wish(skill[i], esteem[i], r))
        party[lo + size] = i
        solo[lo + size] = alone
        total += np.float64(skill[i])
        size += 1
    return size, total


@njit(cache=True, inline="always")
def _choose_in_packs(
    wolves: HunterColumns,
    food: NDArray[np.float32],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    r: PartyRules,
    keys: NDArray[np.uint64],
    grouped: NDArray[np.int64],
    start: NDArray[np.int64],
    heads: NDArray[np.float64],
) -> tuple[
    NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64], NDArray[np.float64]
]:  # pragma: no cover - compiled
    """Each pack's party, written in the pack's own stretch ``start[p]:start[p + 1]`` of the
    party and its solo flags (a party is drawn from the pack's able members, so it fits), with
    its size and skill per pack. A pack reads its own members (and their mates) and writes only
    its own stretch, so packs run in parallel, and the result is the same on any number of
    threads."""
    n_able = len(grouped)
    party = np.empty(n_able, dtype=np.int64)
    solo = np.empty(n_able, dtype=np.bool_)
    taken = np.empty(len(heads), dtype=np.int64)
    skill_sum = np.empty(len(heads), dtype=np.float64)
    ranked = _Ranking(
        np.empty(n_able, dtype=np.int64),
        np.empty(n_able, dtype=np.float64),
        np.empty(n_able, dtype=np.bool_),
        np.empty(n_able, dtype=np.bool_),
        np.empty(n_able, dtype=np.bool_),
    )
    for p in prange(len(heads)):
        lo, hi = start[p], start[p + 1]
        taken[p] = 0
        skill_sum[p] = 0.0
        if lo == hi:
            continue
        scarce = food_short(food[p], heads[p], r)
        needed = hands_wanted(scarce, pack_prey[p], r)
        m = _candidates(wolves, keys, hunter, r, grouped[lo:hi], p, scarce, needed, ranked, lo)
        _keep_places(ranked, lo, m, r)
        _beside_mates(ranked, wolves.mate, lo, m)
        taken[p], skill_sum[p] = _send_out(wolves, keys, r, ranked, lo, m, party, solo)
    return party, solo, taken, skill_sum


@njit(cache=True)
def _close_up(
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    start: NDArray[np.int64],
    taken: NDArray[np.int64],
    skill_sum: NDArray[np.float64],
) -> _Parties:  # pragma: no cover - compiled
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


def _hunting_parties(
    wolves: HunterColumns,
    packs: PackColumns,
    seeds: NDArray[np.uint64],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    members: _Members,
    r: PartyRules,
) -> _Parties:  # pragma: no cover - compiled
    """:func:`hunting_parties` in one call: the sift, each pack's choice in its own stretch,
    and the parties closed up (one call: for a small world the cost of a call, unpacking the
    wolf columns, is a fair part of the whole)."""
    due = _due_packs(packs, seeds, r)
    grouped, start, heads, keys = _able_by_pack(wolves, seeds, due, r, members)
    chosen = _choose_in_packs(wolves, packs.food, pack_prey, hunter, r, keys, grouped, start, heads)
    party, solo, taken, skill_sum = chosen
    return _close_up(party, solo, start, taken, skill_sum)


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_hunting_parties_serial = njit(cache=True)(_hunting_parties)
_hunting_parties_inlined = njit(inline="always")(_hunting_parties)


@njit(cache=True, parallel=True)
def _hunting_parties_parallel(
    wolves: HunterColumns,
    packs: PackColumns,
    seeds: NDArray[np.uint64],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    members: _Members,
    r: PartyRules,
) -> _Parties:  # pragma: no cover - compiled
    return _hunting_parties_inlined(wolves, packs, seeds, pack_prey, hunter, members, r)


def hunting_parties(
    wolves: HunterColumns,
    packs: PackColumns,
    seeds: NDArray[np.uint64],
    pack_prey: NDArray[np.float32],
    hunter: NDArray[np.bool_],
    members: _Members,
    r: PartyRules,
) -> _Parties:
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
    args = (wolves, packs, seeds, pack_prey, hunter, members, r)
    return parallel.run(
        len(wolves.alive),
        lambda: _hunting_parties_serial(*args),
        lambda: _hunting_parties_parallel(*args),
        parallel.HEAVY_FROM,
    )


class HelperColumns(NamedTuple):
    """Wolf columns the helper kernel reads."""

    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    kindness: NDArray[np.float32]
    mate: NDArray[np.int32]
    bond: NDArray[np.float32]
    tie_other: NDArray[np.int32]
    tie_affinity: NDArray[np.float32]


class AssistRules(NamedTuple):
    """The rules of help for a hurt hunter, with the day's draw key."""

    assist_chance: float
    """A party member's chance to help, times his closeness."""
    assist_bond: float
    """A mate's help added by the bond, times it."""
    assist_base: float
    assist_affinity_weight: float
    """Closeness added by his affinity for the hurt hunter, where it is positive."""
    assist_kindness_weight: float
    """Closeness added by his kindness less 0.5."""
    day: int
    key_assist: np.uint64


@njit(cache=True)
def closeness(
    affinity: np.float32, kindness: np.float32, r: AssistRules
) -> np.float32:  # pragma: no cover - compiled
    """assist_base + assist_affinity_weight × max(affinity, 0) + assist_kindness_weight ×
    (kindness − ½), in float32."""
    return (
        np.float32(r.assist_base)
        + np.float32(r.assist_affinity_weight) * max(affinity, np.float32(0.0))
        + np.float32(r.assist_kindness_weight) * (kindness - np.float32(0.5))
    )


@njit(cache=True)
def willingness(
    near: np.float32, mate: bool, bond: np.float32, r: AssistRules
) -> np.float32:  # pragma: no cover - compiled
    """How willing a party member is to help: closeness (within 0..1) × assist_chance, plus
    assist_bond × his bond for the hurt wolf's mate (at most 1 in all)."""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    willing = min(max(near, zero), one) * np.float32(r.assist_chance)
    if r.assist_bond > 0.0:
        bonded = np.float32(r.assist_bond) * bond if mate else zero
        willing = min(one, willing + bonded)
    return willing


@njit(cache=True)
def best_helpers(
    wolves: HelperColumns,
    seeds: NDArray[np.uint64],
    party: NDArray[np.int64],
    victims: NDArray[np.int64],
    start: NDArray[np.int64],
    stop: NDArray[np.int64],
    r: AssistRules,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """For each hurt hunter, the party member (in ``party[start:stop]``) who helps, if any.

    A willing mate goes first, then the most willing (ties to the earlier in the party); he is
    willing where his willingness (:func:`willingness`) is above his draw. Returns the helpers
    and the index of the victim each helps, in victim order.
    """
    replicate, ident, kindness, mate, bond, tie_other, tie_affinity = wolves
    helpers = np.empty(len(victims), dtype=np.int64)
    helped = np.empty(len(victims), dtype=np.int64)
    count = 0
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
            near = closeness(affinity, kindness[h], r)
            # A mate's help comes by the bond, over and above a friend's, and first.
            first = r.assist_bond > 0.0 and bool(mate[h] == hurt)
            margin = np.float64(willingness(near, first, bond[h], r)) - _draw(
                seeds, replicate, ident, h, r.day, r.key_assist
            )
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


class Hunts(NamedTuple):
    """The packs hunting today: their rows, their parties' offsets and summed skill."""

    packs: NDArray[np.int64]
    first: NDArray[np.int64]
    skill: NDArray[np.float64]


class InjuryColumns(NamedTuple):
    """Wolf columns the outcome kernel reads."""

    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    pack: NDArray[np.int32]
    familiarity: NDArray[np.float32]
    hunting_skill: NDArray[np.float32]
    cycle_until: NDArray[np.int32]


class RegionColumns(NamedTuple):
    """Region columns the outcome kernel reads, the season's prey among them."""

    prey: NDArray[np.float32]
    territories: NDArray[np.int64]
    winter_severity: NDArray[np.float32]
    terrain_hazard: NDArray[np.float32]


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


@njit(cache=True, inline="always")
def success_chance(
    size: int, skill: float, prey: float, snow: np.float32, r: OutcomeRules
) -> float:  # pragma: no cover - compiled
    """(base_success + party_bonus (size − 1) + skill_weight (skill − ½)) × (1 − prey_weight +
    prey_weight × prey) × (1 + snow_effect × snow in winter), within 0..success_cap."""
    chance = r.base_success + r.party_bonus * (size - 1) + r.skill_weight * (skill - 0.5)
    chance = chance * (1.0 - r.prey_weight + r.prey_weight * prey)
    if r.winter:
        chance = chance * (1.0 + r.snow_effect * np.float64(snow))
    return min(max(chance, 0.0), r.success_cap)


@njit(cache=True, inline="always")
def food_for_party(size: int, r: OutcomeRules) -> float:  # pragma: no cover - compiled
    """A kill's food for a party of ``size``: kill_food × size ** kill_party_exponent."""
    if size >= len(r.food_by_size):
        raise ValueError("a hunting party larger than its rules allow")
    return r.food_by_size[size]


@njit(cache=True, inline="always")
def injury_risk(
    familiarity: np.float32,
    skill: np.float32,
    snow: np.float32,
    terrain: np.float32,
    solo: bool,
    in_rut: bool,
    r: OutcomeRules,
) -> float:  # pragma: no cover - compiled
    """injury_base (1 + snow_injury × snow) (1 + unfamiliar_injury (1 − familiarity))
    (unskilled_injury − skill) (terrain_injury × terrain) in float32, × solo_injury alone,
    × rut_injury in his rut."""
    one = np.float32(1.0)
    risk32 = (
        np.float32(r.injury_base)
        * (one + np.float32(r.snow_injury) * snow)
        * (one + np.float32(r.unfamiliar_injury) * (one - familiarity))
        * (np.float32(r.unskilled_injury) - skill)
        * (np.float32(r.terrain_injury) * terrain)
    )
    risk = np.float64(risk32) * (r.solo_injury if solo else 1.0)
    if r.rut:
        risk = risk * (r.rut_injury if in_rut else 1.0)
    return risk


@njit(cache=True)
def _packs_by_region(
    packs: PackColumns, replicates: int, regions: int
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """The live packs per replicate and region."""
    crowd = np.zeros((replicates, regions), dtype=np.int64)
    for q in range(len(packs.alive)):
        if packs.alive[q]:
            crowd[packs.replicate[q], packs.region[q]] += 1
    return crowd


@njit(cache=True)
def _hunts_end(
    packs: PackColumns,
    regions: RegionColumns,
    seeds: NDArray[np.uint64],
    hunts: Hunts,
    party_size: int,
    r: OutcomeRules,
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:  # pragma: no cover - compiled
    """Each hunt's success (a draw below :func:`success_chance`) and food, added to its pack's
    store. A region holding more live packs than territories thins each pack's prey."""
    crowd = _packs_by_region(packs, len(seeds), r.regions)
    _, replicate, ident, pack_region, food = packs
    prey, territories, winter_severity, _ = regions
    hunt_pack, first, skill_sum = hunts
    n = len(hunt_pack)
    success = np.empty(n, dtype=np.bool_)
    gained = np.empty(n, dtype=np.float64)
    for h in range(n):
        q = hunt_pack[h]
        region = pack_region[q]
        size = (first[h + 1] if h + 1 < n else party_size) - first[h]
        skill = skill_sum[h] / size
        share = min(1.0, territories[region] / max(crowd[replicate[q], region], 1))
        left = np.float64(prey[region]) * share
        chance = success_chance(size, skill, left, winter_severity[region], r)
        u = draw_one(seeds[replicate[q]], r.day, int(ident[q]), r.key_success, _ONCE)
        success[h] = u < chance
        kill = food_for_party(size, r)
        gained[h] = kill if success[h] else 0.0
        food[q] = food[q] + np.float32(gained[h])
    return success, gained


@njit(cache=True)
def _hunters_hurt(
    packs: PackColumns,
    wolves: InjuryColumns,
    regions: RegionColumns,
    seeds: NDArray[np.uint64],
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    first: NDArray[np.int64],
    r: OutcomeRules,
) -> tuple[
    NDArray[np.int64], NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]
]:  # pragma: no cover - compiled
    """The hunters hurt (a draw below :func:`injury_risk`): their rows, their wounds' severity
    (injury_severity × (½ + a draw)) and site (one of strong_sites), and their hunt's index."""
    hurt = np.empty(len(party), dtype=np.int64)
    severity = np.empty(len(party), dtype=np.float64)
    site = np.empty(len(party), dtype=np.int64)
    hunt_of = np.empty(len(party), dtype=np.int64)
    replicate, ids, pack, familiarity, skill, cycle_until = wolves
    pack_region = packs.region
    _, _, winter_severity, terrain_hazard = regions
    n_hurt = 0
    h = 0
    for n in range(len(party)):
        while h + 1 < len(first) and first[h + 1] <= n:
            h += 1
        i = party[n]
        region = pack_region[pack[i]]
        snow = winter_severity[region] if r.winter else np.float32(0.0)
        in_rut = cycle_until[i] >= r.day
        risk = injury_risk(
            familiarity[i], skill[i], snow, terrain_hazard[region], solo[n], in_rut, r
        )
        seed = seeds[replicate[i]]
        ident = int(ids[i])
        if draw_one(seed, r.day, ident, r.key_injury, _ONCE) < risk:
            hurt[n_hurt] = i
            u = draw_one(seed, r.day, ident, r.key_severity, _ONCE)
            severity[n_hurt] = r.injury_severity * (0.5 + u)
            site[n_hurt] = int(draw_one(seed, r.day, ident, r.key_site, _ONCE) * r.strong_sites)
            hunt_of[n_hurt] = h
            n_hurt += 1
    return (
        hurt[:n_hurt].copy(),
        severity[:n_hurt].copy(),
        site[:n_hurt].copy(),
        hunt_of[:n_hurt].copy(),
    )


@njit(cache=True)
def hunt_outcomes(
    packs: PackColumns,
    wolves: InjuryColumns,
    regions: RegionColumns,
    seeds: NDArray[np.uint64],
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    hunts: Hunts,
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
    success, gained = _hunts_end(packs, regions, seeds, hunts, len(party), r)
    hurt, severity, site, hunt_of = _hunters_hurt(
        packs, wolves, regions, seeds, party, solo, hunts.first, r
    )
    return success, gained, hurt, severity, site, hunt_of
