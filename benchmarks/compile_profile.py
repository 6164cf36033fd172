"""Where a first run's time goes: Numba's compile time per kernel, with an empty kernel cache.

Runs a command of the CLI (by default the seed scenario for a year) in this process with
Numba's compile events timed, then prints the import time, the whole time, the compile time and
one row per kernel: how many times it was compiled (once per argument types), its own seconds
(its callees' compiles taken out) and its seconds with them. Run it with an empty cache, or the
kernels load instead of compiling:
``NUMBA_CACHE_DIR=$(mktemp -d) .venv/bin/python benchmarks/compile_profile.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import runpy
import sys
import tempfile
import time
from collections import defaultdict
from typing import Any

from numba.core import event

_open: list[list[Any]] = []  # per compile under way: name, start, seconds of its callees
_rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])  # times, own s, with callees


class _Compiles(event.Listener):
    def on_start(self, ev: event.Event) -> None:
        func = ev.data["dispatcher"].py_func
        _open.append([f"{func.__module__}.{func.__name__}", time.perf_counter(), 0.0])

    def on_end(self, ev: event.Event) -> None:
        name, start, callees = _open.pop()
        took = time.perf_counter() - start
        row = _rows[name]
        row[0] += 1
        row[1] += took - callees
        row[2] += took
        if _open:
            _open[-1][2] += took


def main() -> None:
    """Time the command's compiles and print the table, longest first."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=20, help="rows to print")
    ap.add_argument("command", nargs="*", help="CLI arguments (default: run seed for a year)")
    args = ap.parse_args()
    out = tempfile.mkdtemp()
    command = args.command or ["run", "seed", "--seed", "7", "--years", "1", "--out", f"{out}/r"]
    event.register("numba:compile", _Compiles())
    start = time.perf_counter()
    import packbond.cli  # noqa: F401  (its import is part of a first run)

    imported = time.perf_counter() - start
    sys.argv = ["packbond", *command]
    with contextlib.suppress(SystemExit):
        runpy.run_module("packbond", run_name="__main__")
    total = time.perf_counter() - start
    compiling = sum(own for _, own, _ in _rows.values())
    print(f"import {imported:.1f} s, whole {total:.1f} s, compiling {compiling:.1f} s")
    print(f"{'kernel':60s} {'times':>5s} {'own s':>6s} {'with callees':>12s}")
    for name, (times, own, whole) in sorted(_rows.items(), key=lambda kv: -kv[1][1])[: args.top]:
        print(f"{name:60s} {int(times):5d} {own:6.2f} {whole:12.2f}")


if __name__ == "__main__":
    main()
