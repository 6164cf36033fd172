"""The Mesa 3 reference of the benchmark rule set, runnable: one run, or a comparison over seeds.

The model itself lives in ``packbond.benchmarking.mesa_reference`` (so that ``packbond bench``
finds it in an installed package); this script runs it beside packbond from the same worlds.
Needs ``pip install 'packbond[bench]'``.

Run: ``.venv/bin/python benchmarks/mesa_reference.py --wolves 500 --seeds 20`` prints, as a
Markdown table, each summary statistic's mean on both sides and the standard error of the
paired difference (the figures of docs/benchmark-rules.md).
"""

from __future__ import annotations

import argparse
import statistics

from packbond.benchmarking import subset
from packbond.benchmarking.mesa_reference import BenchmarkModel


def main() -> None:
    """Parse arguments, run both sides per seed, print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=500)
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--seeds", type=int, default=5, help="seeds 1..N")
    args = ap.parse_args()
    pairs: dict[str, list[tuple[float, float]]] = {k: [] for k in subset.STATISTICS}
    for seed in range(1, args.seeds + 1):
        world = subset.build(args.wolves, seed)
        days = world.calendar.years_to_days(args.years)
        start = subset.start_state(world)
        model = BenchmarkModel(start, world.rules, seed=seed)
        ours = subset.run_packbond(world, days)
        for _ in range(days):
            model.step()
        theirs = model.summary(len(start.wolves))
        for k, v in pairs.items():
            v.append((ours[k], theirs[k]))
    print(f"{args.wolves} wolves, {args.years:g} year(s), seeds 1-{args.seeds}\n")
    print("| statistic | packbond | Mesa | difference | SE of difference | z |")
    print("|---|---|---|---|---|---|")
    for k, v in pairs.items():
        a = statistics.mean(x for x, _ in v)
        b = statistics.mean(y for _, y in v)
        diffs = [x - y for x, y in v]
        se = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float("nan")
        z = (a - b) / se if se > 0 else 0.0
        print(f"| {k} | {a:.4g} | {b:.4g} | {a - b:+.3g} | {se:.3g} | {z:+.2f} |")


if __name__ == "__main__":
    main()
