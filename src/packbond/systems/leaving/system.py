"""Leaving: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond.core.arrays import logistic
from packbond.core.calendar import SEASONS
from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import mating, ties
from packbond.shared.departure import depart
from packbond.shared.places import free_territories, strangers_pack
from packbond.state import DESIGNATIONS, Designation, Memory, World
from packbond.state.newborn import add_packs

from . import kernel

__all__ = ["step"]

_WEEK = 7
_GAVE_UP = 2  # rank_move code


def step(world: World, ctx: Context) -> None:
    """A week of wishes, promises, runaways, departures and new homes."""
    if world.rules.leaving.enabled:
        _wish(world)
        _promises(world, ctx)
        _runaways(world, ctx)
        _decide(world, ctx)
    _settle(world, ctx)


def _wish(world: World) -> None:
    """Every presented pack member's wish moves toward its life (one compiled pass)."""
    w, r = world.wolves, world.rules.leaving
    kernel.move_wishes(
        w.bundle(kernel.WishColumns),
        world.packs.view("leader"),
        kernel_rules(
            kernel.WishRules,
            r,
            unpresented=int(Designation.UNPRESENTED),
            alpha=int(Designation.ALPHA),
            crowded_at=float(r.crowded_at),
        ),
    )


def _promises(world: World, ctx: Context) -> None:
    """At the turn into the promised season, each promise is kept or broken (R36)."""
    w, r = world.wolves, world.rules.leaving
    cal = world.calendar
    season = SEASONS.index(r.promise_season)
    if cal.season(ctx.day) != season or cal.season(max(ctx.day - _WEEK, 0)) == season:
        return
    rows = np.flatnonzero(w.view("alive") & (w.view("promise_by") >= 0))
    if len(rows) == 0:
        return
    by = w.promise_by[rows]
    cause = w.promise_event[rows]
    w.promise_by[rows] = -1
    w.promise_event[rows] = -1
    live = world.beside(rows, by) & (w.mate[rows] == by) & (w.wish_to_leave[rows] > r.leave_at)
    rows, by, cause = rows[live], by[live], cause[live]
    if len(rows) == 0:
        return
    keep = logistic(r.keep_bias + r.keep_kindness * w.kindness[by] + r.keep_bond * w.bond[by])
    kept = ctx.draw("keep_promise", rows) < keep
    if (~kept).any():
        a, b = rows[~kept], by[~kept]
        ids = ctx.emit("promise_broken", b, target=a, pack=w.pack[a], cause=cause[~kept])
        ties.remember(world, a, b, trust=-r.broken_trust, memory=Memory.BROKEN_PROMISE, event=ids)
        w.hurt[a] += r.broken_cost
    if kept.any():
        a, b = rows[kept], by[kept]
        ids = ctx.emit("promise_kept", b, target=a, pack=w.pack[a], cause=cause[kept])
        ties.remember(world, a, b, trust=r.kept_trust)
        _together_or_alone(world, ctx, b, a, ids)


def _runaways(world: World, ctx: Context) -> None:
    """Mates search for runaways; the found may come back; the long gone settle elsewhere."""
    w, r = world.wolves, world.rules.leaving
    rows = np.flatnonzero(w.view("alive") & (w.view("away_from") >= 0))
    if len(rows) == 0:
        return
    home = w.away_from[rows]
    mate = w.mate[rows]
    safe = np.maximum(mate, 0)
    waiting = (mate >= 0) & w.alive[safe] & (w.pack[safe] == home) & world.packs.alive[home]
    search = waiting & (
        ctx.draw("search", rows) < r.search_chance * w.bond[safe] * w.attention[safe]
    )
    if search.any():
        a, m = rows[search], mate[search]
        found = ctx.draw("find", a) < r.find_chance * (0.5 + 0.5 * w.hunting_skill[m])
        ids = ctx.emit(
            "searched",
            m,
            target=a,
            pack=w.pack[m],
            detail=found.astype(np.int64),
            cause=w.ran_event[a],
        )
        logit = (
            r.return_bias
            + r.return_bond * w.bond[a]
            + r.return_trust * ties.lookup(world, a, m, "trust")
            - r.return_wish * w.wish_to_leave[a]
        )
        if r.return_hunger > 0.0:
            logit = logit + r.return_hunger * w.hunger[a]
        back = found & (ctx.draw("come_back", a) < logistic(logit))
        if back.any():
            b, bm = a[back], m[back]
            world.move(b, w.away_from[b])
            w.away_from[b] = -1
            w.away_since[b] = -1
            w.wellbeing[b] = np.minimum(1.0, w.wellbeing[b] + r.return_boost)
            w.wish_to_leave[b] *= 0.5
            back_ids = ctx.emit("returned", b, target=bm, pack=w.pack[b], cause=ids[back])
            promised = ctx.emit(
                "promise_made",
                bm,
                target=b,
                pack=w.pack[b],
                detail=SEASONS.index(r.promise_season),
                cause=back_ids,
            )
            w.promise_by[b] = bm
            w.promise_event[b] = promised
    still = w.away_from[rows] >= 0
    long_gone = still & (~waiting | (ctx.day - w.away_since[rows] >= r.away_weeks * _WEEK))
    if long_gone.any():
        gone = rows[long_gone]
        mating.part(world, gone, ctx.day)
        depart(world, gone, ctx.day, w.ran_event[gone], with_young=False)  # a runaway goes alone
        w.travel_until[gone] = ctx.day


def _decide(world: World, ctx: Context) -> None:
    """Wolves past the wish act on it: leave, run away, or ask their mate to go with them."""
    w, p, r = world.wolves, world.packs, world.rules.leaving
    pack = w.view("pack")
    rows = np.flatnonzero(
        w.view("alive")
        & (pack >= 0)
        & (w.view("wish_to_leave") > r.leave_at)
        & (w.view("betrothed") < 0)
        & (w.view("designation") != Designation.UNPRESENTED)
    )
    rows = rows[p.leader[w.pack[rows]] != rows]
    if len(rows) == 0:
        return
    free = w.restricted_until[rows] <= ctx.day
    mate = w.mate[rows]
    with_mate = world.beside(rows, mate)
    alone = rows[~with_mate & free]
    alone = alone[ctx.draw("leave", alone) < r.leave_chance]
    if len(alone):
        ids = _notify(world, ctx, alone, np.full(len(alone), -1, dtype=np.int64))
        left = ctx.emit("left_pack", alone, pack=w.pack[alone], cause=ids)
        mating.part(world, alone[w.mate[alone] >= 0], ctx.day)
        depart(world, alone, ctx.day, left)
    mated_free = free[with_mate & (w.promise_by[rows] < 0)]
    mated = rows[with_mate & (w.promise_by[rows] < 0)]
    flees = (w.runs[mated] == 0) & (w.security[mated] < 0.5)
    if not r.run_while_restricted:
        flees &= mated_free
    # A restricted wolf who does not run stays; it may not ask leave yet (R51).
    mated, flees = mated[flees | mated_free], flees[flees | mated_free]
    runs = mated[flees]
    flight = r.run_chance * (w.anxiety[runs] + 1.0 - w.security[runs])
    runs = runs[ctx.draw("run_away", runs) < flight]
    if len(runs):
        m = w.mate[runs]
        ids = ctx.emit("ran_away", runs, target=m, pack=w.pack[runs])
        w.away_from[runs] = w.pack[runs]
        w.away_since[runs] = ctx.day
        w.ran_event[runs] = ids
        w.runs[runs] += 1
        world.move(runs, -1)
        w.rank[runs] = 0
        w.high_rank[runs] = False
        w.attention[m] += (world.rules.bond.learn * (1.0 - w.attention[m])).astype(np.float32)
    asks = mated[~flees]
    asks = asks[ctx.draw("plea", asks) < r.plea_chance]
    if len(asks):
        m = w.mate[asks]
        ids = ctx.emit("asked_to_leave", asks, target=m, pack=w.pack[asks])
        _together_or_alone(world, ctx, m, asks, ids, alone_chance=r.alone_chance)


def _notify(
    world: World, ctx: Context, rows: NDArray[np.integer], cause: NDArray[np.integer]
) -> NDArray[np.integer]:
    """The pack alpha is told before anyone leaves (R24); returns the notices' ids (or the cause
    where the lead is vacant or the leaver leads)."""
    w, p = world.wolves, world.packs
    leader = p.leader[w.pack[rows]]
    told = (leader >= 0) & (leader != rows)
    out = cause.copy()
    if told.any():
        out[told] = ctx.emit(
            "notified_leader",
            rows[told],
            target=leader[told],
            pack=w.pack[rows[told]],
            cause=cause[told],
        )
    return out


def _together_or_alone(
    world: World,
    ctx: Context,
    stayer: NDArray[np.integer],
    leaver: NDArray[np.integer],
    cause: NDArray[np.integer],
    alone_chance: float = 1.0,
) -> None:
    """R37: the mate weighs the bond against its rank and goes too, giving the rank up, or the
    leaver goes alone (with ``alone_chance``) and the two part."""
    w, r = world.wolves, world.rules.leaving
    logit = (
        r.together_bias
        + r.mate_priority * w.bond[stayer]
        - r.rank_value * w.ambition[stayer] * w.high_rank[stayer]
    )
    go = ctx.draw("leave_together", stayer) < logistic(logit)
    if go.any():
        a, b, c = stayer[go], leaver[go], cause[go]
        _notify(world, ctx, a, c)
        ids = ctx.emit("left_together", a, target=b, pack=w.pack[a], cause=c)
        ranked = w.high_rank[a]
        if ranked.any():
            ctx.emit(
                "rank_changed",
                a[ranked],
                pack=w.pack[a[ranked]],
                detail=_GAVE_UP,
                value=0,
                cause=ids[ranked],
            )
        depart(world, a, ctx.day, ids, partner=b)
        depart(world, b, ctx.day, ids, partner=a)
    solo = ~go
    solo[solo] &= ctx.draw("leave_alone", leaver[solo]) < alone_chance
    if solo.any():
        b = leaver[solo]
        told = _notify(world, ctx, b, cause[solo])
        left = ctx.emit("left_pack", b, pack=w.pack[b], cause=told)
        mating.part(world, b, ctx.day)
        depart(world, b, ctx.day, left)


def _settle(world: World, ctx: Context) -> None:
    """Travellers whose journey is over found a home or join a pack of strangers (R38)."""
    w, rules = world.wolves, world.rules
    rows = np.flatnonzero(
        w.view("alive") & w.view("travelling") & (w.view("travel_until") <= ctx.day)
    )
    partner = w.travel_with[rows]
    safe = np.maximum(partner, 0)
    with_partner = (partner >= 0) & w.alive[safe] & w.travelling[safe]
    # A young one following a parent (who does not follow it back) settles with that parent.
    follows = with_partner & (w.travel_with[safe] != rows)
    lead = ~follows & (~with_partner | (rows < partner))  # a pair settles once, by its lower row
    rows, partner = rows[lead], np.where(with_partner[lead], partner[lead], -1)
    if len(rows) == 0:
        return
    found = ctx.draw("found_home", rows) < rules.leaving.found_chance
    region = (ctx.draw("home_region", rows) * len(world.regions.names)).astype(np.int64)
    region = np.minimum(region, len(world.regions.names) - 1)
    # A household alone needs someone who can hunt for it; others look for a pack.
    hunters = [DESIGNATIONS.index(d) for d in rules.hunting.hunter_designations]
    can_hunt = np.isin(w.designation[rows], hunters) | (
        (partner >= 0) & np.isin(w.designation[np.maximum(partner, 0)], hunters)
    )
    found &= can_hunt
    found[found] &= free_territories(world, w.replicate[rows[found]], region[found])
    if found.any():
        a, b = rows[found], partner[found]
        head, _ = mating.biter_first(world, a, np.where(b >= 0, b, a))
        other = np.where(head == a, b, a)
        packs = add_packs(world, ctx.day, w.replicate[a], region[found].astype(np.int16))
        world.packs.leader[packs] = head
        _arrive(world, a, b, packs, ctx.day, stranger=False)
        ctx.emit("founded_pack", head, target=other, pack=packs, cause=w.left_event[a])
    join = ~found
    if join.any():
        a, b = rows[join], partner[join]
        dest = strangers_pack(world, a, ctx.draw("join_strangers", a))
        pair = b >= 0
        if pair.any():
            dest[pair] = np.where(
                strangers_pack(world, b[pair], ctx.draw("join_strangers", a[pair])) == dest[pair],
                dest[pair],
                -1,
            )
        ok = dest >= 0
        _, once = np.unique(dest[ok], return_index=True)  # one arrival per pack per week
        idx = np.flatnonzero(ok)[once]
        a, b, dest = a[idx], b[idx], dest[idx]
        if len(a):
            _arrive(world, a, b, dest, ctx.day, stranger=True)
            ctx.emit("joined_pack", a, target=b, pack=dest, cause=w.left_event[a])


def _following(
    world: World, rows: NDArray[np.integer], dest: NDArray[np.integer]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The young travelling with a parent among ``rows``, and the home each parent goes to."""
    w = world.wolves
    home = np.full(w.size, -1, dtype=np.int64)
    home[rows] = dest
    young = np.flatnonzero(w.view("alive") & w.view("travelling") & (w.view("travel_with") >= 0))
    young = young[home[w.travel_with[young]] >= 0]
    young = young[w.travel_with[w.travel_with[young]] != young]
    return young.astype(np.int64), home[w.travel_with[young]]


def _arrive(
    world: World,
    a: NDArray[np.integer],
    b: NDArray[np.integer],
    packs: NDArray[np.integer],
    day: int,
    stranger: bool,
) -> None:
    """Travellers (and their partners, where ``b`` >= 0) make ``packs`` their home."""
    w, acc = world.wolves, world.rules.acceptance
    pair = b >= 0
    rows = np.concatenate([a, b[pair]])
    dest = np.concatenate([packs, packs[pair]])
    young, dest_young = _following(world, rows, dest)
    rows, dest = np.concatenate([rows, young]), np.concatenate([dest, dest_young])
    world.move(rows, dest)
    w.travelling[rows] = False
    w.travel_with[rows] = -1
    w.wish_to_leave[rows] = 0.0
    w.acceptance[rows] = acc.stranger_start if stranger else 1.0
    w.stigma[rows] = 0.0
    w.joined_day[rows] = day if stranger else -1
    w.familiarity[rows] = 0.0
    w.restricted_until[rows] = day + world.rules.leaving.settle_days
