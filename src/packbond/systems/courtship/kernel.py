"""The weekly courtship kernel: each suitor weighs a few packmates and the wolf it protects, and
picks the one it is drawn to most (R20, R22, R38, R52).

Why compiled: in NumPy the choice is some forty operations over (suitors x candidates) pairs,
each a temporary, with a pass over every wolf to find who protects whom. Here each suitor's
candidates are drawn, scored and compared in one loop. The arithmetic keeps the NumPy
formulas' order and dtypes (float32 where NumPy combines a float32 column with a rule value,
float64 for the tie, the pull and the scent), so the choices and their weights are the NumPy
formulas', bit for bit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.bits import popcount
from packbond.kernels.ties import tie_value

__all__ = ["CourtColumns", "CourtRules", "court_choices", "court_score"]


class CourtColumns(NamedTuple):
    """Wolf columns the choice reads."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    acceptance: NDArray[np.float32]
    kindness: NDArray[np.float32]
    ambition: NDArray[np.float32]
    esteem: NDArray[np.float32]
    protector: NDArray[np.int32]
    marked_by: NDArray[np.int32]
    mother: NDArray[np.int32]
    father: NDArray[np.int32]
    scent: NDArray[np.uint32]
    tie_other: NDArray[np.int32]
    tie_affinity: NDArray[np.float32]
    birth_day: NDArray[np.int32]


class CourtRules(NamedTuple):
    """The courtship rules the choice applies, flattened."""

    affinity_weight: float
    scent_weight: float
    esteem_weight: float
    shun_weight: float
    marked_factor: float
    protege_weight: float
    age_gap_weight: float
    days_per_decade: float
    scent: bool
    """Whether scents count (R8); without, every likeness is 0."""
    pull: NDArray[np.float64]
    """The pull between designations, suitor's by candidate's."""


@njit(cache=True, inline="always")
def _likeness(a: np.uint32, b: np.uint32) -> float:  # pragma: no cover - compiled
    """Shared notes over all notes of two scents, as :func:`packbond.shared.scent.likeness`."""
    either = float(popcount(a | b))
    return float(popcount(a & b)) / max(either, 1.0) if either > 0 else 0.0


@njit(cache=True, inline="always")
def _kin(
    mother: NDArray[np.int32], father: NDArray[np.int32], a: int, b: int
) -> bool:  # pragma: no cover
    """Parent and child, or siblings (sharing a known parent)."""
    ma, fa, mb, fb = mother[a], father[a], mother[b], father[b]
    return (
        ma == b or fa == b or mb == a or fb == a or (ma >= 0 and ma == mb) or (fa >= 0 and fa == fb)
    )


@njit(cache=True)
def _proteges(
    wolves: CourtColumns, free: NDArray[np.bool_]
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    """Per wolf row, the free wolf beside it that it protects, or -1 (the last such row, as
    NumPy's assignment leaves it)."""
    alive, pack, protector = wolves.alive, wolves.pack, wolves.protector
    protege = np.full(len(alive), -1, dtype=np.int64)
    for i in range(len(alive)):
        g = protector[i]
        if alive[i] and g >= 0 and free[i] and alive[g] and pack[i] >= 0 and pack[g] == pack[i]:
            protege[g] = i
    return protege


@njit(cache=True)
def court_score(
    liking: float,
    pull: float,
    smell: float,
    ambition: np.float32,
    esteem: np.float32,
    acceptance: np.float32,
    kindness: np.float32,
    marked: bool,
    protected: bool,
    gap_days: int,
    r: CourtRules,
) -> float:  # pragma: no cover - compiled
    """A suitor's attraction to a candidate: its ``liking``, the designation ``pull``, scent
    likeness (``smell``) and its ``ambition`` times the candidate's ``esteem``, less the
    shunning of an unaccepted candidate (its ``acceptance``) by an unkind suitor, lowered for a
    candidate ``marked`` by a living mate it left, raised for one the suitor ``protected``,
    lowered by the years between them (``gap_days``)."""
    one = np.float32(1.0)
    score = (
        r.affinity_weight * liking
        + pull
        + r.scent_weight * smell
        + np.float32(r.esteem_weight) * ambition * esteem
        - np.float32(r.shun_weight) * (one - acceptance) * (one - kindness)
    )
    score -= r.age_gap_weight * abs(gap_days) / r.days_per_decade
    score *= r.marked_factor if marked else 1.0
    if r.protege_weight > 0.0:
        score = score + r.protege_weight * (1.0 if protected else 0.0)
    return float(score)


@njit(cache=True)
def _best_candidate(
    wolves: CourtColumns,
    s: int,
    u: NDArray[np.float64],
    pool: NDArray[np.int64],
    start: NDArray[np.int64],
    count: NDArray[np.int64],
    protege: int,
    r: CourtRules,
) -> tuple[int, float, float]:  # pragma: no cover - compiled
    """Suitor ``s``'s best candidate among its draws ``u`` from its pack's free members and its
    ``protege`` (-1 for none), its score and scent likeness; -1 where none fits (itself, kin,
    or no pull). Equal scores go to the earlier candidate."""
    designation, mother, father, scent = (
        wolves.designation,
        wolves.mother,
        wolves.father,
        wolves.scent,
    )
    pk = wolves.pack[s]
    draws = len(u)
    best = -1
    best_score = -np.inf
    best_scent = 0.0
    for q in range(draws + 1):
        if q < draws:
            members = count[pk]
            if members == 0:
                continue
            c = pool[start[pk] + min(int(u[q] * members), members - 1)]
        else:
            c = protege
            if c < 0:
                continue
        pull = r.pull[designation[s], designation[c]]
        if c == s or not pull > 0 or _kin(mother, father, s, c):
            continue
        smell = _likeness(scent[s], scent[c]) if r.scent else 0.0
        mark = wolves.marked_by[c]
        score = court_score(
            tie_value(wolves.tie_other, wolves.tie_affinity, s, c, 0.0),
            pull,
            smell,
            wolves.ambition[s],
            wolves.esteem[c],
            wolves.acceptance[c],
            wolves.kindness[s],
            mark >= 0 and wolves.alive[mark],
            wolves.protector[c] == s,
            int(wolves.birth_day[s]) - int(wolves.birth_day[c]),
            r,
        )
        if score > best_score:
            best, best_score, best_scent = c, score, smell
    return best, best_score, best_scent


@njit(cache=True)
def court_choices(
    wolves: CourtColumns,
    suitors: NDArray[np.int64],
    u: NDArray[np.float64],
    pool: NDArray[np.int64],
    start: NDArray[np.int64],
    count: NDArray[np.int64],
    free: NDArray[np.bool_],
    r: CourtRules,
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:  # pragma: no cover
    """Each suitor's choice among its ``u.shape[1]`` draws from the free members of its pack
    (``pool`` grouped by pack, ``start``/``count`` per pack row) and the free wolf beside it that
    it protects, with the attraction (liking, designation pull, esteem, less the shunning of an
    unaccepted wolf, lowered for a wolf who left a mate) and the scent likeness; -1 and 0 where
    none fits (no one, itself, kin, or no pull). Equal scores go to the earlier candidate.
    """
    protege = _proteges(wolves, free)
    n = len(suitors)
    chosen = np.full(n, -1, dtype=np.int64)
    attraction = np.zeros(n, dtype=np.float64)
    likeness = np.zeros(n, dtype=np.float64)
    for m in range(n):
        s = suitors[m]
        best, best_score, best_scent = _best_candidate(
            wolves, s, u[m], pool, start, count, protege[s], r
        )
        if best >= 0:
            chosen[m] = best
            attraction[m] = best_score - r.scent_weight * best_scent
            likeness[m] = best_scent
    return chosen, attraction, likeness
