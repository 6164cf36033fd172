"""Selecting the rows a daily system acts on, in one compiled pass.

Why: a system that starts its day with ``np.flatnonzero(alive & (column > x))`` makes a
temporary of every row for each operation before it keeps the few rows it wants; at a million
wolves those passes are most of a small system's day. These give the same rows in row order.
Each pass writes every row and moves its count by the match, with no branch: which rows match
is too random for a predicted branch. ``ids_of`` looks up the ids of given rows, with -1 kept
for "none", and ``codes_within`` checks detail codes, for the events of a day's every system.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = [
    "codes_within",
    "due_to_present",
    "fighter_mask",
    "free_to_court",
    "ids_of",
    "living_above",
    "living_equal",
    "rows_above",
]


@njit(cache=True)
def living_above(
    alive: NDArray[np.bool_], values: NDArray[np.generic], threshold: float | np.floating
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living wolves whose ``values`` exceed ``threshold``.

    Give ``threshold`` in the dtype of ``values`` (``np.float32(x)`` for a float32 column): NumPy
    compares a float32 column with a Python float in float32, and so must this, to pick the
    same rows.
    """
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        out[n] = i
        n += alive[i] & (values[i] > threshold)
    return out[:n].copy()


@njit(cache=True)
def living_equal(
    alive: NDArray[np.bool_], values: NDArray[np.generic], code: int
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living wolves whose ``values`` equal ``code``."""
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        out[n] = i
        n += alive[i] & (values[i] == code)
    return out[:n].copy()


@njit(cache=True)
def due_to_present(
    alive: NDArray[np.bool_],
    designation: NDArray[np.int8],
    birth_day: NDArray[np.integer],
    present_age: NDArray[np.integer],
    unpresented: int,
    day: int,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows of living unpresented wolves whose age has reached their presenting age."""
    out = np.empty(len(alive), dtype=np.int64)
    n = 0
    for i in range(len(alive)):
        out[n] = i
        n += alive[i] & (designation[i] == unpresented) & (day - birth_day[i] >= present_age[i])
    return out[:n].copy()


@njit(cache=True)
def rows_above(
    values: NDArray[np.generic], threshold: float | np.floating | np.integer
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Rows whose ``values`` exceed ``threshold``, living or not (``threshold`` in their dtype)."""
    out = np.empty(len(values), dtype=np.int64)
    n = 0
    for i in range(len(values)):
        out[n] = i
        n += values[i] > threshold
    return out[:n].copy()


@njit(cache=True)
def fighter_mask(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    wound: NDArray[np.float32],
    fights: NDArray[np.bool_],
    disabled_above: np.float32,
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Mask of living pack members whose designation ``fights`` (by code) and whose wound is
    below ``disabled_above`` (a float32, as NumPy compares the float32 column)."""
    out = np.empty(len(alive), dtype=np.bool_)
    for i in range(len(alive)):
        # Bitwise, not ``and``: the dead and the disabled are too scattered for branches on
        # them to be predicted (see ``docs/performance.md``).
        out[i] = alive[i] & (pack[i] >= 0) & fights[designation[i]] & (wound[i] < disabled_above)
    return out


@njit(cache=True)
def free_to_court(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    eligible: NDArray[np.bool_],
    mate: NDArray[np.int32],
    betrothed: NDArray[np.int32],
    birth_day: NDArray[np.int32],
    unpresented: int,
    born_by: int,
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Mask of living, presented, adult (born by day ``born_by``), eligible pack members with
    no mate and no coming ceremony."""
    out = np.empty(len(alive), dtype=np.bool_)
    for i in range(len(alive)):
        out[i] = (
            alive[i]
            & (pack[i] >= 0)
            & (designation[i] != unpresented)
            & (birth_day[i] <= born_by)
            & eligible[i]
            & (mate[i] < 0)
            & (betrothed[i] < 0)
        )
    return out


@njit(cache=True)
def ids_of(
    id_column: NDArray[np.int32], rows: NDArray[np.integer]
) -> NDArray[np.int32]:  # pragma: no cover - compiled
    """The ids of ``rows`` in ``id_column``, with -1 (no wolf or pack) kept as -1.

    Why compiled: every event batch turns its role holders' rows into ids, most of them a few
    dozen rows; in NumPy the take and the check for a -1 among them are a fixed cost per column
    of every batch.
    """
    out = np.empty(len(rows), dtype=np.int32)
    for k in range(len(rows)):
        r = rows[k]
        out[k] = id_column[max(r, 0)] if r >= 0 else -1
    return out


@njit(cache=True)
def codes_within(codes: NDArray[np.int16], n_codes: int) -> bool:  # pragma: no cover - compiled
    """Whether every code lies in ``[0, n_codes)`` (an event batch's detail codes): NumPy's min
    and max each have a fixed cost that dwarfs a handful of codes, on every batch with a detail."""
    bad = 0
    for c in codes:
        bad += (c < 0) | (c >= n_codes)
    return bad == 0
