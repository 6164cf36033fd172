"""Life stages by age: who acts in a pack's social life, and who is an adult (``rules.life``).

Shared by every system that gates an act by age: courtship, arranged matings, the breeders
rule, dispersers' pairing and conception ask :func:`adults`; contact's kernel compares ages with
:func:`social_days`. One place, so no mechanic forgets the adults-only rule.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..core.calendar import SEASONS
from ..rules import Rules
from ..state import World

__all__ = ["adult_days", "adults", "social_days", "to_days"]


def to_days(rules: Rules, years: float) -> int:
    """``years`` in days of this world's calendar, rounded up (so an age bound is never early)."""
    return math.ceil(years * len(SEASONS) * rules.calendar.days_per_season)


def adult_days(rules: Rules) -> int:
    """The age of adulthood in days (``rules.life.adult_years``)."""
    return to_days(rules, rules.life.adult_years)


def social_days(rules: Rules) -> int:
    """The age in days from which a wolf acts in its pack's social life."""
    return to_days(rules, rules.life.social_years)


def adults(world: World, day: int, rows: NDArray[np.integer] | None = None) -> NDArray[np.bool_]:
    """Whether each wolf (every row, or ``rows``) is an adult on ``day``."""
    born = world.wolves.view("birth_day") if rows is None else world.wolves.birth_day[rows]
    return born <= day - adult_days(world.rules)
