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
Vivid memories of deeds fade week by week unless renewed. Both the week's pass over every living
wolf and the fading are single compiled passes (:mod:`packbond.kernels.wellbeing`); this module
turns what they report into events.

Reads: alive, support, shunned, hurt, hunger, wound, stress, mate, attention, ties.
Writes: wellbeing, withdrawn, dark, low_weeks, security, stress, hurt, tie_weight, tie_memory.
Emits: ``withdrew``, ``darkness``, ``recovered``, ``torn``. Rules: ``wellbeing``, ``contact``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels
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
    recovered, recovered_at, darkened, withdrew, withdrew_at, torn = kernels.weekly_wellbeing(
        w.bundle(kernels.Life),
        w.bundle(kernels.Spirits),
        w.view("tie_other"),
        w.view("tie_affinity"),
        w.view("tie_trust"),
        kernels.WellbeingParams(**r.model_dump(include=set(kernels.WellbeingParams._fields))),
    )
    if len(recovered):
        ctx.emit("recovered", recovered, pack=w.pack[recovered], value=np.round(recovered_at, 2))
    if len(darkened):
        ctx.emit("darkness", darkened, pack=w.pack[darkened], value=w.low_weeks[darkened])
    if len(withdrew):
        ids = ctx.emit("withdrew", withdrew, pack=w.pack[withdrew], value=np.round(withdrew_at, 2))
        if torn.any():
            # R3: the inner wolf still wants its mate while the wolf keeps away (its stress
            # rose in the pass).
            pulled = withdrew[torn]
            ctx.emit("torn", pulled, target=w.mate[pulled], pack=w.pack[pulled], cause=ids[torn])


def _fade_memories(world: World) -> None:
    """A week of fading for every vivid memory; a faded memory is forgotten."""
    w = world.wolves
    keep = np.float32((1.0 - world.rules.contact.memory_fade) ** _WEEK)
    kernels.fade_memories(w.view("tie_weight"), w.view("tie_memory"), keep)
