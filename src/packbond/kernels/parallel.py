"""When a compiled pass runs on several threads.

Why a threshold: a parallel pass waits for its slowest thread, so on a small world, or when the
other cores are busy (a test suite, another run), it is slower than one thread: measured at
10,000 wolves under load, the parallel contact pass took four times as long. Only passes whose
rows are independent run in parallel, so the result is the same on any number of threads;
``NUMBA_NUM_THREADS=1`` keeps every run on one.
"""

from __future__ import annotations

from numba import get_num_threads

__all__ = ["PARALLEL_FROM", "in_parallel"]

PARALLEL_FROM = 200_000
"""Rows from which a pass that can run in parallel does."""


def in_parallel(rows: int) -> bool:
    """Whether a pass over ``rows`` rows runs on several threads."""
    return rows >= PARALLEL_FROM and get_num_threads() > 1
