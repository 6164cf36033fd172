"""Raids, incidents, grievances and declarations of war between packs, weekly (R48, R49).

A pack with a leader raids with a weekly chance raised by scarcity (a hungry pack, or little
food per head), its hostility (outsider hostility and violence norms) and its grievance against
the target: the pack it holds the strongest grievance against, else one drawn at random. Who
prevails is drawn from the two packs' strengths; a successful raid carries off part of the
store, and any raid may leave someone wounded and adds to the raided pack's grievance
(``raid``). A cruel raid leader of a violent pack may strike a member of the other pack
(``incident``, R49), adding a grievance scaled by the victim's esteem. Grievances fade; a pack
whose grievance passes ``war_at`` declares war (``war_declared``, caused by the event that last
fed the grievance), and the war system invades after ``war.delay_days``.

Reads: packs' leader, food, hungry, norms, rival, grievance; wolves' skill, wound, kindness,
esteem. Writes: packs' food, rival, grievance, grievance_event, war_on, war_day, war_event;
wounds. Emits: ``raid``, ``incident``, ``injured``, ``war_declared``. Rules: ``conflict``,
``war``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.context import Context
from ..shared import body, grievance
from ..shared.fighting import fighters, pack_strength, win_chance
from ..shared.places import random_pack
from ..state import WOUND_SITES, World

__all__ = ["step"]

_SITES = len(WOUND_SITES) - 1  # a raid wound is never to the neck


def step(world: World, ctx: Context) -> None:
    """Grievances fade, packs raid, and grievances past the threshold become wars."""
    if not world.rules.conflict.enabled:
        return
    _fade(world)
    _raids(world, ctx)
    _declare(world, ctx)


def _fade(world: World) -> None:
    p, r = world.packs, world.rules.conflict
    g = p.view("grievance") * np.float32(1.0 - r.fade)
    rival = p.view("rival")
    gone = (rival < 0) | ~p.alive[np.maximum(rival, 0)] | (g < 0.01)
    g[gone] = 0.0
    rival[gone] = -1
    p.view("grievance")[:] = g


def _raids(world: World, ctx: Context) -> None:
    p, r = world.packs, world.rules.conflict
    raiders = np.flatnonzero(p.view("alive") & (p.view("leader") >= 0))
    if len(raiders) < 2:
        return
    target, held = _target(world, ctx, raiders)
    ok = (target >= 0) & (target != raiders)
    raiders, target, held = raiders[ok], target[ok], held[ok]
    size = np.maximum(world.pack_sizes()[raiders], 1.0)
    per_head = p.food[raiders] / size
    scarcity = np.where(
        p.hungry[raiders], 1.0, np.clip(1.0 - per_head / r.scarce_days, r.calm_share, 1.0)
    )
    hostility = 0.5 * (p.outsider_hostility[raiders] + p.violence_tolerance[raiders])
    chance = r.raid_chance * scarcity * hostility * (1.0 + r.grievance_weight * held)
    go = ctx.draw_packs("raid", raiders) < chance
    a, b = raiders[go], target[go]
    if len(a) == 0:
        return
    able = fighters(world)
    strength = pack_strength(world, able)
    won = ctx.draw_packs("raid_fight", a) < win_chance(
        strength[a], strength[b], world.rules.war.sharpness
    )
    taken = np.where(won, r.take_share * p.food[b], 0.0)
    np.subtract.at(p.food, b, taken)
    np.add.at(p.food, a, taken)
    leader, defender = p.leader[a], p.leader[b]
    ids = ctx.emit(
        "raid",
        leader,
        target=defender,
        pack=a,
        rival=b,
        value=np.round(taken, 1),
        detail=won.astype(np.int64),
    )
    grievance.add(world, b, a, r.raid_grievance, ids)
    _wounds(world, ctx, a, b, won, ids, able)
    _incidents(world, ctx, a, b, ids)


def _target(
    world: World, ctx: Context, packs: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Each pack's raid target: the living pack it holds most against, else a random one."""
    p = world.packs
    rival, held, _ = grievance.strongest(world, packs)
    target = np.where(held > 0, rival, -1)
    drawn = random_pack(
        world, p.replicate[packs], ctx.draw_packs("raid_target", packs), p.view("alive")
    )
    return np.where(target >= 0, target, drawn).astype(np.int64), held


def _wounds(
    world: World,
    ctx: Context,
    a: NDArray[np.int64],
    b: NDArray[np.int64],
    won: NDArray[np.bool_],
    ids: NDArray[np.int64],
    able: NDArray[np.bool_],
) -> None:
    """A raid may leave a wounded member on the side that lost it."""
    r = world.rules.conflict
    hurt = ctx.draw_packs("raid_hurt", a) < r.raid_injury
    side = np.where(won, b, a)[hurt]
    who = world.pick_members(side, ctx.draw_packs("raid_who", a[hurt]), able)
    ok = who >= 0
    who, cause = who[ok], ids[hurt][ok]
    if len(who):
        severity = r.raid_wound * (0.5 + ctx.draw("raid_wound", who))
        site = (ctx.draw("raid_site", who) * _SITES).astype(np.int64)
        body.wound(world, ctx, who, severity, site, cause)


def _incidents(
    world: World, ctx: Context, a: NDArray[np.int64], b: NDArray[np.int64], ids: NDArray[np.int64]
) -> None:
    """R49: a cruel raid leader of a violent pack strikes a member of the raided pack."""
    w, p, r = world.wolves, world.packs, world.rules.conflict
    leader = p.leader[a]
    chance = r.incident_chance * (1.0 - w.kindness[leader]) * p.violence_tolerance[a]
    go = ctx.draw_packs("incident", a) < chance
    a, b, leader, cause = a[go], b[go], leader[go], ids[go]
    victim = world.pick_members(b, ctx.draw_packs("incident_victim", a), fighters(world))
    ok = victim >= 0
    a, b, leader, victim, cause = a[ok], b[ok], leader[ok], victim[ok], cause[ok]
    if len(a) == 0:
        return
    inc = ctx.emit("incident", leader, target=victim, pack=b, rival=a, cause=cause)
    severity = r.incident_wound * (0.5 + ctx.draw("incident_wound", victim))
    site = (ctx.draw("incident_site", victim) * _SITES).astype(np.int64)
    body.wound(world, ctx, victim, severity, site, inc)
    grievance.add(world, b, a, r.incident_weight * w.esteem[victim], inc)


def _declare(world: World, ctx: Context) -> None:
    p, r = world.packs, world.rules.conflict
    packs = np.flatnonzero(p.view("alive") & (p.view("leader") >= 0) & (p.view("war_on") < 0))
    if len(packs) == 0:
        return
    rival, held, best = grievance.strongest(world, packs)
    due = (held > r.war_at) & (rival >= 0) & p.alive[np.maximum(rival, 0)]
    packs, rival, best = packs[due], rival[due], best[due]
    if len(packs) == 0:
        return
    ids = ctx.emit(
        "war_declared",
        p.leader[packs],
        pack=packs,
        rival=rival,
        cause=p.grievance_event[packs, best],
    )
    p.war_on[packs] = rival
    p.war_day[packs] = ctx.day + world.rules.war.delay_days
    p.war_event[packs] = ids
