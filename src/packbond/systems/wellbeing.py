"""Wellbeing (R44), attachment security (R45), withdrawal (R43) and the inner wolf (R3).

Each week a wolf's wellbeing moves part of the way toward a set point made of its life: the
support it felt in contact, being kept out, its mate's trust and liking when the mate is in the
pack (as far as the mate pays attention, R20), hunger, wounds and stress; blows, blame, being
barred from the pups, jealousy, broken promises and a mate's pain felt through the bond this
week take their toll directly. Below ``withdraw_below`` it ``withdrew``: it stays
away from the pack (fewer contacts, so less support and slower acceptance), skips outings and
eats less, which feeds back. Below ``dark_below`` for ``dark_weeks`` weeks it sinks into
``darkness``, where it barely eats and so risks starving. Above ``recover_above`` it
``recovered``. A withdrawn wolf whose inner wolf still wants its mate is ``torn``, at a cost in
stress (R3). Security mends slowly under support (R45); blows take it away (see contact).
Vivid memories of deeds fade week by week unless renewed.

Reads: alive, support, shunned, hurt, hunger, wound, stress, mate, attention, ties.
Writes: wellbeing, withdrawn, dark, low_weeks, security, stress, hurt, tie_weight.
Emits: ``withdrew``, ``darkness``, ``recovered``, ``torn``. Rules: ``wellbeing``, ``contact``.
"""

from __future__ import annotations

import numpy as np

from .. import ties
from ..context import Context
from ..state import World

__all__ = ["step"]

_WEEK = 7


def step(world: World, ctx: Context) -> None:
    """One week of wellbeing for every living wolf."""
    w, r = world.wolves, world.rules.wellbeing
    _fade_memories(world)
    if not r.enabled:
        w.view("hurt")[:] = 0.0
        return
    rows = np.flatnonzero(w.view("alive"))
    mate = w.mate[rows]
    with_mate = world.beside(rows, mate)
    mate_support = np.zeros(len(rows))
    if with_mate.any():
        pair = rows[with_mate], mate[with_mate]
        liking = np.maximum(ties.lookup(world, *pair, "affinity"), 0.0)
        # R20: an inattentive mate gives less of the support the tie could give.
        attention = w.attention[mate[with_mate]]
        mate_support[with_mate] = liking * ties.lookup(world, *pair, "trust") * attention
    set_point = (
        r.set_point
        + r.support_weight * w.support[rows]
        - r.exclusion_weight * w.shunned[rows]
        + r.mate_weight * mate_support
        - r.hunger_weight * w.hunger[rows]
        - r.wound_weight * w.wound[rows]
        - r.stress_weight * w.stress[rows]
    )
    old = w.wellbeing[rows].astype(np.float64)
    new = np.clip(old + r.pull * (set_point - old) - w.hurt[rows], 0.0, 1.0)
    w.wellbeing[rows] = new
    w.hurt[rows] = 0.0
    w.security[rows] += (
        r.security_mend * np.maximum(w.support[rows], 0.0) * (1.0 - w.security[rows])
    ).astype(np.float32)
    w.stress[rows] *= np.float32(1.0 - r.stress_fade)
    _moods(world, ctx, rows, new, with_mate)


def _moods(
    world: World, ctx: Context, rows: np.ndarray, wellbeing: np.ndarray, with_mate: np.ndarray
) -> None:
    """Withdrawal, the dark state and recovery, as states with events at their edges."""
    w, r = world.wolves, world.rules.wellbeing
    withdrawn = w.withdrawn[rows]
    starts = ~withdrawn & (wellbeing < r.withdraw_below)
    ends = withdrawn & (wellbeing > r.recover_above)
    low = withdrawn & ~ends & (wellbeing < r.dark_below)
    w.low_weeks[rows] = np.where(low, w.low_weeks[rows] + 1, 0).astype(np.int16)
    sinks = low & ~w.dark[rows] & (w.low_weeks[rows] >= r.dark_weeks)
    pk = w.pack[rows]
    if ends.any():
        back = rows[ends]
        w.withdrawn[back] = False
        w.dark[back] = False
        ctx.emit("recovered", back, pack=pk[ends], value=np.round(wellbeing[ends], 2))
    if sinks.any():
        w.dark[rows[sinks]] = True
        ctx.emit("darkness", rows[sinks], pack=pk[sinks], value=w.low_weeks[rows[sinks]])
    if starts.any():
        gone = rows[starts]
        w.withdrawn[gone] = True
        ids = ctx.emit("withdrew", gone, pack=pk[starts], value=np.round(wellbeing[starts], 2))
        # R3: the inner wolf still wants its mate while the wolf keeps away.
        pulled = with_mate[starts]
        if pulled.any():
            torn, mate = gone[pulled], w.mate[gone[pulled]]
            wants = ties.lookup(world, torn, mate, "affinity") > 0
            torn, mate = torn[wants], mate[wants]
            if len(torn):
                w.stress[torn] = np.minimum(1.0, w.stress[torn] + r.inner_conflict)
                ctx.emit("torn", torn, target=mate, pack=w.pack[torn], cause=ids[pulled][wants])


def _fade_memories(world: World) -> None:
    """A week of fading for every vivid memory; a faded memory is forgotten."""
    w = world.wolves
    weight = w.view("tie_weight")
    vivid = np.flatnonzero((weight > 0).any(axis=1))
    if len(vivid) == 0:
        return
    keep = np.float32((1.0 - world.rules.contact.memory_fade) ** _WEEK)
    faded = w.tie_weight[vivid] * keep
    gone = faded < 0.02
    faded[gone] = 0.0
    w.tie_weight[vivid] = faded
    memory = w.tie_memory[vivid]
    memory[gone] = 0
    w.tie_memory[vivid] = memory
