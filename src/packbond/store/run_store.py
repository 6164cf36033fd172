"""The run store: one embedded DuckDB database per run directory, plus a JSON manifest.

Writes are atomic: each checkpoint (events and metrics since the last one, and a fresh snapshot of
the state) is one DuckDB transaction, and the manifest is replaced by rename. A run killed at
any moment therefore leaves a store that opens and holds every checkpoint it completed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import QueryError, RunNotFoundError

__all__ = ["DB_NAME", "MANIFEST_NAME", "RunStore"]

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


def _arrow(result: Any) -> pa.Table:
    table = result.arrow()
    return table.read_all() if hasattr(table, "read_all") else table


class RunStore:
    """Reads and writes one run's tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self.con = con
        self.path = path

    @classmethod
    def create(cls, path: Path | None) -> RunStore:
        """A new, empty store at ``path`` (a directory), or in memory if ``path`` is None."""
        if path is None:
            con = duckdb.connect(":memory:")
        else:
            path.mkdir(parents=True, exist_ok=True)
            for old in (DB_NAME, DB_NAME + ".wal", MANIFEST_NAME):
                (path / old).unlink(missing_ok=True)
            con = duckdb.connect(str(path / DB_NAME))
        con.execute(_SCHEMA)
        return cls(con, path)

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
            raise RunNotFoundError(f"cannot open the run in {str(p)!r}: {err}") from None
        return cls(con, p)

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Record the manifest in the database and, atomically, as ``manifest.json``."""
        self.con.execute("BEGIN TRANSACTION")
        self._put_manifest(manifest)
        self.con.execute("COMMIT")
        self._write_manifest_file(manifest)

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
        con.execute("BEGIN TRANSACTION")
        try:
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
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._write_manifest_file(manifest)

    def finish(self) -> None:
        """Fold the write-ahead log into the database file."""
        self.con.execute("CHECKPOINT")

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
        try:
            return _arrow(self.con.sql(sql))
        except duckdb.Error as err:
            first = str(err).strip().splitlines()[0]
            raise QueryError(f"the query failed: {first}") from None

    def close(self) -> None:
        """Close the database."""
        self.con.close()
