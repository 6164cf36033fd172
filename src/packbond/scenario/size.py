"""How big a scenario's world will be, and whether this machine can hold it.

Why up front: building and running a world too big for the machine fails only when the memory
runs out, after minutes, and may take the machine down with it. The estimate is made from the
scenario alone, before anything is built, and refused with the figures that decide it.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from ..errors import PackbondError, Problem, ScenarioError
from ..rules import Rules
from ..state import Wolves
from .load import LoadedScenario, locate
from .schema import PopulationSpec, Scenario

__all__ = [
    "COLUMN_FACTOR",
    "MEMORY_VARIABLE",
    "bytes_per_wolf",
    "check_fits",
    "machine_memory",
    "starting_wolves",
]

COLUMN_FACTOR = 3.5
"""A run's peak memory per wolf, as a multiple of the wolf table's bytes per row. Measured:
building a world of a million generated wolves (seed rules, 12 tie slots, 708 bytes of columns
a wolf) peaks at 1.57 kB a wolf above the interpreter, 60 days of running 400,000 at 1.89 kB,
and a year of a million (with its births doubling the table and the events kept) at 2.4 kB."""

MEMORY_VARIABLE = "PACKBOND_MEMORY_GB"
"""An environment variable that, when set, is the memory (in GB) a run may plan for instead of
what the machine has."""

_BASE_BYTES = 300_000_000
"""The interpreter with NumPy, Numba and DuckDB loaded, before any world."""

_ROWS_MAX = 2**31 - 1
"""Wolf rows are referred to by 32-bit numbers."""


def starting_wolves(scenario: Scenario) -> int:
    """Wolves one replicate starts with: the cast, the named packs' extra members, and the
    generated packs at their expected size."""
    named = len(scenario.cast) + sum(p.extra_members for p in scenario.packs)
    pop = scenario.population
    return named + (round(pop.packs * _mean_size(pop)) if pop else 0)


def _mean_size(pop: PopulationSpec) -> float:
    """The mean of ``max(size_min, size)`` for a normal size: a generated pack's mean size."""
    lo, mu, sd = pop.size_min, pop.size_mean, pop.size_sd
    if sd == 0:
        return max(lo, mu)
    a = (mu - lo) / sd
    cdf = 0.5 * (1.0 + math.erf(a / math.sqrt(2.0)))
    pdf = math.exp(-a * a / 2.0) / math.sqrt(2.0 * math.pi)
    return lo + (mu - lo) * cdf + sd * pdf


def bytes_per_wolf(rules: Rules) -> int:
    """Peak bytes a run needs per wolf: the wolf table's row (with the rules' tie slots) times
    :data:`COLUMN_FACTOR`."""
    row = 0
    for col in Wolves.columns().values():
        row += np.dtype(col.dtype).itemsize * (rules.ties.slots if col.per_slot else 1)
    return round(row * COLUMN_FACTOR)


def machine_memory() -> int:
    """Bytes of memory a run may plan for: :data:`MEMORY_VARIABLE` if set, else the machine's
    memory, or its container's limit if lower. All of it, not what is free now, so a scenario
    fits or not the same way whatever else runs at the moment."""
    given = os.environ.get(MEMORY_VARIABLE)
    if given is not None:
        try:
            gb = float(given)
        except ValueError:
            gb = math.nan
        if not (math.isfinite(gb) and gb > 0):
            raise PackbondError(f"{MEMORY_VARIABLE} must be a number of GB above 0 (got {given!r})")
        return round(gb * 1e9)
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text("ascii").strip()
    except OSError:
        limit = "max"
    return min(total, int(limit)) if limit.isdigit() else total


def check_fits(loaded: LoadedScenario, replicates: int = 1, memory: int | None = None) -> None:
    """Refuse, with a :class:`ScenarioError`, a world of ``replicates`` copies of the scenario
    that this machine (or ``memory`` bytes, if given) cannot hold, or that has more wolves
    than a world can number."""
    sc = loaded.scenario
    each = starting_wolves(sc)
    wolves = each * replicates
    need = _BASE_BYTES + wolves * bytes_per_wolf(loaded.rules)
    have = machine_memory() if memory is None else memory
    if wolves <= _ROWS_MAX and need <= have:
        return
    path, value = _biggest(sc)
    made = f"would make about {_rounded(each):,} wolves"
    if replicates > 1:
        made += f" in each of {replicates:,} replicates ({_rounded(wolves):,} in all)"
    if wolves > _ROWS_MAX:
        why = f"more than the {_ROWS_MAX:,} a world can number"
    else:
        has = "this machine has"
        if memory is None and os.environ.get(MEMORY_VARIABLE) is not None:
            has = f"{MEMORY_VARIABLE} gives"
        why = f"needing about {_gb(need)} of memory; {has} {_gb(have)}"
    field = "" if value is None else f"= {value:,} "
    problem = Problem(path, f"{field}{made}, {why}")
    raise ScenarioError(loaded.source, [locate(problem, loaded.text)])


def _biggest(sc: Scenario) -> tuple[str, int | None]:
    """The field that adds the most wolves, and its value (none for the cast, a list)."""
    pop = sc.population
    best: tuple[int, str, int | None] = (len(sc.cast), "cast", None)
    if pop is not None:
        best = max(best, (round(pop.packs * _mean_size(pop)), "population.packs", pop.packs))
    for i, p in enumerate(sc.packs):
        best = max(best, (p.extra_members, f"packs[{i}].extra_members", p.extra_members))
    return best[1], best[2]


def _rounded(n: int) -> int:
    """``n`` to three significant digits: an estimate said no more precisely than it is."""
    return round(n, 3 - len(str(n))) if n >= 1000 else n


def _gb(n: int) -> str:
    return f"{n / 1e9:,.0f} GB" if n >= 10e9 else f"{n / 1e9:.1f} GB"
