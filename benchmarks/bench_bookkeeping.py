"""Benchmark: the bookkeeping around the systems, the weekly drain of the event log and the
argument copies of the tie moves.

Why: neither grows much with the world, so in the 10,000-wolf benchmark year (the Mesa
comparison) they are a fixed part of every week that no kernel speeds up. Times every drain of
that year as it happens (about 440 batches a week) and a ``broadcast_copy`` of one value and of
a whole column, as ``ties.remember`` makes eight of them per call.
Run: ``.venv/bin/python benchmarks/bench_bookkeeping.py [--wolves N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import timeit

import numpy as np

from packbond.benchmarking import subset
from packbond.core import allocator
from packbond.core.arrays import broadcast_copy
from packbond.events import EventLog


def main() -> None:
    """Run the benchmark year with every drain timed; print one JSON line of microseconds."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wolves", type=int, default=10_000)
    args = ap.parse_args()
    allocator.keep_freed_memory()  # measured as documented: malloc keeps freed memory
    subset.warm_up(1)
    world = subset.build(args.wolves, 1)
    drains: list[float] = []
    drain = EventLog.drain

    def timed(log: EventLog) -> dict[str, np.ndarray]:
        began = time.perf_counter()
        try:
            return drain(log)
        finally:
            drains.append(time.perf_counter() - began)

    EventLog.drain = timed  # type: ignore[method-assign,assignment]
    try:
        subset.run_packbond(world, world.calendar.years_to_days(1.0))
    finally:
        EventLog.drain = drain  # type: ignore[method-assign]
    rows = np.arange(3)
    n = 20_000
    copies = {
        "copy_value_us": lambda: broadcast_copy(0.5, (3,), np.float64),
        "copy_column_us": lambda: broadcast_copy(rows, (3,), np.int64),
    }
    out: dict[str, float | int] = {
        "drains": len(drains),
        "drain_median_us": round(statistics.median(drains) * 1e6, 1),
        "drain_total_ms": round(sum(drains) * 1e3, 2),
    }
    for name, call in copies.items():
        out[name] = round(min(timeit.repeat(call, number=n, repeat=5)) / n * 1e6, 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
