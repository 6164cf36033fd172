"""Blame (R42): when a wolf is hurt because of another, its pack blames that other.

A wound suffered for someone else (a helper hurt on the hunt by going to a packmate's aid) is laid
at that wolf's door, in proportion to how valued the hurt wolf is (R27): the culprit loses
acceptance and wellbeing, and each friend of the hurt wolf in the pack remembers the blame, liking
the culprit less. The wound's mark is cleared once judged.

Reads: alive, pack, esteem, harmed_for, harmed_event, ties. Writes: acceptance, hurt, ties,
harmed_for. Emits: ``blamed`` (caused by the deed). Rules: ``blame``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels
from ..core.context import Context
from ..shared import ties
from ..state import Memory, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Judge today's wounds suffered for another."""
    w, r = world.wolves, world.rules.blame
    victims = kernels.rows_above(w.view("harmed_for"), -1)
    if len(victims) == 0:
        return
    culprit, deed = w.harmed_for[victims], w.harmed_event[victims]
    w.harmed_for[victims] = -1
    w.harmed_event[victims] = -1
    if not r.enabled:
        return
    judged = world.beside(victims, culprit)
    victims, culprit, deed = victims[judged], culprit[judged], deed[judged]
    if len(victims) == 0:
        return
    esteem = w.esteem[victims].astype(np.float64)
    lost = np.minimum(w.acceptance[culprit], r.acceptance_cost * esteem)
    np.subtract.at(w.acceptance, culprit, lost.astype(np.float32))
    np.add.at(w.hurt, culprit, (r.harm * esteem).astype(np.float32))
    ids = ctx.emit(
        "blamed", culprit, target=victims, pack=w.pack[culprit], value=np.round(lost, 3), cause=deed
    )
    # Friends of the hurt wolf in its pack remember who got it hurt.
    hit_packs = np.zeros(world.packs.size, dtype=bool)
    hit_packs[w.pack[victims]] = True
    members = world.members_of(hit_packs)
    # NOTE: each tie slot names one wolf, so a lookup from row to case finds every friend of a
    # victim in one pass over the slots, where comparing every slot with every victim would
    # grow with their product; the order of the matches is the same.
    case_of = np.full(w.size, -1, dtype=np.int64)
    case_of[victims] = np.arange(len(victims))
    other = w.tie_other[members]
    case_at = np.where(other >= 0, case_of[np.maximum(other, 0)], -1)
    friendly = w.tie_affinity[members] >= r.friend_at
    member_i, slot = np.nonzero((case_at >= 0) & friendly)
    friend, case = members[member_i], case_at[member_i, slot]
    keep = friend != culprit[case]
    friend, case = friend[keep], case[keep]
    ties.remember(
        world,
        friend,
        culprit[case],
        affinity=-r.affinity_cost * esteem[case],
        trust=-r.trust_share * r.affinity_cost * esteem[case],
        memory=Memory.BLAME,
        weight=esteem[case],
        event=ids[case],
    )
