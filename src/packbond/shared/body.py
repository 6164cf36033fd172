"""Body mechanics shared by several systems: shifting form (R4, R5) and taking a wound (R32).

Systems never import each other; what two systems must do the same way lives here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.context import Context
from ..events import registry
from ..state import WOUND_SITES, World

__all__ = ["die", "reopen_if_active", "shift", "wound"]


def shift(world: World, ctx: Context, rows: NDArray[np.int64], to_form: int) -> None:
    """Shift wolves to a form. An open wound may tear wider (R5), which teaches caution.

    Shifting is routine and leaves no event unless the wolf is wounded: then ``shifted`` is
    emitted, and ``wound_torn`` (caused by it) if the wound tears.
    """
    w, f = world.wolves, world.rules.forms
    if not f.enabled:
        return
    rows = rows[w.form[rows] != to_form]
    w.form[rows] = to_form
    hurt = rows[w.wound[rows] > 0]
    if len(hurt) == 0:
        return
    shifted = ctx.emit(
        "shifted", hurt, pack=w.pack[hurt], detail=to_form, value=np.round(w.wound[hurt], 3)
    )
    tears = ctx.draw("shift_tear", hurt) < f.tear_probability
    torn = hurt[tears]
    if len(torn) == 0:
        return
    w.wound[torn] = np.minimum(1.0, w.wound[torn] * (1.0 + f.tear_growth))
    w.bleeding[torn] = True
    w.shift_caution[torn] += f.experience_per_tear * (1.0 - w.shift_caution[torn])
    ctx.emit(
        "wound_torn",
        torn,
        pack=w.pack[torn],
        value=np.round(w.wound[torn], 3),
        cause=shifted[tears],
    )


def wound(
    world: World,
    ctx: Context,
    rows: NDArray[np.int64],
    severity: NDArray[np.float64],
    site: NDArray[np.int64],
    cause: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Wound wolves: severity adds to any open wound; emits ``injured``; returns its ids."""
    w = world.wolves
    w.wound[rows] = np.minimum(1.0, w.wound[rows] + severity)
    w.wound_site[rows] = np.minimum(site, len(WOUND_SITES) - 1)
    w.bleeding[rows] = True
    ids = ctx.emit(
        "injured",
        rows,
        pack=w.pack[rows],
        detail=w.wound_site[rows],
        value=np.round(severity, 3),
        cause=cause,
    )
    w.wound_event[rows] = ids
    return ids


def reopen_if_active(world: World, ctx: Context, rows: NDArray[np.int64], purpose: str) -> None:
    """Wolves out hunting or gathering with an open wound may reopen it (R32)."""
    w, r = world.wolves, world.rules.wounds
    hurt = rows[w.wound[rows] > 0]
    reopen = hurt[ctx.draw(purpose, hurt) < r.reopen_when_active]
    if len(reopen):
        w.bleeding[reopen] = True
        ctx.emit(
            "wound_reopened",
            reopen,
            pack=w.pack[reopen],
            value=np.round(w.wound[reopen], 3),
            cause=w.wound_event[reopen],
        )


def die(
    world: World,
    ctx: Context,
    rows: NDArray[np.int64],
    cause: str | NDArray[np.int64],
    cause_event: NDArray[np.int64] | None = None,
) -> None:
    """Emit ``died`` (cause label or codes, age, the event that caused it) and kill the wolves."""
    if len(rows) == 0:
        return
    w = world.wolves
    code = registry().code("death_cause", cause) if isinstance(cause, str) else cause
    age = (ctx.day - w.birth_day[rows]) / world.calendar.days_per_year
    w.death_event[rows] = ctx.emit(
        "died", rows, pack=w.pack[rows], detail=code, value=np.round(age, 1), cause=cause_event
    )
    ctx.kill(rows)
