"""A table of preallocated NumPy columns, declared once with dtype, fill value and meaning.

Why: columnar state keeps a tick a handful of whole-array passes, and declaring each column once
(with its invariant) keeps the meaning next to the storage. Rows are appended at the end and never
move, so a row index held by another column stays valid for the life of a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, get_type_hints

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["Col", "Table"]


@dataclass(frozen=True)
class Col:
    """Declaration of one column: dtype, the value of an empty row, and what it means."""

    dtype: DTypeLike
    fill: Any
    doc: str
    per_slot: bool = False
    """A 2-D column with one value per relationship slot."""


class Table:
    """Base for columnar tables. Subclasses declare ``name: Annotated[NDArray, Col(...)]``."""

    _columns: ClassVar[dict[str, Col]]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        hints = get_type_hints(cls, include_extras=True)
        cls._columns = {
            name: meta
            for name, hint in hints.items()
            for meta in getattr(hint, "__metadata__", ())
            if isinstance(meta, Col)
        }

    def __init__(self, capacity: int = 16, slots: int = 1) -> None:
        self.size = 0
        self.slots = slots
        self._capacity = max(capacity, 1)
        for name, col in self._columns.items():
            setattr(self, name, self._blank(col, self._capacity))

    def _blank(self, col: Col, n: int) -> np.ndarray:
        shape: tuple[int, ...] = (n, self.slots) if col.per_slot else (n,)
        return np.full(shape, col.fill, dtype=col.dtype)

    @classmethod
    def columns(cls) -> dict[str, Col]:
        """The declared columns, by name."""
        return dict(cls._columns)

    def append(self, n: int) -> slice:
        """Reserve ``n`` new rows (filled with each column's empty value) and return their slice."""
        needed = self.size + n
        if needed > self._capacity:
            new_cap = max(needed, 2 * self._capacity)
            for name, col in self._columns.items():
                old = getattr(self, name)
                grown = self._blank(col, new_cap)
                grown[: self.size] = old[: self.size]
                setattr(self, name, grown)
            self._capacity = new_cap
        rows = slice(self.size, needed)
        self.size = needed
        return rows

    def view(self, name: str) -> np.ndarray:
        """The used part of a column."""
        column: np.ndarray = getattr(self, name)
        return column[: self.size]
