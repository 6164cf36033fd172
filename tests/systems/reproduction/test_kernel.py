"""The daily conception kernel run in stretches of rows equals one pass."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.core import rng
from packbond.core.engine import Engine
from packbond.state import DESIGNATIONS, Designation
from packbond.systems.reproduction import kernel as reproduction_kernel

from ...conftest import generated, world_of


@pytest.mark.parametrize("parts", [2, 7])
def test_conceptions_in_stretches_equal_one_pass(parts: int) -> None:
    """The day's conceptions in stretches of rows (one per thread) are the one pass's, in row
    order, with hungry packs, the withdrawn and omegas in heat."""
    world = world_of(generated(60), [3, 4])
    Engine(world, metrics_every=7).run(20)
    w, p = world.wolves, world.packs
    w.withdrawn[::5] = True
    p.hungry[::3] = True
    w.cycle_until[w.designation == Designation.OMEGA] = 30
    carries = np.ones((2, len(DESIGNATIONS)), dtype=bool)
    carries[1] = False
    rules = reproduction_kernel.ConceptionRules(
        carries_female=carries[0],
        carries_male=carries[1],
        leaders_only=False,
        conception_per_day=0.4,
        hungry_conception=0.5,
        withdrawn_conception=0.3,
        heat=True,
        conception_multiplier=2.0,
        omega=int(Designation.OMEGA),
        born_by=25 - 18 * 364,
        born_after=25 - 45 * 364,
        day=25,
        key=rng.purpose_key("conceive"),
    )
    args = (
        w.bundle(reproduction_kernel.ConceptionColumns),
        world.seeds.astype(np.uint64),
        p.bundle(reproduction_kernel.BreedingPackColumns),
        rules,
    )
    one = reproduction_kernel._conceptions_serial(*args, 1)
    assert np.array_equal(reproduction_kernel._conceptions_parallel(*args, parts), one)
    assert len(one) > 10 and len(np.unique(w.replicate[one])) == 2
    assert np.all(np.diff(one) > 0)
    age = (25 - w.birth_day[one]) / 364
    assert age.min() >= 18 and age.max() < 45


def test_only_adults_within_their_fertile_years_conceive() -> None:
    """A carrier conceives from adulthood (never under 18) until the end of its fertile years:
    with every mated carrier certain to conceive, exactly those of those ages do."""
    world = world_of(generated(80), [3])
    w, p = world.wolves, world.packs
    mated = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0))
    w.birth_day[mated] = -(np.arange(len(mated)) % 60 + 10) * 364 - 30
    carries = np.ones((2, len(DESIGNATIONS)), dtype=bool)
    rules = reproduction_kernel.ConceptionRules(
        carries_female=carries[0],
        carries_male=carries[1],
        leaders_only=False,
        conception_per_day=1.0,
        hungry_conception=1.0,
        withdrawn_conception=1.0,
        heat=False,
        conception_multiplier=1.0,
        omega=int(Designation.OMEGA),
        born_by=-18 * 364,
        born_after=-45 * 364,
        day=0,
        key=rng.purpose_key("conceive"),
    )
    one = reproduction_kernel._conceptions_serial(
        w.bundle(reproduction_kernel.ConceptionColumns),
        world.seeds.astype(np.uint64),
        p.bundle(reproduction_kernel.BreedingPackColumns),
        rules,
        1,
    )
    age = -w.birth_day[mated] / 364
    fertile = mated[(age >= 18) & (age < 45) & w.eligible[mated] & (w.due_day[mated] < 0)]
    assert len(fertile) > 5 and len(mated) > len(fertile)
    assert set(one.tolist()) == set(fertile.tolist())
