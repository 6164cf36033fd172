"""The columnar table hands out kept views and bundles, and forgets them when they would lie."""

from __future__ import annotations

import copy
import pickle
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from packbond.state import Wolves


class _Pair(NamedTuple):
    pack: NDArray[np.int32]
    stress: NDArray[np.float32]


def _table(rows: int) -> Wolves:
    table = Wolves(capacity=4, slots=2)
    table.append(rows)
    return table


def test_a_view_is_kept_until_rows_are_added() -> None:
    """The same view object comes back while the size stands; after an append (here one that
    grows the columns past their capacity) the view covers the new rows and the new storage."""
    table = _table(3)
    first = table.view("stress")
    assert table.view("stress") is first and len(first) == 3
    table.append(5)
    grown = table.view("stress")
    assert len(grown) == 8
    grown[:] = 0.5
    assert (table.stress[:8] == 0.5).all(), "the view is of the table's current column"


def test_a_bundle_is_kept_and_rebuilt_with_the_size() -> None:
    """A bundle is the named columns' views, the same object until the size changes."""
    table = _table(2)
    pair = table.bundle(_Pair)
    assert table.bundle(_Pair) is pair
    assert pair.pack is table.view("pack") and pair.stress is table.view("stress")
    table.append(1)
    again = table.bundle(_Pair)
    assert again is not pair and len(again.pack) == 3 and len(again.stress) == 3


def test_setting_a_column_whole_forgets_its_view() -> None:
    """A column replaced whole (as a test or a loader may do) is the one a view shows next."""
    table = _table(3)
    table.view("stress")
    table.stress = np.full(4, 0.25, dtype=np.float32)
    assert (table.view("stress") == 0.25).all() and len(table.view("stress")) == 3


def test_a_copy_or_a_pickle_shows_its_own_columns() -> None:
    """Views kept before a deep copy, a shallow copy or a pickle are not carried over: each
    copy's views are windows on its own columns, and writing one table leaves the other."""
    table = _table(3)
    table.view("stress")[:] = 0.1
    table.bundle(_Pair)
    for other in (copy.deepcopy(table), pickle.loads(pickle.dumps(table)), copy.copy(table)):
        other.stress[:3] = 0.7
        assert (other.view("stress") == np.float32(0.7)).all()
        assert other.bundle(_Pair).stress is other.view("stress")
        if other.stress is not table.stress:  # a shallow copy shares the columns themselves
            assert (table.view("stress") == np.float32(0.1)).all()
        table.stress[:3] = 0.1
