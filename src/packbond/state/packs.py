"""The pack table: one row per pack that ever existed in the run, in every replicate."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from numpy.typing import NDArray

from .table import Col, Table

__all__ = ["GRIEVANCE_SLOTS", "NORMS", "Packs"]

NORMS: tuple[str, ...] = (
    "omega_status_penalty",
    "violence_tolerance",
    "outsider_hostility",
    "arranged_matings_allowed",
    "rank_requires_mate",
)
"""Pack norms (R26), the column names that hold them."""

GRIEVANCE_SLOTS = 4
"""Other packs a pack can hold a grievance against at once (R48)."""

I32 = NDArray[np.int32]
F32 = NDArray[np.float32]
B = NDArray[np.bool_]


class Packs(Table):
    """Packs as columns; ``rival``/``grievance`` are per-slot (``GRIEVANCE_SLOTS`` each)."""

    id: Annotated[I32, Col(np.int32, -1, "stable id within the replicate, never reused")]
    replicate: Annotated[NDArray[np.int16], Col(np.int16, 0, "replicate (realm) of the pack")]
    alive: Annotated[B, Col(np.bool_, False, "the pack exists now (not dissolved)")]
    name: Annotated[I32, Col(np.int32, -1, "index into World.names")]
    region: Annotated[NDArray[np.int16], Col(np.int16, 0, "index into World.regions")]
    leader: Annotated[I32, Col(np.int32, -1, "row of the pack alpha (R23), -1 for none")]
    founded_day: Annotated[I32, Col(np.int32, 0, "day the pack was founded")]
    dissolved_day: Annotated[I32, Col(np.int32, -1, "day the pack dissolved, -1 if it stands")]
    omega_status_penalty: Annotated[F32, Col(np.float32, 0.3, "norm (R26), 0 .. 1")]
    violence_tolerance: Annotated[F32, Col(np.float32, 0.3, "norm (R26), 0 .. 1")]
    outsider_hostility: Annotated[F32, Col(np.float32, 0.3, "norm (R26), 0 .. 1")]
    arranged_matings_allowed: Annotated[B, Col(np.bool_, False, "norm (R14)")]
    rank_requires_mate: Annotated[B, Col(np.bool_, False, "norm (R22)")]
    hospital: Annotated[B, Col(np.bool_, False, "the village has a hospital and healer (R32)")]
    food: Annotated[F32, Col(np.float32, 0.0, "food store, in wolf-days of food")]
    cap: Annotated[
        NDArray[np.int16], Col(np.int16, 32767, "size above which young members disperse")
    ]
    hungry: Annotated[B, Col(np.bool_, False, "the pack is in a spell of hunger (R34)")]
    rival: Annotated[
        I32, Col(np.int32, -1, "row of a pack held a grievance against, -1 empty", per_slot=True)
    ]
    grievance: Annotated[
        F32, Col(np.float32, 0.0, "grievance against the rival, 0 .. 1 (R48)", per_slot=True)
    ]
    grievance_event: Annotated[
        NDArray[np.int64],
        Col(np.int64, -1, "event id that last added to the grievance", per_slot=True),
    ]
    war_on: Annotated[I32, Col(np.int32, -1, "row of the pack it is at war with, -1 none")]
    war_day: Annotated[I32, Col(np.int32, -1, "day its invasion is set for")]
    war_event: Annotated[NDArray[np.int64], Col(np.int64, -1, "event id of its war declaration")]
