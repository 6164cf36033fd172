"""The daily bond kernel run in stretches of rows equals one pass."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from packbond.core.engine import Engine
from packbond.rules.derived import kernel_rules
from packbond.systems.bond import kernel as bond_kernel

from ...conftest import generated, world_of


@pytest.mark.parametrize("parts", [2, 7])
def test_feel_mates_in_stretches_equals_one_pass(parts: int) -> None:
    """The day's bond in stretches of rows (one per thread) lists the same rows and leaves the
    same hurt, stress, wellbeing and felt marks as one pass, with mates wounded past the pain
    line, darkened, and in other stretches than their own."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    w = world.wolves
    mated = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0) & (w.view("bond") > 0))
    w.wound[w.mate[mated[::3]]] = 0.9
    w.wound_event[w.mate[mated[::3]]] = np.arange(len(mated[::3]))
    w.dark[w.mate[mated[1::4]]] = True
    w.wellbeing[mated] = np.linspace(0.1, 0.9, len(mated), dtype=np.float32)
    rules = kernel_rules(bond_kernel.BondRules, world.rules.bond)

    def columns() -> Any:
        return bond_kernel.BondColumns(*(w.view(c).copy() for c in bond_kernel.BondColumns._fields))

    one, split = columns(), columns()
    expected = bond_kernel._feel_mates_serial(one, rules, 1)
    got = bond_kernel._feel_mates_parallel(split, rules, parts)
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(g, e)
    for name, a, b in zip(bond_kernel.BondColumns._fields, split, one, strict=True):
        assert np.array_equal(a.view(np.uint8), b.view(np.uint8)), name
    rows, wound, sorrow = expected
    assert len(rows) > 50 and len(wound) > 5 and len(sorrow) > 5
