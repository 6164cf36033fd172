"""Regions: the land packs live on, with a climate. Static for a run and shared by replicates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Regions"]


@dataclass(frozen=True)
class Regions:
    """Regions as columns, indexed by ``Packs.region``."""

    names: tuple[str, ...]
    winter_severity: NDArray[np.float32]
    """Climate: 0 = mild winters .. 1 = harsh mountain winters (R39)."""
    terrain_hazard: NDArray[np.float32]
    """Chance-scale of a fall or injury on this ground, 0 .. 1 (R30)."""
    prey: NDArray[np.float32]
    """Prey abundance by region and season, shape (regions, 4), 0 .. 1 (R29)."""
    territories: NDArray[np.int64]
    """Pack territories each region holds; founding needs a free one, crowding thins prey."""
