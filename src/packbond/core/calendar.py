"""The calendar: days, seasons and years.

A simulated year is four seasons of ``days_per_season`` days (91 by default: 13 weeks, as in the
design notes). Day 0 is the first day of the scenario's starting season in year 1, so the
calendar is a pure function of the day number and needs no state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = ["SEASONS", "Calendar", "Date"]

Day = TypeVar("Day", int, NDArray[np.int64])

SEASONS: tuple[str, ...] = ("spring", "summer", "autumn", "winter")


@dataclass(frozen=True)
class Date:
    """A calendar date: year (from 1), season index into :data:`SEASONS`, day within season."""

    year: int
    season: int
    day_of_season: int

    @property
    def season_name(self) -> str:
        """The season's name."""
        return SEASONS[self.season]

    def __str__(self) -> str:
        return f"year {self.year}, {self.season_name} day {self.day_of_season + 1}"


@dataclass(frozen=True)
class Calendar:
    """Maps simulation days to dates; ``start_season`` is the season of day 0."""

    days_per_season: int = 91
    start_season: int = 2

    @property
    def days_per_year(self) -> int:
        """Days in one simulated year."""
        return 4 * self.days_per_season

    def _offset(self, day: Day) -> Day:
        return day + self.start_season * self.days_per_season

    def date(self, day: int) -> Date:
        """The date of a simulation day (day 0 is the first day of the start season, year 1)."""
        off = self._offset(day)
        season_count, dos = divmod(off, self.days_per_season)
        return Date(
            year=1 + (day // self.days_per_year), season=season_count % 4, day_of_season=dos
        )

    def season(self, day: Day) -> Day:
        """The season index of a day (or of each day in an array)."""
        return (self._offset(day) // self.days_per_season) % 4

    def is_season_start(self, day: int) -> bool:
        """Whether a day is the first day of a season."""
        return self._offset(day) % self.days_per_season == 0

    def years_to_days(self, years: float) -> int:
        """A duration in years as whole days."""
        return round(years * self.days_per_year)
