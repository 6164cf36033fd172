"""Benchmark: sift every built-in pattern over a stored run of a generated world.

Simulates (once, then reuses) a world of N wolves for Y years and stores it, then times matching
every pattern and ranking the stories. Target: a 100,000-wolf decade in under a minute.
Run: ``.venv/bin/python benchmarks/bench_sift.py --wolves 100000 --years 10``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench_world import SCENARIO  # the same generated world as the step benchmark
from packbond.api import open_run, simulate
from packbond.narrative.sifting import builtin_patterns, sift
from packbond.scenario import parse_scenario


def main() -> None:
    """Simulate (or reuse) the run, then time sifting it."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=100_000)
    ap.add_argument("--years", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="run directory to create or reuse")
    args = ap.parse_args()
    out = args.out or Path("runs") / f"bench-{args.wolves}-{args.years:g}y-{args.seed}"
    simulated_s = None
    if not (out / "run.duckdb").exists():
        loaded = parse_scenario(SCENARIO.format(packs=max(1, args.wolves // 8), preset="seed"))
        t0 = time.perf_counter()
        simulate(loaded, seed=args.seed, years=args.years, out=out, keep_freed_memory=True).close()
        simulated_s = time.perf_counter() - t0
    library = builtin_patterns()
    with open_run(out) as run:
        events = int(run.query("SELECT count(*) AS n FROM events")["n"].iloc[0])
        t0 = time.perf_counter()
        result = sift(run, library, top=20)
        sift_s = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "run": str(out),
                "wolves": args.wolves,
                "years": args.years,
                "events": events,
                "wolf_years": round(result.wolf_years),
                "patterns": len(library.patterns),
                "matches": sum(result.counts.values()),
                "simulate_s": None if simulated_s is None else round(simulated_s, 1),
                "sift_s": round(sift_s, 2),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
