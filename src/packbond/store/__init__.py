"""The run store (DuckDB) and the Arrow tables a run is written as."""

from .run_store import DB_NAME, MANIFEST_NAME, RunStore

__all__ = ["DB_NAME", "MANIFEST_NAME", "RunStore"]
