"""The rank ladder (R22, R23, R25) and challenges for the lead, weekly.

Every presented member of a pack gets a standing (see :mod:`packbond.standing`) and a place on
the pack's ladder: the pack alpha first, then by standing. The top ``high_share`` of a pack's
presented members hold high rank; entering or leaving it is ``rank_changed``. Where the pack's
norm makes rank require a mate (R22), an alpha unmated past the grace period falls out of high
rank (``rank_lost_unmated``) and stays out until it mates again. An ambitious, bold wolf whose
standing passes the pack alpha's by a margin may challenge; the fight is won by standing and
luck, the loser is wounded, and a winner takes the lead (``challenged``, ``became_pack_alpha``).

Reads: alive, pack, designation, standing's columns, ambition, boldness; packs' leader.
Writes: standing, rank, high_rank, demoted, single_since, wound; packs' leader.
Emits: ``rank_changed``, ``rank_lost_unmated``, ``challenged``, ``became_pack_alpha``,
``injured``. Rules: ``rank``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import body
from ..arrays import first_of_groups, logistic, positions_in_groups
from ..context import Context
from ..standing import past_grace, standing
from ..state import WOUND_SITES, Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Refresh every pack's ladder, then settle this week's challenges."""
    w = world.wolves
    if not world.rules.rank.enabled:
        return
    alive = w.view("alive")
    presented = alive & (w.view("designation") != Designation.UNPRESENTED)
    # A presented wolf without a mate is single from now on if nothing said since when.
    fresh = np.flatnonzero(presented & (w.view("mate") < 0) & (w.view("single_since") < 0))
    w.single_since[fresh] = ctx.day
    rows = np.flatnonzero(presented & (w.view("pack") >= 0))
    score = standing(world, rows, ctx.day)
    w.standing[rows] = score
    _challenge(world, ctx, rows, score)
    _ladder(world, ctx, rows, score)
    off = np.flatnonzero(alive & (w.view("pack") < 0) & (w.view("rank") > 0))
    w.rank[off] = 0
    w.high_rank[off] = False


def _ladder(
    world: World, ctx: Context, rows: NDArray[np.int64], score: NDArray[np.float64]
) -> None:
    w, p, r = world.wolves, world.packs, world.rules.rank
    pack = w.pack[rows]
    top = score + 1e6 * (p.leader[pack] == rows)
    order = np.lexsort((w.birth_day[rows], -top, pack))
    rows, pack, score = rows[order], pack[order], score[order]
    place = positions_in_groups(pack) + 1
    members = np.bincount(pack, minlength=p.size)[pack]
    high_places = np.maximum(1, np.rint(r.high_share * members))
    lost = past_grace(world, rows, ctx.day)
    high = (place <= high_places) & ~lost
    was = w.high_rank[rows]
    placed = w.rank[rows] > 0  # wolves placed for the first time take their place silently
    w.rank[rows] = place
    w.high_rank[rows] = high
    newly_lost = was & lost & ~w.demoted[rows] & placed
    w.demoted[rows] = np.where(w.mate[rows] >= 0, False, w.demoted[rows] | newly_lost)
    if newly_lost.any():
        gone = rows[newly_lost]
        ctx.emit("rank_lost_unmated", gone, pack=w.pack[gone], value=ctx.day - w.single_since[gone])
    moved = (was != high) & ~newly_lost & placed
    if moved.any():
        m = rows[moved]
        ctx.emit(
            "rank_changed",
            m,
            pack=w.pack[m],
            detail=np.where(high[moved], 0, 1),
            value=place[moved],
        )


def _challenge(
    world: World, ctx: Context, rows: NDArray[np.int64], score: NDArray[np.float64]
) -> None:
    """The strongest member who outranks the pack alpha by the margin may fight for the lead."""
    w, p, r = world.wolves, world.packs, world.rules.rank
    if r.challenge_chance == 0:
        return
    pack = w.pack[rows]
    leader = p.leader[pack]
    ok = (
        (leader >= 0) & (leader != rows) & (w.mate[leader] != rows) & w.alive[np.maximum(leader, 0)]
    )
    rows, score, pack = rows[ok], score[ok], pack[ok]
    if len(rows) == 0:
        return
    order = np.lexsort((-score, pack))
    rows, score, pack = rows[order], score[order], pack[order]
    first = first_of_groups(pack)
    rows, score, pack = rows[first], score[first], pack[first]
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
