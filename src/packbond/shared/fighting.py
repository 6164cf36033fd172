"""Fighting strength of packs (R48, R50): shared by raids (conflict) and invasions (war).

A fighter's strength is its skill and vigour (less open wounds), more for alphas; a side's is the
sum over its able presented members plus its pack alpha's lead. Who wins is drawn from the
ratio of strengths raised to the rules' sharpness.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..state import DESIGNATIONS, World

__all__ = ["fighters", "pack_strength", "win_chance"]

_DESIGNATION_WEIGHT = np.array([0.0, 1.2, 1.0, 0.7])


def fighters(world: World) -> NDArray[np.bool_]:
    """Mask over wolf rows: living members of a pack of a fighting designation (rules.war),
    not disabled by a wound."""
    w = world.wolves
    fights = np.zeros(len(DESIGNATIONS), dtype=bool)
    fights[[DESIGNATIONS.index(d) for d in world.rules.war.fighter_designations]] = True
    return kernels.fighter_mask(
        w.view("alive"),
        w.view("pack"),
        w.view("designation"),
        w.view("wound"),
        fights,
        np.float32(world.rules.wounds.disabled_above),
    )


def pack_strength(world: World, able: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Strength of every pack row from its able fighters and its pack alpha."""
    w = world.wolves
    return kernels.pack_strengths(
        able,
        w.view("pack"),
        w.view("hunting_skill"),
        w.view("wound"),
        w.view("designation"),
        _DESIGNATION_WEIGHT,
        world.packs.view("leader"),
        world.rules.war.leader_strength,
    )


def win_chance(
    attack: NDArray[np.float64], defend: NDArray[np.float64], sharpness: float
) -> NDArray[np.float64]:
    """Chance the attackers win, from the two sides' strengths."""
    a, d = np.power(attack, sharpness), np.power(defend, sharpness)
    return np.where(a + d > 0, a / np.maximum(a + d, 1e-12), 0.5)
