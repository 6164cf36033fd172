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
from ..state import World

__all__ = ["inputs", "standing"]


def inputs(world: World) -> tuple[kernels.RankFolk, kernels.RankPacks, kernels.StandingParams]:
    """The wolf and pack columns (whole used views: rows are never moved) and the rank rules
    that standing and the ladder kernels read."""
    w, p, r = world.wolves, world.packs, world.rules.rank
    folk = w.bundle(kernels.RankFolk)
    packs = kernels.RankPacks(
        p.view("leader"), p.view("omega_status_penalty"), p.view("rank_requires_mate")
    )
    params = kernels.StandingParams(**r.model_dump(include=set(kernels.StandingParams._fields)))
    return folk, packs, params


def standing(world: World, rows: NDArray[np.integer], day: int) -> NDArray[np.float64]:
    """Standing of each wolf in its own pack, without the pack alpha's place at the top."""
    folk, packs, params = inputs(world)
    return kernels.standings(folk, packs, params, np.asarray(rows, dtype=np.int64), day)
