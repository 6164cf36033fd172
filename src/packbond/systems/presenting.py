"""Aging and presenting (R1, R2): adolescents present as alpha, beta or omega; omegas' first heat.

Aging is implicit (age = day - birth_day). A wolf presents on the day its age reaches its
``present_age``; its designation is drawn from the rules' odds for its sex. An omega then has its
first heat, which makes it eligible for mating (R2); other designations are eligible at once.
Presenting brings its scent (R8): notes drawn from the shipped vocabulary, leaning by designation.

Reads: alive, birth_day, present_age, designation, sex. Writes: designation, eligible, scent,
single_since.
Emits: ``presented`` (detail designation, value age in years), ``first_heat`` (caused by it).
Rules: ``designation``, ``presenting``, ``scent.notes_per_wolf``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels
from ..core import rng
from ..core.context import Context
from ..shared.scent import draw_scents
from ..state import Designation, World

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """Present every wolf whose age reached its presenting age today."""
    w, rules = world.wolves, world.rules
    rows = kernels.due_to_present(
        w.view("alive"),
        w.view("designation"),
        w.view("birth_day"),
        w.view("present_age"),
        int(Designation.UNPRESENTED),
        ctx.day,
    )
    if len(rows) == 0:
        return
    odds = np.array(
        [[o.alpha, o.beta, o.omega] for o in (rules.designation.female, rules.designation.male)]
    )
    drawn = 1 + rng.weighted_choice(ctx.draw("designation", rows), odds[w.sex[rows]])
    w.designation[rows] = drawn
    w.single_since[rows] = ctx.day
    notes = [ctx.draw("scent", rows, k) for k in range(rules.scent.notes_per_wolf)]
    w.scent[rows] = draw_scents(np.stack(notes, axis=1), drawn)
    years = (ctx.day - w.birth_day[rows]) / world.calendar.days_per_year
    presented = ctx.emit(
        "presented", rows, pack=w.pack[rows], detail=drawn, value=np.round(years, 1)
    )
    omega = drawn == Designation.OMEGA
    heat = omega & rules.presenting.first_heat
    w.eligible[rows[~heat]] = True
    if heat.any():
        w.eligible[rows[heat]] = True
        ctx.emit("first_heat", rows[heat], pack=w.pack[rows[heat]], cause=presented[heat])
