"""Pack continuity: a leaderless pack gets a new pack alpha; an empty pack is dissolved.

When a pack alpha dies or leaves, the presented member of highest standing (see
:mod:`packbond.shared.standing`; the older first among equals) takes the lead (R23). With the
ecological breeder layer on, an unmated adult pack alpha pairs with an adult of the other sex in
the pack who is not kin (parent, child or sibling), the nearest in age, as real wolf packs
replace a lost breeder. A pack with no living members left is dissolved.

Reads: alive, pack, designation, standing's columns, birth_day, mate, mother, father, sex;
packs' leader. Writes: leader, mate, alive (packs), dissolved_day.
Emits: ``became_pack_alpha``, ``paired``, ``pack_dissolved``. Rules: ``breeders``.
"""

from __future__ import annotations

import numpy as np

from ..core.arrays import first_of_groups
from ..core.context import Context
from ..shared import life, mating
from ..shared.standing import standing
from ..state import Designation, World
from ..state.newborn import set_mates

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Replace lost leaders, pair lone breeders, dissolve empty packs."""
    _dissolve_empty(world, ctx)
    _replace_leaders(world, ctx)
    if world.rules.breeders.pairing:
        _pair_breeders(world, ctx)


def _dissolve_empty(world: World, ctx: Context) -> None:
    p = world.packs
    empty = np.flatnonzero(p.view("alive") & (world.pack_sizes() == 0))
    if len(empty):
        p.alive[empty] = False
        p.dissolved_day[empty] = ctx.day
        p.leader[empty] = -1
        ctx.emit("pack_dissolved", replicate=p.replicate[empty], pack=empty)


def _replace_leaders(world: World, ctx: Context) -> None:
    w, p = world.wolves, world.packs
    leaderless = p.view("alive") & (p.view("leader") < 0)
    if not leaderless.any():
        return
    cand = world.members_of(leaderless)
    cand = cand[w.designation[cand] != Designation.UNPRESENTED]
    if len(cand) == 0:
        return
    score = standing(world, cand, ctx.day)
    order = np.lexsort((w.birth_day[cand], -score, w.pack[cand]))
    cand = cand[order]
    first = cand[first_of_groups(w.pack[cand])]
    p.leader[w.pack[first]] = first
    ctx.emit("became_pack_alpha", first, target=np.full(len(first), -1), pack=w.pack[first])


def _pair_breeders(world: World, ctx: Context) -> None:
    w, p, r = world.wolves, world.packs, world.rules.breeders
    leaders = p.view("leader")[p.view("alive")]
    leaders = leaders[(leaders >= 0)]
    lone = leaders[(w.mate[leaders] < 0) & life.adults(world, ctx.day, leaders)]
    lone = lone[ctx.draw("breeder_pairing", lone) < r.pair_per_day]
    if len(lone) == 0:
        return
    is_lone_pack = np.zeros(p.size, dtype=bool)
    is_lone_pack[w.pack[lone]] = True
    cand = world.members_of(is_lone_pack)
    cand = cand[(w.mate[cand] < 0) & (w.designation[cand] != Designation.UNPRESENTED)]
    cand = cand[life.adults(world, ctx.day, cand)]
    leader_of = p.leader[w.pack[cand]]
    ok = (
        (w.sex[cand] != w.sex[leader_of])
        & (cand != leader_of)
        & ~mating.kin(world, cand, leader_of)
    )
    cand = cand[ok]
    if len(cand) == 0:
        return
    # The nearest in age first (most mates are near peers), the elder among equals.
    gap = np.abs(w.birth_day[cand].astype(np.int64) - w.birth_day[p.leader[w.pack[cand]]])
    order = np.lexsort((w.birth_day[cand], gap, w.pack[cand]))
    cand = cand[order]
    first = cand[first_of_groups(w.pack[cand])]
    leaders = p.leader[w.pack[first]]
    set_mates(world, leaders, first)
    ctx.emit("paired", leaders, target=first, pack=w.pack[first])
