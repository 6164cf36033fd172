"""Benchmark: packbond's side of ``packbond bench`` alone, with the seconds of each system.

Runs the benchmark rule set (``packbond.benchmarking.subset``) on a world of about N wolves for
Y years, as ``packbond bench --no-mesa`` does, but in this process and with every system timed.
Why: the ratio to Mesa is decided by packbond's side, and its year at 10,000 wolves is too short
to profile by eye; the sizes show what is a fixed cost a day and what grows with the wolves.
A short run first loads the compiled kernels (``subset.warm_up``). Prints one JSON line.
``--weekly`` splits each system's seconds between the weekly days (0, 7, 14, ...: the weekly
systems run, the log is drained for the tally) and the other days, with the drains' own time.
Run: ``.venv/bin/python benchmarks/bench_subset.py --wolves 10000 --years 1 [--weekly]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from typing import Any

from bench_world import _timed
from packbond.benchmarking import subset
from packbond.core import allocator
from packbond.core.engine import ScheduledSystem


def main() -> None:
    """Parse arguments, run the subset with each system timed, print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=10_000)
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--weekly", action="store_true", help="split the seconds between weekly and other days"
    )
    args = ap.parse_args()
    allocator.keep_freed_memory()  # measured as documented: malloc keeps freed memory
    subset.warm_up(args.seed)
    seconds: dict[str, float] = defaultdict(float)
    weekly: dict[str, float] = defaultdict(float)
    world = subset.build(args.wolves, args.seed)
    timed = [
        ScheduledSystem(
            s.name,
            s.every,
            _by_weekday(s.name, s.step, seconds, weekly)
            if args.weekly
            else _timed(s.name, s.step, seconds),
        )
        for s in subset.schedule()
    ]
    days = world.calendar.years_to_days(args.years)
    drains = _time_drains() if args.weekly else None
    t0 = time.perf_counter()
    subset.run_packbond(world, days, timed)
    step = time.perf_counter() - t0
    out: dict[str, Any] = {
        "wolves": args.wolves,
        "years": args.years,
        "step_s": round(step, 3),
        "systems_s": round(sum(seconds.values()) + sum(weekly.values()), 3),
        "system_s": _rounded(seconds),
    }
    if drains is not None:
        out["other_days_s"] = out.pop("system_s")
        out["weekly_days_s"] = _rounded(weekly)
        out["drains_s"] = round(drains[0], 3)
    print(json.dumps(out))


def _rounded(seconds: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])}


def _by_weekday(name: str, step: Any, other: dict[str, float], weekly: dict[str, float]) -> Any:
    """A step that adds its run time to ``weekly[name]`` on the days the weekly systems run
    (``ctx.day`` 0, 7, 14, ...), else to ``other[name]``."""

    def run(world: Any, ctx: Any) -> None:
        t = time.perf_counter()
        step(world, ctx)
        (weekly if ctx.day % 7 == 0 else other)[name] += time.perf_counter() - t

    return run


def _time_drains() -> list[float]:
    """Time every drain of the event log from now on (the tally's weekly drains); the returned
    one-element list holds their seconds."""
    from packbond.events.log import EventLog

    total = [0.0]
    drain = EventLog.drain

    def timed(self: EventLog) -> dict[str, Any]:
        t = time.perf_counter()
        try:
            return drain(self)
        finally:
            total[0] += time.perf_counter() - t

    EventLog.drain = timed  # type: ignore[method-assign]
    return total


if __name__ == "__main__":
    main()
