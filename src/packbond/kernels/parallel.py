"""When a compiled pass runs on several threads.

Why a threshold and a check on the clock: a parallel pass waits for its slowest thread. On an
idle two-core machine the contact pass runs faster on two threads from a few thousand pack
members (0.83 ms against 1.18 ms a day at 10,000, 1.38 against 2.72 at 20,000, 6.7 against 11.5
at 100,000; ``benchmarks/bench_contact.py --threads``). When the
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

PARALLEL_FROM = 5_000
"""Rows from which a pass that can run in parallel may."""


def in_parallel(rows: int) -> bool:
    """Whether a pass over ``rows`` rows may run on several threads."""
    return rows >= PARALLEL_FROM and get_num_threads() > 1


class ThreadChoice:
    """Chooses, pass by pass, between one thread and several by what each cost per row lately.

    Each way is tried once, several threads first; then the cheaper is kept. Now and then a pass
    runs the other way (a probe), so that a machine that becomes busy, or idle again, is noticed:
    first after ``probe_every`` passes, then twice as long after each probe that confirms the
    choice (up to ``longest``), so that on a machine that stays as it is the probes cost little.
    A probe's cost replaces what was known of its way; the kept way's cost is a moving average,
    so the choice does not flip on one noisy pass.
    """

    def __init__(self, probe_every: int = 16, longest: int = 256, smoothing: float = 0.5) -> None:
        self.probe_every = probe_every
        self.longest = longest
        self.smoothing = smoothing
        self.cost: dict[bool, float] = {}
        self.passes = 0
        self._interval = probe_every
        self._next_probe = probe_every
        self._probing = False

    def parallel(self, rows: int) -> bool:
        """Whether the next pass over ``rows`` rows runs on several threads."""
        if not in_parallel(rows):
            return False
        self.passes += 1
        if True not in self.cost or False not in self.cost:
            return True not in self.cost  # each way once, threads first
        kept = self._threads_cheaper()
        self._probing = self.passes >= self._next_probe
        return kept != self._probing

    def record(self, parallel: bool, rows: int, seconds: float) -> None:
        """Note what a pass cost (only passes that could have run either way count)."""
        if rows <= 0 or not in_parallel(rows):
            return
        per_row = seconds / rows
        old = self.cost.get(parallel)
        if old is None or self._probing:
            self.cost[parallel] = per_row
        else:
            self.cost[parallel] = old + self.smoothing * (per_row - old)
        if self._probing:
            self._probing = False
            confirmed = self._threads_cheaper() != parallel
            self._interval = (
                min(2 * self._interval, self.longest) if confirmed else self.probe_every
            )
            self._next_probe = self.passes + self._interval

    def _threads_cheaper(self) -> bool:
        return self.cost[True] <= self.cost[False]
