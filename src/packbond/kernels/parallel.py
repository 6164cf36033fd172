"""When a compiled pass runs on several threads.

Why a threshold and a check on the clock: a parallel pass waits for its slowest thread. On an
idle two-core machine the contact pass runs twice as fast on two threads from about 20,000 pack
members (1.38 ms against 2.72 ms a day at 20,000; 6.7 ms against 11.5 ms at 100,000). When the
other core is busy (a test suite, another run), the thread that shares it is descheduled and the
whole pass waits for it: measured at 20,000 members beside a busy loop, 11.4 ms a day on two
threads against 2.8 ms on one. So below :data:`PARALLEL_FROM` rows a pass runs on one thread,
and above it :class:`ThreadChoice` times the pass both ways now and then and keeps the faster.

Only passes whose rows are independent run in parallel, so the result is the same on any number
of threads and whichever way a day is run; ``NUMBA_NUM_THREADS=1`` keeps every run on one.
"""

from __future__ import annotations

from numba import get_num_threads

__all__ = ["PARALLEL_FROM", "ThreadChoice", "in_parallel"]

PARALLEL_FROM = 20_000
"""Rows from which a pass that can run in parallel may."""


def in_parallel(rows: int) -> bool:
    """Whether a pass over ``rows`` rows may run on several threads."""
    return rows >= PARALLEL_FROM and get_num_threads() > 1


class ThreadChoice:
    """Chooses, pass by pass, between one thread and several by what each cost per row lately.

    Each way is tried once, several threads first; then the cheaper is kept. Every
    ``probe_every``-th pass runs the other way, so that a machine that becomes busy (or idle
    again) is noticed within a few passes. Costs are kept as moving averages of seconds per row,
    so the choice does not flip on one noisy pass.
    """

    def __init__(self, probe_every: int = 16, smoothing: float = 0.5) -> None:
        self.probe_every = probe_every
        self.smoothing = smoothing
        self.cost: dict[bool, float] = {}
        self.passes = 0

    def parallel(self, rows: int) -> bool:
        """Whether the next pass over ``rows`` rows runs on several threads."""
        if not in_parallel(rows):
            return False
        self.passes += 1
        if True not in self.cost or False not in self.cost:
            return True not in self.cost  # each way once, threads first
        favourite = self.cost[True] <= self.cost[False]
        return favourite != (self.passes % self.probe_every == 0)

    def record(self, parallel: bool, rows: int, seconds: float) -> None:
        """Note what a pass cost (only passes that could have run either way count)."""
        if rows <= 0 or not in_parallel(rows):
            return
        per_row = seconds / rows
        old = self.cost.get(parallel)
        self.cost[parallel] = per_row if old is None else old + self.smoothing * (per_row - old)
