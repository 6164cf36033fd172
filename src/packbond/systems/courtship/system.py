"""Courtship: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond import kernels
from packbond.core.arrays import first_of_groups, logistic
from packbond.core.context import Context
from packbond.rules import Rules
from packbond.rules.derived import kernel_rules, once_per_rules
from packbond.shared import grievance, life, mating, ties
from packbond.state import Designation, Memory, World

from . import kernel

__all__ = ["step"]

_WEEK = 7


def step(world: World, ctx: Context) -> None:
    """This week's arrangements, then offers and answers."""
    if world.rules.arranged.enabled:
        _arrange(world, ctx)
    if world.rules.courtship.enabled:
        _court(world, ctx)


def _free(world: World, day: int) -> NDArray[np.bool_]:
    """Living, presented adults in a pack, eligible, with no mate and no coming ceremony."""
    w = world.wolves
    return kernels.free_to_court(
        w.view("alive"),
        w.view("pack"),
        w.view("designation"),
        w.view("eligible"),
        w.view("mate"),
        w.view("betrothed"),
        w.view("birth_day"),
        int(Designation.UNPRESENTED),
        day - life.adult_days(world.rules),
    )


def _left_a_mate(world: World, rows: NDArray[np.integer]) -> NDArray[np.bool_]:
    """Unmated wolves who bear the mark of a mate still living: they left (R38)."""
    w = world.wolves
    return (w.marked_by[rows] >= 0) & w.alive[np.maximum(w.marked_by[rows], 0)]


def _betroth(
    world: World,
    a: NDArray[np.integer],
    b: NDArray[np.integer],
    day: NDArray[np.integer],
    cause: NDArray[np.integer],
    arranged: bool,
) -> None:
    w = world.wolves
    w.betrothed[a], w.betrothed[b] = b, a
    for x in (a, b):
        w.ceremony_day[x] = day
        w.betrothal_event[x] = cause
        w.arranged[x] = arranged


def _arrange(world: World, ctx: Context) -> None:
    w, p, r = world.wolves, world.packs, world.rules.arranged
    free = _free(world, ctx.day)
    # Free to be promised from the later of presenting and coming of age: this week's newly free.
    presented_on = w.view("birth_day") + w.view("present_age")
    free_from = np.maximum(presented_on, w.view("birth_day") + life.adult_days(world.rules))
    new = free & (w.view("designation") == Designation.OMEGA) & (ctx.day - free_from < _WEEK)
    new &= p.arranged_matings_allowed[np.maximum(w.view("pack"), 0)]
    child = np.flatnonzero(new)
    if len(child) == 0:
        return
    parent = np.where(world.beside(child, w.mother[child]), w.mother[child], w.father[child])
    ok = world.beside(child, parent)
    child, parent = child[ok], parent[ok]
    go = ctx.draw("arrange", child) < np.minimum(1.0, r.chance * 2.0 * w.ambition[parent])
    child, parent = child[go], parent[go]
    if len(child) == 0:
        return
    alphas = np.flatnonzero(free & (w.view("designation") == Designation.ALPHA))
    order = np.lexsort((-w.standing[alphas], w.pack[alphas]))
    alphas = alphas[order]
    best = alphas[first_of_groups(w.pack[alphas])]
    best_of = np.full(p.size, -1, dtype=np.int64)
    best_of[w.pack[best]] = best
    alpha = best_of[w.pack[child]]
    ok = (alpha >= 0) & (alpha != parent)
    ok[ok] &= ~mating.kin(world, child[ok], alpha[ok])
    child, parent, alpha = child[ok], parent[ok], alpha[ok]
    _, once = np.unique(alpha, return_index=True)  # one contract per alpha a week
    child, parent, alpha = child[once], parent[once], alpha[once]
    if len(child) == 0:
        return
    ids = ctx.emit("arranged", parent, target=child, other=alpha, pack=w.pack[child])
    _betroth(world, child, alpha, np.full(len(child), ctx.day + r.delay_days), ids, arranged=True)
    w.hurt[child] += r.wellbeing_cost
    ties.remember(world, child, alpha, affinity=-r.affinity_cost, memory=Memory.FORCED, event=ids)


def _court(world: World, ctx: Context) -> None:
    w, rules = world.wolves, world.rules
    r = rules.courtship
    free = _free(world, ctx.day)
    suitors = np.flatnonzero(free)
    if len(suitors) == 0:
        return
    need = _rank_need(world, ctx, suitors)
    left_mate = _left_a_mate(world, suitors)
    chance = r.offer_chance * (1.0 + r.lonely_weight * (1.0 - w.wellbeing[suitors]))
    chance = (chance + r.rank_need * need) * np.where(left_mate, r.marked_factor, 1.0)
    if r.at_war_factor < 1.0:
        # At war, or holding a grievance past the point of war: the eve of an invasion.
        home = w.pack[suitors]
        _, worst, _ = grievance.strongest(world, home)
        at_war = (world.packs.war_on[home] >= 0) | (worst >= rules.conflict.war_at)
        chance = chance * np.where(at_war, r.at_war_factor, 1.0)
    go = ctx.draw("offer", suitors) < chance
    suitors, need = suitors[go], need[go]
    if len(suitors) == 0:
        return
    target, pull, scent = _choose(world, ctx, suitors, free)
    ok = target >= 0
    # Acquaintance first: a suitor asks only one it likes enough, less so as its rank presses.
    liking = ties.lookup(world, suitors, np.maximum(target, 0), "affinity")
    ok &= liking >= r.ask_liking * (1.0 - need)
    suitors, need, target, pull, scent = suitors[ok], need[ok], target[ok], pull[ok], scent[ok]
    # One offer per wolf asked; a wolf busy courting is not asked this week (a mask of the
    # suitors, not np.isin, which sorts both lists).
    courting = np.zeros(w.size, dtype=bool)
    courting[suitors] = True
    free_to_answer = np.flatnonzero(~courting[target])
    _, once = np.unique(target[free_to_answer], return_index=True)
    idx = free_to_answer[once]
    suitors, target = suitors[idx], target[idx]
    need, pull, scent = need[idx], pull[idx], scent[idx]
    if len(suitors) == 0:
        return
    hope = (1.0 - w.acceptance[suitors]) * w.esteem[target]
    motive = np.argmax(np.stack([pull, r.scent_weight * scent, 2.0 * need, hope]), axis=0)
    offers = ctx.emit("mating_offer", suitors, target=target, pack=w.pack[suitors], detail=motive)
    _answer(world, ctx, target, suitors, scent, offers)


def _rank_need(world: World, ctx: Context, rows: NDArray[np.integer]) -> NDArray[np.float64]:
    """How pressing a mate is for rank (R22): 0, or rising with the grace period used up."""
    w, p = world.wolves, world.packs
    requires = p.rank_requires_mate[w.pack[rows]] & (w.designation[rows] == Designation.ALPHA)
    ranked = w.high_rank[rows] | w.demoted[rows]
    used = (ctx.day - w.single_since[rows]) / max(world.rules.rank.grace_days, 1)
    return np.where(requires & ranked, np.clip(used, 0.25, 1.0), 0.0)


def _pull(world: World, a: NDArray[np.integer], b: NDArray[np.integer]) -> NDArray[np.float64]:
    """The pull between each pair's designations (rules.courtship.pull; 0 for the young)."""
    w = world.wolves
    return np.array(world.rules.courtship.pull.matrix())[w.designation[a], w.designation[b]]


def _choose(
    world: World, ctx: Context, suitors: NDArray[np.integer], free: NDArray[np.bool_]
) -> tuple[NDArray[np.integer], NDArray[np.float64], NDArray[np.float64]]:
    """Each suitor's choice among a few packmates drawn from the free, and the free wolf beside
    it that it protects (R52: always at hand to be asked), with its attraction (liking,
    designation pull, esteem, less the shunning of an unaccepted wolf, lowered for a wolf who
    left a mate, R38) and scent likeness; -1 if none fits. One compiled pass
    (:func:`packbond.kernel.court_choices`)."""
    w, r = world.wolves, world.rules.courtship
    u = np.stack([ctx.draw("court_pick", suitors, i) for i in range(r.candidates)], axis=1)
    pool, start, count = world.members_by_pack(free)
    return kernel.court_choices(
        w.bundle(kernel.CourtColumns),
        np.asarray(suitors, dtype=np.int64),
        u,
        pool,
        start,
        count,
        free,
        _court_rules(world.rules),
    )


@once_per_rules
def _court_rules(rules: Rules) -> kernel.CourtRules:
    """The choice's flat parameters, built once per rules object."""
    return kernel_rules(
        kernel.CourtRules,
        rules.courtship,
        scent=rules.scent.enabled,
        days_per_decade=float(life.to_days(rules, 10.0)),
        pull=np.array(rules.courtship.pull.matrix(), dtype=np.float64),
    )


def _proteges(world: World, free: NDArray[np.bool_]) -> NDArray[np.int64]:
    """For every wolf, the free wolf beside it that it protects (R52), or -1."""
    w = world.wolves
    protege = np.full(w.size, -1, dtype=np.int64)
    guarded = np.flatnonzero(w.view("alive") & (w.view("protector") >= 0) & free)
    guarded = guarded[world.beside(guarded, w.protector[guarded])]
    protege[w.protector[guarded]] = guarded
    return protege


def _guards_another(
    world: World, day: int, wolf: NDArray[np.integer], suitor: NDArray[np.integer]
) -> NDArray[np.bool_]:
    """Whether each wolf protects a free wolf beside it other than its suitor (R52)."""
    theirs = _proteges(world, _free(world, day))[wolf]
    return (theirs >= 0) & (theirs != suitor)


def _answer(
    world: World,
    ctx: Context,
    wolf: NDArray[np.integer],
    suitor: NDArray[np.integer],
    scent: NDArray[np.float64],
    offers: NDArray[np.integer],
) -> None:
    """The one asked weighs the offer; acceptance sets a ceremony, a coercive refusal is pressed."""
    w, rules = world.wolves, world.rules
    r, c = rules.courtship, rules.ceremony
    liking = ties.lookup(world, wolf, suitor, "affinity")
    trust = ties.lookup(world, wolf, suitor, "trust")
    fear = ties.lookup(world, wolf, suitor, "fear")
    safety = r.accept_safety * (w.high_rank[suitor] | world.beside(wolf, w.protector[wolf]))
    hope = r.accept_hope * (1.0 - w.acceptance[wolf]) * w.esteem[suitor]
    lonely = r.accept_lonely * (1.0 - w.wellbeing[wolf])
    reasons = np.stack([r.accept_affinity * liking, r.accept_trust * trust, safety, hope, lonely])
    pull = _pull(world, wolf, suitor)
    logit = r.accept_bias + reasons.sum(axis=0) - r.accept_fear * fear + r.accept_scent * scent
    logit += r.accept_pull * pull
    gap_decades = np.abs(w.birth_day[wolf] - w.birth_day[suitor]) / life.to_days(rules, 10.0)
    logit -= r.accept_age_gap * gap_decades
    logit -= r.shun_weight * (1.0 - w.acceptance[suitor]) * (1.0 - w.kindness[wolf])
    if r.protege_weight > 0.0:
        logit -= r.protege_weight * _guards_another(world, ctx.day, wolf, suitor)
    marked_left = _left_a_mate(world, wolf)
    chance = np.where(marked_left, r.marked_factor, 1.0) * logistic(logit)
    yes = ctx.draw("accept_offer", wolf) < chance
    if yes.any():
        a, b = wolf[yes], suitor[yes]
        ids = ctx.emit(
            "offer_accepted",
            a,
            target=b,
            pack=w.pack[a],
            detail=np.argmax(reasons[:, yes], axis=0),
            cause=offers[yes],
        )
        delay = c.delay_min_days + (
            ctx.draw("ceremony_delay", a) * (c.delay_max_days - c.delay_min_days + 1)
        ).astype(np.int64)
        _betroth(world, a, b, ctx.day + np.minimum(delay, c.delay_max_days), ids, arranged=False)
    no = ~yes
    if no.any():
        a, b = wolf[no], suitor[no]
        ctx.emit("offer_refused", a, target=b, pack=w.pack[a], cause=offers[no])
        pressed = w.kindness[b] < r.coercive_below
        if pressed.any():
            ties.remember(
                world,
                a[pressed],
                b[pressed],
                trust=-r.pressed_trust,
                fear=r.pressed_fear,
                affinity=-r.pressed_trust,
            )
            w.stress[a[pressed]] = np.minimum(1.0, w.stress[a[pressed]] + r.pressed_fear)
