"""Building the world of a scenario: packs, cast, generated wolves, ties and facts, per replicate.

Everything that is drawn here is keyed by the replicate's seed (day -1, entity = the wolf's or
pack's id), so replicate ``i`` of an ensemble starts exactly as a solo run with its seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..core import rng
from ..core.arrays import first_of_groups, rank_within
from ..core.calendar import SEASONS, Calendar
from ..shared import mating, ties
from ..shared.scent import draw_scents, scent_bits
from ..state import DESIGNATIONS, Designation, Memory, World
from ..state.newborn import PERSONALITY, TRAITS, add_packs, add_wolves
from ..state.regions import Regions
from .generate import SETUP_DAY, Draft, generate_population
from .load import LoadedScenario
from .schema import Norms, Scenario

__all__ = ["TRACED_CAST", "build_world"]

TRACED_CAST = 64
"""At most this many cast members per replicate have their daily state traced (the report's
timelines): enough for any written cast, and a bound on the trace of a generated scenario."""

_KIN_TIE = (0.6, 0.6)
_MATE_TIE = (0.7, 0.7)


def build_world(loaded: LoadedScenario, seeds: Sequence[int]) -> World:
    """A world holding one replicate of the scenario per seed."""
    sc, rules = loaded.scenario, loaded.rules
    calendar = Calendar(rules.calendar.days_per_season, SEASONS.index(sc.start_season))
    regions = Regions(
        names=tuple(r.name for r in sc.regions),
        winter_severity=np.array([r.winter_severity for r in sc.regions], dtype=np.float32),
        terrain_hazard=np.array([r.terrain_hazard for r in sc.regions], dtype=np.float32),
        prey=np.array(
            [[getattr(r.prey, s) for s in SEASONS] for r in sc.regions], dtype=np.float32
        ),
        territories=np.array([r.territories for r in sc.regions], dtype=np.int64),
    )
    world = World(
        rules=rules,
        calendar=calendar,
        regions=regions,
        seeds=np.asarray(seeds, dtype=np.int64),
        reserved_names=frozenset(m.name for m in sc.cast),
    )
    for replicate, seed in enumerate(seeds):
        _add_replicate(world, sc, replicate, int(seed))
    return world


def _add_replicate(world: World, sc: Scenario, replicate: int, seed: int) -> None:
    pack_rows, extra_members = _add_packs(world, sc, replicate, seed)
    draft = _draft(world, sc, seed, extra_members)
    first_row = world.wolves.size
    rows = _add_wolves(world, draft, replicate, seed, pack_rows)
    cast_index = {c.name: first_row + i for i, c in enumerate(sc.cast)}
    traced = first_row + np.arange(min(len(sc.cast), TRACED_CAST), dtype=np.int64)
    world.traced = np.r_[world.traced, traced]
    _apply_cast_levels(world, sc, first_row)
    _set_leaders(world, sc, pack_rows, cast_index, draft, rows)
    _add_ties(world, sc, draft, rows, cast_index)
    _add_grievances(world, sc, pack_rows)
    _add_bonds(world, sc, rows, cast_index, seed)
    if sc.population is not None:
        generated = pack_rows[len(sc.packs) :]
        members = np.bincount(world.wolves.pack[rows], minlength=world.packs.size)
        world.packs.food[generated] = sc.population.food_per_member * members[generated]


def _add_packs(
    world: World, sc: Scenario, replicate: int, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Named then generated packs; returns their rows and the named packs' extra members."""
    packs = world.packs
    region_index = {r.name: i for i, r in enumerate(sc.regions)}
    pop = sc.population
    n_gen = pop.packs if pop else 0
    names = [p.name for p in sc.packs] + [""] * n_gen
    regions = [region_index[p.region] if p.region else 0 for p in sc.packs]
    norms: list[Norms] = [p.norms for p in sc.packs]
    sizes = np.array([p.extra_members for p in sc.packs], dtype=np.int64)
    food = [p.food for p in sc.packs]
    hospital = [p.hospital for p in sc.packs]
    if pop is not None and n_gen:
        spread = [region_index[r] for r in (pop.regions or [r.name for r in sc.regions])]
        regions += [spread[i % len(spread)] for i in range(n_gen)]
        norms += [pop.norms] * n_gen
        hospital += [False] * n_gen
    n = len(names)
    rows = add_packs(
        world,
        SETUP_DAY,
        np.full(n, replicate, dtype=np.int16),
        np.array(regions, dtype=np.int16),
        names,
    )
    packs.founded_day[rows] = SETUP_DAY
    for norm in Norms.model_fields:
        getattr(packs, norm)[rows] = [getattr(x, norm) for x in norms]
    packs.hospital[rows] = hospital
    packs.food[rows[: len(food)]] = food
    return rows, sizes


def _draft(world: World, sc: Scenario, seed: int, extra: NDArray[np.int64]) -> Draft:
    """Cast, extra members of named packs, then generated packs, as one draft."""
    days = world.calendar.days_per_year
    pack_index = {p.name: i for i, p in enumerate(sc.packs)}
    cast_index = {c.name: i for i, c in enumerate(sc.cast)}
    c = len(sc.cast)
    cast = Draft(
        sex=np.array([1 if m.sex == "M" else 0 for m in sc.cast], dtype=np.int8),
        age_days=np.array([round(m.age * days) for m in sc.cast], dtype=np.int64),
        designation=np.array(
            [DESIGNATIONS.index(m.designation) if m.designation else -1 for m in sc.cast],
            dtype=np.int8,
        ),
        pack=np.array([pack_index[m.pack] if m.pack else -1 for m in sc.cast], dtype=np.int64),
        mate=np.full(c, -1, dtype=np.int64),
        mother=np.full(c, -1, dtype=np.int64),
        father=np.full(c, -1, dtype=np.int64),
        names=[m.name for m in sc.cast],
    )
    for fact in sc.facts:
        if fact.kind == "mated":
            a, b = cast_index[fact.a], cast_index[fact.b]
            cast.mate[a], cast.mate[b] = b, a
    for i, m in enumerate(sc.cast):
        parents = [cast_index[p] for p in m.parents]
        parents.sort(key=lambda j: int(cast.sex[j]))  # the female (carrying) parent first
        if parents:
            cast.mother[i] = parents[0]
        if len(parents) > 1:
            cast.father[i] = parents[1]
    parts = [cast]
    e = int(extra.sum())
    if e:
        ent = np.arange(e) + (1 << 40)
        u = rng.uniform(seed, SETUP_DAY, ent, "extra.age")
        onset = world.rules.lifespan.senescence_onset_years
        parts.append(
            Draft(
                sex=(rng.uniform(seed, SETUP_DAY, ent, "extra.sex") < 0.5).astype(np.int8),
                age_days=np.rint(u * onset * days).astype(np.int64),
                designation=np.full(e, -1, dtype=np.int8),
                pack=np.repeat(np.arange(len(sc.packs)), extra),
                mate=np.full(e, -1, dtype=np.int64),
                mother=np.full(e, -1, dtype=np.int64),
                father=np.full(e, -1, dtype=np.int64),
                names=[""] * e,
            )
        )
    if sc.population is not None and sc.population.packs:
        gen, _ = generate_population(sc.population, world.rules, seed)
        gen.pack = gen.pack + len(sc.packs)
        parts.append(gen)
    return _concat(parts)


def _concat(parts: list[Draft]) -> Draft:
    offsets = np.cumsum([0] + [len(p.sex) for p in parts])[:-1]

    def refs(name: str) -> NDArray[np.int64]:
        return np.concatenate(
            [
                np.where(getattr(p, name) >= 0, getattr(p, name) + off, -1)
                for p, off in zip(parts, offsets, strict=True)
            ]
        )

    return Draft(
        sex=np.concatenate([p.sex for p in parts]),
        age_days=np.concatenate([p.age_days for p in parts]),
        designation=np.concatenate([p.designation for p in parts]),
        pack=np.concatenate([p.pack for p in parts]),
        mate=refs("mate"),
        mother=refs("mother"),
        father=refs("father"),
        names=[n for p in parts for n in p.names],
    )


def _add_wolves(
    world: World, d: Draft, replicate: int, seed: int, pack_rows: NDArray[np.int64]
) -> NDArray[np.int64]:
    w, rules = world.wolves, world.rules
    n = len(d.sex)
    rows = add_wolves(
        world,
        SETUP_DAY,
        np.full(n, replicate, dtype=np.int16),
        d.sex,
        -d.age_days,
        np.append(pack_rows, -1)[d.pack],  # a loner's -1 takes the -1 appended
        d.names,
    )
    ids = w.id[rows]
    present_age = w.present_age[rows].astype(np.int64)
    given = d.designation
    presented = np.where(given >= 0, given > 0, d.age_days >= present_age)
    w.present_age[rows] = np.where(
        presented, np.minimum(present_age, d.age_days), np.maximum(present_age, d.age_days + 1)
    )
    odds = np.array(
        [[o.alpha, o.beta, o.omega] for o in (rules.designation.female, rules.designation.male)]
    )
    drawn = 1 + rng.weighted_choice(
        rng.uniform(seed, SETUP_DAY, ids, "designation"), odds[d.sex.astype(np.int64)]
    )
    w.designation[rows] = np.where(given > 0, given, np.where(presented, drawn, 0))
    w.eligible[rows] = w.designation[rows] > 0
    notes = [
        rng.uniform(seed, SETUP_DAY, ids, "scent", k) for k in range(rules.scent.notes_per_wolf)
    ]
    scents = draw_scents(np.stack(notes, axis=1), w.designation[rows])
    w.scent[rows] = np.where(w.designation[rows] > 0, scents, 0)
    for col, ref in (("mate", d.mate), ("mother", d.mother), ("father", d.father)):
        getattr(w, col)[rows] = np.where(ref >= 0, rows[np.maximum(ref, 0)], -1)
    return rows


def _apply_cast_levels(world: World, sc: Scenario, first_row: int) -> None:
    w = world.wolves
    for i, m in enumerate(sc.cast):
        row = first_row + i
        if m.scent is not None:
            w.scent[row] = scent_bits(m.scent)
        for trait in PERSONALITY:
            value = getattr(m.traits, trait)
            if value is not None:
                getattr(w, trait)[row] = value
        for level in TRAITS[len(PERSONALITY) :]:
            value = getattr(m, level)
            if value is not None:
                getattr(w, level)[row] = value
        if m.acceptance is not None:
            w.acceptance[row] = m.acceptance
            if m.acceptance < 1.0:
                w.joined_day[row] = 0  # a newcomer from day 0, for the integration it may reach
        if m.stigma is not None:
            w.stigma[row] = m.stigma


def _set_leaders(
    world: World,
    sc: Scenario,
    pack_rows: NDArray[np.int64],
    cast_index: dict[str, int],
    d: Draft,
    rows: NDArray[np.int64],
) -> None:
    for i, p in enumerate(sc.packs):
        if p.leader is not None:
            world.packs.leader[pack_rows[i]] = cast_index[p.leader]
    generated = (d.pack >= len(sc.packs)) & (d.designation == 1)
    # NOTE: the generator puts the leader first in its pack and marks it alpha.
    first_in_pack = first_of_groups(d.pack)
    leads = generated & first_in_pack
    world.packs.leader[pack_rows[d.pack[leads]]] = rows[leads]


def _add_ties(
    world: World, sc: Scenario, d: Draft, rows: NDArray[np.int64], cast_index: dict[str, int]
) -> None:
    src: list[NDArray[np.int64]] = []
    dst: list[NDArray[np.int64]] = []
    vals: list[NDArray[np.float64]] = []
    has_mate = d.mate >= 0
    src.append(rows[has_mate])
    dst.append(rows[d.mate[has_mate]])
    vals.append(np.tile([_MATE_TIE[0], _MATE_TIE[1], 0.0], (int(has_mate.sum()), 1)))
    for ref in (d.mother, d.father):
        kin = ref >= 0
        child, parent = rows[kin], rows[ref[kin]]
        src += [child, parent]
        dst += [parent, child]
        vals += [np.tile([_KIN_TIE[0], _KIN_TIE[1], 0.0], (len(child), 1))] * 2
    for r in sc.relations:
        pairs = [(r.source, r.to)] + ([(r.to, r.source)] if r.mutual else [])
        for a, b in pairs:
            src.append(np.array([cast_index[a]]))
            dst.append(np.array([cast_index[b]]))
            vals.append(np.array([[r.affinity, r.trust, r.fear]]))
    set_ties(world, np.concatenate(src), np.concatenate(dst), np.concatenate(vals))


def set_ties(
    world: World, src: NDArray[np.int64], dst: NDArray[np.int64], vals: NDArray[np.float64]
) -> None:
    """Write ties into free slots; a later tie to the same wolf replaces an earlier one."""
    w = world.wolves
    key = src * (w.size + 1) + dst
    _, last = np.unique(key[::-1], return_index=True)
    keep = np.sort(len(key) - 1 - last)
    src, dst, vals = src[keep], dst[keep], vals[keep]
    slot = (w.tie_other[src] >= 0).sum(axis=1) + rank_within(src)
    fits = slot < w.slots
    src, dst, vals, slot = src[fits], dst[fits], vals[fits], slot[fits]
    w.tie_other[src, slot] = dst
    w.tie_affinity[src, slot] = vals[:, 0]
    w.tie_trust[src, slot] = vals[:, 1]
    w.tie_fear[src, slot] = vals[:, 2]


def _add_grievances(world: World, sc: Scenario, pack_rows: NDArray[np.int64]) -> None:
    index = {p.name: i for i, p in enumerate(sc.packs)}
    used: dict[int, int] = {}
    for f in sc.facts:
        if f.kind != "grievance":
            continue
        a, b = pack_rows[index[f.source]], pack_rows[index[f.to]]
        slot = used.get(int(a), 0)
        if slot < world.packs.slots:
            world.packs.rival[a, slot] = b
            world.packs.grievance[a, slot] = f.amount
            used[int(a)] = slot + 1


def _add_bonds(
    world: World, sc: Scenario, rows: NDArray[np.int64], cast: dict[str, int], seed: int
) -> None:
    """Mates at day 0 bear marks and share a bond (a fact may give its strength); pairs promised
    to a ceremony wait for their day; a presented wolf without a mate has been single for part
    of the rank grace period (R22), so rank rules do not all bite on the same day."""
    w = world.wolves
    strength = np.full(w.size, 0.5)
    for f in sc.facts:
        if f.kind == "mated":
            strength[[cast[f.a], cast[f.b]]] = f.bond
        elif f.kind == "promised":
            # The promise came of a runaway brought back (R35, R36): it has run once already.
            w.promise_by[cast[f.to]] = cast[f.by]
            w.promise_event[cast[f.to]] = -1
            w.runs[cast[f.to]] = max(int(w.runs[cast[f.to]]), 1)
        elif f.kind == "betrothed":
            a, b = cast[f.a], cast[f.b]
            w.betrothed[a], w.betrothed[b] = b, a
            w.ceremony_day[[a, b]] = f.in_days
            w.arranged[[a, b]] = f.arranged
            if f.arranged:
                ties.remember(
                    world,
                    np.array([b if w.designation[a] == Designation.ALPHA else a]),
                    np.array([a if w.designation[a] == Designation.ALPHA else b]),
                    memory=Memory.FORCED,
                )
    mate = w.mate[rows]
    pairs = rows[(mate >= 0) & (rows < mate)]
    if len(pairs):
        biter, bearer = mating.biter_first(world, pairs, w.mate[pairs])
        mating.bond(world, biter, bearer, SETUP_DAY, strength[biter])
    single = rows[(mate < 0) & (w.designation[rows] != Designation.UNPRESENTED)]
    grace = world.rules.rank.grace_days
    u = rng.uniform(seed, SETUP_DAY, w.id[single], "single_since")
    w.single_since[single] = -np.floor(u * grace).astype(np.int32)
