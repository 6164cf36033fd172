"""Benchmark: a generated world of N wolves run for Y years, full rule set.

Reports build time, step time, time per wolf-day, events per wolf-year and peak memory. A small
world is run first, untimed, so compiled kernels are loaded before the clock starts.
Run: ``.venv/bin/python benchmarks/bench_world.py --wolves 1000000 --years 1``.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from packbond.core import allocator
from packbond.core.engine import Engine, ScheduledSystem
from packbond.scenario import build_world, parse_scenario

SCENARIO = """
name = "bench"
start_season = "spring"
[rules]
preset = "{preset}"
[[regions]]
name = "Forest"
[[regions]]
name = "Hills"
winter_severity = 0.7
[population]
packs = {packs}
size_mean = 8
size_sd = 2
"""


PARALLEL_WARM_UP = 110_000
"""Wolves of the warm-up world that loads the parallel passes for a big timed world (over every
threshold, ``parallel.HEAVY_FROM`` rows at most; see ``packbond.kernels.parallel``); a smaller
timed world warms up at its own size, so that its peak memory stays its own."""


def main() -> None:
    """Parse arguments, run the benchmark, print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=100_000)
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--preset", default="seed")
    ap.add_argument("--profile", action="store_true", help="time each system")
    args = ap.parse_args()
    allocator.keep_freed_memory()  # measured as documented: malloc keeps freed memory
    # A small world run first loads every compiled kernel from its cache (or compiles it, once
    # per machine), so the timed year does not pay for that. A world as big as the timed one
    # (at most past every thread threshold) then runs a few days, so that the parallel passes
    # it will use are loaded too: on a fresh machine their compiling (about 40 s) had landed in
    # the first timed year, and loading them from the cache cost a 107,000-wolf year some 4 s.
    warm = build_world(parse_scenario(SCENARIO.format(packs=40, preset=args.preset)), [1])
    Engine(warm, metrics_every=7).run(60)
    packs = max(1, min(args.wolves, PARALLEL_WARM_UP) // 8)  # no bigger than the timed world
    warm = build_world(parse_scenario(SCENARIO.format(packs=packs, preset=args.preset)), [1])
    Engine(warm, metrics_every=7).run(8)  # a week and a day: the weekly passes too
    t0 = time.perf_counter()
    loaded = parse_scenario(SCENARIO.format(packs=max(1, args.wolves // 8), preset=args.preset))
    world = build_world(loaded, [1])
    t1 = time.perf_counter()
    engine = Engine(world, metrics_every=7)
    seconds: dict[str, float] = defaultdict(float)
    if args.profile:
        engine.schedule = [
            ScheduledSystem(s.name, s.every, _timed(s.name, s.step, seconds))
            for s in engine.schedule
        ]
    days = world.calendar.years_to_days(args.years)
    engine.run(days)
    t2 = time.perf_counter()
    wolves = world.wolves.size
    wolf_days = wolves * days
    print(
        json.dumps(
            {
                "wolves": wolves,
                "years": args.years,
                "build_s": round(t1 - t0, 2),
                "step_s": round(t2 - t1, 2),
                "ns_per_wolf_day": round(1e9 * (t2 - t1) / wolf_days, 1),
                "events_per_wolf_year": round(engine.log.total / (wolves * args.years), 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "system_s": {
                    k: round(v, 2) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])
                },
            }
        )
    )


def _timed(name: str, step: Callable[..., Any], seconds: dict[str, float]) -> Any:
    """A step that adds its own run time to ``seconds[name]``."""

    def run(world: Any, ctx: Any) -> None:
        t = time.perf_counter()
        step(world, ctx)
        seconds[name] += time.perf_counter() - t

    return run


if __name__ == "__main__":
    main()
