"""Acceptance of newcomers (R40): some integrate over time, others stay on the margin.

A wolf born into its pack, or founding it, is accepted (1). A newcomer starts lower: a stranger
whom nobody knows at ``stranger_start`` without stigma; a survivor of an enemy pack lower still,
carrying stigma. Each week acceptance moves toward 1 at the wolf's own pace (a fixed draw per
wolf, spread on a log scale, so that some integrate fast and some hardly at all), as far as it
was among the pack that week (a wolf who stays away is not got used to, R43), and with the
warmth of its contacts; it falls with its stigma, weighed by the pack's outsider hostility, for
an omega with the pack's contempt for omegas (R26), and with envy when its mate is esteemed far
above it (R27). Blame takes acceptance away at once (see blame). Stigma fades slowly. A newcomer
whose acceptance first reaches ``integrated_at`` is ``integrated``; a later fall and rise counts
again. The week's contact tally is then cleared.

Reads: alive, pack, designation, mate, esteem, acceptance, stigma, joined_day, contacts,
contact_sum; packs' norms. Writes: acceptance, stigma, contacts, contact_sum.
Emits: ``integrated``. Rules: ``acceptance``, ``contact``.
"""

from __future__ import annotations

import numpy as np

from .. import kernels, rng
from ..context import Context
from ..rules import Rules
from ..state import Designation, World

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
    done = kernels.weekly_acceptance(
        w.bundle(kernels.Newcomers),
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


def _acceptance_rules(rules: Rules) -> kernels.AcceptanceRules:
    """The kernel's flat rules: float32 where the NumPy formula meets a float32 column."""
    r = rules.acceptance
    return kernels.AcceptanceRules(
        contact=rules.contact.enabled,
        contacts_for_full_pace=float(r.contacts_for_full_pace),
        contact_weight=np.float32(rules.contact.acceptance_weight),
        envy_weight=float(r.envy_weight),
        stigma_weight=np.float32(r.stigma_weight),
        omega_weight=float(r.omega_weight),
        omega=int(Designation.OMEGA),
        integrated_at=float(r.integrated_at),
        stigma_kept=np.float32(1.0 - r.stigma_fade),
    )
