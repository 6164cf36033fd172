"""The weekly acceptance kernel equals the NumPy formula it replaces, bit for bit."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from packbond.core import rng
from packbond.core.context import Context
from packbond.events.log import EventLog
from packbond.state import DESIGNATIONS, Designation, World
from packbond.systems.acceptance import system as acceptance

from ...conftest import generated, set_rules, world_of


def _numpy_acceptance(world: World) -> tuple[np.ndarray, ...]:
    """A week of acceptance as the system computed it with NumPy before its kernel: the new
    acceptance and stigma columns, and the rows that crossed into integration."""
    w, p, r = world.wolves, world.packs, world.rules.acceptance
    acceptance_now, stigma = w.view("acceptance").copy(), w.view("stigma").copy()
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0) & (acceptance_now < 1.0))
    pk = w.pack[rows]
    if world.rules.contact.enabled:
        among = np.minimum(1.0, w.contacts[rows] / r.contacts_for_full_pace)
        warmth = world.rules.contact.acceptance_weight * w.contact_sum[rows]
    else:
        among, warmth = np.ones(len(rows)), np.zeros(len(rows))
    mate = w.mate[rows]
    beside = world.beside(rows, mate)
    envy = r.envy_weight * beside * np.maximum(w.esteem[np.maximum(mate, 0)] - w.esteem[rows], 0)
    acc = w.acceptance[rows].astype(np.float64)
    z = rng.normal(world.seeds[w.replicate[rows]], 0, w.id[rows], "integration_pace")
    pace = np.minimum(1.0, r.pace * np.exp(r.pace_spread * z - r.pace_spread**2 / 2))
    omega = w.designation[rows] == Designation.OMEGA
    loss = (
        r.stigma_weight * w.stigma[rows] * p.outsider_hostility[pk]
        + r.omega_weight * omega * p.omega_status_penalty[pk]
    )
    new = np.clip(acc + pace * among * (1.0 - acc) + warmth - loss - envy, 0.0, 1.0)
    crossed = (acc < r.integrated_at) & (new >= r.integrated_at)
    acceptance_now[rows] = new
    stigma[rows] *= np.float32(1.0 - r.stigma_fade)
    return acceptance_now, stigma, rows[crossed]


@pytest.mark.parametrize("contact", [True, False])
def test_weekly_acceptance_equals_the_numpy_formula(contact: bool) -> None:
    """A week of acceptance, bit for bit against the NumPy formula it replaced, on two replicates
    with every term at work: newcomers near the integration mark, stigma, omegas in packs that
    despise them, mates esteemed above them (beside them or gone), the week's contacts and their
    warmth, the dead and the packless in the table; and without contact (full pace)."""
    world = world_of(generated(60), seeds=[3, 4])
    set_rules(world, "contact", enabled=contact)
    w, p = world.wolves, world.packs
    n = w.size
    gen = np.random.default_rng(12)
    w.acceptance[:n] = np.where(gen.random(n) < 0.8, 0.6 + 0.3 * gen.random(n), 1.0)
    w.stigma[:n] = gen.random(n) * (gen.random(n) < 0.5)
    w.esteem[:n] = gen.random(n)
    w.contacts[:n] = gen.integers(0, 8, n)
    w.contact_sum[:n] = 2 * gen.random(n) - 1
    w.designation[:n] = gen.integers(0, len(DESIGNATIONS), n)
    w.pack[:n] = np.where(gen.random(n) < 0.05, -1, w.pack[:n])
    w.alive[:n] &= gen.random(n) < 0.95
    p.outsider_hostility[: p.size] = gen.random(p.size)
    p.omega_status_penalty[: p.size] = gen.random(p.size)
    reference = copy.deepcopy(world)
    want_acceptance, want_stigma, want_crossed = _numpy_acceptance(reference)

    log = EventLog(world.replicates)
    ctx = Context(world, log)
    ctx.day = 14
    acceptance.step(world, ctx)
    assert np.array_equal(w.view("acceptance"), want_acceptance)
    assert np.array_equal(w.view("stigma"), want_stigma)
    integrated = log.drain()
    assert len(want_crossed) and np.array_equal(integrated["actor"], w.id[want_crossed])
    assert not w.view("contacts").any() and not w.view("contact_sum").any()  # the week cleared
    moved = want_acceptance != reference.wolves.view("acceptance")
    assert moved.sum() > n // 2  # most newcomers moved: the comparison is not of idle rows
