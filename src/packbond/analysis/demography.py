"""Demographic figures of a run, per replicate, measured the way field studies measure them.

Each figure is computed over an observation window that skips a burn-in (the generated start is
not at equilibrium) and stops early enough that every cohort in it can be followed for the
figure's age span. Rates per year use exposure: deaths (or departures) divided by the years the
wolves were at risk, turned into an annual probability (``1 - exp(-hazard)``), so a wolf that
dies or leaves halfway through a year counts for half a year, as in a life table.

>>> from packbond import simulate
>>> from packbond.scenario import load_scenario
>>> run = simulate(load_scenario("valley", preset="ecology"), seed=3, years=3, metrics_every=91)
>>> figures = measure(run, burn_in_years=1)
>>> sorted(figures[0])[:3]
['adult_mortality', 'dispersal_spring_share', 'max_age']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..api import Run
from ..core.calendar import SEASONS, Calendar

__all__ = ["FIGURES", "Window", "measure"]

FIGURES: dict[str, str] = {
    "mean_pack_size": "mean members of a pack (two or more wolves), sampled each season",
    "adult_mortality": "deaths per year at risk of wolves aged one year and more, as a probability",
    "pup_mortality": "share of pups born that die before their first birthday",
    "yearling_dispersal": "departures per year at risk of natal-pack wolves aged one to two",
    "dispersal_spring_share": "share of all departures that happen in spring",
    "dispersal_peak_season": "the season with most departures (index into the seasons)",
    "mean_litter": "pups born together to one mother",
    "max_age": "oldest age reached (at death or at the end), in years",
}
"""Every figure :func:`measure` returns, with what it counts."""


@dataclass(frozen=True)
class Window:
    """The observed days ``[start, end)`` and the length of a year in days."""

    start: int
    end: int
    days_per_year: int

    def exposure(self, enter: np.ndarray, leave: np.ndarray) -> np.ndarray:
        """Years each wolf spends at risk inside the window, given when it enters and leaves."""
        lo = np.maximum(enter, self.start)
        hi = np.minimum(leave, self.end)
        return np.maximum(hi - lo, 0) / self.days_per_year

    def holds(self, day: np.ndarray) -> np.ndarray:
        """Whether each day falls inside the window."""
        return (day >= self.start) & (day < self.end)


def _annual(events: float, years_at_risk: float) -> float:
    if years_at_risk <= 0:
        return float("nan")
    return float(-np.expm1(-events / years_at_risk))


def measure(run: Run, burn_in_years: float = 10.0) -> list[dict[str, float]]:
    """The figures of :data:`FIGURES` for each replicate of a run, in replicate order."""
    manifest, calendar = run.manifest, run.calendar
    per_year = calendar.days_per_year
    days_done = int(manifest["days_done"])
    window = Window(round(burn_in_years * per_year), days_done, per_year)
    if window.start >= window.end:
        raise ValueError(
            f"the run has {days_done} days, not more than the burn-in of {burn_in_years} years"
        )
    wolves = run.wolves
    events = run.query(
        "SELECT replicate, day, kind, actor, target FROM events WHERE kind IN ('born', 'dispersed')"
    )
    metrics = run.query(
        f"SELECT replicate, day, population FROM metrics "
        f"WHERE pack IS NOT NULL AND population >= 2 AND day >= {window.start}"
    )
    out = []
    for replicate in range(int(manifest["replicates"])):
        out.append(
            _figures(
                wolves[wolves["replicate"] == replicate],
                events[events["replicate"] == replicate],
                metrics[metrics["replicate"] == replicate],
                window,
                calendar,
            )
        )
    return out


def _figures(
    wolves: pd.DataFrame,
    events: pd.DataFrame,
    metrics: pd.DataFrame,
    window: Window,
    calendar: Calendar,
) -> dict[str, float]:
    year = window.days_per_year
    birth = wolves["birth_day"].to_numpy(np.int64)
    dead = wolves["death_day"].notna().to_numpy()
    gone = wolves["gone_day"].notna().to_numpy()
    # The day each wolf stops being observed: its death, its emigration, or the end.
    death = np.where(dead, wolves["death_day"].fillna(-1).to_numpy(np.int64), window.end)
    death = np.where(gone, wolves["gone_day"].fillna(-1).to_numpy(np.int64), death)
    wolf_ids = wolves["wolf_id"].to_numpy(np.int64)

    adult_years = window.exposure(birth + year, death).sum()
    adult_deaths = (dead & window.holds(death) & (death - birth >= year)).sum()

    # Pups: every wolf born in the window with a whole first year inside the run.
    cohort = (birth >= window.start) & (birth + year <= window.end)
    cohort &= ~(gone & (death - birth < year))  # pups that emigrated are censored
    pup_deaths = (dead[cohort] & (death[cohort] - birth[cohort] < year)).sum()

    departures = events[events["kind"] == "dispersed"]
    first_departure = departures.groupby("actor")["day"].min()
    left = pd.Series(wolf_ids).map(first_departure).to_numpy(np.float64)
    has_left = ~np.isnan(left)
    left_day = np.where(has_left, left, np.inf)
    # At risk as a yearling: aged one to two, still in the natal pack (not yet departed).
    natal = wolves["origin_pack"].notna().to_numpy() & (birth >= 0)
    until = np.minimum(np.minimum(death, birth + 2 * year), left_day)
    yearling_years = window.exposure(birth + year, until)[natal].sum()
    left_age = left_day - birth
    yearling_departures = (
        natal & has_left & window.holds(left_day) & (left_age >= year) & (left_age < 2 * year)
    ).sum()

    seen = departures[window.holds(departures["day"].to_numpy())]
    by_season = np.bincount(calendar.season(seen["day"].to_numpy(np.int64)), minlength=4)

    born = events[(events["kind"] == "born") & window.holds(events["day"].to_numpy())]
    litters = born.groupby(["target", "day"]).size()

    ages = (death - birth) / year
    sizes = metrics.groupby("day")["population"].mean()
    return {
        "mean_pack_size": float(sizes.mean()) if len(sizes) else float("nan"),
        "adult_mortality": _annual(float(adult_deaths), float(adult_years)),
        "pup_mortality": float(pup_deaths / cohort.sum()) if cohort.any() else float("nan"),
        "yearling_dispersal": _annual(float(yearling_departures), float(yearling_years)),
        "dispersal_spring_share": float(by_season[SEASONS.index("spring")] / by_season.sum())
        if by_season.sum()
        else float("nan"),
        "dispersal_peak_season": float(np.argmax(by_season)) if by_season.sum() else float("nan"),
        "mean_litter": float(litters.mean()) if len(litters) else float("nan"),
        "max_age": float(ages.max()) if len(ages) else float("nan"),
    }
