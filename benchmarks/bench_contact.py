"""Benchmark: the daily contact kernel alone, on one thread.

Builds a generated world of about N wolves, steps it through ``--warm`` days with every system,
keeps a copy of the contact kernel's inputs on the next day, then times the serial kernel (and
with ``--threads`` the parallel one) on fresh copies of them: the fastest of ``--repeat`` calls
and their mean (the mean shows what a busy machine does to threads). Why alone: the kernel is
the largest part of a day, and a change to it should be measured without the noise of the other
24 systems. ``--subset`` takes the day from the benchmark rule set instead (its world, its
systems), the day that decides the ratio to Mesa.

Each call is given a day of its own (the captured day plus 1, 2, ...), so that its draws, and
the branches they decide, are new. Replaying one day taught the processor's branch predictor
that day's outcomes: at 10,000 wolves the parallel kernel looked twice as fast as it is in a
year (0.18 against 0.35 ms). ``--cold`` also writes over 64 MiB of other memory before each
timed call, so that the kernel meets its columns out of the caches.
Run: ``.venv/bin/python benchmarks/bench_contact.py --wolves 100000 [--threads] [--subset]
[--cold]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from typing import Any

import numpy as np

from bench_world import SCENARIO
from packbond.benchmarking import subset
from packbond.core import allocator
from packbond.core.engine import Engine
from packbond.scenario import build_world, parse_scenario
from packbond.systems.contact import kernel as contact

_EVICT_BYTES = 64 << 20
"""Memory written over before a ``--cold`` call: more than a server's last-level cache."""


def main() -> None:
    """Parse arguments, capture one day's contact inputs, time the kernel, print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wolves", type=int, default=100_000)
    ap.add_argument("--warm", type=int, default=59, help="days stepped before the timed day")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", action="store_true", help="time the parallel kernel too")
    ap.add_argument(
        "--subset", action="store_true", help="the benchmark rule set's world and systems"
    )
    ap.add_argument("--cold", action="store_true", help="evict the caches before each timed call")
    args = ap.parse_args()
    allocator.keep_freed_memory()  # measured as documented: malloc keeps freed memory
    evict = np.zeros(_EVICT_BYTES // 8) if args.cold else None
    if args.subset:
        world = subset.build(args.wolves, 1)
        engine = Engine(world, schedule=subset.schedule(), metrics_every=7)
    else:
        world = build_world(
            parse_scenario(SCENARIO.format(packs=max(1, args.wolves // 8), preset="seed")), [1]
        )
        engine = Engine(world, metrics_every=7)
    engine.run(args.warm)
    captured: list[tuple[Any, ...]] = []
    run_day = contact.daily_contacts

    def capture(*inputs: Any) -> None:
        captured.append(copy.deepcopy(inputs))
        run_day(*inputs)

    contact.daily_contacts = capture  # the contact system calls it through this module
    try:
        engine.run(1)
    finally:
        contact.daily_contacts = run_day
    inputs = captured[0]
    kernels = {"serial": contact._contacts_serial}
    if args.threads:
        kernels["parallel"] = contact._contacts_parallel
    rows = len(inputs[8].order)  # the pack members who take part
    out: dict[str, Any] = {"pack_members": rows}
    for name, kernel in kernels.items():
        kernel(*copy.deepcopy(inputs))  # loads the compiled kernel, untimed
        times = []
        for r in range(args.repeat):
            # The same state on a day of its own: each day's draws are new coins to the branch
            # predictor, as in a year (see the module's docstring).
            fresh = (inputs[0] + 1 + r, *copy.deepcopy(inputs[1:]))
            if evict is not None:
                evict += 1.0
            t0 = time.perf_counter()
            kernel(*fresh)
            times.append(time.perf_counter() - t0)
        out[f"{name}_ms"] = round(min(times) * 1e3, 2)
        out[f"{name}_mean_ms"] = round(sum(times) / len(times) * 1e3, 2)
        out[f"{name}_ns_per_member"] = round(min(times) / rows * 1e9, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
