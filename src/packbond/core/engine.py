"""The engine: runs the schedule of systems day by day and collects the day's metrics.

The engine never prints and never touches the disk. It keeps the day's events and metrics in
memory; whoever drives it (the API) drains them into the run store at checkpoints.
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Literal, Protocol

import numpy as np

from .. import kernels
from ..events import EventLog
from ..state import World
from .context import Context
from .trace import TRACE_COLUMNS, collect_trace

__all__ = ["Engine", "ScheduledSystem", "load_schedule"]

Cadence = Literal["day", "week", "season"]


class _System(Protocol):
    def __call__(self, world: World, ctx: Context) -> None: ...


@dataclass(frozen=True)
class ScheduledSystem:
    """A system in the schedule: its name, its step function, and how often it runs."""

    name: str
    every: Cadence
    step: _System


def load_schedule() -> list[ScheduledSystem]:
    """The schedule shipped in ``schedule.toml``, with each system's ``step`` imported."""
    text = resources.files(__package__).joinpath("schedule.toml").read_text("utf-8")
    out = []
    for entry in tomllib.loads(text)["systems"]:
        if entry["every"] not in ("day", "week", "season"):
            raise ValueError(f"system {entry['name']!r} has an unknown cadence {entry['every']!r}")
        module = importlib.import_module(f"packbond.systems.{entry['name']}")
        out.append(ScheduledSystem(entry["name"], entry["every"], module.step))
    return out


METRIC_COLUMNS: tuple[str, ...] = (
    "replicate",
    "day",
    "pack",
    "population",
    "alphas",
    "betas",
    "omegas",
    "unpresented",
    "mean_wellbeing",
    "mean_acceptance",
    "withdrawn",
    "contacts_this_week",
    "food",
)


class Engine:
    """Steps a world through days."""

    def __init__(
        self,
        world: World,
        schedule: list[ScheduledSystem] | None = None,
        metrics_every: int = 1,
        trace_every: int = 1,
    ) -> None:
        self.world = world
        self.schedule = schedule if schedule is not None else load_schedule()
        self.log = EventLog(world.replicates)
        self.ctx = Context(world, self.log)
        self.metrics_every = max(1, metrics_every)
        self._metrics: list[dict[str, np.ndarray]] = []
        self.trace_every = trace_every
        """Days between traces of the notable wolves (``World.traced``); 0 keeps none."""
        self._trace: list[dict[str, np.ndarray]] = []

    def _due(self, every: Cadence, day: int) -> bool:
        if every == "day":
            return True
        if every == "week":
            return day % 7 == 0
        return self.world.calendar.is_season_start(day)

    def step(self) -> None:
        """Run one day: every due system in order (deaths take effect as systems kill, see
        :meth:`Context.kill`), then metrics."""
        day = self.world.day
        self.ctx.day = day
        for system in self.schedule:
            if self._due(system.every, day):
                system.step(self.world, self.ctx)
        if day % self.metrics_every == 0:
            self._metrics.append(self._collect_metrics(day))
        if self.trace_every and day % self.trace_every == 0 and len(self.world.traced):
            self._trace.append(collect_trace(self.world, day))
        self.world.day = day + 1

    def run(self, days: int, on_day: Callable[[int], None] | None = None) -> None:
        """Step ``days`` days, calling ``on_day(day)`` after each."""
        for _ in range(days):
            self.step()
            if on_day is not None:
                on_day(self.world.day - 1)

    def _collect_metrics(self, day: int) -> dict[str, np.ndarray]:
        w, p = self.world.wolves, self.world.packs
        n = p.size
        reps = self.world.replicates
        # Per slot: each pack row, then one slot per replicate for wolves outside any pack.
        counts, sums = kernels.metric_sums(
            w.view("alive"),
            w.view("pack"),
            w.view("replicate"),
            w.view("designation"),
            w.view("withdrawn"),
            w.view("wellbeing"),
            w.view("acceptance"),
            w.view("contacts"),
            n,
            reps,
        )
        whole = counts.astype(np.int32)
        population = whole[:, 0]
        size = n + reps
        keep = np.r_[p.view("alive"), population[n:] > 0]
        cols = {
            "replicate": np.r_[p.view("replicate"), np.arange(reps, dtype=np.int16)],
            "day": np.full(size, day, dtype=np.int32),
            "pack": np.r_[p.view("id"), np.full(reps, -1, dtype=np.int32)],
            "population": population,
            "alphas": whole[:, 2],
            "betas": whole[:, 3],
            "omegas": whole[:, 4],
            "unpresented": whole[:, 1],
            "mean_wellbeing": (sums[:, 0] / np.maximum(population, 1)).astype(np.float32),
            "mean_acceptance": (sums[:, 1] / np.maximum(population, 1)).astype(np.float32),
            "withdrawn": whole[:, 5],
            "contacts_this_week": sums[:, 2].astype(np.int32),
            "food": np.r_[p.view("food"), np.zeros(reps, dtype=np.float32)],
        }
        return {k: v[keep] for k, v in cols.items()}

    def drain_trace(self) -> dict[str, np.ndarray]:
        """Trace rows collected since the last drain, as columns."""
        chunks, self._trace = self._trace, []
        if not chunks:
            return {}
        return {k: np.concatenate([c[k] for c in chunks]) for k in TRACE_COLUMNS}

    def drain_metrics(self) -> dict[str, np.ndarray]:
        """Metrics collected since the last drain, as columns."""
        chunks, self._metrics = self._metrics, []
        if not chunks:
            return {}
        return {k: np.concatenate([c[k] for c in chunks]) for k in METRIC_COLUMNS}
