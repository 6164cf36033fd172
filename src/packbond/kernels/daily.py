"""Kernels for the body and subsistence passes: keyed draws, feeding, death clocks, childcare."""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = [
    "best_per_group",
    "day_key",
    "day_keys",
    "draw_one",
    "draw_rows",
    "keyed_draw",
    "keyed_uniform",
    "keyed_uniforms",
    "pack_needs",
    "rows_to_refresh",
    "run_clocks",
    "share_food",
    "stage_hazards",
]

# SplitMix64's constants, shared with the NumPy definition in packbond.core.rng.
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
M1 = np.uint64(0xBF58476D1CE4E5B9)
M2 = np.uint64(0x94D049BB133111EB)
TO_UNIT = 1.0 / float(1 << 53)


@njit(cache=True, inline="always")
def _mix(x: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    x ^= x >> np.uint64(30)
    x *= M1
    x ^= x >> np.uint64(27)
    x *= M2
    x ^= x >> np.uint64(31)
    return x


@njit(cache=True, inline="always")
def day_key(seed: np.uint64, day: int, purpose: np.uint64, k: int) -> np.uint64:  # pragma: no cover
    """The hash state of (seed, day, purpose, k), shared by every entity's draw of that key.

    Two of a draw's three mixing rounds depend only on this; a kernel that draws for many wolves
    of a few replicates computes it once per replicate and ``k`` and pays one round per draw.
    """
    x = _mix(seed * GOLDEN + purpose)
    return _mix(x + (np.uint64(day & 0xFFFFFFFF) * GOLDEN + np.uint64(k)))


@njit(cache=True, inline="always")
def keyed_draw(key: np.uint64, entity: int) -> float:  # pragma: no cover - compiled
    """The uniform of ``entity`` under a :func:`day_key`."""
    x = _mix(key ^ (np.uint64(entity) * M2 + GOLDEN))
    return float(x >> np.uint64(11)) * TO_UNIT


@njit(cache=True, inline="always")
def draw_one(
    seed: np.uint64, day: int, entity: int, purpose: np.uint64, k: int
) -> float:  # pragma: no cover - compiled
    """One uniform keyed by (seed, day, entity, purpose, k), for use inside other kernels."""
    return keyed_draw(day_key(seed, day, purpose, k), entity)


@njit(cache=True)
def day_keys(
    seeds: NDArray[np.uint64], day: int, purpose: np.uint64, draws: int
) -> NDArray[np.uint64]:  # pragma: no cover - compiled
    """:func:`day_key` for every replicate's seed (rows) and every ``k`` below ``draws``."""
    keys = np.empty((len(seeds), draws), dtype=np.uint64)
    for r in range(len(seeds)):
        for k in range(draws):
            keys[r, k] = day_key(seeds[r], day, purpose, k)
    return keys


@njit(cache=True)
def keyed_uniform(
    seeds: NDArray[np.uint64],
    entity: NDArray[np.int64],
    day: int,
    purpose: np.uint64,
    k: int,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Uniforms keyed by (seed, day, entity, purpose, k): see :mod:`packbond.core.rng`."""
    n = len(entity)
    out = np.empty(n, dtype=np.float64)
    if n == 0:
        return out
    # Most draws share a seed with the one before (rows are grouped by replicate).
    seed = seeds[0]
    key = day_key(seed, day, purpose, k)
    for i in range(n):
        if seeds[i] != seed:
            seed = seeds[i]
            key = day_key(seed, day, purpose, k)
        out[i] = keyed_draw(key, entity[i])
    return out


@njit(cache=True)
def keyed_uniforms(
    seeds: NDArray[np.uint64],
    entity: NDArray[np.int64],
    day: int,
    purposes: NDArray[np.uint64],
    ks: NDArray[np.int64],
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """:func:`keyed_uniform` for several (purpose, k) at once: row ``m`` of the result is the
    uniforms of ``purposes[m]`` and ``ks[m]``. One call instead of one per purpose, for the
    many draws a new wolf takes (each call has a fixed cost of its own)."""
    n = len(entity)
    out = np.empty((len(purposes), n), dtype=np.float64)
    if n == 0:
        return out
    for m in range(len(purposes)):
        seed = seeds[0]
        key = day_key(seed, day, purposes[m], ks[m])
        for i in range(n):
            if seeds[i] != seed:
                seed = seeds[i]
                key = day_key(seed, day, purposes[m], ks[m])
            out[m, i] = keyed_draw(key, entity[i])
    return out


@njit(cache=True)
def draw_rows(
    seeds: NDArray[np.uint64],
    replicate: NDArray[np.int16],
    ids: NDArray[np.int32],
    rows: NDArray[np.integer],
    day: int,
    purpose: np.uint64,
    k: int,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Uniforms for table ``rows``, keyed by (seed of the row's replicate, day, row's id,
    purpose, k): :func:`keyed_uniform` with the gathers of seeds and ids done in the same pass."""
    out = np.empty(len(rows), dtype=np.float64)
    last = -1
    key = np.uint64(0)
    for n in range(len(rows)):
        r = rows[n]
        rep = replicate[r]
        if rep != last:
            last = rep
            key = day_key(seeds[rep], day, purpose, k)
        out[n] = keyed_draw(key, int(ids[r]))
    return out


@njit(cache=True)
def pack_needs(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    young: NDArray[np.bool_],
    need_adult: float,
    need_young: float,
    n_packs: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:  # pragma: no cover - compiled
    """Per pack: the food its living members need today, and how many they are."""
    need = np.zeros(n_packs, dtype=np.float64)
    heads = np.zeros(n_packs, dtype=np.float64)
    if n_packs == 0:
        return need, heads
    for i in range(len(alive)):
        # Every row adds, a non-member 0.0 to the first pack (the needs are finite and not
        # negative, so that leaves it as it was): no branch on the scattered dead.
        p = pack[i]
        member = np.float64(alive[i] & (p >= 0))
        need[max(p, 0)] += (need_young if young[i] else need_adult) * member
        heads[max(p, 0)] += member
    return need, heads


@njit(cache=True)
def share_food(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    hunger: NDArray[np.float32],
    share: NDArray[np.float64],
    withdrawn: NDArray[np.bool_],
    dark: NDArray[np.bool_],
    withdrawn_appetite: float,
    dark_appetite: float,
    loner: float,
    rise: float,
    fall: float,
    starve_at: float,
    n_packs: int,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """Update every living wolf's hunger from its pack's fed share (or foraging alone).

    A withdrawn wolf eats only part of its share, a wolf in the dark state less (R44).
    Returns the hunger summed per pack and the rows now above the starving threshold.
    """
    total = np.zeros(n_packs, dtype=np.float64)
    starving = np.empty(len(alive), dtype=np.int64)
    count = 0
    for i in range(len(alive)):
        if not alive[i]:
            continue
        p = pack[i]
        fed = share[p] if p >= 0 else loner
        if dark[i]:
            fed = fed * dark_appetite
        elif withdrawn[i]:
            fed = fed * withdrawn_appetite
        h = hunger[i] + rise * (1.0 - fed) - fall * fed
        h = min(max(h, 0.0), 1.0)
        hunger[i] = h
        if p >= 0:
            total[p] += hunger[i]
        # NOTE: compared in float32, as NumPy compares a float32 column with a Python float.
        if hunger[i] > np.float32(starve_at):
            starving[count] = i
            count += 1
    return total, starving[:count]


@njit(cache=True)
def rows_to_refresh(
    alive: NDArray[np.bool_], clock: NDArray[np.float64], hazard: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:  # pragma: no cover - compiled
    """Living wolves without a death clock yet, and those without a hazard yet."""
    unseen = np.empty(len(alive), dtype=np.int64)
    stale = np.empty(len(alive), dtype=np.int64)
    a = b = 0
    for i in range(len(alive)):
        # Every row written, the counts moved by the match: no branch on the scattered dead.
        unseen[a] = i
        stale[b] = i
        a += alive[i] & np.isnan(clock[i])
        b += alive[i] & np.isnan(hazard[i])
    return unseen[:a], stale[:b]


@njit(cache=True)
def stage_hazards(
    alive: NDArray[np.bool_],
    birth_day: NDArray[np.int32],
    on_road: tuple[NDArray[np.bool_], NDArray[np.bool_]],
    designation: NDArray[np.int8],
    pack: NDArray[np.int32],
    unpresented: int,
    day: int,
    old_from: float,
    adult: NDArray[np.float64],
    young: NDArray[np.float64],
    hazard: NDArray[np.float64],
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Write every living wolf's daily hazard of its life stage into ``hazard``, and return the
    living rows whose age has reached ``old_from`` (those that may owe old age a hazard too).

    ``on_road`` is (dispersing, travelling); ``adult`` holds the adult hazard at home and on the
    road, ``young`` the young's per pack row, with a last row for the young outside any pack
    (shape (packs + 1, 2)). Why a kernel: in NumPy, choosing among these few values takes some
    fifteen passes, gathers and a scatter over every living wolf.
    """
    dispersing, travelling = on_road
    n_packs = young.shape[0] - 1
    old = np.empty(len(alive), dtype=np.int64)
    count = 0
    for i in range(len(alive)):
        if not alive[i]:
            continue
        road = 1 if dispersing[i] or travelling[i] else 0
        if designation[i] == unpresented:
            p = pack[i]
            hazard[i] = young[p if p >= 0 else n_packs, road]
        else:
            hazard[i] = adult[road]
        if day - birth_day[i] >= old_from:
            old[count] = i
            count += 1
    return old[:count].copy()


@njit(cache=True)
def run_clocks(
    alive: NDArray[np.bool_], clock: NDArray[np.float64], hazard: NDArray[np.float64]
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Take each living wolf's daily hazard off its death clock; return the rows run out."""
    dying = np.empty(len(alive), dtype=np.int64)
    count = 0
    for i in range(len(alive)):
        # Selects, not branches: the dead are too scattered for a branch on them to be
        # predicted. A dead row's clock is kept.
        ran = clock[i] - hazard[i]
        living = alive[i]
        clock[i] = ran if living else clock[i]
        dying[count] = i
        count += living & (ran <= 0.0)
    return dying[:count]


@njit(cache=True)
def best_per_group(
    group: NDArray[np.int32],
    second_choice: NDArray[np.bool_],
    merit: NDArray[np.float32],
    need: NDArray[np.int64],
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Pick up to ``need[g]`` elements per group: first choices before second, then by merit.

    Ties go to the earlier element, so the result equals a stable sort by (group, second
    choice, -merit) keeping the first ``need`` of each group, without the sort: one pass that
    keeps each group's best so far in order, in a short list of ``need[g]`` places (groups
    need few), rather than a pass over the elements per place to fill.
    """
    first = np.zeros(len(need) + 1, dtype=np.int64)
    for g in range(len(need)):
        first[g + 1] = first[g] + max(need[g], 0)
    places = np.full(first[-1], -1, dtype=np.int64)
    held = np.zeros(len(need), dtype=np.int64)
    for j in range(len(group)):
        g = group[j]
        k = need[g]
        if k <= 0:
            continue
        base = first[g]
        at = held[g]
        if at == k:
            # Full: j comes in only if strictly better than the last kept (earlier wins ties).
            b = places[base + k - 1]
            if not (
                second_choice[j] < second_choice[b]
                or (second_choice[j] == second_choice[b] and merit[j] > merit[b])
            ):
                continue
            at = k - 1
        else:
            held[g] = at + 1
        while at > 0:
            b = places[base + at - 1]
            if not (
                second_choice[j] < second_choice[b]
                or (second_choice[j] == second_choice[b] and merit[j] > merit[b])
            ):
                break
            places[base + at] = b
            at -= 1
        places[base + at] = j
    taken = np.zeros(len(group), dtype=np.bool_)
    for q in range(len(places)):
        if places[q] >= 0:
            taken[places[q]] = True
    return taken
