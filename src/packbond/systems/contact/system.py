"""Contact: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from packbond import kernels
from packbond.core import rng
from packbond.core.context import Context
from packbond.rules import Rules
from packbond.rules.derived import kernel_rules, once_per_rules
from packbond.shared import body, life, ties
from packbond.state import WOUND_SITES, Memory, World

from . import kernel as k

__all__ = ["step"]

_BELOW_NECK = WOUND_SITES.index("neck")
"""A blow lands anywhere but the neck: sites before it in ``WOUND_SITES``."""
_PURPOSE = rng.purpose_key("contact")
assert k.SKIPPED == 1, "a notable contact is a flag word above SKIPPED, the lowest flag bit"


def step(world: World, ctx: Context) -> None:
    """One day of contact for every pack."""
    rules = world.rules
    if not rules.contact.enabled:
        return
    w, p = world.wolves, world.packs
    n = w.size
    out = k.ContactOutcomes(  # the kernel sets every row
        np.empty(n, dtype=np.int32),
        np.empty(n, dtype=np.uint16),
        np.empty(n, dtype=np.int32),
        np.empty(n, dtype=np.int32),
    )
    k.daily_contacts(
        ctx.day,
        world.seed_keys,
        _PURPOSE,
        w.bundle(k.ContactColumns),
        w.bundle(k.MoodColumns),
        w.bundle(k.RumourColumns),
        ties.columns(world),
        p.bundle(k.PackColumns),
        k.PackMembers(*world.members_by_pack()),
        _rules_of(rules),
        out,
    )
    partner, flags, jealous_of, jealous_with = out
    # Notable: any flag but SKIPPED (bit 0), so a flag word above it; one compiled pass.
    notable = kernels.rows_above(flags, np.uint16(k.SKIPPED))
    if len(notable) == 0:
        return
    f, mate = flags[notable], partner[notable]
    _shut_out(world, ctx, notable[(f & k.SHUT_OUT) > 0], mate[(f & k.SHUT_OUT) > 0])
    _recoiled(world, ctx, notable[(f & k.RECOILED) > 0], mate[(f & k.RECOILED) > 0])
    sub = (f & k.SUBMITTED) > 0
    _submitted(world, ctx, notable[sub], mate[sub], f[sub])
    hit = (f & k.ATTACKED) > 0
    _attacked(world, ctx, notable[hit], mate[hit])
    voice = (f & k.VOICE) > 0
    _voice(world, ctx, notable[voice], mate[voice], (f[voice] & k.COMPLIED) > 0)
    for flag, kind, detail in ((k.SCENTED, "scented", None), (k.SOOTHED, "scent_soothed", 0)):
        rows = notable[(f & flag) > 0]
        if len(rows):
            ctx.emit(kind, rows, target=partner[rows], pack=w.pack[rows], detail=detail)
    _jealous(world, ctx, notable[(f & k.JEALOUS) > 0], jealous_of, jealous_with)
    _rumours(
        world, ctx, notable[(f & k.RUMOUR_STARTED) > 0], notable[(f & k.GOSSIPED) > 0], partner
    )


@once_per_rules
def _rules_of(rules: Rules) -> k.ContactRules:
    """The kernel's rules, by name (a switched-off rule reads 0/off), built once per rules
    object: built every day, they would weigh as much as the rest of the day's Python side of
    contact."""
    g, j, v, s = rules.gossip, rules.jealousy, rules.violence, rules.submission
    vo, sc, wb = rules.voice, rules.scent, rules.wellbeing
    return kernel_rules(
        k.ContactRules,
        rules.contact,
        g,
        j,
        v,
        s,
        vo,
        sc,
        wb,
        social_days=life.social_days(rules),
        adult_days=life.adult_days(rules),
        scent_weight=rules.contact.scent_weight if sc.enabled else 0.0,
        security_floor=wb.security_floor if wb.enabled else 1.0,
        inner_conflict=wb.inner_conflict if wb.enabled else 0.0,
        gossip=g.enabled,
        rumour_fade=g.fade,
        jealousy=j.enabled,
        jealousy_base=j.base,
        violence=v.enabled,
        submission=s.enabled,
        voice=vo.enabled,
        voice_use=vo.use,
        comply=np.array(vo.comply.as_tuple()),
        scent=sc.enabled,
    )


def _shut_out(world: World, ctx: Context, rows: NDArray[np.int64], peer: NDArray[np.int32]) -> None:
    """Kept out often enough to be shut out of the circle; a protector's promise sours (R52)."""
    if len(rows) == 0:
        return
    w = world.wolves
    ids = ctx.emit("excluded", rows, target=peer, pack=w.pack[rows], detail=w.designation[rows])
    _broken_promise(world, rows, ids, world.rules.violence.broken_promise_harm / 2)


def _recoiled(
    world: World, ctx: Context, rows: NDArray[np.int64], source: NDArray[np.int32]
) -> None:
    if len(rows) == 0:
        return
    w = world.wolves
    cause = ties.lookup(world, rows, source, "event", missing=-1).astype(np.int64)
    ctx.emit("scent_recoiled", rows, target=source, pack=w.pack[rows], cause=cause)


def _submitted(
    world: World,
    ctx: Context,
    rows: NDArray[np.int64],
    alpha: NDArray[np.int32],
    flags: NDArray[np.uint16],
) -> None:
    if len(rows) == 0:
        return
    # The detail says what the gesture did: not stop a blow (0), stop one (1), none coming (2).
    struck = (flags & k.ATTACKED) > 0
    detail = np.where(struck, 0, np.where((flags & k.THREATENED) > 0, 1, 2))
    ctx.emit("submitted", rows, target=alpha, pack=world.wolves.pack[rows], detail=detail)


def _attacked(
    world: World, ctx: Context, rows: NDArray[np.int64], attacker: NDArray[np.int32]
) -> None:
    """A blow: a light wound, fear and a vivid memory of the attacker; a kind alpha may step in."""
    if len(rows) == 0:
        return
    w, p, v = world.wolves, world.packs, world.rules.violence
    pk = w.pack[rows]
    guarded = _guarded(world, rows)
    ids = ctx.emit("attacked", attacker, target=rows, pack=pk, detail=guarded.astype(np.int64))
    severity = v.severity * (0.5 + ctx.draw("blow_severity", rows))
    site = (ctx.draw("blow_site", rows) * _BELOW_NECK).astype(np.int64)
    body.wound(world, ctx, rows, severity, site, ids)
    ties.remember(
        world,
        rows,
        attacker,
        affinity=-v.blow_affinity_cost,
        trust=-v.blow_trust_cost,
        fear=v.blow_fear,
        memory=Memory.BLOW,
        event=ids,
    )
    w.hurt[rows] += v.harm
    w.stress[rows] = np.minimum(1.0, w.stress[rows] + v.stress)
    if world.rules.wellbeing.enabled:
        w.security[rows] = np.maximum(0.0, w.security[rows] - v.security_loss)
    _broken_promise(world, rows, ids, v.broken_promise_harm)
    # R52: a kind pack alpha may promise the struck newcomer safety.
    leader = p.leader[pk]
    open_ = ~guarded & (leader >= 0) & (leader != attacker) & (leader != rows)
    cand, lead, cause = rows[open_], leader[open_], ids[open_]
    if len(cand) == 0:
        return
    takes = ctx.draw("protect", cand) < v.protect * w.kindness[lead]
    cand, lead, cause = cand[takes], lead[takes], cause[takes]
    if len(cand):
        w.protector[cand] = lead
        ctx.emit("protected", lead, target=cand, pack=w.pack[cand], cause=cause)
        ties.remember(
            world,
            cand,
            lead,
            affinity=v.protected_affinity,
            trust=v.protected_trust,
            memory=Memory.PROTECTION,
            event=cause,
        )


def _guarded(world: World, rows: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which wolves have a living protector in their pack (R52)."""
    return world.beside(rows, world.wolves.protector[rows])


def _broken_promise(
    world: World, rows: NDArray[np.int64], cause: NDArray[np.int64], harm: float
) -> None:
    """Harm despite a protector's promise hurts more, and costs trust in the protector (R52)."""
    w, v = world.wolves, world.rules.violence
    guarded = _guarded(world, rows)
    rows, cause = rows[guarded], cause[guarded]
    if len(rows) == 0:
        return
    w.hurt[rows] += harm
    ties.remember(
        world,
        rows,
        w.protector[rows],
        trust=-v.broken_promise_trust_cost,
        affinity=-v.broken_promise_affinity_cost,
        memory=Memory.BROKEN_PROMISE,
        event=cause,
    )


def _voice(
    world: World,
    ctx: Context,
    rows: NDArray[np.int64],
    alpha: NDArray[np.int32],
    obeyed: NDArray[np.bool_],
) -> None:
    if len(rows) == 0:
        return
    w, r = world.wolves, world.rules.voice
    ids = ctx.emit(
        "alpha_voice", alpha, target=rows, pack=w.pack[rows], detail=obeyed.astype(np.int64)
    )
    ties.remember(
        world, rows, alpha, trust=-r.trust_cost, fear=r.fear_cost, memory=Memory.VOICE, event=ids
    )


def _jealous(
    world: World,
    ctx: Context,
    rows: NDArray[np.int64],
    mate_of: NDArray[np.int32],
    peer_of: NDArray[np.int32],
) -> None:
    if len(rows) == 0:
        return
    w, r = world.wolves, world.rules.jealousy
    mate, peer = mate_of[rows], peer_of[rows]
    fuelled = w.rumour_about[rows] == mate
    cause = np.where(fuelled, w.rumour_event[rows], -1)
    ctx.emit("jealous", rows, target=mate, other=peer, pack=w.pack[rows], cause=cause)
    ties.remember(world, rows, mate, trust=-r.trust_cost)
    ties.remember(world, rows, peer, affinity=-r.rival_affinity_cost)
    w.hurt[rows] += r.harm


def _rumours(
    world: World,
    ctx: Context,
    started: NDArray[np.int64],
    tellers: NDArray[np.int64],
    partner: NDArray[np.int32],
) -> None:
    w = world.wolves
    if len(tellers):
        listeners = partner[tellers]
        ctx.emit(
            "rumour_passed",
            tellers,
            target=listeners,
            other=w.rumour_about[listeners],
            pack=w.pack[tellers],
            value=w.rumour_true[listeners].astype(np.int64),
            cause=w.rumour_event[listeners],
        )
    if len(started):
        ids = ctx.emit(
            "rumour",
            started,
            target=w.rumour_about[started],
            other=w.rumour_with[started],
            pack=w.pack[started],
            value=w.rumour_true[started].astype(np.int64),
        )
        w.rumour_event[started] = ids
