"""The bite that makes two wolves mates (R18), written in one compiled pass.

Shared: a ceremony makes mates, and so do a war's absorptions and the scenario's starting pairs,
all through :func:`packbond.shared.mating.bond`, which calls this kernel.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["MateColumns", "mate_pairs"]


class MateColumns(NamedTuple):
    """Wolf columns a new pair of mates writes (and ``ambition``, which it reads)."""

    mate: NDArray[np.int32]
    marked_by: NDArray[np.int32]
    mated_day: NDArray[np.int32]
    single_since: NDArray[np.int32]
    betrothed: NDArray[np.int32]
    ceremony_day: NDArray[np.int32]
    arranged: NDArray[np.bool_]
    felt_wound: NDArray[np.int64]
    felt_dark: NDArray[np.bool_]
    bond: NDArray[np.float32]
    attention: NDArray[np.float32]
    ambition: NDArray[np.float32]


@njit(cache=True)
def mate_pairs(
    cols: MateColumns,
    biter: NDArray[np.int64],
    bearer: NDArray[np.int64],
    day: int,
    strength: NDArray[np.float64],
    bond_enabled: bool,
    inattention: float,
) -> None:  # pragma: no cover - compiled
    """Make each ``biter[k]`` and ``bearer[k]`` mates: the bearer bears the biter's mark, both
    are mated on ``day``, no longer single, their coming ceremonies (and those of whoever they
    were promised to) are called off, their felt wound and dark mood are cleared, and where the
    bond rule is on the bond starts at ``strength[k]`` and the attention each pays falls with
    its ambition (float32, as NumPy computes it from the float32 column)."""
    (
        mate,
        marked_by,
        mated_day,
        single_since,
        betrothed,
        ceremony_day,
        arranged,
        felt_wound,
        felt_dark,
        bond,
        attention,
        ambition,
    ) = cols
    for k in range(len(biter)):
        mate[biter[k]] = bearer[k]
    for k in range(len(bearer)):
        mate[bearer[k]] = biter[k]
    # Who each was promised to, read before any promise is cleared.
    promised = np.empty(2 * len(biter), dtype=np.int64)
    for k in range(len(biter)):
        promised[k] = betrothed[biter[k]]
        promised[len(biter) + k] = betrothed[bearer[k]]
    one = np.float32(1.0)
    keep = np.float32(inattention)
    for k in range(2 * len(biter)):
        i = biter[k] if k < len(biter) else bearer[k - len(biter)]
        mated_day[i] = day
        single_since[i] = -1
        betrothed[i] = -1
        ceremony_day[i] = -1
        arranged[i] = False
        felt_wound[i] = -1
        felt_dark[i] = False
        if bond_enabled:
            bond[i] = strength[k % len(biter)]
            attention[i] = one - keep * ambition[i]
    for k in range(len(bearer)):
        marked_by[bearer[k]] = biter[k]
    for k in range(len(promised)):
        if promised[k] >= 0:
            betrothed[promised[k]] = -1
            ceremony_day[promised[k]] = -1
            arranged[promised[k]] = False
