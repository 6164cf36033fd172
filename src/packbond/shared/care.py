"""How well a pack's young are cared for (R28): its carers against its young's need.

Childcare hands out the carer role by this need; mortality lowers the young's background
hazard by the share of it that is met. Both read it here, so neither system imports the other.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..state import Designation, Role, World

__all__ = ["care_met", "carers_needed"]


def carers_needed(world: World) -> NDArray[np.float64]:
    """Per pack row, how many carers its living young need (R28)."""
    young, _ = _young_and_carers(world)
    return _need_of(world, young)


def care_met(world: World) -> NDArray[np.float64]:
    """Per pack row, the share of its childcare need that its carers meet (0 .. 1)."""
    young, carers = _young_and_carers(world)
    need = _need_of(world, young)
    return np.where(need > 0, np.minimum(1.0, carers / np.maximum(need, 1)), 0.0)


def _need_of(world: World, young: NDArray[np.float64]) -> NDArray[np.float64]:
    """The carers that so many young need (R28)."""
    return np.ceil(young * world.rules.reproduction.carers_per_young)


def _young_and_carers(world: World) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per pack row, its living young and its living carers, in one pass."""
    w, p = world.wolves, world.packs
    return kernels.young_counts(
        w.view("alive"),
        w.view("pack"),
        w.view("designation"),
        int(Designation.UNPRESENTED),
        w.view("roles"),
        int(Role.CARER),
        p.size,
    )
