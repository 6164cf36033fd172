"""The weekly acceptance kernel: every newcomer's acceptance moved for the week (R40, R26, R27).

Why compiled: in NumPy the week's move is some thirty operations over the wolves not yet fully
accepted (a few thousand in the benchmark world of 10,000 wolves), each a temporary; here it is
one pass. The arithmetic keeps the NumPy formula's order and dtypes (float32 columns times a
rule value in float32, as NumPy does with a Python float; a flag times a rule value in
float64), so the acceptance written is the one the NumPy formula writes, bit for bit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = ["AcceptanceRules", "NewcomerColumns", "weekly_acceptance"]


class NewcomerColumns(NamedTuple):
    """Wolf columns the kernel reads, and writes (acceptance, stigma)."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    mate: NDArray[np.int32]
    esteem: NDArray[np.float32]
    acceptance: NDArray[np.float32]
    stigma: NDArray[np.float32]


class AcceptanceRules(NamedTuple):
    """The acceptance rules the kernel applies (and the contact rules' ``acceptance_weight``)."""

    contact: bool
    """Whether the week's contacts count (without contact: full pace, no warmth)."""
    contacts_for_full_pace: float
    acceptance_weight: float
    envy_weight: float
    stigma_weight: float
    omega_weight: float
    omega: int
    integrated_at: float
    stigma_kept: np.float32
    """The share of its stigma a wolf keeps each week (1 - stigma_fade), in float32."""


@njit(cache=True)
def weekly_acceptance(
    wolves: NewcomerColumns,
    rows: NDArray[np.int64],
    pace: NDArray[np.float64],
    contacts: NDArray[np.int16],
    contact_sum: NDArray[np.float32],
    outsider_hostility: NDArray[np.float32],
    omega_penalty: NDArray[np.float32],
    r: AcceptanceRules,
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Move each of ``rows`` (living pack members below full acceptance) by its own ``pace``,
    the week's ``contacts`` and their warmth (``contact_sum``; these three are given per entry
    of ``rows``, the columns per wolf row), less its stigma by the pack's hostility, an omega's
    status penalty and envy of a mate esteemed above it; fade its stigma. Returns the rows
    whose acceptance crossed ``integrated_at`` this week, in order."""
    alive, pack, designation, mate, esteem, acceptance, stigma = wolves
    crossed = np.empty(len(rows), dtype=np.int64)
    n_crossed = 0
    # NOTE: float32, as NumPy combines a float32 column with a Python float.
    contact_weight = np.float32(r.acceptance_weight)
    stigma_weight = np.float32(r.stigma_weight)
    for k in range(len(rows)):
        i = rows[k]
        pk = pack[i]
        among = 1.0
        warmth = 0.0
        if r.contact:
            among = min(1.0, contacts[k] / r.contacts_for_full_pace)
            warmth = np.float64(contact_weight * contact_sum[k])
        m = mate[i]
        beside = m >= 0 and alive[max(m, 0)] and pack[max(m, 0)] == pk
        above = max(esteem[max(m, 0)] - esteem[i], np.float32(0.0))
        envy = (r.envy_weight if beside else 0.0) * np.float64(above)
        acc = np.float64(acceptance[i])
        loss = np.float64(stigma_weight * stigma[i] * outsider_hostility[pk]) + (
            r.omega_weight if designation[i] == r.omega else 0.0
        ) * np.float64(omega_penalty[pk])
        new = acc + pace[k] * among * (1.0 - acc) + warmth - loss - envy
        new = min(max(new, 0.0), 1.0)
        if acc < r.integrated_at and new >= r.integrated_at:
            crossed[n_crossed] = i
            n_crossed += 1
        acceptance[i] = np.float32(new)
        stigma[i] = stigma[i] * r.stigma_kept
    return crossed[:n_crossed]
