"""Calendar and seasons."""

from __future__ import annotations

from packbond import simulate
from packbond.core.calendar import Calendar


def test_dates_follow_the_start_season() -> None:
    """Day 0 is the first day of the start season; a year is four seasons."""
    cal = Calendar(days_per_season=91, start_season=2)
    assert str(cal.date(0)) == "year 1, autumn day 1"
    assert cal.date(91).season_name == "winter"
    assert cal.date(364).year == 2 and cal.date(364).season_name == "autumn"
    assert cal.is_season_start(182) and not cal.is_season_start(183)


def test_each_season_change_is_an_event_in_order() -> None:
    """A two-year run announces eight seasons, in calendar order."""
    ev = simulate("seed", seed=1, years=2).events
    seasons = ev[ev.kind == "season_changed"].sort_values("day")
    assert list(seasons.detail) == ["autumn", "winter", "spring", "summer"] * 2
    assert list(seasons.day) == [91 * i for i in range(8)]
    assert list(seasons.value) == [1, 1, 1, 1, 2, 2, 2, 2]
