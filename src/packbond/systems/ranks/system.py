"""Ranks: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond.core.arrays import logistic
from packbond.core.context import Context
from packbond.rules.derived import kernel_rules
from packbond.shared import body
from packbond.shared.standing import inputs, standing
from packbond.state import WOUND_SITES, World

from . import kernel

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Refresh every pack's ladder, then settle this week's challenges."""
    w = world.wolves
    if not world.rules.rank.enabled:
        return
    folk, packs, params = inputs(world)
    # Also: unmated presented wolves become single from today, wolves outside a pack lose rank.
    rows, score = kernel.weekly_standing(
        folk, packs, params, ctx.day, w.view("standing"), w.view("rank"), w.view("high_rank")
    )
    _challenge(world, ctx, rows, score)
    _ladder(world, ctx, rows, score)


def _ladder(
    world: World, ctx: Context, rows: NDArray[np.int64], score: NDArray[np.float64]
) -> None:
    """Place members by (pack alpha first, standing, age) and announce who moved."""
    w, r = world.wolves, world.rules.rank
    folk, packs, _ = inputs(world)  # the leaders as the challenges left them
    gone, m, place, high = kernel.rank_ladder(
        rows,
        score,
        folk,
        packs,
        kernel_rules(kernel.LadderRules, r, day=ctx.day),
        w.bundle(kernel.PlaceColumns),
    )
    if len(gone):
        ctx.emit("rank_lost_unmated", gone, pack=w.pack[gone], value=ctx.day - w.single_since[gone])
    if len(m):
        ctx.emit("rank_changed", m, pack=w.pack[m], detail=np.where(high, 0, 1), value=place)


def _challenge(
    world: World, ctx: Context, rows: NDArray[np.int64], score: NDArray[np.float64]
) -> None:
    """The strongest member who outranks the pack alpha by the margin may fight for the lead."""
    w, p, r = world.wolves, world.packs, world.rules.rank
    if r.challenge_chance == 0:
        return
    best = kernel.pack_challengers(
        rows, score, w.view("pack"), w.view("mate"), w.view("alive"), p.view("leader")
    )
    if len(best) == 0:
        return
    rows, score = rows[best], score[best]
    pack = w.pack[rows]
    leader = p.leader[pack]
    their = standing(world, leader, ctx.day)
    ahead = score > their + r.challenge_margin
    rows, score, leader, their, pack = (
        rows[ahead],
        score[ahead],
        leader[ahead],
        their[ahead],
        pack[ahead],
    )
    chance = r.challenge_chance * w.ambition[rows] * w.boldness[rows] * 4.0
    go = ctx.draw("challenge", rows) < chance
    rows, score, leader, their, pack = rows[go], score[go], leader[go], their[go], pack[go]
    if len(rows) == 0:
        return
    wins = ctx.draw("challenge_fight", rows) < logistic((score - their) / r.fight_spread)
    ids = ctx.emit("challenged", rows, target=leader, pack=pack, detail=wins.astype(np.int64))
    loser = np.where(wins, leader, rows)
    severity = r.fight_wound * (0.5 + ctx.draw("challenge_wound", loser))
    site = (ctx.draw("challenge_site", loser) * (len(WOUND_SITES) - 1)).astype(np.int64)
    body.wound(world, ctx, loser, severity, site, ids)
    if wins.any():
        p.leader[pack[wins]] = rows[wins]
        ctx.emit(
            "became_pack_alpha", rows[wins], target=leader[wins], pack=pack[wins], cause=ids[wins]
        )
