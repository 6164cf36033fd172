"""Benchmark: packbond's side of ``packbond bench`` alone, with the seconds of each system.

Runs the benchmark rule set (``packbond.benchmarking.subset``) on a world of about N wolves for
Y years, as ``packbond bench --no-mesa`` does, but in this process and with every system timed.
Why: the ratio to Mesa is decided by packbond's side, and its year at 10,000 wolves is too short
to profile by eye; the sizes show what is a fixed cost a day and what grows with the wolves.
A short run first loads the compiled kernels (``subset.warm_up``). Prints one JSON line.
Run: ``.venv/bin/python benchmarks/bench_subset.py --wolves 10000 --years 1``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict

from bench_world import _timed
from packbond.benchmarking import subset
from packbond.engine import ScheduledSystem


def main() -> None:
    """Parse arguments, run the subset with each system timed, print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=10_000)
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    subset.warm_up(args.seed)
    seconds: dict[str, float] = defaultdict(float)
    timed = [
        ScheduledSystem(s.name, s.every, _timed(s.name, s.step, seconds)) for s in subset.schedule()
    ]
    world = subset.build(args.wolves, args.seed)
    days = world.calendar.years_to_days(args.years)
    t0 = time.perf_counter()
    subset.run_packbond(world, days, timed)
    step = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "wolves": args.wolves,
                "years": args.years,
                "step_s": round(step, 3),
                "systems_s": round(sum(seconds.values()), 3),
                "system_s": {
                    k: round(v, 3) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])
                },
            }
        )
    )


if __name__ == "__main__":
    main()
