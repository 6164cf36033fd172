"""The run store: one embedded DuckDB database per run directory, plus a JSON manifest.

Writes are atomic: each checkpoint (events and metrics since the last one, and a fresh snapshot of
the state) is one DuckDB transaction, and the manifest is replaced by rename. A run killed at
any moment therefore leaves a store that opens and holds every checkpoint it completed.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import PackbondError, QueryError, RunNotFoundError, quoted
from .lock import RunLock, writer_alive

__all__ = ["DB_NAME", "MANIFEST_NAME", "RunExistsError", "RunStore", "StoreWriteError"]

DB_NAME = "run.duckdb"
MANIFEST_NAME = "manifest.json"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
  event_id BIGINT, replicate SMALLINT, day INTEGER, kind VARCHAR, actor INTEGER,
  target INTEGER, other INTEGER, pack INTEGER, rival INTEGER, value DOUBLE, detail VARCHAR,
  cause BIGINT);
CREATE TABLE IF NOT EXISTS metrics (
  replicate SMALLINT, day INTEGER, pack INTEGER, population INTEGER, alphas INTEGER,
  betas INTEGER, omegas INTEGER, unpresented INTEGER, mean_wellbeing REAL, mean_acceptance REAL,
  withdrawn INTEGER, contacts_this_week INTEGER, food REAL);
CREATE TABLE IF NOT EXISTS traces (
  replicate SMALLINT, day INTEGER, wolf_id INTEGER, pack INTEGER, wellbeing REAL,
  acceptance REAL, health REAL, hunger REAL, stress REAL, rank SMALLINT);
CREATE TABLE IF NOT EXISTS manifest (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS event_kinds (kind VARCHAR, roles VARCHAR, detail VARCHAR,
  value VARCHAR, template VARCHAR);
"""


# A query sees the run's tables and nothing else: no files, no other databases, no extensions,
# and no way to lift these settings again (lock_configuration comes last).
_SANDBOX = (
    "SET enable_external_access = false",
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET lock_configuration = true",
)


class RunExistsError(PackbondError, FileExistsError):
    """The chosen directory already holds a run, and replacing it was not asked for."""


class StoreWriteError(PackbondError, OSError):
    """The run could not be written (a full disk, a read-only place, a path that cannot be)."""


def _arrow(result: Any) -> pa.Table:
    if result is None:  # a statement that returns nothing, such as a PRAGMA or a CALL
        return pa.table({})
    table = result.arrow()
    return table.read_all() if hasattr(table, "read_all") else table


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _prepare_directory(path: Path, overwrite: bool) -> RunLock:
    """Make ``path`` a directory for a new run and lock it; refuse to replace a run unasked."""
    where = quoted(str(path))
    if path.exists() and not path.is_dir():
        raise StoreWriteError(f"--out: {where} is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        lock = RunLock(path)
    except OSError as e:
        raise StoreWriteError(f"--out: cannot make a run directory {where}: {e.strerror}") from None
    if not overwrite and any((path / name).exists() for name in (DB_NAME, MANIFEST_NAME)):
        lock.release()
        raise RunExistsError(
            f"--out: {where} already holds a run; give --force (overwrite=True) to replace it"
        )
    try:
        for old in (DB_NAME, DB_NAME + ".wal", MANIFEST_NAME):
            (path / old).unlink(missing_ok=True)
    except OSError as e:
        lock.release()
        raise StoreWriteError(f"--out: cannot replace the run in {where}: {e.strerror}") from None
    return lock


class RunStore:
    """Reads and writes one run's tables."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, path: Path | None, lock: RunLock | None = None
    ) -> None:
        self.con = con
        self.path = path
        self._lock = lock

    @classmethod
    def create(cls, path: Path | None, overwrite: bool = False) -> RunStore:
        """A new, empty store at ``path`` (a directory), or in memory if ``path`` is None.

        The directory is locked against other writers until :meth:`close`. A directory that
        already holds a run is refused unless ``overwrite``.
        """
        if path is None:
            con = duckdb.connect(":memory:")
            con.execute(_SCHEMA)
            return cls(con, None)
        lock = _prepare_directory(path, overwrite)
        try:
            con = duckdb.connect(str(path / DB_NAME))
            con.execute(_SCHEMA)
        except (duckdb.Error, OSError) as e:
            lock.release()
            raise StoreWriteError(
                f"--out: cannot write a run in {quoted(str(path))}: {_first_line(e)}"
            ) from None
        return cls(con, path, lock)

    @classmethod
    def open(cls, path: str | Path) -> RunStore:
        """An existing store, read-only."""
        p = Path(path)
        if not (p / DB_NAME).is_file():
            what = "does not exist" if not p.exists() else f"holds no run ({DB_NAME} is missing)"
            raise RunNotFoundError(f"run directory {str(p)!r} {what}")
        try:
            con = duckdb.connect(str(p / DB_NAME), read_only=True)
        except duckdb.Error as err:
            if writer_alive(p):
                raise RunNotFoundError(
                    f"the run in {quoted(str(p))} is still being written; wait for it to end"
                ) from None
            raise RunNotFoundError(
                f"cannot open the run in {quoted(str(p))}: {_first_line(err)}"
            ) from None
        store = cls(con, p)
        store.seal()
        return store

    def seal(self) -> None:
        """From now on, queries may read the run's tables and nothing else."""
        # Connections to one file in one process share a database and its settings: a second
        # open of a run finds them sealed already.
        locked = self.con.execute("SELECT current_setting('lock_configuration')").fetchone()
        if locked is not None and locked[0]:
            return
        for statement in _SANDBOX:
            self.con.execute(statement)

    def writing(self) -> bool:
        """Whether a process is still writing this run (always true while this store writes)."""
        if self._lock is not None:
            return True
        return self.path is not None and writer_alive(self.path)

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Record the manifest in the database and, atomically, as ``manifest.json``."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._put_manifest(manifest)
            self.con.execute("COMMIT")
            self._write_manifest_file(manifest)
        except (duckdb.Error, OSError) as e:
            self._rollback()
            raise self._write_error(e) from None

    def _put_manifest(self, manifest: dict[str, Any]) -> None:
        self.con.execute("DELETE FROM manifest")
        self.con.executemany(
            "INSERT INTO manifest VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in manifest.items()],
        )

    def _write_manifest_file(self, manifest: dict[str, Any]) -> None:
        if self.path is not None:
            tmp = self.path / (MANIFEST_NAME + ".tmp")
            tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
            os.replace(tmp, self.path / MANIFEST_NAME)

    def write_kinds(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """The event-kind registry, so SQL users can read what each kind's columns mean."""
        self.con.execute("DELETE FROM event_kinds")
        self.con.executemany("INSERT INTO event_kinds VALUES (?, ?, ?, ?, ?)", rows)

    def checkpoint(
        self,
        events: pa.Table,
        metrics: pa.Table | None,
        snapshots: dict[str, pa.Table],
        manifest: dict[str, Any],
        traces: pa.Table | None = None,
    ) -> None:
        """Append events, metrics and traces, replace the state snapshots and record the
        manifest (its days done), in one transaction: a run killed at any moment has a manifest
        that matches its tables."""
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            con.register("_events", events)
            con.execute(
                "INSERT INTO events SELECT event_id, replicate, day, CAST(kind AS VARCHAR),"
                " actor, target, other, pack, rival, value, CAST(detail AS VARCHAR), cause"
                " FROM _events"
            )
            con.unregister("_events")
            if metrics is not None and metrics.num_rows:
                con.register("_metrics", metrics)
                con.execute("INSERT INTO metrics SELECT * FROM _metrics")
                con.unregister("_metrics")
            if traces is not None and traces.num_rows:
                con.register("_traces", traces)
                con.execute("INSERT INTO traces SELECT * FROM _traces")
                con.unregister("_traces")
            for name, table in snapshots.items():
                con.register("_snap", table)
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _snap")
                con.unregister("_snap")
            self._put_manifest(manifest)
            con.execute("COMMIT")
        except BaseException as e:
            self._rollback()
            if isinstance(e, duckdb.Error | OSError):
                raise self._write_error(e) from None
            raise
        self._write_manifest_file(manifest)

    def _rollback(self) -> None:
        # A failed COMMIT (a full disk) has already ended the transaction; the rollback's own
        # "no transaction is active" must not hide the error that matters.
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def _write_error(self, err: BaseException) -> StoreWriteError:
        detail = err.strerror if isinstance(err, OSError) and err.strerror else _first_line(err)
        return StoreWriteError(f"cannot write the run in {quoted(str(self.path))}: {detail}")

    def finish(self) -> None:
        """Fold the write-ahead log into the database file."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as e:
            raise self._write_error(e) from None

    def manifest(self) -> dict[str, Any]:
        """The manifest as recorded in the database."""
        rows = self.con.execute("SELECT key, value FROM manifest").fetchall()
        return {k: json.loads(v) for k, v in rows}

    def tables(self) -> list[str]:
        """Names of the tables in the store."""
        return [r[0] for r in self.con.execute("SHOW TABLES").fetchall()]

    def arrow(self, table: str) -> pa.Table:
        """A whole table as Arrow."""
        if table not in self.tables():
            raise QueryError(f"the run has no table {table!r} (tables: {', '.join(self.tables())})")
        return _arrow(self.con.sql(f'SELECT * FROM "{table}"'))

    def query(self, sql: str) -> pa.Table:
        """Run SQL over the run's tables."""
        if not sql.strip():
            raise QueryError("the query is empty: give SQL such as 'SELECT count(*) FROM events'")
        try:
            return _arrow(self.con.sql(sql))
        except duckdb.PermissionException:
            raise QueryError(
                "the query tried to reach outside the run: a query may read the run's tables "
                "only (no files, no other databases, no extensions, no settings)"
            ) from None
        except duckdb.Error as err:
            raise QueryError(f"the query failed: {quoted(_first_line(err), 300)}") from None

    def close(self) -> None:
        """Close the database and let the directory go."""
        self.con.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
