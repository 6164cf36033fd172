"""Kernels for the weekly wellbeing pass (R44, R45, R43, R3) and the fading of memories.

Why compiled: wellbeing moves for every living wolf each week. In NumPy that is some thirty
passes over every wolf (gathers, a temporary per operation, two tie lookups that each scanned
every slot of every wolf with a mate) plus a pass over every tie slot to fade memories. Here
each is one pass. The arithmetic follows the NumPy formulas step by step in the same dtypes (a
float32 column times a rule stays float32, as NumPy keeps it; the set point turns float64 where
the mate's support, a float64, joins it), so results are bit-identical; tests compare them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.ties import find_slot

__all__ = [
    "MoodColumns",
    "WeekColumns",
    "WellbeingRules",
    "fade_memories",
    "mate_support",
    "set_point",
    "weekly_wellbeing",
]

# What a wolf's moods did this week (the edge it crossed), as :func:`mood_edge` reports it.
_STEADY, _RECOVERED, _DARKENED, _WITHDREW = 0, 1, 2, 3


class WeekColumns(NamedTuple):
    """Wolf columns the wellbeing pass reads: its life this week, its mate and their tie."""

    alive: NDArray[np.bool_]
    pack: NDArray[np.int32]
    mate: NDArray[np.int32]
    attention: NDArray[np.float32]
    support: NDArray[np.float32]
    shunned: NDArray[np.float32]
    hunger: NDArray[np.float32]
    wound: NDArray[np.float32]
    tie_other: NDArray[np.int32]
    tie_affinity: NDArray[np.float32]
    tie_trust: NDArray[np.float32]


class MoodColumns(NamedTuple):
    """Wolf columns the wellbeing pass moves (and reads): its wellbeing and moods."""

    wellbeing: NDArray[np.float32]
    hurt: NDArray[np.float32]
    security: NDArray[np.float32]
    stress: NDArray[np.float32]
    withdrawn: NDArray[np.bool_]
    dark: NDArray[np.bool_]
    low_weeks: NDArray[np.int16]


class WellbeingRules(NamedTuple):
    """The wellbeing rules the pass applies (see :mod:`packbond.rules.social`)."""

    pull: float
    set_point: float
    support_weight: float
    exclusion_weight: float
    mate_weight: float
    hunger_weight: float
    wound_weight: float
    stress_weight: float
    stress_fade: float
    security_mend: float
    withdraw_below: float
    recover_above: float
    dark_below: float
    dark_weeks: int
    inner_conflict: float


@njit(cache=True)
def fade_memories(
    weight: NDArray[np.float32], memory: NDArray[np.int8], keep: np.float32
) -> None:  # pragma: no cover - compiled
    """A week of fading for every row with a vivid memory; a faded memory is forgotten.

    As in the NumPy formula, a row with any vivid memory has all its slots faded, so an empty
    slot there (weight 0) forgets its memory code too; rows with none are left alone.
    """
    slots = weight.shape[1]
    for i in range(weight.shape[0]):
        vivid = False
        for s in range(slots):
            if weight[i, s] > 0:
                vivid = True
                break
        if not vivid:
            continue
        for s in range(slots):
            faded = weight[i, s] * keep
            # NOTE: compared in float32, as NumPy compares a float32 column with a Python float.
            if faded < np.float32(0.02):
                weight[i, s] = 0.0
                memory[i, s] = 0
            else:
                weight[i, s] = faded


@njit(cache=True)
def mate_support(
    affinity: float, trust: float, attention: np.float32
) -> float:  # pragma: no cover - compiled
    """The support a mate beside a wolf gives: the wolf's liking of it (at least 0) times its
    trust, as far as the mate pays attention (R20)."""
    return max(affinity, 0.0) * trust * np.float64(attention)


@njit(cache=True)
def set_point(
    support: np.float32,
    shunned: np.float32,
    hunger: np.float32,
    wound: np.float32,
    stress: np.float32,
    mate: float,
    wp: WellbeingRules,
) -> float:  # pragma: no cover - compiled
    """The wellbeing a wolf's week pulls it toward: its support, exclusion, hunger, wound and
    stress (float32 columns), and its mate's support (``mate``)."""
    # NOTE: float32 until the mate's support (float64) joins, as NumPy promotes it.
    near = np.float32(wp.set_point) + np.float32(wp.support_weight) * support
    near = near - np.float32(wp.exclusion_weight) * shunned
    return (
        np.float64(near)
        + wp.mate_weight * mate
        - np.float64(np.float32(wp.hunger_weight) * hunger)
        - np.float64(np.float32(wp.wound_weight) * wound)
        - np.float64(np.float32(wp.stress_weight) * stress)
    )


@njit(cache=True)
def mood_edge(
    withdrawn: bool, dark: bool, low_weeks: np.int16, new: float, wp: WellbeingRules
) -> tuple[int, bool, bool, np.int16]:  # pragma: no cover - compiled
    """The edge a wolf crosses at wellbeing ``new`` (recovered, darkened, withdrew or steady),
    with its withdrawal, dark state and weeks low after it."""
    if withdrawn:
        if new > wp.recover_above:
            return _RECOVERED, False, False, np.int16(0)
        if new < wp.dark_below:
            low_weeks = np.int16(low_weeks + 1)
            if not dark and low_weeks >= wp.dark_weeks:
                return _DARKENED, True, True, low_weeks
            return _STEADY, True, dark, low_weeks
        return _STEADY, True, dark, np.int16(0)
    if new < wp.withdraw_below:
        return _WITHDREW, True, dark, np.int16(0)
    return _STEADY, False, dark, np.int16(0)


@njit(cache=True)
def weekly_wellbeing(
    week: WeekColumns, moods: MoodColumns, wp: WellbeingRules
) -> tuple[
    NDArray[np.int64],
    NDArray[np.float64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.float64],
    NDArray[np.bool_],
]:  # pragma: no cover - compiled
    """Move every living wolf's wellbeing a week toward its set point, then its moods.

    Returns, each in row order: the rows that recovered and their new wellbeing, the rows that
    sank into the dark state, the rows that withdrew with their new wellbeing, and for each
    of those whether it is torn (its mate is beside it and its inner wolf still likes the mate).
    """
    alive, pack, mate, attention = week.alive, week.pack, week.mate, week.attention
    wellbeing, hurt, security, stress, withdrawn, dark, low_weeks = moods
    n = len(alive)
    recovered = np.empty(n, dtype=np.int64)
    recovered_at = np.empty(n, dtype=np.float64)
    darkened = np.empty(n, dtype=np.int64)
    withdrew = np.empty(n, dtype=np.int64)
    withdrew_at = np.empty(n, dtype=np.float64)
    torn = np.empty(n, dtype=np.bool_)
    n_rec = n_dark = n_with = 0
    for i in range(n):
        if not alive[i]:
            continue
        other = mate[i]
        beside = other >= 0 and pack[i] >= 0 and alive[other] and pack[other] == pack[i]
        affinity = trust = 0.0
        if beside:
            s = find_slot(week.tie_other, i, other)
            if s >= 0:
                affinity = np.float64(week.tie_affinity[i, s])
                trust = np.float64(week.tie_trust[i, s])
        given = mate_support(affinity, trust, attention[other]) if beside else 0.0
        support = week.support[i]
        target = set_point(
            support, week.shunned[i], week.hunger[i], week.wound[i], stress[i], given, wp
        )
        old = np.float64(wellbeing[i])
        new = min(max(old + wp.pull * (target - old) - np.float64(hurt[i]), 0.0), 1.0)
        wellbeing[i] = new
        hurt[i] = 0.0
        mend = np.float32(wp.security_mend) * max(support, np.float32(0.0))
        security[i] = security[i] + mend * (np.float32(1.0) - security[i])
        stress[i] = stress[i] * np.float32(1.0 - wp.stress_fade)
        edge, away, low, weeks = mood_edge(withdrawn[i], dark[i], low_weeks[i], new, wp)
        withdrawn[i], dark[i], low_weeks[i] = away, low, weeks
        if edge == _RECOVERED:
            recovered[n_rec] = i
            recovered_at[n_rec] = new
            n_rec += 1
        elif edge == _DARKENED:
            darkened[n_dark] = i
            n_dark += 1
        elif edge == _WITHDREW:
            withdrew[n_with] = i
            withdrew_at[n_with] = new
            # R3: the inner wolf still wants its mate while the wolf keeps away.
            torn[n_with] = beside and affinity > 0
            if torn[n_with]:
                stress[i] = min(np.float32(1.0), stress[i] + np.float32(wp.inner_conflict))
            n_with += 1
    return (
        recovered[:n_rec],
        recovered_at[:n_rec],
        darkened[:n_dark],
        withdrew[:n_with],
        withdrew_at[:n_with],
        torn[:n_with],
    )
