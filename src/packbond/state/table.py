"""A table of preallocated NumPy columns, declared once with dtype, fill value and meaning.

Why: columnar state keeps a tick a handful of whole-array passes, and declaring each column once
(with its invariant) keeps the meaning next to the storage. Rows are appended at the end and never
move, so a row index held by another column stays valid for the life of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, TypeVar, get_type_hints

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["Col", "Table"]

Bundle = TypeVar("Bundle", bound=NamedTuple)
_Value = TypeVar("_Value")


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
        self._kept: dict[Any, Any] = {}
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

    def __getstate__(self) -> dict[str, Any]:
        """The table for a copy or a pickle, without the views kept: a copied view would be an
        array of its own, no longer a window on the copy's column."""
        state = self.__dict__.copy()
        state["_kept"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __setattr__(self, name: str, value: Any) -> None:
        """Set an attribute; setting a column or the size forgets what was kept (:meth:`kept`).

        Why here: a column is only ever replaced (grown, or set whole by a test) or the size
        moved through an attribute set.
        """
        if name == "size" or name in self._columns:
            self._kept.clear()
        object.__setattr__(self, name, value)

    def kept(self, key: Hashable, make: Callable[[], _Value]) -> _Value:
        """``make()``, kept under ``key`` until rows are added, a column is replaced or
        :meth:`forget` is called: the one place where values derived from the state are kept.

        Why kept: the systems ask for some 120 views a day, and making each anew (a slice, a new
        array object) would be a fixed cost of every day that does not shrink with the world.
        """
        value: _Value | None = self._kept.get(key)
        if value is None:
            value = make()
            self._kept[key] = value
        return value

    def forget(self, key: Hashable) -> None:
        """Drop what :meth:`kept` holds under ``key`` (its source changed in place)."""
        self._kept.pop(key, None)

    def view(self, name: str) -> np.ndarray:
        """The used part of a column, the same view object until rows are added."""
        return self.kept(name, lambda: getattr(self, name)[: self.size])

    def bundle(self, kind: type[Bundle]) -> Bundle:
        """The columns named by the fields of the named tuple ``kind``, as a ``kind`` of views
        (the bundle a compiled kernel takes), the same object until rows are added."""
        make: Callable[..., Bundle] = kind
        return self.kept(kind, lambda: make(*(self.view(name) for name in kind._fields)))
