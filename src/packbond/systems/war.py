"""Invasions (R50), the fallen pack alpha, dissolution, pledges and protection (R51, R52), daily.

On the day set by a declaration of war, the attackers invade: the side that prevails is drawn
from the two packs' strengths (numbers, skill, vigour, alphas, the pack alphas' lead). Every
fighter may fall, the losers far more often, and survivors may be wounded (``invasion``, deaths
of battle wounds caused by it). When the invaders win, the defending pack alpha is their target:
the invaders' strongest fighter kills him with ``war.leader_killed`` (``leader_killed``). A pack
whose alpha is killed dissolves (``pack_dissolved``); each survivor pledges loyalty to the
victors (``pledged``: a member with low acceptance, an enemy's stigma, and no leave to go for a
while) or disperses (``dispersed``), bold ones more often, mates deciding together and pups
going with the pledgers. The killer may take the most vulnerable of the pledged under his
protection (``protected``, R52). A victory that kills no pack alpha takes tribute; any defeat
leaves a grudge. An invasion on a pack's ceremony night interrupts it (see the ceremony system).

Reads: packs' war_on, war_day, leader, food; fighters' skill, wound, designation, boldness,
kindness. Writes: alive (packs), leader, dissolved_day, food, grievances, war_on; wolves' pack,
acceptance, stigma, joined_day, restricted_until, protector, betrothals, ties.
Emits: ``invasion``, ``leader_killed``, ``died``, ``injured``, ``ceremony_interrupted``,
``pack_dissolved``, ``pledged``, ``dispersed``, ``protected``. Rules: ``war``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.arrays import first_of_groups, logistic
from ..core.context import Context
from ..shared import body, grievance, mating, ties
from ..shared.departure import depart
from ..shared.fighting import fighters, pack_strength, win_chance
from ..state import WOUND_SITES, Designation, Memory, World

__all__ = ["step"]

_SITES = len(WOUND_SITES)


def step(world: World, ctx: Context) -> None:
    """Fight today's invasions and settle what follows."""
    p, r = world.packs, world.rules.war
    if not r.enabled:
        return
    due = np.flatnonzero(p.view("alive") & (p.view("war_on") >= 0) & (p.view("war_day") <= ctx.day))
    if len(due) == 0:
        return
    due = due[np.lexsort((due, p.war_event[due]))]  # the earliest declared marches first
    target = p.war_on[due]
    p.war_on[due] = -1
    ok = p.alive[target] & (p.leader[due] >= 0)
    due, target = due[ok], target[ok]
    # A pack invaded by an earlier war does not march out today, and a pack is invaded once.
    first_as_target = np.full(p.size, len(due), dtype=np.int64)
    np.minimum.at(first_as_target, target, np.arange(len(due)))
    keep = (first_as_target[due] > np.arange(len(due))) & (
        first_as_target[target] == np.arange(len(due))
    )
    if keep.any():
        _invade(world, ctx, due[keep], target[keep])


def _invade(world: World, ctx: Context, a: NDArray[np.integer], b: NDArray[np.integer]) -> None:
    w, p, r = world.wolves, world.packs, world.rules.war
    able = fighters(world)
    strength = pack_strength(world, able)
    won = ctx.draw_packs("battle", a) < win_chance(strength[a], strength[b], r.sharpness)
    side = np.full(p.size, -1, dtype=np.int64)  # invasion index of each pack in the fight
    side[a] = np.arange(len(a))
    side[b] = np.arange(len(a))
    rows = np.flatnonzero(able & (w.view("pack") >= 0))
    rows = rows[side[w.pack[rows]] >= 0]
    fight = side[w.pack[rows]]
    attacking = w.pack[rows] == a[fight]
    losing = np.where(won[fight], ~attacking, attacking)
    leaders = np.isin(rows, p.leader[np.concatenate([a, b])])
    die = ~leaders & (
        ctx.draw("battle_death", rows) < np.where(losing, r.death_loser, r.death_winner)
    )
    # A pack whose alpha died before anyone succeeded him has no leader to kill.
    targeted = ctx.draw_packs("leader_targeted", a) < r.leader_killed
    killed_leader = won & (p.leader[b] >= 0) & targeted
    falls = np.bincount(fight[die], minlength=len(a)) + killed_leader
    ids = ctx.emit(
        "invasion",
        p.leader[a],
        target=p.leader[b],
        pack=a,
        rival=b,
        detail=won.astype(np.int64),
        value=falls,
    )
    _interrupt_ceremonies(world, ctx, b, ids)
    body.die(world, ctx, rows[die], "battle wounds", ids[fight[die]])
    hurt = ~die & (ctx.draw("battle_hurt", rows) < r.injury)
    if hurt.any():
        h = rows[hurt]
        severity = r.wound * (0.5 + ctx.draw("battle_wound", h))
        site = (ctx.draw("battle_site", h) * _SITES).astype(np.int64)
        body.wound(world, ctx, h, severity, site, ids[fight[hurt]])
    fallen, killer = _kill_leaders(world, ctx, a, b, ids, killed_leader, rows, attacking, fight)
    spared = won & ~killed_leader
    _tribute(world, a[spared], b[spared])
    # A war fought spends the attackers' grudge, won or lost; the defenders nurse a new one.
    spent = np.minimum(r.after_war - grievance.held(world, a, b), 0.0)
    grievance.add(world, a, b, spent, ids)
    grievance.add(world, b, a, r.revenge, ids)
    if fallen.any():
        _dissolve(world, ctx, a[fallen], b[fallen], ids[fallen], killer[fallen])


def _interrupt_ceremonies(
    world: World, ctx: Context, b: NDArray[np.integer], ids: NDArray[np.integer]
) -> None:
    """R15: an invasion on a ceremony night cuts the invaded pack's ceremony short."""
    w = world.wolves
    invaded = np.full(world.packs.size, -1, dtype=np.int64)
    invaded[b] = np.arange(len(b))
    rows = np.flatnonzero(
        w.view("alive") & (w.view("ceremony_day") == ctx.day) & (w.view("pack") >= 0)
    )
    rows = rows[(invaded[w.pack[rows]] >= 0) & (rows < w.betrothed[rows])]
    if len(rows):
        ctx.emit(
            "ceremony_interrupted",
            rows,
            target=w.betrothed[rows],
            pack=w.pack[rows],
            detail=0,
            cause=ids[invaded[w.pack[rows]]],
        )
        mating.call_off(world, rows)


def _kill_leaders(
    world: World,
    ctx: Context,
    a: NDArray[np.integer],
    b: NDArray[np.integer],
    ids: NDArray[np.integer],
    killed: NDArray[np.bool_],
    rows: NDArray[np.integer],
    attacking: NDArray[np.bool_],
    fight: NDArray[np.integer],
) -> tuple[NDArray[np.bool_], NDArray[np.integer]]:
    """The invaders' strongest fighter kills the defending pack alpha (R50); returns which
    pack alphas fell and, per invasion, who killed him (-1 if none)."""
    w, p = world.wolves, world.packs
    killer = np.full(len(a), -1, dtype=np.int64)
    if not killed.any():
        return killed, killer
    power = w.hunting_skill[rows] + w.boldness[rows] + (w.designation[rows] == Designation.ALPHA)
    cand = attacking & w.alive[rows] & killed[fight]  # those fallen in the fight are dead
    order = np.lexsort((-power[cand], fight[cand]))
    c_rows, c_fight = rows[cand][order], fight[cand][order]
    first = first_of_groups(c_fight)
    killer[c_fight[first]] = c_rows[first]
    killed = killed & (killer >= 0)
    if not killed.any():
        return killed, killer
    k, victim = killer[killed], p.leader[b[killed]]
    kid = ctx.emit(
        "leader_killed", k, target=victim, pack=a[killed], rival=b[killed], cause=ids[killed]
    )
    body.die(world, ctx, victim.astype(np.int64), "battle wounds", kid)
    # What follows a fallen pack alpha (the pack's end) is caused by his death.
    ids[killed] = kid
    return killed, killer


def _tribute(world: World, a: NDArray[np.integer], b: NDArray[np.integer]) -> None:
    """A victory that leaves the defenders' pack alpha alive takes part of their store."""
    p, r = world.packs, world.rules.war
    taken = r.tribute_share * p.food[b]
    np.subtract.at(p.food, b, taken)
    np.add.at(p.food, a, taken)


def _dissolve(
    world: World,
    ctx: Context,
    a: NDArray[np.integer],
    b: NDArray[np.integer],
    cause: NDArray[np.integer],
    killer: NDArray[np.integer],
) -> None:
    """R51: the leaderless defeated pack dissolves; survivors pledge to the victors or go."""
    w, p, r = world.wolves, world.packs, world.rules.war
    gone = ctx.emit("pack_dissolved", replicate=p.replicate[b], pack=b, cause=cause)
    p.alive[b] = False
    p.dissolved_day[b] = ctx.day
    p.leader[b] = -1
    p.war_on[b] = -1
    victor = np.full(p.size, -1, dtype=np.int64)
    victor[b] = a
    why = np.full(p.size, -1, dtype=np.int64)
    why[b] = gone
    killed_by = np.full(p.size, -1, dtype=np.int64)
    killed_by[b] = killer
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    rows = rows[victor[w.pack[rows]] >= 0]
    if len(rows) == 0:
        return
    old = w.pack[rows]
    presented = w.designation[rows] != Designation.UNPRESENTED
    logit = r.pledge_bias - r.pledge_boldness * w.boldness[rows]
    pledge = ~presented | (ctx.draw("pledge", rows) < logistic(logit))
    # Mates decide together: the pair follows the lower row's choice.
    choice = np.zeros(w.size, dtype=np.int8)
    choice[rows] = np.where(pledge, 1, 2)
    mate = w.mate[rows]
    follows = (mate >= 0) & (mate < rows) & (choice[np.maximum(mate, 0)] > 0)
    pledge = np.where(follows, choice[np.maximum(mate, 0)] == 1, pledge)
    stay = rows[pledge]
    home = victor[old[pledge]]
    if len(stay):
        ctx.emit(
            "pledged",
            stay,
            target=p.leader[home],
            pack=home,
            rival=old[pledge],
            cause=why[old[pledge]],
        )
        world.move(stay, home)
        w.acceptance[stay] = r.pledged_acceptance
        w.stigma[stay] = r.enemy_stigma
        w.joined_day[stay] = ctx.day
        w.restricted_until[stay] = ctx.day + r.restricted_days
        w.rank[stay] = 0
        w.high_rank[stay] = False
        w.roles[stay] = 0
        _protect(world, ctx, stay, home, killed_by[old[pledge]], why[old[pledge]])
    go = rows[~pledge]
    if len(go):
        left = ctx.emit(
            "dispersed",
            go,
            pack=old[~pledge],
            value=np.round((ctx.day - w.birth_day[go]) / world.calendar.days_per_year, 1),
            cause=why[old[~pledge]],
        )
        depart(world, go, ctx.day, left)


def _protect(
    world: World,
    ctx: Context,
    rows: NDArray[np.integer],
    home: NDArray[np.integer],
    killer: NDArray[np.integer],
    cause: NDArray[np.integer],
) -> None:
    """R52: the one who killed their pack alpha may take the most vulnerable under protection."""
    w, r = world.wolves, world.rules.war
    presented = w.designation[rows] != Designation.UNPRESENTED
    rows, home, killer, cause = (
        rows[presented],
        home[presented],
        killer[presented],
        cause[presented],
    )
    if len(rows) == 0:
        return
    order = np.lexsort((w.esteem[rows] + w.standing[rows], home))
    rows, home, killer, cause = rows[order], home[order], killer[order], cause[order]
    first = first_of_groups(home)
    rows, killer, cause = rows[first], killer[first], cause[first]
    ok = (killer >= 0) & w.alive[np.maximum(killer, 0)]
    ok[ok] &= ctx.draw("conqueror_protects", rows[ok]) < r.protect_chance * w.kindness[killer[ok]]
    rows, killer, cause = rows[ok], killer[ok], cause[ok]
    if len(rows) == 0:
        return
    w.protector[rows] = killer
    ctx.emit("protected", killer, target=rows, pack=w.pack[rows], cause=cause)
    ties.remember(
        world,
        rows,
        killer,
        affinity=r.protected_affinity,
        trust=r.protected_trust,
        memory=Memory.PROTECTION,
        event=cause,
    )
    ties.remember(world, killer, rows, affinity=r.protector_affinity)
