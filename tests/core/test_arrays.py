"""The small array helpers: what kernels are handed must be of one kind, whatever came in."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.core.arrays import broadcast_copy


@pytest.mark.parametrize(
    ("value", "dtype", "expected"),
    [
        (0.5, np.float64, [0.5, 0.5, 0.5]),
        (np.int32(4), np.int8, [4, 4, 4]),
        (np.array([7]), np.int64, [7, 7, 7]),
        (np.array([1, 2, 3], dtype=np.int32), np.int64, [1, 2, 3]),
        ([1.0, -1.0, 2.0], np.float64, [1.0, -1.0, 2.0]),
    ],
)
def test_broadcast_copy_gives_a_writable_array_of_its_own(
    value: object, dtype: type, expected: list[float]
) -> None:
    """A scalar, a one-element array and a whole column all come back as a fresh, writable,
    C-contiguous array of the dtype asked for (Numba types a read-only array apart)."""
    out = broadcast_copy(value, (3,), dtype)
    assert out.dtype == np.dtype(dtype)
    assert out.flags.writeable and out.flags.c_contiguous
    assert out.tolist() == expected


def test_broadcast_copy_never_hands_back_its_input() -> None:
    """A column of the right shape and dtype is copied: a kernel writing into what it was
    handed must not write into the caller's column, read-only or not."""
    column = np.arange(4, dtype=np.int64)
    out = broadcast_copy(column, (4,), np.int64)
    out[0] = 99
    assert column[0] == 0
    frozen = np.arange(4, dtype=np.int64)
    frozen.flags.writeable = False
    assert broadcast_copy(frozen, (4,), np.int64).flags.writeable
