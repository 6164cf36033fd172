"""Bit counting for the kernels that compare scents (a scent is a word of notes, R8)."""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["popcount"]


@njit(cache=True, inline="always")
def popcount(x: np.uint32) -> int:  # pragma: no cover - compiled
    """The notes set in ``x``: one turn per set bit, and scents carry few (a branch-free count
    measured no faster in the contact kernel)."""
    n = 0
    while x:
        x &= x - np.uint32(1)
        n += 1
    return n
