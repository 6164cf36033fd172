"""When a compiled pass runs on several threads: from a fixed number of rows.

Why a threshold: starting threads and waiting for the slowest costs a pass a fixed time, which
only a pass over enough rows earns back. Each pass that can run in parallel has its threshold
(:data:`PARALLEL_FROM` for the contact pass, whose work per row is heavy; :data:`HEAVY_FROM`
for passes whose work per row is light; :data:`SCAN_FROM` for the garment givers' scans), set
where two threads beat one on an idle two-core machine (``benchmarks/bench_contact.py
--threads``; figures in ``docs/performance.md``). A machine whose cores are busy with other work
runs parallel passes slower than one thread would; the environment variable
``PACKBOND_PARALLEL_FROM`` then moves every threshold to the rows it gives (a large number keeps
every pass on one thread, 0 runs every such pass on threads).

Only passes whose rows are independent run in parallel, so the result is the same on any number
of threads and at any threshold; ``NUMBA_NUM_THREADS=1`` also keeps every run on one thread.

One body, two compilations: a pass that can run on threads is one plain function ``_x`` whose
loops over independent rows are ``prange``, compiled twice. ``_x_serial = njit(cache=True)(_x)``
is the body as it is (``prange`` is ``range`` there); ``_x_parallel``, compiled with
``parallel=True``, calls ``_x_inlined = njit(inline="always")(_x)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from numba import get_num_threads

from ..errors import PackbondError

__all__ = ["ENVIRONMENT", "HEAVY_FROM", "PARALLEL_FROM", "SCAN_FROM", "in_parallel", "run"]

_T = TypeVar("_T")

PARALLEL_FROM = 5_000
"""Rows from which the contact pass runs on several threads."""
HEAVY_FROM = 100_000
"""Rows from which a light pass (grouping by pack, bonds, conceptions, hunting and gathering
parties) runs on several threads: below, starting threads costs a fair part of the pass."""
SCAN_FROM = 1_000
"""Stressed wolves from which the garment givers' scans (each of slots and packmates scattered
in memory) run on several threads."""
ENVIRONMENT = "PACKBOND_PARALLEL_FROM"
"""The environment variable that, when set, is every pass's threshold."""


def threshold(default: int) -> int:
    """A pass's threshold: ``default``, unless :data:`ENVIRONMENT` gives another."""
    given = os.environ.get(ENVIRONMENT)
    if given is None:
        return default
    if not given.strip().isdigit():
        raise PackbondError(
            f"{ENVIRONMENT} must be a whole number of rows, 0 or more (got {given!r})"
        )
    return int(given)


def in_parallel(rows: int, from_rows: int = PARALLEL_FROM) -> bool:
    """Whether a pass over ``rows`` rows runs on several threads (from ``from_rows``)."""
    return rows >= threshold(from_rows) and get_num_threads() > 1


# NOTE: one body, two compilations (see the module's docstring): the threaded twin inlines the
# body because a ``prange`` runs on threads only in the function compiled with ``parallel=True``;
# the one-thread twin does not, as inlining a long body costs seconds of a first run's compiling.
# Two names for one body is the price.
def run(rows: int, one_thread: Callable[[], _T], threads: Callable[[], _T], from_rows: int) -> _T:
    """A pass over ``rows`` rows: ``threads()`` from its threshold, else ``one_thread()``."""
    return threads() if in_parallel(rows, from_rows) else one_thread()
