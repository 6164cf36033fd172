"""Benchmark: time per wolf-day from 10,000 to 1,000,000 wolves, one table.

Each size runs ``bench_world.py`` in a fresh process (so peak memory is its own) for the same
simulated span, full rule set, and the table shows build and step time, nanoseconds per
wolf-day and peak memory. Flat nanoseconds per wolf-day is the goal: the step's cost grows with
the wolves, with no term that grows faster.
Run: ``.venv/bin/python benchmarks/bench_scaling.py [--sizes 10000 100000 1000000] [--years 1]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    """Run each size and print a Markdown table (and the raw JSON lines on stderr)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000, 300_000, 1_000_000]
    )
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--preset", default="seed")
    args = ap.parse_args()
    print("| wolves | build | step | ns / wolf-day | events / wolf-year | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                str(HERE / "bench_world.py"),
                "--wolves",
                str(size),
                "--years",
                str(args.years),
                "--preset",
                args.preset,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(row), file=sys.stderr)
        print(
            f"| {row['wolves']:,} | {row['build_s']:.2f} s | {row['step_s']:.2f} s "
            f"| {row['ns_per_wolf_day']:.0f} | {row['events_per_wolf_year']:.1f} "
            f"| {row['peak_rss_mb']:,.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
