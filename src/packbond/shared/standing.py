"""Standing in a pack (R22, R23, R25): what the rank ladder and succession are sorted by.

Standing is designation (an omega's lowered by the pack's omega penalty), hunting skill, the
pack's esteem and strength (boldness, less open wounds), plus a living mate in the pack; the pack
alpha's mate stands second only to the pack alpha. Where the pack's norm makes rank require a
mate, an alpha who has lacked one past the grace period loses the standing high rank needs.
Shared by the ranks system (the ladder) and continuity (who takes a vacant lead); the formula
itself is compiled once, in :mod:`packbond.systems.ranks.kernel`, so both read the same one.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..rules import Rules
from ..rules.derived import kernel_rules, once_per_rules
from ..state import World

__all__ = ["inputs", "standing"]


def inputs(
    world: World,
) -> tuple[kernels.StandingColumns, kernels.PackStandingColumns, kernels.StandingRules]:
    """The wolf and pack columns (whole used views: rows are never moved) and the rank rules
    that standing and the ladder kernels read."""
    return (
        world.wolves.bundle(kernels.StandingColumns),
        world.packs.bundle(kernels.PackStandingColumns),
        _standing_rules(world.rules),
    )


@once_per_rules
def _standing_rules(rules: Rules) -> kernels.StandingRules:
    """The rank rules standing applies, built once per rules object."""
    return kernel_rules(kernels.StandingRules, rules.rank)


def standing(world: World, rows: NDArray[np.integer], day: int) -> NDArray[np.float64]:
    """Standing of each wolf in its own pack, without the pack alpha's place at the top."""
    folk, packs, params = inputs(world)
    return kernels.standings(folk, packs, params, np.asarray(rows, dtype=np.int64), day)
