"""Natal dispersal (ecology): young wolves leave packs over a size cap, and settle or die.

Each pack has a size cap drawn at its founding. Each member of dispersal age (not the pack
alpha, not mated) leaves with a daily chance set by a yearly rate, higher while its pack is over
its cap, and by the season's weight (real peaks: late winter to spring). A disperser travels
without a pack (its background risk is the disperser's, see mortality) until it settles: it is
adopted by a pack below its cap or whose leader has lost its mate (a vacant breeding place), or
it pairs with another disperser of the other sex and founds a new pack in a region drawn at
random, if that region has a free territory. Where the
land is open (``emigrate_per_day``), a disperser may instead travel beyond it and leave the
simulation for good, as most real dispersers leave any study area.

Reads: alive, pack, birth_day, designation, sex, dispersing; packs' cap, leader.
Writes: pack, dispersing, mate, familiarity, alive, gone_day; new packs. Emits: ``dispersed``,
``settled``, ``paired``, ``emigrated``. Rules: ``dispersal``.
"""

from __future__ import annotations

import numpy as np

from ..core.arrays import rank_within
from ..core.context import Context
from ..shared import life, mating
from ..shared.places import free_territories, random_pack
from ..state import World
from ..state.newborn import add_packs, set_mates

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Young wolves leave crowded packs; dispersers settle."""
    if not world.rules.dispersal.enabled:
        return
    _leave(world, ctx)
    _join(world, ctx)
    _found(world, ctx)
    _emigrate(world, ctx)


def _leave(world: World, ctx: Context) -> None:
    w, p, d = world.wolves, world.packs, world.rules.dispersal
    over = world.pack_sizes() > p.cap[: p.size]
    per_year = world.calendar.days_per_year
    rows = world.members_of(over if d.annual_rate_under_cap == 0 else p.view("alive"))
    age = (ctx.day - w.birth_day[rows]) / per_year
    rows = rows[(age >= d.age_years_min) & (age <= d.age_years_max)]
    rows = rows[(p.leader[w.pack[rows]] != rows) & (w.mate[rows] < 0)]
    weights = np.array(d.season_weights.as_tuple())
    weight = weights[world.calendar.season(ctx.day)] / max(weights.mean(), 1e-9)
    annual = np.where(over[w.pack[rows]], d.annual_rate, d.annual_rate_under_cap)
    daily = -np.expm1(np.log1p(-np.minimum(annual, 0.999999)) / per_year) * weight
    leaving = rows[ctx.draw("disperse", rows) < daily]
    if len(leaving) == 0:
        return
    age = (ctx.day - w.birth_day[leaving]) / per_year
    ctx.emit("dispersed", leaving, pack=w.pack[leaving], value=np.round(age, 1))
    world.move(leaving, -1)
    w.dispersing[leaving] = True
    w.familiarity[leaving] = 0.0


def _join(world: World, ctx: Context) -> None:
    """Dispersers adopted by a random pack below its cap in their own replicate."""
    w, p, d = world.wolves, world.packs, world.rules.dispersal
    movers = np.flatnonzero(w.view("alive") & w.view("dispersing"))
    movers = movers[ctx.draw("join", movers) < d.join_per_day]
    if len(movers) == 0:
        return
    # A pack takes a newcomer while below its cap, or when its leader has lost its mate: real
    # dispersers fill vacant breeding places (the breeders rule then pairs them).
    leader = p.view("leader")
    widowed = (leader >= 0) & (w.mate[np.maximum(leader, 0)] < 0)
    open_packs = np.flatnonzero(
        p.view("alive") & ((world.pack_sizes() < p.cap[: p.size]) | widowed)
    )
    if len(open_packs) == 0:
        return
    is_open = np.zeros(p.size, dtype=bool)
    is_open[open_packs] = True
    dest = random_pack(world, w.replicate[movers], ctx.draw("join_pack", movers), is_open)
    movers, dest = movers[dest >= 0], dest[dest >= 0]
    first = np.unique(dest, return_index=True)[1]  # one adoptee per pack per day
    movers, dest = movers[first], dest[first]
    world.move(movers, dest)
    w.dispersing[movers] = False
    # R40: a stranger whom nobody in the pack knows starts part-way, without stigma.
    w.acceptance[movers] = world.rules.acceptance.stranger_start
    w.stigma[movers] = 0.0
    w.joined_day[movers] = ctx.day
    ctx.emit("settled", movers, target=np.full(len(movers), -1), pack=dest, detail=0)


def _found(world: World, ctx: Context) -> None:
    """Pairs of dispersers of the other sex found new packs."""
    w, d = world.wolves, world.rules.dispersal
    seekers = np.flatnonzero(w.view("alive") & w.view("dispersing") & life.adults(world, ctx.day))
    seekers = seekers[ctx.draw("pair", seekers) < d.pair_per_day]
    if len(seekers) < 2:
        return
    key = w.replicate[seekers].astype(np.int64) * 2 + w.sex[seekers]
    order = np.lexsort((seekers, key))
    seekers, key = seekers[order], key[order]
    rank = rank_within(key)
    females = seekers[w.sex[seekers] == 0]
    f_rank = rank[w.sex[seekers] == 0]
    f_rep = w.replicate[females].astype(np.int64)
    males = seekers[w.sex[seekers] == 1]
    m_rank = rank[w.sex[seekers] == 1]
    m_rep = w.replicate[males].astype(np.int64)
    stride = int(max(rank.max(initial=0) + 1, 1))
    m_index = {int(k): i for i, k in enumerate(m_rep * stride + m_rank)}
    pairs = [
        (i, m_index[int(k)]) for i, k in enumerate(f_rep * stride + f_rank) if int(k) in m_index
    ]
    if not pairs:
        return
    fi, mi = (np.array(x, dtype=np.int64) for x in zip(*pairs, strict=True))
    a, b = females[fi], males[mi]
    strangers = ~mating.kin(world, a, b)  # siblings dispersing together do not pair
    a, b = a[strangers], b[strangers]
    if len(a) == 0:
        return
    region = (ctx.draw("found_region", a) * len(world.regions.names)).astype(np.int16)
    room = free_territories(world, w.replicate[a], region)
    a, b, region = a[room], b[room], region[room]
    if len(a) == 0:
        return
    packs = add_packs(world, ctx.day, w.replicate[a], region)
    world.move(a, packs)
    world.move(b, packs)
    w.acceptance[a] = w.acceptance[b] = 1.0
    w.dispersing[a] = False
    w.dispersing[b] = False
    world.packs.leader[packs] = b
    set_mates(world, a, b)
    ctx.emit("settled", a, target=b, pack=packs, detail=1)
    ctx.emit("paired", b, target=a, pack=packs)


def _emigrate(world: World, ctx: Context) -> None:
    """Dispersers who travel beyond the modelled land leave the simulation (not dead: gone)."""
    w, d = world.wolves, world.rules.dispersal
    if d.emigrate_per_day == 0:
        return
    movers = np.flatnonzero(w.view("alive") & w.view("dispersing"))
    gone = movers[ctx.draw("emigrate", movers) < d.emigrate_per_day]
    if len(gone) == 0:
        return
    age = (ctx.day - w.birth_day[gone]) / world.calendar.days_per_year
    ctx.emit("emigrated", gone, value=np.round(age, 1))
    w.alive[gone] = False
    world.regroup()
    w.dispersing[gone] = False
    w.gone_day[gone] = ctx.day
