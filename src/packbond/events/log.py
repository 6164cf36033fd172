"""The columnar event log: events are validated whole per batch, then kept as array chunks.

Each event has an id (per replicate, in emission order, so a replicate numbers its events exactly
as a solo run would), a day, a kind, up to three role holders (wolf ids), a pack id, the other
pack of an event between packs (``rival``), a value, a detail code and the id of the event that
caused it. -1 means "none" in every id column.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..arrays import take_ids
from .registry import ROLE_COLUMNS, registry

__all__ = ["EVENT_COLUMNS", "EventLog"]

EVENT_COLUMNS: dict[str, Any] = {
    "event_id": np.int64,
    "replicate": np.int16,
    "day": np.int32,
    "kind": np.int16,
    "actor": np.int32,
    "target": np.int32,
    "other": np.int32,
    "pack": np.int32,
    "rival": np.int32,
    "value": np.float64,
    "detail": np.int16,
    "cause": np.int64,
}
"""Columns of the log and their dtypes."""


_BLANKS: dict[str, np.ndarray] = {}
"""Per column, a read-only run of its "none" value (-1, or NaN for ``value``)."""


def _blank(column: str, n: int) -> NDArray[Any]:
    """``n`` "none" values of ``column``, as a read-only view of a shared run.

    Why shared: most events leave most columns empty, and a fresh ``np.full`` for each of them
    was a third of the cost of emitting a small batch. The log never writes into its chunks, and
    :meth:`EventLog.drain` concatenates them into new arrays, so the runs are never handed out.
    """
    run = _BLANKS.get(column)
    if run is None or len(run) < n:
        run = np.full(max(n, 4096), np.nan if column == "value" else -1, EVENT_COLUMNS[column])
        run.flags.writeable = False
        _BLANKS[column] = run
    return run[:n]


_FILLED = ("actor", "target", "other", "pack", "rival", "value", "detail", "cause")
"""The columns a caller may give, in the order of :meth:`EventLog.emit`'s keywords."""


@cache
def _shape_of(kind: str) -> tuple[int, tuple[str, ...], str | None, int]:
    """A kind's code, roles, detail enum and number of detail codes, looked up once per kind
    (emit runs thousands of times a simulated year, most of them for a handful of rows)."""
    reg = registry()
    spec = reg[kind]
    return spec.code, spec.roles, spec.detail, len(reg.detail_labels(spec))


class EventLog:
    """Append-only log of events for all replicates, drained in chunks by the run store."""

    def __init__(self, replicates: int) -> None:
        self._next_id = np.zeros(replicates, dtype=np.int64)
        self._chunks: list[dict[str, np.ndarray]] = []
        self.total = 0

    def emit(
        self,
        kind: str,
        day: int,
        replicate: ArrayLike,
        *,
        actor: ArrayLike | None = None,
        target: ArrayLike | None = None,
        other: ArrayLike | None = None,
        pack: ArrayLike | None = None,
        rival: ArrayLike | None = None,
        value: ArrayLike | None = None,
        detail: ArrayLike | None = None,
        cause: ArrayLike | None = None,
    ) -> NDArray[np.int64]:
        """Record a batch of events of one kind; returns their ids (for ``cause`` links)."""
        code, roles, enum, n_codes = _shape_of(kind)
        rep = np.asarray(replicate, dtype=np.int16).reshape(-1)
        n = len(rep)
        for i, given in enumerate((actor, target, other)):
            declared = i < len(roles)
            if declared and given is None:
                raise ValueError(f"event {kind!r} needs its role {roles[i]!r} ({ROLE_COLUMNS[i]})")
            if not declared and given is not None:
                raise ValueError(f"event {kind!r} declares no role in column {ROLE_COLUMNS[i]!r}")
        if detail is not None and enum is None:
            raise ValueError(f"event {kind!r} declares no detail")
        if n == 0:
            return np.empty(0, dtype=np.int64)
        ids = take_ids(self._next_id, rep)
        days = np.empty(n, dtype=np.int32)
        days.fill(day)
        kinds = np.empty(n, dtype=np.int16)
        kinds.fill(code)
        chunk: dict[str, np.ndarray] = {
            "event_id": ids,
            "replicate": rep,
            "day": days,
            "kind": kinds,
        }
        fills = (actor, target, other, pack, rival, value, detail, cause)
        for col, data in zip(_FILLED, fills, strict=True):
            if data is None:
                chunk[col] = _blank(col, n)
                continue
            arr = np.asarray(data)
            # A column given whole is copied as it is; a scalar is broadcast (broadcast_to costs
            # more than the copy for the few events of a day, and most columns are given whole).
            if arr.shape != (n,):
                arr = np.broadcast_to(arr, (n,))
            chunk[col] = arr.astype(EVENT_COLUMNS[col], copy=True)
        if enum is not None:
            codes = chunk["detail"]
            if codes.min() < 0 or codes.max() >= n_codes:
                raise ValueError(f"event {kind!r} has a detail code outside {enum!r}")
        self._chunks.append(chunk)
        self.total += n
        return ids.copy()  # the log keeps its own: a caller may not rewrite history

    def drain(self) -> dict[str, np.ndarray]:
        """All events emitted since the last drain, as columns, and forget them."""
        chunks, self._chunks = self._chunks, []
        if not chunks:
            return {c: np.empty(0, dtype=t) for c, t in EVENT_COLUMNS.items()}
        return {c: np.concatenate([ch[c] for ch in chunks]) for c in EVENT_COLUMNS}
