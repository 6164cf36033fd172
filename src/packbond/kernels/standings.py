"""A wolf's standing in its pack (R22, R26), in one compiled pass.

Shared: the weekly ladder ranks members by it (:mod:`packbond.systems.ranks`), and a pack that
loses its alpha picks the successor by it (:mod:`packbond.shared.standing`), so both read this one
definition.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.state.wolves import Designation

__all__ = ["PackStandingColumns", "StandingColumns", "StandingRules", "standings"]

# Codes as plain ints: compiled code reads module constants, not class attributes.
_UNPRESENTED = int(Designation.UNPRESENTED)
_ALPHA = int(Designation.ALPHA)
_OMEGA = int(Designation.OMEGA)


class StandingColumns(NamedTuple):
    """Wolf columns standing and the ladder read (the weekly pass also starts single_since)."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    mate: NDArray[np.int32]
    single_since: NDArray[np.int32]
    boldness: NDArray[np.float32]
    wound: NDArray[np.float32]
    hunting_skill: NDArray[np.float32]
    esteem: NDArray[np.float32]
    birth_day: NDArray[np.int32]


class PackStandingColumns(NamedTuple):
    """Pack columns standing reads: its pack alpha and the norms standing depends on (R22, R26)."""

    leader: NDArray[np.int32]
    omega_status_penalty: NDArray[np.float32]
    rank_requires_mate: NDArray[np.bool_]


class StandingRules(NamedTuple):
    """The rank rules standing applies (see :mod:`packbond.rules.bonds`)."""

    alpha_weight: float
    beta_weight: float
    omega_weight: float
    skill_weight: float
    esteem_weight: float
    strength_weight: float
    mate_weight: float
    leader_mate_weight: float
    grace_days: int
    unmated_penalty: float


@njit(cache=True)
def _past_grace(
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    mate: NDArray[np.int32],
    single_since: NDArray[np.int32],
    requires_mate: NDArray[np.bool_],
    grace_days: int,
    rows: NDArray[np.int64],
    day: int,
) -> NDArray[np.bool_]:  # pragma: no cover - compiled
    """Which of ``rows`` are alphas in packs whose rank requires a mate, unmated past the grace
    period.

    Helpers here loop over all rows rather than take one: every call that passes arrays pays
    reference counting for each of them, which per wolf would cost more than the work.
    """
    out = np.empty(len(rows), dtype=np.bool_)
    for n in range(len(rows)):
        i = rows[n]
        p = pack[i]
        since = single_since[i]
        out[n] = (
            p >= 0
            and requires_mate[p]
            and since >= 0
            and day - since > grace_days
            and designation[i] == _ALPHA
            and mate[i] < 0
        )
    return out


@njit(cache=True)
def _fill_standings(
    folk: StandingColumns,
    packs: PackStandingColumns,
    rules: StandingRules,
    rows: NDArray[np.int64],
    day: int,
    out: NDArray[np.float64],
) -> None:  # pragma: no cover - compiled
    """Standing of each of ``rows``, step by step as the NumPy formula computes it."""
    alive, pack, designation, mate, single_since, boldness, wound, skill, esteem, _ = folk
    leader, omega_penalty, requires_mate = packs
    lost = _past_grace(
        pack, designation, mate, single_since, requires_mate, rules.grace_days, rows, day
    )
    for n in range(len(rows)):
        i = rows[n]
        des = designation[i]
        if des == _UNPRESENTED:
            out[n] = -1.0
            continue
        home = pack[i]
        pk = max(home, 0)
        if des == _ALPHA:
            by_designation = rules.alpha_weight
        elif des == _OMEGA:
            # NOTE: the penalty in float32, as NumPy scales a float32 column by a Python float.
            penalty = np.float32(rules.omega_weight) * omega_penalty[pk]
            by_designation = rules.omega_weight - np.float64(penalty)
        else:
            by_designation = rules.beta_weight
        strength = (np.float32(0.5) + np.float32(0.5) * boldness[i]) * (np.float32(1.0) - wound[i])
        other = mate[i]
        has_mate = other >= 0 and home >= 0 and alive[other] and pack[other] == home
        leader_mate = has_mate and leader[pk] == other
        out[n] = (
            by_designation
            + np.float64(np.float32(rules.skill_weight) * skill[i])
            + np.float64(np.float32(rules.esteem_weight) * esteem[i])
            + np.float64(np.float32(rules.strength_weight) * strength)
            + rules.mate_weight * (1.0 if has_mate else 0.0)
            + rules.leader_mate_weight * (1.0 if leader_mate else 0.0)
            - rules.unmated_penalty * (1.0 if lost[n] else 0.0)
        )


@njit(cache=True)
def standings(
    folk: StandingColumns,
    packs: PackStandingColumns,
    rules: StandingRules,
    rows: NDArray[np.int64],
    day: int,
) -> NDArray[np.float64]:  # pragma: no cover - compiled
    """Standing of each of ``rows`` in its own pack (-1 for an unpresented wolf)."""
    out = np.empty(len(rows), dtype=np.float64)
    _fill_standings(folk, packs, rules, rows, day, out)
    return out
