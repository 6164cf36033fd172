"""The courtship kernel's choices equal the NumPy choice it replaces, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.core.context import Context
from packbond.core.engine import Engine
from packbond.events.log import EventLog
from packbond.shared import mating, ties
from packbond.shared.scent import likeness
from packbond.state import World
from packbond.systems.courtship import system as courtship

from ...conftest import generated, world_of


def _numpy_choose(
    world: World, ctx: Context, suitors: np.ndarray, free: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The suitors' choice as courtship made it in NumPy before ``court_choices``."""
    w, r = world.wolves, world.rules.courtship
    k = r.candidates
    u = np.stack([ctx.draw("court_pick", suitors, i) for i in range(k)], axis=1)
    cand = world.pick_members(w.pack[suitors], u, free)
    protege = courtship._proteges(world, free)
    cand = np.concatenate([cand, protege[suitors][:, None]], axis=1)
    k += 1
    s = np.repeat(suitors, k)
    c = cand.reshape(-1)
    safe = np.maximum(c, 0)
    pulls = courtship._pull(world, s, safe)
    scent = likeness(w.scent[s], w.scent[safe]) if world.rules.scent.enabled else np.zeros(len(s))
    marked_left = courtship._left_a_mate(world, safe)
    shunned = r.shun_weight * (1.0 - w.acceptance[safe]) * (1.0 - w.kindness[s])
    score = (
        r.affinity_weight * ties.lookup(world, s, safe, "affinity")
        + pulls
        + r.scent_weight * scent
        + r.esteem_weight * w.ambition[s] * w.esteem[safe]
        - shunned
        - r.age_gap_weight * np.abs(w.birth_day[s] - w.birth_day[safe]) / (10 * 364)
    ) * np.where(marked_left, r.marked_factor, 1.0)
    if r.protege_weight > 0.0:
        score = score + r.protege_weight * (w.protector[safe] == s)
    valid = (c >= 0) & (c != s) & (pulls > 0) & ~mating.kin(world, s, safe)
    score = np.where(valid, score, -np.inf).reshape(len(suitors), k)
    best = np.argmax(score, axis=1)
    at = np.arange(len(suitors))
    chosen = np.where(np.isfinite(score[at, best]), cand[at, best], -1)
    attraction = score[at, best] - r.scent_weight * scent.reshape(len(suitors), k)[at, best]
    return (
        chosen.astype(np.int64),
        np.where(chosen >= 0, attraction, 0.0),
        np.where(chosen >= 0, scent.reshape(len(suitors), k)[at, best], 0.0),
    )


@pytest.mark.parametrize(("scent", "protege_weight"), [(True, 0.4), (False, 0.0)])
def test_court_choices_equal_the_numpy_choice(scent: bool, protege_weight: float) -> None:
    """Each suitor's choice, attraction and scent likeness, bit for bit against the NumPy
    formulas, with proteges, wolves who left a living mate, kin, lone members and two
    replicates; scents and the protege's weight on and off."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    rules = world.rules
    world.rules = rules.model_copy(
        update={
            "scent": rules.scent.model_copy(update={"enabled": scent}),
            "courtship": rules.courtship.model_copy(update={"protege_weight": protege_weight}),
        }
    )
    w = world.wolves
    free = courtship._free(world, 9)
    rows = np.flatnonzero(free)
    suitors, others = rows[::2], rows[1::2]
    same = w.pack[suitors[: len(others)]] == w.pack[others[: len(suitors)]]
    pairs = np.flatnonzero(same)[::2]
    w.protector[others[pairs]] = suitors[pairs]  # a suitor's protege, beside it
    living = np.flatnonzero(w.view("alive"))
    marks = living[::7][: len(others[::3])]
    w.marked_by[others[::3]] = marks  # wolves who bear a mark, half of them of the dead
    w.alive[marks[::2]] = False
    w.mother[others[1::4]] = w.mother[suitors[1::4][: len(others[1::4])]]  # some siblings
    w.father[others[2::5]] = suitors[2::5][: len(others[2::5])]  # some parents
    free = courtship._free(world, 9)
    suitors = np.flatnonzero(free)
    ctx = Context(world, EventLog(world.replicates), 9)
    expected = _numpy_choose(world, ctx, suitors, free)
    got = courtship._choose(world, ctx, suitors, free)
    assert np.array_equal(got[0], expected[0])
    for g, e in zip(got[1:], expected[1:], strict=True):
        assert np.array_equal(g.view(np.int64), e.view(np.int64))  # the same bits
    chosen = got[0]
    assert (chosen >= 0).sum() > 20 and (chosen < 0).sum() > 0
    assert len(np.unique(w.replicate[suitors[chosen >= 0]])) == 2
    protege = courtship._proteges(world, free)[suitors]
    assert (protege >= 0).sum() > 5 and ((chosen == protege) & (protege >= 0)).any()
