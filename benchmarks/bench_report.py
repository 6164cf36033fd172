"""Benchmark: the HTML report of a generated world of N wolves run for Y years.

Simulates (once) and stores the world, then times ``packbond report`` on it and prints the
report's size. Run: ``.venv/bin/python benchmarks/bench_report.py --wolves 10000 --years 10``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench_world import SCENARIO  # the same generated world as the step benchmark
from packbond import open_run, simulate
from packbond.report import build_report
from packbond.scenario import parse_scenario


def main() -> None:
    """Parse arguments, run the benchmark, print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=10_000)
    ap.add_argument("--years", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("runs/bench-report"))
    args = ap.parse_args()
    store = args.out / f"w{args.wolves}-y{args.years:g}-s{args.seed}"
    t0 = time.perf_counter()
    if not (store / "run.duckdb").is_file():
        loaded = parse_scenario(SCENARIO.format(packs=max(1, args.wolves // 8), preset="seed"))
        simulate(
            loaded, seed=args.seed, years=args.years, out=store, keep_freed_memory=True
        ).close()
    t1 = time.perf_counter()
    with open_run(store) as run:
        wolves = len(run.wolves)
        events = int(run.query("SELECT count(*) AS n FROM events")["n"].iloc[0])
        path = build_report(run, store / "report.html")
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "wolves_start": args.wolves,
                "wolves_lived": wolves,
                "years": args.years,
                "events": events,
                "simulate_s": round(t1 - t0, 1),
                "report_s": round(t2 - t1, 1),
                "report_mb": round(path.stat().st_size / 1e6, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
