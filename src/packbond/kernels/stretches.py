"""Closing up the lists a pass in stretches of rows wrote, one part per stretch.

Why: a pass that runs on several threads cuts its rows into stretches, and each stretch lists
what it keeps in its own part of one output (from the stretch's first row on), so that no two
threads write the same place. Moving the parts down in stretch order afterwards gives the list
the one pass over every row would have made, on any number of threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["close_up"]


@njit(cache=True, inline="always")
def close_up(
    values: NDArray[np.generic], counts: NDArray[np.int64], n: int, parts: int
) -> int:  # pragma: no cover - compiled
    """Move each stretch's ``counts[c]`` values, written from ``c * n // parts`` on, down after
    those of the stretches before it; return how many there are in all. A part only ever moves
    down, never over one not yet moved."""
    size = 0
    for c in range(parts):
        lo = c * n // parts
        if size != lo:
            for k in range(counts[c]):
                values[size + k] = values[lo + k]
        size += counts[c]
    return size
