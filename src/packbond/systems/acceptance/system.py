"""Acceptance: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

import numpy as np

from packbond.core import rng
from packbond.core.context import Context
from packbond.rules import Rules
from packbond.rules.derived import kernel_rules
from packbond.state import Designation, World

from . import kernel

__all__ = ["step"]


def step(world: World, ctx: Context) -> None:
    """One week of acceptance for every wolf not yet fully accepted."""
    w, p, r = world.wolves, world.packs, world.rules.acceptance
    alive, pack = w.view("alive"), w.view("pack")
    rows = np.flatnonzero(alive & (pack >= 0) & (w.view("acceptance") < 1.0))
    # The week's tally is read for the wolves that move, then cleared for every wolf.
    contacts, contact_sum = w.contacts[rows], w.contact_sum[rows]
    w.view("contacts")[:] = 0
    w.view("contact_sum")[:] = 0.0
    if not r.enabled or len(rows) == 0:
        return
    # Each wolf's own pace: a pure function of its id (drawn once, the same every week).
    z = rng.normal(world.seeds[w.replicate[rows]], 0, w.id[rows], "integration_pace")
    pace = np.minimum(1.0, r.pace * np.exp(r.pace_spread * z - r.pace_spread**2 / 2))
    done = kernel.weekly_acceptance(
        w.bundle(kernel.NewcomerColumns),
        rows,
        pace,
        contacts,
        contact_sum,
        p.view("outsider_hostility"),
        p.view("omega_status_penalty"),
        _acceptance_rules(world.rules),
    )
    if len(done):
        weeks = np.where(w.joined_day[done] >= 0, (ctx.day - w.joined_day[done]) // 7, 0)
        ctx.emit("integrated", done, pack=w.pack[done], value=weeks)


def _acceptance_rules(rules: Rules) -> kernel.AcceptanceRules:
    """The kernel's rules, with the share of stigma kept in float32 as NumPy keeps it."""
    return kernel_rules(
        kernel.AcceptanceRules,
        rules.acceptance,
        rules.contact,
        contact=rules.contact.enabled,
        omega=int(Designation.OMEGA),
        stigma_kept=np.float32(1.0 - rules.acceptance.stigma_fade),
    )
