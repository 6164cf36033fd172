"""Standing in a pack (R22, R23, R25): what the rank ladder and succession are sorted by.

Standing is designation (an omega's lowered by the pack's omega penalty), hunting skill, the
pack's esteem and strength (boldness, less open wounds), plus a living mate in the pack; the pack
alpha's mate stands second only to the pack alpha. Where the pack's norm makes rank require a
mate, an alpha who has lacked one past the grace period loses the standing high rank needs.
Shared by the ranks system (the ladder) and continuity (who takes a vacant lead).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .state import Designation, World

__all__ = ["past_grace", "standing"]


def past_grace(world: World, rows: NDArray[np.integer], day: int) -> NDArray[np.bool_]:
    """Alphas in packs whose rank requires a mate, unmated for longer than the grace period."""
    w, p = world.wolves, world.packs
    pack = w.pack[rows]
    requires = (pack >= 0) & p.rank_requires_mate[np.maximum(pack, 0)]
    single = (w.single_since[rows] >= 0) & (
        day - w.single_since[rows] > world.rules.rank.grace_days
    )
    return requires & single & (w.designation[rows] == Designation.ALPHA) & (w.mate[rows] < 0)


def standing(world: World, rows: NDArray[np.integer], day: int) -> NDArray[np.float64]:
    """Standing of each wolf in its own pack, without the pack alpha's place at the top."""
    w, p, r = world.wolves, world.packs, world.rules.rank
    pack = np.maximum(w.pack[rows], 0)
    des = w.designation[rows]
    by_designation = np.array([0.0, r.alpha_weight, r.beta_weight, r.omega_weight])[des]
    by_designation = by_designation - np.where(
        des == Designation.OMEGA, r.omega_weight * p.omega_status_penalty[pack], 0.0
    )
    strength = (0.5 + 0.5 * w.boldness[rows]) * (1.0 - w.wound[rows])
    mate = w.mate[rows]
    has_mate = world.beside(rows, mate)
    leader_mate = has_mate & (p.leader[pack] == mate)
    score = (
        by_designation
        + r.skill_weight * w.hunting_skill[rows]
        + r.esteem_weight * w.esteem[rows]
        + r.strength_weight * strength
        + r.mate_weight * has_mate
        + r.leader_mate_weight * leader_mate
        - r.unmated_penalty * past_grace(world, rows, day)
    )
    return np.where(des == Designation.UNPRESENTED, -1.0, score)
