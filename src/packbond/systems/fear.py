"""Fading fear (R58): fear of another fades week by week without new cause.

A switch, on in every preset (``ties.fear_fade.enabled``). Where it is on, each week every
living wolf keeps ``1 - ties.fear_fade.weekly`` of its fear in each tie it holds, so fear falls
geometrically toward 0 and never below. A new cause (a blow, the alpha voice, a pressed offer)
adds fear on top of what is left, so fear that keeps being renewed stays high while fear of a
wolf who has done nothing lately fades. A dead wolf's ties stay as they were when it died.
Affinity, trust and memories are left alone (memories fade in wellbeing).

A routine drift, told by no event (like stress and memories fading): the story is in the events
that raised the fear, and the fear a wolf still feels shows in the ``ties`` table and in what it
does (it bares its neck less, R12; it refuses a feared suitor less, R17).

Reads: alive, tie_other, tie_fear. Writes: tie_fear. Emits: nothing. Rules: ``ties.fear_fade``.
"""

from __future__ import annotations

import numpy as np

from ..core.context import Context
from ..state import World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """One week of fading for the fear in every tie a living wolf holds."""
    r = world.rules.ties.fear_fade
    if not r.enabled:
        return
    w = world.wolves
    fear = w.view("tie_fear")
    held = (w.view("tie_other") >= 0) & w.view("alive")[:, None]
    # In place and in float32, the column's type: after n weeks, fear is keep**n step by step.
    np.multiply(fear, np.float32(1.0 - r.weekly), out=fear, where=held)
