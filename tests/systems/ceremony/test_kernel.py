"""The ceremony kernels sort out the betrothed and make mates as the NumPy code did, bit for bit."""

from __future__ import annotations

import copy

import numpy as np

from packbond import kernels
from packbond.core.engine import Engine
from packbond.state import World
from packbond.systems.ceremony import kernel as ceremony_kernel

from ...conftest import generated, world_of


def _numpy_ceremonies(world: World, day: int):  # type: ignore[no-untyped-def]
    """The betrothed sorted out as NumPy did before the compiled ``ceremonies`` (with the calling
    off of the interrupted, whose effect on the due it must keep)."""
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("betrothed") > -1))
    partner = w.betrothed[rows]
    once = (rows < partner) | ~w.alive[partner]
    rows, partner = rows[once], partner[once]
    pack = w.pack[rows]
    dead = ~w.alive[partner]
    apart = ~dead & ((pack != w.pack[partner]) | (pack < 0))
    stop = dead | apart
    a, b = rows[stop], partner[stop]
    why = np.where(dead[stop], 1, 2)
    gone = np.where(w.left_event[b] >= 0, w.left_event[b], w.ran_event[b])
    gone = np.where(gone >= 0, gone, np.maximum(w.left_event[a], w.ran_event[a]))
    cause = np.where(why == 1, w.death_event[b], gone)
    ceremony_day = w.ceremony_day.copy()
    off = np.concatenate([a, w.betrothed[a][w.betrothed[a] >= 0]])
    ceremony_day[off] = -1
    due = ~stop & (ceremony_day[rows] == day)
    order = np.array([9, 0, 1, 2])
    x, y = rows[due], partner[due]
    swap = order[w.designation[y]] < order[w.designation[x]]
    biter, bearer = np.where(swap, y, x), np.where(swap, x, y)
    return a, b, why, cause, biter, bearer, w.arranged[biter]


def _numpy_bond(world: World, biter: np.ndarray, bearer: np.ndarray, day: int, strength):  # type: ignore[no-untyped-def]
    """A new pair's writes as NumPy made them before :func:`packbond.kernels.mate_pairs`."""
    w, r = world.wolves, world.rules.bond
    w.mate[biter] = bearer
    w.mate[bearer] = biter
    both = np.concatenate([biter, bearer])
    w.marked_by[bearer] = biter
    w.mated_day[both] = day
    w.single_since[both] = -1
    pair = np.concatenate([both, w.betrothed[both][w.betrothed[both] >= 0]])
    w.betrothed[pair] = -1
    w.ceremony_day[pair] = -1
    w.arranged[pair] = False
    w.felt_wound[both] = -1
    w.felt_dark[both] = False
    if r.enabled:
        w.bond[both] = np.concatenate([np.broadcast_to(strength, len(biter))] * 2)
        w.attention[both] = 1.0 - r.inattention * w.ambition[both]


def test_ceremony_kernels_equal_the_numpy_formulas() -> None:
    """Interrupted and due ceremonies (a partner dead, the two apart, a promise not returned),
    who bites, and a new pair's mate, mark, bond and attention, bit for bit against NumPy."""
    from packbond.shared import mating

    world = world_of(generated(80, "seed"), [3, 4])
    Engine(world, metrics_every=7).run(3)
    w = world.wolves
    gen = np.random.default_rng(8)
    n = w.size
    rows = np.argsort(w.pack[:n], kind="stable")[: n // 2 * 2].reshape(-1, 2)  # mostly packmates
    w.betrothed[:n] = -1
    w.betrothed[rows[:, 0]] = rows[:, 1]
    w.betrothed[rows[:, 1]] = rows[:, 0]
    loose = gen.choice(n, 20, replace=False)  # promised to someone who is promised elsewhere
    w.betrothed[loose] = gen.choice(n, 20)
    w.ceremony_day[:n] = np.where(gen.random(n) < 0.6, 5, 9)
    w.arranged[:n] = gen.random(n) < 0.3
    w.alive[gen.choice(n, n // 10, replace=False)] = False
    w.pack[gen.choice(n, n // 10, replace=False)] = -1
    for c in ("left_event", "ran_event", "death_event"):
        getattr(w, c)[:n] = np.where(gen.random(n) < 0.3, gen.integers(0, 999, n), -1)
    w.designation[:n] = gen.integers(0, 4, n)
    expected = _numpy_ceremonies(world, 5)
    got = ceremony_kernel.ceremonies(
        w.bundle(ceremony_kernel.BetrothedColumns),
        5,
        mating.BITE_ORDER,
    )
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)  # rows as int64 where NumPy left some int32
    assert len(got[0]) > 10 and set(got[2]) == {1, 2} and len(got[4]) > 10
    biter, bearer = got[4], got[5]
    strength = np.where(got[6], 0.2, 0.5)
    twin = copy.deepcopy(world)
    _numpy_bond(twin, biter, bearer, 5, strength)
    mating.bond(world, biter, bearer, 5, strength)
    for c in kernels.MateColumns._fields:
        assert np.array_equal(w.view(c), twin.wolves.view(c)), c
