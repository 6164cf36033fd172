"""Setting out on the road (R35, R38, R51): what leaving a pack does to a wolf's state.

Shared by leaving (wolves who go, alone or with a mate) and war (survivors who disperse rather
than pledge). The leaving system settles travellers when their journey ends.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..state import World

__all__ = ["depart"]


def depart(
    world: World,
    rows: NDArray[np.integer],
    day: int,
    event: NDArray[np.integer],
    partner: NDArray[np.integer] | None = None,
) -> None:
    """Wolves leave their pack for the road, alone or with a partner; a pack alpha who leaves
    leaves the lead vacant, and every place held in the pack is given up."""
    w, p = world.wolves, world.packs
    if len(rows) == 0:
        return
    led = np.isin(p.view("leader"), rows)
    p.view("leader")[led] = -1
    world.move(rows, -1)
    w.travelling[rows] = True
    w.travel_until[rows] = day + world.rules.leaving.travel_days
    w.travel_with[rows] = -1 if partner is None else partner
    w.left_event[rows] = event
    w.rank[rows] = 0
    w.high_rank[rows] = False
    w.roles[rows] = 0
    w.protector[rows] = -1
    w.shut_out[rows] = False
    w.kept_from_pups[rows] = False
    w.away_from[rows] = -1
