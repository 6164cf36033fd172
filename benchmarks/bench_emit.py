"""Benchmark: the cost of emitting one small batch of events, the commonest call of a day.

Why: a simulated year emits thousands of batches of a handful of events each, so in a small
world the fixed cost of one ``Context.emit`` (checks, id columns, the chunk) adds up to a part
of the year that does not shrink with the world. Times two typical batches of five events: a
``hunt`` (one role, pack, detail and value) and a ``healed`` (one role, pack and cause).
Run: ``.venv/bin/python benchmarks/bench_emit.py``.
"""

from __future__ import annotations

import json
import timeit

import numpy as np

from packbond.benchmarking import subset
from packbond.core.engine import Engine


def main() -> None:
    """Time the two batches, the best of five rounds; print one JSON line of microseconds."""
    world = subset.build(1000, 1)
    engine = Engine(world, schedule=subset.schedule())
    engine.run(3)
    ctx = engine.ctx
    rows = np.arange(5, dtype=np.int64)
    codes = np.array([0, 1, 0, 1, 1], dtype=np.int64)
    food = np.array([1.0, 2.0, 0.0, 3.0, 1.5])
    batches = {
        "hunt_us": lambda: ctx.emit("hunt", rows, pack=rows, detail=codes, value=food),
        "healed_us": lambda: ctx.emit("healed", rows, pack=rows, cause=codes),
    }
    n = 20_000
    out = {
        name: round(min(timeit.repeat(batch, number=n, repeat=5)) / n * 1e6, 2)
        for name, batch in batches.items()
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
