"""The context a system gets each tick: the day, keyed random draws, the event log, deaths.

A death takes effect when a system calls :meth:`Context.kill`: the wolf is no longer alive for
the systems that run after it that day, so none of them makes it act after its ``died`` event.
Only flags and links change (rows are never removed), so no row shifts under a running system.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import kernels
from ..events import EventLog
from ..state import World
from . import rng

__all__ = ["Context"]


@dataclass
class Context:
    """Per-tick services for systems."""

    world: World
    log: EventLog
    day: int = 0

    def draw(self, purpose: str, rows: NDArray[np.integer], k: int = 0) -> NDArray[np.float64]:
        """One uniform number per wolf row, keyed by (replicate seed, day, wolf id, purpose)."""
        w = self.world.wolves
        return self._draw(w.replicate, w.id, rows, purpose, k)

    def draw_packs(
        self, purpose: str, rows: NDArray[np.integer], k: int = 0
    ) -> NDArray[np.float64]:
        """One uniform number per pack row, keyed by the pack's id."""
        p = self.world.packs
        return self._draw(p.replicate, p.id, rows, purpose, k)

    def _draw(
        self,
        replicate: NDArray[np.int16],
        ids: NDArray[np.int32],
        rows: NDArray[np.integer],
        purpose: str,
        k: int,
    ) -> NDArray[np.float64]:
        """Keyed uniforms (:func:`packbond.core.rng.uniform`) for rows, in one compiled pass."""
        rows = np.asarray(rows)
        if rows.ndim == 1 and rows.dtype.kind in "iu":
            return kernels.draw_rows(
                self.world.seed_keys, replicate, ids, rows, self.day, rng.purpose_key(purpose), k
            )
        return rng.uniform(self.world.seeds[replicate[rows]], self.day, ids[rows], purpose, k)

    def emit(
        self,
        kind: str,
        rows: NDArray[np.integer] | None = None,
        *,
        replicate: ArrayLike | None = None,
        target: NDArray[np.integer] | None = None,
        other: NDArray[np.integer] | None = None,
        pack: NDArray[np.integer] | None = None,
        rival: NDArray[np.integer] | None = None,
        value: ArrayLike | None = None,
        detail: ArrayLike | None = None,
        cause: ArrayLike | None = None,
    ) -> NDArray[np.int64]:
        """Emit events; role holders and packs (``rival``: the other pack of an event between
        packs) are given as rows and stored as ids."""
        if rows is not None and replicate is None and len(rows) == 0:
            # Nothing happened: the log checks the roles given and records nothing (most days,
            # for most kinds), so the rows are not looked up.
            return self.log.emit(
                kind,
                self.day,
                np.empty(0, dtype=np.int16),
                actor=rows,
                target=target,
                other=other,
                pack=pack,
                rival=rival,
                value=value,
                detail=detail,
                cause=cause,
            )
        w, p = self.world.wolves, self.world.packs
        rep = w.replicate[rows] if replicate is None and rows is not None else replicate
        return self.log.emit(
            kind,
            self.day,
            rep if rep is not None else np.empty(0, dtype=np.int16),
            actor=None if rows is None else w.id[rows],
            target=None if target is None else _ids(w.id, target),
            other=None if other is None else _ids(w.id, other),
            pack=None if pack is None else _ids(p.id, pack),
            rival=None if rival is None else _ids(p.id, rival),
            value=value,
            detail=detail,
            cause=cause,
        )

    def kill(self, rows: NDArray[np.integer]) -> None:
        """Wolves die now (their ``died`` event is the caller's): they are not alive for the rest
        of the day, a mate of each is widowed and a pack alpha among them leaves the lead empty
        (for the continuity system to fill)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return
        w, p = self.world.wolves, self.world.packs
        w.alive[rows] = False
        self.world.regroup()
        w.death_day[rows] = self.day
        # The dead are no longer alive, so that column tells a mate or leader who died by a
        # lookup (no mask over every wolf, no ``isin`` against every pack's leader).
        widowed = w.mate[rows]
        widowed = widowed[widowed >= 0]
        their_mate = w.mate[widowed]
        widowed = widowed[(their_mate >= 0) & ~w.alive[np.maximum(their_mate, 0)]]
        w.mate[widowed] = -1
        w.single_since[widowed] = self.day
        w.bond[widowed] = 0.0
        w.mate[rows] = -1
        leader = p.leader[: p.size]
        leader[(leader >= 0) & ~w.alive[np.maximum(leader, 0)]] = -1


_ROW_TYPES = (np.dtype(np.int64), np.dtype(np.int32))
"""Row dtypes given to the compiled lookup (each is a compiled version of its own)."""


def _ids(id_column: NDArray[np.int32], rows: NDArray[np.integer]) -> NDArray[np.int32]:
    """Ids of rows, keeping -1 (none) as -1."""
    r = np.asarray(rows)
    if r.ndim == 1 and r.dtype in _ROW_TYPES:
        return kernels.ids_of(id_column, r)
    # take() copies, and gives an array even for one row; a -1 takes the last row's id, so the
    # nones are set back afterwards (rarely: most rows given are real).
    ids = np.asarray(id_column.take(r), dtype=np.int32)
    if r.size and r.min() < 0:
        ids[r < 0] = -1
    return ids
