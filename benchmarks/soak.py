"""Soak: the valley for 200 years, then every invariant of ``tests/invariants.py`` over the run.

The test suite soaks a shorter run (``tests/test_soak.py``); this runs the full length, times it
and reports the process's peak memory and every broken invariant with its first rows. Exits 1 if
any is broken. Run: ``.venv/bin/python benchmarks/soak.py`` (a few minutes).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import packbond

# The checks live with the tests that use them; this script is run from a clone.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.invariants import report, violations


def main() -> None:
    """Run the soak, print one JSON line of figures, then any broken invariant."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--years", type=float, default=200.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="keep the run here (default: a temporary directory)")
    args = ap.parse_args()
    # A year first loads every compiled kernel from its cache (or compiles it, once per machine),
    # so that neither the time nor the peak memory reported is the compiler's.
    packbond.simulate("valley", seed=args.seed, years=1, trace_every=0)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch) / "valley"
        t0 = time.perf_counter()
        run = packbond.simulate("valley", seed=args.seed, years=args.years, out=out)
        t1 = time.perf_counter()
        found = violations(run)
        t2 = time.perf_counter()
        living = run.query("SELECT count(*) FILTER (WHERE alive), count(*) FROM wolves")
        print(
            json.dumps(
                {
                    "years": args.years,
                    "seed": args.seed,
                    "run_s": round(t1 - t0, 1),
                    "checks_s": round(t2 - t1, 1),
                    "events": int(run.manifest["events"]),
                    "wolves_living": int(living.iloc[0, 0]),
                    "wolves_ever": int(living.iloc[0, 1]),
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                    "broken": [name for name, rows in found.items() if not rows.empty],
                }
            )
        )
        if any(not rows.empty for rows in found.values()):
            print(report(found))
            sys.exit(1)


if __name__ == "__main__":
    main()
