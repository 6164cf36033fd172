"""Acceptance of newcomers (R40): integration for some, the margin for others."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.state import Designation

from ...conftest import generated, run_only, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}
TWO_YEARS = 2 * 364
SOCIAL = ["contact", "acceptance"]
"""Acceptance moves with contact, so both run."""


def _absorbed(hostility: float, omega_contempt: float = 0.3, extra: str = ""):  # type: ignore[no-untyped-def]
    """A world where a third of every pack are survivors of an enemy pack, newly absorbed."""
    world = world_of(generated(300, extra=extra), seeds=[1, 2, 3])
    w, p = world.wolves, world.packs
    p.outsider_hostility[: p.size] = hostility
    p.omega_status_penalty[: p.size] = omega_contempt
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    survivors = rows[::3]
    w.acceptance[survivors] = 0.15
    w.stigma[survivors] = 0.8
    w.joined_day[survivors] = 0
    return world, survivors


def test_absorbed_survivors_mostly_integrate_but_some_stay_on_the_margin() -> None:
    """Over two years mean acceptance rises and its spread widens; some never integrate."""
    world, survivors = _absorbed(hostility=0.8)
    w = world.wolves
    start_mean, start_sd = w.acceptance[survivors].mean(), w.acceptance[survivors].std()
    ev = run_only(world, SOCIAL, TWO_YEARS).log.drain()
    alive = survivors[w.alive[survivors]]
    end = w.acceptance[alive]
    assert end.mean() > start_mean + 0.2
    assert end.std() > start_sd + 0.15
    assert (end >= world.rules.acceptance.integrated_at).mean() > 0.15
    assert (end < 0.3).mean() > 0.05
    integrated = ev["actor"][ev["kind"] == KIND["integrated"]]
    assert len(integrated) >= (end >= world.rules.acceptance.integrated_at).sum()


def test_a_hostile_pack_accepts_newcomers_more_slowly() -> None:
    """Outsider hostility (R26) weighs the stigma: the same survivors fare worse."""
    means = []
    for hostility in (0.1, 0.9):
        world, survivors = _absorbed(hostility)
        run_only(world, SOCIAL, 364)
        means.append(world.wolves.acceptance[survivors].mean())
    assert means[1] < means[0] - 0.1


def test_omegas_are_accepted_less_where_omegas_are_despised() -> None:
    """A pack's contempt for omegas (R26) holds its omega newcomers back."""
    means = []
    for contempt in (0.0, 1.0):
        world, survivors = _absorbed(0.5, omega_contempt=contempt)
        omegas = survivors[world.wolves.designation[survivors] == Designation.OMEGA]
        assert len(omegas) > 20
        run_only(world, SOCIAL, 364)
        means.append(world.wolves.acceptance[omegas].mean())
    assert means[1] < means[0] - 0.1


def test_switched_off_acceptance_stays_put_and_nobody_integrates() -> None:
    """The rule's switch removes the events and the effect."""
    world, survivors = _absorbed(0.5, extra="[rules.overrides.acceptance]\nenabled = false\n")
    ev = run_only(world, SOCIAL, 364).log.drain()
    assert np.all(world.wolves.acceptance[survivors] == np.float32(0.15))
    assert not np.any(ev["kind"] == KIND["integrated"])


def test_a_stranger_who_joins_starts_part_way_without_stigma() -> None:
    """A disperser adopted by a pack where nobody knows it starts at ``stranger_start``."""
    world = world_of(generated(80, preset="ecology", size_mean=3))
    w = world.wolves
    rows = np.flatnonzero(w.view("alive"))[:100]
    w.pack[rows], w.mate[rows], w.dispersing[rows] = -1, -1, True
    w.stigma[rows] = 0.9
    ev = run_only(world, ["dispersal"], 60).log.drain()
    joined = np.isin(w.id[rows], ev["actor"][(ev["kind"] == KIND["settled"]) & (ev["detail"] == 0)])
    assert joined.sum() > 5
    assert np.all(w.acceptance[rows[joined]] == np.float32(world.rules.acceptance.stranger_start))
    assert np.all(w.stigma[rows[joined]] == 0)
