"""The daily wound kernel: bleeding, healing and the risk of dying of a grave wound (R32).

Why compiled: only the wounded are touched, a few hundred wolves in a world of ten thousand, but
in NumPy the day is some fifteen calls on those few rows (gathers, ``where``, ``clip``, two
draws, masks), a cost of every day that does not shrink with the wounded. One pass finds the
wounded, moves each wound, draws whether its bleeding stops (keyed by seed, day, wolf id and
purpose, as ``Context.draw`` does) and sorts out the healed and the grave; the few who die are
drawn for here too. The arithmetic keeps NumPy's: float64 for the wound's change, float32 for
the grave risk (NumPy computes it from a float32 column and Python floats).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from packbond.kernels.daily import draw_one
from packbond.kernels.select import living_above

__all__ = ["WoundColumns", "WoundRules", "tend_wounds"]

# Draw slots (``k``) of the day's keyed draws, each under its own purpose key.
_DRAW_STOPS = 0  # whether a bleeding wound stops bleeding
_DRAW_DEATH = 0  # whether a grave wound kills


class WoundColumns(NamedTuple):
    """Wolf columns the wound kernel reads or writes (``wound``, ``bleeding``, ``wound_event``)."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    pack: NDArray[np.int32]
    wound: NDArray[np.float32]
    bleeding: NDArray[np.bool_]
    wound_event: NDArray[np.int64]


class WoundRules(NamedTuple):
    """The wound rules, flattened, with the day and the draws' purpose keys."""

    heal_per_day: float
    hospital_multiplier: float
    bleeding_harm: float
    bleeding_stops: float
    deadly_above: float
    death_per_day: float
    hospital_death: float
    day: int
    key_stops: np.uint64
    key_death: np.uint64


@njit(cache=True)
def tend_wounds(
    wolves: WoundColumns,
    seeds: NDArray[np.uint64],
    hospital: NDArray[np.bool_],
    r: WoundRules,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """One day of every living wolf's open wound; ``hospital`` per pack row.

    A bleeding wound worsens by ``bleeding_harm``, another heals by ``heal_per_day`` (times
    ``hospital_multiplier`` in a pack with a hospital), within 0..1, and a bleeding wound may
    stop bleeding. A wound that reaches 0 is healed: its bleeding and event are cleared. A wound
    above ``deadly_above`` may kill, less often in a hospital where ``hospital_death`` < 1.
    Returns, in row order, the healed rows and the events of their wounds, and the rows that die
    with the events of theirs.
    """
    alive, replicate, ident, pack, wound, bleeding, wound_event = wolves
    zero = np.float32(0.0)
    rows = living_above(alive, wound, zero)
    count = len(rows)
    healed = np.empty(count, dtype=np.int64)
    healed_cause = np.empty(count, dtype=np.int64)
    dead = np.empty(count, dtype=np.int64)
    dead_cause = np.empty(count, dtype=np.int64)
    n_healed = 0
    n_dead = 0
    deadly = np.float32(r.deadly_above)
    death_per_day = np.float32(r.death_per_day)
    span = np.float32(1.0 - r.deadly_above)
    hospital_death = np.float32(r.hospital_death)
    for n in range(count):
        i = rows[n]
        p = pack[i]
        in_hospital = p >= 0 and hospital[p]
        rate = r.heal_per_day * (r.hospital_multiplier if in_hospital else 1.0)
        bled = bleeding[i]
        change = r.bleeding_harm if bled else -rate
        wound[i] = min(max(np.float64(wound[i]) + change, 0.0), 1.0)
        if bled and draw_one(
            seeds[replicate[i]], r.day, int(ident[i]), r.key_stops, _DRAW_STOPS
        ) < (r.bleeding_stops):
            bleeding[i] = False
        if wound[i] <= zero:
            healed[n_healed] = i
            healed_cause[n_healed] = wound_event[i]
            n_healed += 1
            wound_event[i] = -1
            bleeding[i] = False
        elif wound[i] > deadly:
            risk = death_per_day * (wound[i] - deadly) / span
            if r.hospital_death < 1.0 and in_hospital:
                risk = risk * hospital_death
            u = draw_one(seeds[replicate[i]], r.day, int(ident[i]), r.key_death, _DRAW_DEATH)
            if u < np.float64(risk):
                dead[n_dead] = i
                dead_cause[n_dead] = wound_event[i]
                n_dead += 1
    return healed[:n_healed], healed_cause[:n_healed], dead[:n_dead], dead_cause[:n_dead]
