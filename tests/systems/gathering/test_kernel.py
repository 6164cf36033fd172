"""The compiled choice of the day's gatherers equals the NumPy choice it replaces."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.core import rng
from packbond.core.arrays import group_sum
from packbond.core.context import Context
from packbond.core.engine import Engine
from packbond.events.log import EventLog
from packbond.state import Designation, Form, World
from packbond.systems.gathering import kernel as gathering_kernel
from packbond.systems.gathering import system as gathering

from ...conftest import generated, world_of


def _numpy_gatherers(world: World, ctx: Context, due: np.ndarray) -> tuple[np.ndarray, ...]:
    """Who gathered, as the NumPy code chose before the compiled ``gathering_parties``: the
    party in row order, its packs in order, the first member of each, and each one's size."""
    w, rules = world.wolves, world.rules
    rows = world.members_of(due)
    rows = rows[
        (w.designation[rows] != Designation.UNPRESENTED)
        & ((w.form[rows] == Form.HUMAN) | (not rules.forms.enabled))
        & (w.wound[rows] < rules.wounds.disabled_above)
        & ~w.withdrawn[rows]
    ]
    out = rows[ctx.draw("gather_go", rows) < rules.gathering.gatherer_share]
    packs, first = np.unique(w.pack[out], return_index=True)
    return out, packs, out[first], group_sum(w.pack[out], None, world.packs.size)[packs]


@pytest.mark.parametrize("forms", [True, False])
def test_gathering_parties_equal_the_numpy_choice(forms: bool) -> None:
    """The day's gatherers, their packs, each pack's first member and the party's size, bit for
    bit against the NumPy choice, with wolves in wolf form, wounded near the disabling line,
    withdrawn, outside packs and dead, in two replicates, forms on and off."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(5)
    w, p = world.wolves, world.packs
    world.rules = world.rules.model_copy(
        update={"forms": world.rules.forms.model_copy(update={"enabled": forms})}
    )
    living = np.flatnonzero(w.view("alive"))
    w.form[living[::5]] = Form.WOLF
    disabled = np.float32(world.rules.wounds.disabled_above)
    w.wound[living[1::7]] = disabled  # on the line: not able
    w.wound[living[2::7]] = np.nextafter(disabled, np.float32(0))  # just under it: able
    w.withdrawn[living[3::11]] = True
    w.pack[living[4::13]] = -1
    w.alive[living[6::17]] = False
    ctx = Context(world, EventLog(world.replicates), 9)
    due = np.zeros(p.size, dtype=bool)
    due[np.flatnonzero(p.view("alive"))[::2]] = True
    expected = _numpy_gatherers(world, ctx, due)
    out, size, first = gathering._gatherers(world, ctx, due)
    packs = np.flatnonzero(size)
    got = (out, packs, first[packs], size[packs].astype(np.float64))
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)
    assert len(out) > 20 and len(np.unique(w.replicate[out])) == 2
    assert (first[~np.isin(np.arange(p.size), packs)] == -1).all()
    # In stretches of rows (one per thread, and more than there are), the same choice.
    folk = w.bundle(gathering_kernel.GathererColumns)
    rules = gathering_kernel.GatherRules(
        unpresented=int(Designation.UNPRESENTED),
        human=int(Form.HUMAN),
        forms=forms,
        disabled_above=disabled,
        gatherer_share=world.rules.gathering.gatherer_share,
        day=ctx.day,
        purpose=rng.purpose_key("gather_go"),
    )
    seeds = world.seeds.astype(np.uint64)
    for parts in (2, 7):
        split = gathering_kernel._gathering_parties_parallel(folk, seeds, due, rules, parts)
        for g, e in zip(split, (out, size, first), strict=True):
            assert np.array_equal(g, e)
