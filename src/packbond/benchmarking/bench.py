"""``packbond bench``: packbond and its Mesa reference, one after the other on the same machine.

Why subprocesses: peak memory is a process-wide high-water mark, so each side runs in a fresh
Python process of its own (``python -m packbond.benchmarking.bench --side ...``) and reports its own
``ru_maxrss``; neither masks the other, and neither inherits the other's warm caches. Both sides
start from the same benchmark world (``benchmarking.subset``), and only the daily steps are timed
(building the world and the agents is reported apart). Mesa is imported only on its side, so
``--no-mesa`` works without it installed.

Why ``--repeat``: a shared machine's speed drifts within the hour, which moves one pair of runs
more than a change of a few percent would (see ``docs/performance.md``). Repeated runs alternate
the sides (packbond, Mesa, packbond, ...), so both see the same drift, and each side is reported
by its median run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from ..api import MAX_YEARS
from ..core import allocator
from ..errors import PackbondError

__all__ = ["BenchReport", "SideResult", "bench", "check_mesa", "run_side"]

_INSTALL_HINT = "pip install 'packbond[bench]'"


@dataclass(frozen=True)
class SideResult:
    """One side's run: seconds of steps, of building, peak memory, and the summary statistics."""

    side: str
    wolves: int
    days: int
    step_s: float
    build_s: float
    peak_rss_mb: float
    import_rss_mb: float
    """Memory held once the side's modules are imported, before any world is built."""
    statistics: dict[str, float] = field(default_factory=dict)

    @property
    def wolf_days_per_s(self) -> float:
        """Wolf-days simulated per second of steps (wolves at day 0 times days)."""
        return self.wolves * self.days / max(self.step_s, 1e-9)


@dataclass(frozen=True)
class BenchReport:
    """Both sides of one benchmark, and how they compare."""

    wolves: int
    years: float
    seed: int
    load_before: float
    """The machine's one-minute load average when the benchmark began."""
    packbond: SideResult
    """The median of packbond's runs (the faster middle one for an even number)."""
    mesa: SideResult | None
    """The median of the Mesa reference's runs, or None without Mesa."""
    packbond_runs: tuple[SideResult, ...] = ()
    """Every run of packbond, in the order they ran (empty: the one run above)."""
    mesa_runs: tuple[SideResult, ...] = ()

    @property
    def ratio(self) -> float | None:
        """How many times faster packbond stepped than the Mesa reference."""
        if self.mesa is None:
            return None
        return self.mesa.step_s / max(self.packbond.step_s, 1e-9)

    def as_dict(self) -> dict[str, Any]:
        """The report as one JSON-ready object."""
        sides = [s for s in (self.packbond, self.mesa) if s is not None]
        every = [*sides, *self.packbond_runs, *self.mesa_runs]
        ours = self.packbond_runs or (self.packbond,)
        theirs = self.mesa_runs or ((self.mesa,) if self.mesa is not None else ())
        return {
            "wolves": self.packbond.wolves,
            "years": self.years,
            "days": self.packbond.days,
            "seed": self.seed,
            "packbond_s": round(self.packbond.step_s, 3),
            "mesa_s": None if self.mesa is None else round(self.mesa.step_s, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 1),
            "peak_rss_mb": round(max(s.peak_rss_mb for s in every), 1),
            "packbond_build_s": round(self.packbond.build_s, 3),
            "mesa_build_s": None if self.mesa is None else round(self.mesa.build_s, 3),
            "packbond_wolf_days_per_s": round(self.packbond.wolf_days_per_s),
            "mesa_wolf_days_per_s": None if self.mesa is None else round(self.mesa.wolf_days_per_s),
            "packbond_peak_rss_mb": round(self.packbond.peak_rss_mb, 1),
            "mesa_peak_rss_mb": None if self.mesa is None else round(self.mesa.peak_rss_mb, 1),
            "packbond_import_rss_mb": round(self.packbond.import_rss_mb, 1),
            "mesa_import_rss_mb": None if self.mesa is None else round(self.mesa.import_rss_mb, 1),
            "load_before": round(self.load_before, 2),
            "repeat": len(ours),
            "packbond_runs_s": [round(s.step_s, 3) for s in ours],
            "mesa_runs_s": [round(s.step_s, 3) for s in theirs] if theirs else None,
            "statistics": {s.side: s.statistics for s in sides},
        }


def check_mesa() -> None:
    """Raise a clear error if the Mesa reference cannot run here."""
    if importlib.util.find_spec("mesa") is None:
        raise PackbondError(
            f"the Mesa side needs the package 'mesa', which is not installed: {_INSTALL_HINT} "
            "(or pass --no-mesa)"
        )


def _validate(wolves: int, years: float, repeat: int = 1) -> None:
    if repeat < 1:
        raise PackbondError(f"--repeat must be at least 1 (got {repeat})")
    if wolves < 1:
        raise PackbondError(f"--wolves must be at least 1 (got {wolves})")
    if not 0 < years <= MAX_YEARS:  # NaN fails this too
        raise PackbondError(
            f"--years must be more than 0 and at most {MAX_YEARS:,} (got {years:g})"
        )


def bench(
    wolves: int, years: float, seed: int = 1, mesa: bool = True, repeat: int = 1
) -> BenchReport:
    """Run packbond, then (unless ``mesa`` is false) the Mesa reference, each in a subprocess;
    ``repeat`` times each, alternating, each side reported by its median run."""
    _validate(wolves, years, repeat)
    if mesa:
        check_mesa()
    load = os.getloadavg()[0]
    ours: list[SideResult] = []
    theirs: list[SideResult] = []
    for _ in range(repeat):
        ours.append(run_side("packbond", wolves, years, seed))
        if mesa:
            theirs.append(run_side("mesa", wolves, years, seed))
    return BenchReport(
        wolves,
        years,
        seed,
        load,
        _median(ours),
        _median(theirs) if theirs else None,
        tuple(ours),
        tuple(theirs),
    )


def _median(runs: list[SideResult]) -> SideResult:
    """The run with the median step time (the faster of the middle two for an even number)."""
    return sorted(runs, key=lambda run: run.step_s)[(len(runs) - 1) // 2]


def run_side(side: str, wolves: int, years: float, seed: int) -> SideResult:
    """Run one side in a fresh Python process and read back its result."""
    cmd = [sys.executable, "-m", "packbond.benchmarking.bench", "--side", side]
    cmd += ["--wolves", str(wolves), "--years", repr(years), "--seed", str(seed)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise PackbondError(f"the {side} side of the benchmark failed: {tail}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return SideResult(**data)


def _measure(side: str, wolves: int, years: float, seed: int) -> SideResult:
    """In the child: build the world, run one side, time it."""
    from . import subset

    if side == "mesa":
        from . import mesa_reference
    imported = _rss_mb()
    t0 = time.perf_counter()
    world = subset.build(wolves, seed)
    days = world.calendar.years_to_days(years)
    start = int(world.wolves.view("alive").sum())
    if side == "packbond":
        # Measured as documented: with malloc keeping freed memory (packbond.core.allocator).
        allocator.keep_freed_memory()
        # A short warm-up run loads the compiled kernels, so the timed year does not pay for it.
        subset.warm_up(seed)
        t1 = time.perf_counter()
        stats = subset.run_packbond(world, days)
    else:
        state = subset.start_state(world)
        rules = world.rules
        del world
        t0 = time.perf_counter()
        model = mesa_reference.BenchmarkModel(state, rules, seed=seed)
        t1 = time.perf_counter()
        for _ in range(days):
            model.step()
        stats = model.summary(start)
    t2 = time.perf_counter()
    return SideResult(side, start, days, t2 - t1, t1 - t0, _rss_mb(), imported, stats)


def _rss_mb() -> float:
    """This process's peak resident memory so far, in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child() -> None:
    ap = argparse.ArgumentParser(prog="python -m packbond.benchmarking.bench", description=__doc__)
    ap.add_argument("--side", choices=("packbond", "mesa"), required=True)
    ap.add_argument("--wolves", type=int, default=10_000)
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    result = _measure(args.side, args.wolves, args.years, args.seed)
    data = dict(vars(result))
    sys.stdout.write(json.dumps(data) + "\n")


if __name__ == "__main__":
    _child()
