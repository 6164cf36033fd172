"""When a compiled pass runs on several threads.

Why a threshold and a check on the clock: a parallel pass waits for its slowest thread. On an
idle two-core machine the contact pass runs faster on two threads from a few thousand pack
members (``benchmarks/bench_contact.py --threads``; figures in ``docs/performance.md``). When
the other core is busy (a test suite, another run), the thread that shares it is descheduled
and the whole pass waits for it, so two threads are slower than one. So below
:data:`PARALLEL_FROM` rows a pass runs on one thread, and above it :class:`ThreadChoice` times
the pass both ways now and then and keeps the faster.

Only passes whose rows are independent run in parallel, so the result is the same on any number
of threads and whichever way a day is run; ``NUMBA_NUM_THREADS=1`` keeps every run on one.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from statistics import median
from typing import TypeVar

from numba import get_num_threads

__all__ = ["PARALLEL_FROM", "ThreadChoice", "forget_costs", "in_parallel"]

_T = TypeVar("_T")

PARALLEL_FROM = 5_000
"""Rows from which a pass that can run in parallel may."""


def in_parallel(rows: int, from_rows: int = PARALLEL_FROM) -> bool:
    """Whether a pass over ``rows`` rows may run on several threads (from ``from_rows``)."""
    return rows >= from_rows and get_num_threads() > 1


class ThreadChoice:
    """Chooses, pass by pass, between one thread and several by what each cost per row lately.

    Each way is tried first, several threads before one, and its first pass is not counted (it
    loads the compiled pass and starts the threads, and counted it would make threads look
    slower than one thread for the first days of a small world). Then the cheaper way is kept.
    Now and then a pass runs the other way (a probe), so that a machine that becomes busy, or
    idle again, is noticed: first after ``probe_every`` passes, then twice as long after each probe
    that confirms the choice (up to ``longest``), so that on a machine that stays as it is the
    probes cost little.
    A way's cost is the median of its last ``recent`` passes, so that one pass slowed by the
    machine (a thread descheduled once) does not flip the choice, and a probe's cost replaces
    what was known of its way.
    """

    def __init__(
        self,
        probe_every: int = 16,
        longest: int = 256,
        recent: int = 5,
        from_rows: int = PARALLEL_FROM,
    ) -> None:
        self.from_rows = from_rows
        """Rows from which this pass may run in parallel: higher than :data:`PARALLEL_FROM` for a
        pass whose work per row is light, so that starting threads is worth it."""
        self.probe_every = probe_every
        self.longest = longest
        self._recent_size = recent
        self.forget()
        _CHOICES.append(self)

    def forget(self) -> None:
        """Start over, as if no pass had run: each way is tried again before one is kept."""
        self.cost: dict[bool, float] = {}
        self._recent: dict[bool, deque[float]] = {
            way: deque(maxlen=self._recent_size) for way in (True, False)
        }
        self.passes = 0
        self._interval = self.probe_every
        self._next_probe = self.probe_every
        self._probing = False
        self._seen = {True: 0, False: 0}

    def run(self, rows: int, one_thread: Callable[[], _T], threads: Callable[[], _T]) -> _T:
        """A pass over ``rows`` rows, run the way chosen (``one_thread()`` or ``threads()``) and
        timed for the next choice; below ``from_rows`` on one thread, with no choice or clock."""
        if rows < self.from_rows:
            return one_thread()
        parallel = self.parallel(rows)
        began = time.perf_counter()
        out = threads() if parallel else one_thread()
        self.record(parallel, rows, time.perf_counter() - began)
        return out

    def parallel(self, rows: int) -> bool:
        """Whether the next pass over ``rows`` rows runs on several threads."""
        if not in_parallel(rows, self.from_rows):
            return False
        self.passes += 1
        if True not in self.cost or False not in self.cost:
            return True not in self.cost  # each way first, threads first
        kept = self._threads_cheaper()
        self._probing = self.passes >= self._next_probe
        return kept != self._probing

    def record(self, parallel: bool, rows: int, seconds: float) -> None:
        """Note what a pass cost (only passes that could have run either way count)."""
        if rows <= 0 or not in_parallel(rows, self.from_rows):
            return
        self._seen[parallel] += 1
        if self._seen[parallel] == 1:
            return  # the warm-up pass
        recent = self._recent[parallel]
        if self._probing:
            recent.clear()
        recent.append(seconds / rows)
        self.cost[parallel] = median(recent)
        if self._probing:
            self._probing = False
            confirmed = self._threads_cheaper() != parallel
            self._interval = (
                min(2 * self._interval, self.longest) if confirmed else self.probe_every
            )
            self._next_probe = self.passes + self._interval

    def _threads_cheaper(self) -> bool:
        return self.cost[True] <= self.cost[False]


_CHOICES: list[ThreadChoice] = []
"""Every pass's choice made in this process (one per pass that can run on several threads)."""


def forget_costs() -> None:
    """Every pass forgets what its ways have cost, as after a warm-up on another world, whose
    size and machine hour say little about the next one's."""
    for choice in _CHOICES:
        choice.forget()
