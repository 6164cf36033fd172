"""The compiled sifts that select a system's rows give NumPy's rows, in row order."""

from __future__ import annotations

import numpy as np

from packbond import kernels
from packbond.state import DESIGNATIONS

from .conftest import _random


def test_sifts_equal_flatnonzero() -> None:
    """The compiled sifts give NumPy's rows of the same test, in row order; listing the marked
    rows of a stretch (the second pass of a sift in two) writes only from where it is told."""
    gen, pack = _random(n=20_000)
    n = len(pack)
    alive = gen.random(n) < 0.85
    stress = gen.random(n).astype(np.float32)
    form = gen.integers(0, 2, n).astype(np.int8)
    designation = gen.integers(0, len(DESIGNATIONS), n).astype(np.int8)
    birth_day = gen.integers(0, 400, n).astype(np.int32)
    present_age = gen.integers(100, 300, n).astype(np.int32)
    at = np.float32(0.35)
    assert np.array_equal(
        kernels.living_above(alive, stress, at), np.flatnonzero(alive & (stress > at))
    )
    assert np.array_equal(kernels.living_equal(alive, form, 1), np.flatnonzero(alive & (form == 1)))
    assert np.array_equal(kernels.rows_above(pack, -1), np.flatnonzero(pack > -1))
    assert np.array_equal(
        kernels.due_to_present(alive, designation, birth_day, present_age, 0, 380),
        np.flatnonzero(alive & (designation == 0) & (380 - birth_day >= present_age)),
    )
    marked = (gen.random(n) < 0.3).astype(np.uint8)
    out = np.full(n + 10, -7, dtype=np.int64)
    end = kernels.marks.list_marked(marked, 5_000, 12_000, out, 10)
    expected = 5_000 + np.flatnonzero(marked[5_000:12_000])
    assert end == 10 + len(expected)
    assert np.array_equal(out[10:end], expected)
    assert (out[:10] == -7).all()
