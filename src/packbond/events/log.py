"""The columnar event log: events are validated whole per batch, then kept as array chunks.

Each event has an id (per replicate, in emission order, so a replicate numbers its events exactly
as a solo run would), a day, a kind, up to three role holders (wolf ids), a pack id, the other
pack of an event between packs (``rival``), a value, a detail code and the id of the event that
caused it. -1 means "none" in every id column.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.arrays import take_ids
from ..kernels import codes_within
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


_NONE: dict[str, Any] = {column: np.nan if column == "value" else -1 for column in EVENT_COLUMNS}
"""Per column, its "none" value."""


_FILLED = ("actor", "target", "other", "pack", "rival", "value", "detail", "cause")
"""The columns a caller may give, in the order of :meth:`EventLog.emit`'s keywords."""


_FILLED_DTYPES = tuple(np.dtype(EVENT_COLUMNS[column]) for column in _FILLED)
"""The dtype of each column of ``_FILLED``, in its order."""


class _Shape(NamedTuple):
    """What the log checks and records of one kind, looked up once per kind (emit runs
    thousands of times a simulated year, most of them for a handful of rows)."""

    code: int
    roles: tuple[str, ...]
    enum: str | None
    n_codes: int
    given: tuple[bool, bool, bool]
    """Which of the role columns (actor, target, other) the kind declares."""


@cache
def _shape_of(kind: str) -> _Shape:
    reg = registry()
    spec = reg[kind]
    declared = len(spec.roles)
    return _Shape(
        spec.code,
        spec.roles,
        spec.detail,
        len(reg.detail_labels(spec)),
        (declared > 0, declared > 1, declared > 2),
    )


class _Batch(NamedTuple):
    """One emitted batch as kept until the next drain.

    Why not whole columns at once: most batches are a few events of one kind with half the
    columns empty or one value for all, and building twelve little arrays for each is a fixed
    cost of every batch that weighs on a small world's day (see ``docs/performance.md``). The
    day, kind, ids of a single replicate,
    empty columns and single values are laid out only when the log is drained, in one pass
    over the batches for each column.
    """

    n: int
    day: int
    code: int
    first_id: int
    """The first id, for a world of one replicate (its batches' ids run on); -1 otherwise."""
    ids: NDArray[np.int64] | None
    """The ids, for a world of several replicates; None for one."""
    replicate: NDArray[np.int16]
    given: tuple[NDArray[Any] | None, ...]
    """The caller's columns in the order of ``_FILLED``: a copy, a 0-d value, or None."""


class EventLog:
    """Append-only log of events for all replicates, drained in chunks by the run store."""

    def __init__(self, replicates: int) -> None:
        self._next_id = np.zeros(replicates, dtype=np.int64)
        self._batches: list[_Batch] = []
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
        shape = _shape_of(kind)
        if (actor is not None, target is not None, other is not None) != shape.given:
            _role_error(kind, shape.roles, (actor, target, other))
        if (detail is not None) != (shape.enum is not None):
            if shape.enum is None:
                raise ValueError(f"event {kind!r} declares no detail")
            raise ValueError(f"event {kind!r} needs a detail code from {shape.enum!r}")
        rep = np.asarray(replicate, dtype=np.int16).reshape(-1)
        n = len(rep)
        if n == 0:
            return np.empty(0, dtype=np.int64)
        kept: list[NDArray[Any] | None] = []
        fills = (actor, target, other, pack, rival, value, detail, cause)
        for data, dtype in zip(fills, _FILLED_DTYPES, strict=True):
            if data is None:
                kept.append(None)
                continue
            arr = data if type(data) is np.ndarray else np.asarray(data)
            if arr.ndim == 1 and len(arr) == n:
                kept.append(arr.astype(dtype))  # a copy: the caller may reuse its array
            elif arr.size == 1:  # one value for every event: laid out at drain
                kept.append(np.array(arr.reshape(()), dtype=dtype))
            else:
                kept.append(np.broadcast_to(arr, (n,)).astype(dtype))
        codes = kept[_DETAIL]
        n_codes = shape.n_codes
        if codes is not None and not (
            0 <= int(codes) < n_codes if codes.ndim == 0 else codes_within(codes, n_codes)
        ):
            raise ValueError(f"event {kind!r} has a detail code outside {shape.enum!r}")
        if len(self._next_id) == 1:
            first = int(self._next_id[0])
            self._next_id[0] = first + n
            ids = np.arange(first, first + n, dtype=np.int64)
            self._batches.append(_Batch(n, day, shape.code, first, None, rep, tuple(kept)))
        else:
            ids = take_ids(self._next_id, rep)
            self._batches.append(_Batch(n, day, shape.code, -1, ids, rep, tuple(kept)))
            ids = ids.copy()  # the log keeps its own: a caller may not rewrite history
        self.total += n
        return ids

    def drain(self) -> dict[str, np.ndarray]:
        """All events emitted since the last drain, as columns, and forget them."""
        batches, self._batches = self._batches, []
        if not batches:
            return {c: np.empty(0, dtype=t) for c, t in EVENT_COLUMNS.items()}
        sizes = np.array([b.n for b in batches], dtype=np.int64)
        total = int(sizes.sum())
        first = batches[0].first_id
        out: dict[str, np.ndarray] = {
            # One replicate's batches number their events on from one another (no batch is
            # empty), so its ids are one run; several replicates' ids were taken per batch.
            "event_id": np.arange(first, first + total, dtype=np.int64)
            if first >= 0
            else np.concatenate([b.ids for b in batches if b.ids is not None]),
            "replicate": np.concatenate([b.replicate for b in batches]),
            "day": np.repeat(np.array([b.day for b in batches], dtype=np.int32), sizes),
            "kind": np.repeat(np.array([b.code for b in batches], dtype=np.int16), sizes),
        }
        # Each column starts as "none" throughout and only the batches that gave it are written:
        # most batches leave most columns empty, and a run of blanks made for each of them would
        # be a large part of a drain's cost.
        ends = np.cumsum(sizes).tolist()
        spans = [(b, end - b.n, end) for b, end in zip(batches, ends, strict=True)]
        for at, col in enumerate(_FILLED):
            column = np.full(total, _NONE[col], dtype=EVENT_COLUMNS[col])
            for b, begin, end in spans:
                data = b.given[at]
                if data is not None:
                    column[begin:end] = data
            out[col] = column
        return out


_DETAIL = _FILLED.index("detail")


def _role_error(kind: str, roles: tuple[str, ...], given: tuple[Any, Any, Any]) -> None:
    """Raise the error for the first role column given where none is declared, or missing where
    one is."""
    for i, data in enumerate(given):
        declared = i < len(roles)
        if declared and data is None:
            raise ValueError(f"event {kind!r} needs its role {roles[i]!r} ({ROLE_COLUMNS[i]})")
        if not declared and data is not None:
            raise ValueError(f"event {kind!r} declares no role in column {ROLE_COLUMNS[i]!r}")
