"""Two forms (R4, R5): wolves return to human form in the village after being out as wolves.

A wolf in wolf form shifts back to human form, unless it is wounded, its wound is still above
the rules' threshold, and it has learned caution (R5: shifting tore its wound before). Shifting
with an open wound may tear it wider (see :func:`packbond.shared.body.shift`).

Reads: alive, form, wound, shift_caution. Writes: form, wound, bleeding, shift_caution.
Emits: ``shifted``, ``wound_torn``. Rules: ``forms``.
"""

from __future__ import annotations

from .. import kernels
from ..core.context import Context
from ..shared import body
from ..state import Form, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Shift wolves back to human form, the cautious wounded ones waiting."""
    w, f = world.wolves, world.rules.forms
    rows = kernels.living_equal(w.view("alive"), w.view("form"), int(Form.WOLF))
    if len(rows) == 0:
        return
    waits = (w.wound[rows] > f.wait_below_severity) & (
        ctx.draw("shift_wait", rows) < w.shift_caution[rows]
    )
    body.shift(world, ctx, rows[~waits], Form.HUMAN)
