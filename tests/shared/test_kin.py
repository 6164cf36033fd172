"""Kin never mate: the one test of kinship every way of pairing uses."""

from __future__ import annotations

import numpy as np

from packbond.shared import mating

from ..conftest import generated, world_of


def test_parents_children_and_siblings_are_kin_and_strangers_are_not() -> None:
    world = world_of(generated(5))
    w = world.wolves
    w.mother[:6], w.father[:6] = -1, -1
    w.mother[2], w.father[2] = 0, 1  # 2 is the child of 0 and 1
    w.mother[3], w.father[3] = 0, 4  # 3 shares a mother with 2
    w.father[5] = 1  # 5 shares a father with 2
    a = np.array([0, 2, 2, 2, 3, 0, 4])
    b = np.array([2, 1, 3, 5, 5, 1, 5])
    assert mating.kin(world, a, b).tolist() == [True, True, True, True, False, False, False]
    assert mating.kin(world, b, a).tolist() == mating.kin(world, a, b).tolist()
