"""The Python API: ``simulate`` a scenario, ``open_run`` a stored one, and read it as tables.

>>> run = simulate("seed", seed=7, years=0.25)
>>> int(run.wolves["alive"].sum()) > 0
True
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from html import escape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .core import allocator
from .core.calendar import SEASONS, Calendar
from .core.engine import Engine
from .errors import PackbondError, RunNotFoundError, quoted
from .events import registry
from .scenario import LoadedScenario, build_world, check_fits, load_scenario
from .state import World
from .store import RunStore
from .store.tables import (
    events_table,
    grievances_table,
    metrics_table,
    packs_table,
    regions_table,
    ties_table,
    traces_table,
    wolves_table,
)

__all__ = [
    "MAX_REPLICATES",
    "MAX_SEED",
    "MAX_YEARS",
    "Run",
    "RunInterrupted",
    "open_run",
    "package_version",
    "simulate",
]

ProgressCallback = Callable[[int, int], None]
"""Called with (days done, days in all) after each simulated day."""


def package_version() -> str:
    """The installed packbond version."""
    try:
        return version("packbond")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


class Run:
    """A stored run: its manifest and tables (events, wolves, packs, ties, metrics, ...)."""

    def __init__(self, store: RunStore) -> None:
        self._store = store

    @property
    def path(self) -> Path | None:
        """The run directory, or None for a run kept in memory."""
        return self._store.path

    @property
    def manifest(self) -> dict[str, Any]:
        """Scenario, seed, rules, package version and status of the run.

        The status is "complete", "interrupted" (Ctrl-C, SIGTERM, SIGHUP), "failed" (with the
        error), "running" while a process writes it, or "incomplete" when the process that
        wrote it is gone without saying how it ended (killed); ``days_done`` says how far the
        stored checkpoints reach.
        """
        manifest = self._store.manifest()
        if manifest.get("status") == "running" and not self._store.writing():
            manifest["status"] = "incomplete"
        return manifest

    def stopped_note(self) -> str | None:
        """For a run that did not reach its last day, one line saying so; else None."""
        m = self.manifest
        if m.get("status") == "complete":
            return None
        return f"{m.get('status')}: stopped at day {m.get('days_done')} of {m.get('days')}"

    @property
    def calendar(self) -> Calendar:
        """The run's calendar (days per season, the season of day 0), from its manifest."""
        m = self.manifest
        return Calendar(int(m["days_per_season"]), SEASONS.index(m["start_season"]))

    def arrow(self, table: str = "events") -> pa.Table:
        """A table of the run as an Arrow table."""
        return self._store.arrow(table)

    def table_names(self) -> list[str]:
        """The names of the run's tables."""
        return self._store.tables()

    def table(self, table: str) -> pd.DataFrame:
        """A table of the run as a pandas DataFrame (whole numbers as nullable integers)."""
        return _to_pandas(self.arrow(table))

    @property
    def events(self) -> pd.DataFrame:
        """Every event: id, replicate, day, kind, role holders, pack, value, detail, cause."""
        return self.table("events")

    @property
    def wolves(self) -> pd.DataFrame:
        """Every wolf that lived, in its final state."""
        return self.table("wolves")

    @property
    def packs(self) -> pd.DataFrame:
        """Every pack that existed, in its final state."""
        return self.table("packs")

    @property
    def ties(self) -> pd.DataFrame:
        """Every relationship slot in use at the end."""
        return self.table("ties")

    @property
    def metrics(self) -> pd.DataFrame:
        """Daily aggregates per pack."""
        return self.table("metrics")

    @property
    def traces(self) -> pd.DataFrame:
        """The cast's daily wellbeing, acceptance, health, stress and rank (empty for a run
        stored without a traces table)."""
        if "traces" not in self.table_names():
            return pd.DataFrame(columns=["replicate", "day", "wolf_id"])
        return self.table("traces")

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL over the run's tables (whole numbers as nullable integers)."""
        return _to_pandas(self._store.query(sql))

    def event_hash(self, replicate: int | None = None) -> str:
        """SHA-256 of the event log (of one replicate, without its replicate column, if given)."""
        where = "" if replicate is None else f"WHERE replicate = {int(replicate)}"
        cols = "event_id, day, kind, actor, target, other, pack, rival, value, detail, cause"
        if replicate is None:
            cols = "replicate, " + cols
        table = self._store.query(f"SELECT {cols} FROM events {where} ORDER BY replicate, event_id")
        digest = hashlib.sha256()
        for column in table.columns:
            digest.update(repr(column.to_pylist()).encode())
        return digest.hexdigest()

    def close(self) -> None:
        """Release the store."""
        self._store.close()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _repr_html_(self) -> str:
        """A notebook's summary of the run: what was run, how far, and its world at the end."""
        m = self.manifest
        counts = self.query(
            "SELECT (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM wolves WHERE alive) AS living, "
            "(SELECT count(*) FROM wolves) AS wolves, "
            "(SELECT count(*) FROM packs WHERE alive) AS packs"
        ).iloc[0]
        kinds = self.query(
            "SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY n DESC, kind LIMIT 8"
        )
        rows = [
            ("scenario", m.get("scenario")),
            ("seed", m.get("seed")),
            ("replicates", m.get("replicates")),
            ("days", f"{m.get('days_done')} of {m.get('days')} ({m.get('status')})"),
            ("wolves", f"{int(counts['living']):,} living of {int(counts['wolves']):,}"),
            ("packs", f"{int(counts['packs']):,} standing"),
            ("events", f"{int(counts['events']):,}"),
            (
                "most frequent",
                ", ".join(f"{k} ({n:,})" for k, n in zip(kinds["kind"], kinds["n"], strict=True)),
            ),
            ("stored at", str(self.path) if self.path else "memory"),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{escape(str(k))}</th>"
            f"<td style='text-align:left'>{escape(str(v))}</td></tr>"
            for k, v in rows
        )
        return f"<table><caption>packbond run</caption>{body}</table>"

    def __repr__(self) -> str:
        m = self.manifest
        return (
            f"<Run {m.get('scenario')!r} seed={m.get('seed')} "
            f"replicates={m.get('replicates')} days={m.get('days_done')}/{m.get('days')}>"
        )


_MANIFEST_KEYS = (
    "scenario",
    "seed",
    "replicates",
    "days",
    "days_done",
    "status",
    "days_per_season",
    "start_season",
)


_NULLABLE = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas with whole numbers kept whole: pandas makes an integer column that has a
    NULL (no mother, no mate, no pack) floats (3.0); such a column becomes a nullable integer
    column instead, and every other column is as pandas makes it."""
    frame = table.to_pandas()
    for i, col in enumerate(table.columns):
        if pa.types.is_integer(col.type) and col.null_count > 0:
            frame.isetitem(i, col.to_pandas(types_mapper=_NULLABLE.get))
    return frame


def open_run(path: str | Path) -> Run:
    """Reopen a stored run (read-only): its queries can read its tables and nothing else."""
    store = RunStore.open(path)
    try:
        manifest = store.manifest()
    except Exception as e:  # a store that is not a run's: any reading error says so
        store.close()
        raise RunNotFoundError(
            f"{quoted(str(path))} holds no readable run manifest ({e})"
        ) from None
    missing = [key for key in _MANIFEST_KEYS if key not in manifest]
    if missing or manifest.get("start_season") not in SEASONS:
        store.close()
        raise RunNotFoundError(
            f"the run in {quoted(str(path))} has a damaged manifest "
            f"(missing: {', '.join(missing) or 'a known start_season'})"
        )
    return Run(store)


class _BackgroundWriter:
    """Writes checkpoints to the store on a thread of its own, one at a time and in order.

    Why: writing a checkpoint (events, state snapshots) into DuckDB is a sizeable share of a big
    ensemble's run (see ``docs/performance.md``), and DuckDB does that work without holding
    Python's lock, so it can overlap with the next days of simulation. The state snapshots
    handed over are copies (Arrow shares NumPy's memory, and the world goes on changing). A
    checkpoint waits for the one before it, and :meth:`close` for the last, so an interrupted
    run keeps every checkpoint it had begun to write, and a failed write is raised in the
    simulation's thread.
    """

    def __init__(self, store: RunStore) -> None:
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="packbond-store")
        self._pending: Future[None] | None = None

    def checkpoint(
        self,
        events: pa.Table,
        metrics: pa.Table | None,
        snapshots: dict[str, pa.Table],
        manifest: dict[str, Any],
        traces: pa.Table | None,
    ) -> None:
        """Queue one checkpoint (see :meth:`RunStore.checkpoint`) after waiting for the last."""
        # Only the snapshots share the world's memory: events, metrics and traces were drained
        # into arrays of their own (the drains concatenate), which nothing writes again.
        owned = {name: _owned(t) for name, t in snapshots.items()}
        self._wait()
        self._pending = self._pool.submit(
            self._store.checkpoint, events, metrics, owned, manifest, traces
        )

    def close(self, quiet: bool = False) -> None:
        """Wait for the last checkpoint to be written and stop the thread; ``quiet`` drops a
        write error (when another error is already on its way out)."""
        try:
            self._wait()
        except Exception:
            if not quiet:
                raise
        finally:
            self._pool.shutdown(wait=True)

    def _wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()


def _owned(table: pa.Table) -> pa.Table:
    """A copy of ``table`` with buffers of its own (``take`` copies every column's values)."""
    return table.take(pa.array(np.arange(table.num_rows, dtype=np.int64)))


def _snapshots(world: World) -> dict[str, pa.Table]:
    return {
        "wolves": wolves_table(world),
        "packs": packs_table(world),
        "ties": ties_table(world),
        "grievances": grievances_table(world),
        "regions": regions_table(world),
    }


MAX_YEARS = 10_000
"""The longest run, in simulated years (a day counter that any column can hold)."""
MAX_REPLICATES = 32_767
"""The most replicates in one run (the ``replicate`` column is a 16-bit integer)."""
MAX_SEED = 2**63 - 1
"""The largest seed a replicate can have (seeds are 64-bit integers)."""


class RunInterrupted(KeyboardInterrupt):
    """A run stopped by a signal (Ctrl-C, SIGTERM, SIGHUP); its checkpoints are kept."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _StopSignals:
    """While a run steps, SIGINT, SIGTERM and SIGHUP ask it to stop at the end of the day.

    The handler only records the signal: raised from inside a compiled kernel an exception
    would surface as a SystemError, so the day loop raises :class:`RunInterrupted` itself,
    between days, and the checkpoints begun are written and the status says "interrupted".
    Only the main thread can set handlers; elsewhere nothing is installed.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            self._previous = {s: signal.signal(s, self._record) for s in self.SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for s, handler in self._previous.items():
            signal.signal(s, handler)

    def _record(self, signum: int, _frame: object) -> None:
        self.received = signum

    def check(self) -> None:
        """Raise :class:`RunInterrupted` if a stopping signal came."""
        if self.received is not None:
            raise RunInterrupted(self.received)


def _check_run_size(seed: int, years: float, replicates: int) -> None:
    if not 1 <= replicates <= MAX_REPLICATES:
        raise PackbondError(
            f"'replicates' must be a whole number from 1 to {MAX_REPLICATES:,} (got {replicates})"
        )
    if not 0 <= years <= MAX_YEARS:  # NaN fails this too
        raise PackbondError(f"'years' must be a number from 0 to {MAX_YEARS:,} (got {years})")
    if not 0 <= seed <= MAX_SEED - (replicates - 1):
        raise PackbondError(
            f"'seed' must be a whole number from 0 to {MAX_SEED - (replicates - 1)} "
            f"(the last replicate's seed is seed + replicates - 1; got {seed})"
        )


def simulate(
    scenario: str | Path | LoadedScenario,
    *,
    seed: int = 0,
    years: float = 1.0,
    replicates: int = 1,
    out: str | Path | None = None,
    overwrite: bool = False,
    metrics_every: int = 1,
    trace_every: int = 1,
    progress: ProgressCallback | None = None,
    keep_freed_memory: bool = False,
) -> Run:
    """Run a scenario (a TOML path, a built-in name, or a loaded scenario) and store the result.

    Replicate ``i`` uses seed ``seed + i`` and its events equal a solo run with that seed. With
    ``out`` the run is written to that directory (and survives the process); a directory that
    already holds a run is refused unless ``overwrite``, and one being written by another
    process always is. Without ``out`` the run is kept in memory. ``trace_every`` days apart
    (0: never) the cast's wellbeing, acceptance, health and rank are kept in the ``traces``
    table, for the report's timelines. Ctrl-C, SIGTERM and SIGHUP stop a run at the end of the
    day, raising :class:`RunInterrupted` (a ``KeyboardInterrupt``) once the checkpoints begun
    are written. ``keep_freed_memory`` asks glibc's malloc to keep the memory a day frees for
    the next day, for the rest of the process (see :mod:`packbond.core.allocator`): faster for big
    worlds, at the cost of memory the process keeps.
    """
    _check_run_size(seed, years, replicates)
    if keep_freed_memory:
        allocator.keep_freed_memory()
    loaded = scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    check_fits(loaded, replicates)
    seeds = [seed + i for i in range(replicates)]
    world = build_world(loaded, seeds)
    days = world.calendar.years_to_days(years)
    store = RunStore.create(None if out is None else Path(out), overwrite=overwrite)
    manifest: dict[str, Any] = {
        "packbond_version": package_version(),
        "scenario": loaded.scenario.name,
        "scenario_source": loaded.source,
        "scenario_toml": loaded.text,
        "seed": seed,
        "seeds": seeds,
        "replicates": replicates,
        "years": years,
        "days": days,
        "days_done": 0,
        "start_season": loaded.scenario.start_season,
        "days_per_season": world.calendar.days_per_season,
        "rules": loaded.rules.model_dump(mode="json"),
        "status": "running",
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    try:
        with _StopSignals() as stop:
            _write_days(store, world, manifest, days, progress, metrics_every, trace_every, stop)
    except BaseException:
        store.close()
        raise
    if out is None:
        store.seal()
        return Run(store)
    # A finished run on disk is handed back read-only, like any stored run, so that it can be
    # opened again (open_run) in the same process while this handle lives.
    store.close()
    return open_run(out)


def _write_days(
    store: RunStore,
    world: World,
    manifest: dict[str, Any],
    days: int,
    progress: ProgressCallback | None,
    metrics_every: int,
    trace_every: int,
    stop: _StopSignals,
) -> None:
    """Step the world ``days`` days, writing a checkpoint at each season's start and at the
    end, and leave the manifest's status saying how the run ended."""
    store.write_manifest(manifest)
    reg = registry()
    store.write_kinds(
        [
            (k.name, ",".join(k.roles), k.detail or "", k.value or "", k.template)
            for k in reg.kinds.values()
        ]
    )
    engine = Engine(world, metrics_every=metrics_every, trace_every=trace_every)
    writer = _BackgroundWriter(store)

    def checkpoint() -> None:
        metrics = engine.drain_metrics()
        trace = engine.drain_trace()
        manifest["days_done"] = world.day
        writer.checkpoint(
            events_table(engine.log.drain()),
            metrics_table(metrics) if metrics else None,
            _snapshots(world),
            dict(manifest),
            traces_table(trace) if trace else None,
        )

    try:
        checkpoint()
        for _ in range(days):
            engine.step()
            if world.calendar.is_season_start(world.day) or world.day == days:
                checkpoint()
            if progress is not None:
                progress(world.day, days)
            stop.check()
        writer.close()
    except KeyboardInterrupt:
        writer.close(quiet=True)
        _record_end(store, manifest, "interrupted")
        raise
    except BaseException as e:
        writer.close(quiet=True)
        _record_end(store, manifest, "failed", error=str(e))
        raise
    manifest["status"] = "complete"
    manifest["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    manifest["events"] = int(engine.log.total)
    store.write_manifest(manifest)
    store.finish()


def _record_end(
    store: RunStore, manifest: dict[str, Any], status: str, error: str | None = None
) -> None:
    """Say in the manifest how far a stopped run got, if the store can still be written (it
    cannot on a full disk; then the reader finds the writer gone and says "incomplete")."""
    manifest["status"] = status
    if error is not None:
        manifest["error"] = error.splitlines()[0][:500] if error else status
    # The error that stopped the run is on its way out: nothing here may replace it.
    with contextlib.suppress(Exception):
        manifest["days_done"] = store.manifest().get("days_done", 0)
        store.write_manifest(manifest)
        store.finish()
