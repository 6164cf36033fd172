"""Listing the rows a pass has marked: a sift in two passes, a marking and a listing.

Why two passes: a sift that tests every row and lists the matches in one loop (``out[n] = i;
n += match``) does both jobs row by row, and its tests cannot run on the processor's vector
units because of the list. Marking first (one byte a row, from tests with no branch, which the
compiler vectorises) and then listing the marked rows (a load, a store and an add a row) pays
where the test reads several columns: the day's conceptions (five) and the mates' feelings
(three; figures in ``docs/performance.md``). For a test of one or two columns the bytes of the
marks cost what the vector units save, so those sifts stay one loop.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["list_marked"]


@njit(cache=True, inline="always")
def list_marked(
    marked: NDArray[np.uint8], lo: int, hi: int, out: NDArray[np.int64], at: int
) -> int:  # pragma: no cover - compiled
    """Write the rows ``lo:hi`` whose mark is 1 into ``out`` from ``at`` on, in row order, and
    return where the list ends. Every row is written (the end moves only for a mark), so there
    is no branch to mispredict; ``out`` needs room up to ``at + hi - lo``."""
    for i in range(lo, hi):
        out[at] = i
        at += marked[i]
    return at
