"""Benchmark: one compiled pass on the calls a year of the benchmark world really made.

Runs the benchmark rule set (``packbond bench``'s world of about N wolves) for ``--skip`` days,
then for ``--days`` more while keeping a copy of the arguments of every call of one compiled
function (``--module`` in ``packbond.kernels``, ``--function``), then calls it again on each
copy in the order they came, ``--rounds`` times, and prints the median call of each round.

Why not one call replayed: a pass called over and over on the same input teaches the
processor's branch predictor that input (at 10,000 wolves the choice of hunting parties took
50 us on one day's input replayed, 85-88 us on the days of a year), and keeps the input in
the caches.
The calls of a year differ day by day, and two hundred days' copies do not all fit in the
caches, which is closer to a year's day, where the other systems have run since.
Run: ``.venv/bin/python benchmarks/bench_replay.py --module groups --function
_members_by_pack_serial [--wolves 10000]``.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import statistics
import time
from typing import Any

import packbond.kernels
from packbond.benchmarking import subset
from packbond.core import allocator


def main() -> None:
    """Capture the calls, replay them, print one JSON line of microseconds."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--module", required=True, help="a module of packbond.kernels, e.g. groups")
    ap.add_argument("--function", required=True, help="e.g. _members_by_pack_serial")
    ap.add_argument("--wolves", type=int, default=10_000)
    ap.add_argument("--skip", type=int, default=30, help="days run before the capture")
    ap.add_argument("--days", type=int, default=200, help="days whose calls are captured")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    allocator.keep_freed_memory()  # measured as documented: malloc keeps freed memory
    module = importlib.import_module(f"packbond.kernels.{args.module}")
    calls = _captured(module, args.function, args.wolves, args.skip, args.days)
    if not calls:
        raise SystemExit(f"{args.module}.{args.function} was not called in {args.days} days")
    run = getattr(module, args.function)
    medians = []
    for _ in range(args.rounds):
        times = []
        for inputs in calls:
            t0 = time.perf_counter()
            run(*inputs)
            times.append(time.perf_counter() - t0)
        medians.append(round(statistics.median(times) * 1e6, 1))
    print(json.dumps({"function": args.function, "calls": len(calls), "median_us": medians}))


def _captured(module: Any, name: str, wolves: int, skip: int, days: int) -> list[tuple[Any, ...]]:
    """Copies of the arguments of every call of ``module.name`` over ``days`` days of the
    benchmark world, after ``skip`` days; the function is called through the package too (a
    system calls ``kernels.name``), so both names are swapped while capturing."""
    subset.warm_up(1)
    world = subset.build(wolves, 1)
    subset.run_packbond(world, skip)
    run = getattr(module, name)
    through_package = getattr(packbond.kernels, name, None) is run
    calls: list[tuple[Any, ...]] = []

    def capture(*inputs: Any) -> Any:
        calls.append(copy.deepcopy(inputs))
        return run(*inputs)

    setattr(module, name, capture)
    if through_package:
        setattr(packbond.kernels, name, capture)
    try:
        subset.run_packbond(world, days)
    finally:
        setattr(module, name, run)
        if through_package:
            setattr(packbond.kernels, name, run)
    return calls


if __name__ == "__main__":
    main()
