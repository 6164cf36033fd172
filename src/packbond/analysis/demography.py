"""Demographic figures of a run, per replicate, measured the way field studies measure them.

Each figure is computed over an observation window that skips a burn-in (the generated start is
not at equilibrium). Rates per year use exposure: deaths (or departures) divided by the years the
wolves were at risk in the window, so a wolf that dies or leaves halfway through a year counts
for half a year, as in a life table; a rate over an age span is turned into the probability of
the event within the span (``1 - exp(-hazard · years)``). Ages are the field studies' ages, in
the run's years: the figures compare the ``ecology`` preset, whose shifters live human lives,
with human demography (adults from 18, children to 15) and with wolf packs.

>>> from packbond import simulate
>>> from packbond.scenario import load_scenario
>>> run = simulate(load_scenario("valley", preset="ecology"), seed=3, years=3, metrics_every=91)
>>> figures = measure(run, burn_in_years=1)
>>> sorted(figures[0])[:3]
['adult_death_mode', 'adult_mortality', 'birth_interval']
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..api import Run
from ..core.calendar import SEASONS, Calendar

__all__ = [
    "ADULT",
    "ADULT_MORTALITY_UNTIL",
    "CHILD_UNTIL",
    "FIGURES",
    "YOUNG_ADULT_UNTIL",
    "Window",
    "gompertz_makeham_mode",
    "measure",
]

ADULT = 18.0
"""Years: adulthood, where adult mortality and young-adult dispersal start."""
ADULT_MORTALITY_UNTIL = 50.0
"""Years: adult mortality is measured from :data:`ADULT` to this age (before old age)."""
CHILD_UNTIL = 15.0
"""Years: child mortality is the chance of dying before this age (about puberty)."""
YOUNG_ADULT_UNTIL = 25.0
"""Years: young-adult dispersal is measured from :data:`ADULT` to this age."""

FIGURES: dict[str, str] = {
    "mean_pack_size": "mean members of a pack (two or more wolves), sampled each season",
    "adult_mortality": "deaths per year at risk of wolves aged 18 to 50, as a probability",
    "infant_mortality": "share of those born who die before their first birthday",
    "child_mortality": "chance of dying before 15, at the window's death rates of ages 0 to 15",
    "young_adult_dispersal": "chance that a wolf still in its natal pack at 18 leaves it "
    "before 25, at the window's departure rates",
    "dispersal_spring_share": "share of all departures that happen in spring",
    "dispersal_peak_season": "the season with most departures (index into the seasons)",
    "mean_litter": "young born together to one mother",
    "birth_interval": "mean years between a mother's births, where the earlier child lived to "
    "the next birth",
    "adult_death_mode": "modal age at death of those who reach 18, from a Gompertz-Makeham "
    "fit of the window's death rates at 18 and over",
    "max_age": "oldest age reached (at death or at the end), in years",
    "population_change": "living wolves at the end over those living on the first day",
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


@dataclass(frozen=True)
class _Lives:
    """One replicate's wolves as arrays: birth, the day each stops being observed, and how."""

    ids: np.ndarray
    birth: np.ndarray
    end: np.ndarray
    """The day each wolf stops being observed: its death, its emigration, or the window's end."""
    dead: np.ndarray
    gone: np.ndarray

    def died_aged(self, window: Window, low: float, high: float) -> np.ndarray:
        """Whether each wolf died inside the window aged ``low`` to ``high`` days."""
        age = self.end - self.birth
        return self.dead & window.holds(self.end) & (age >= low) & (age < high)

    def years_aged(self, window: Window, low: float, high: float) -> float:
        """Years lived inside the window at ages ``low`` to ``high`` days, by every wolf."""
        leave = np.minimum(self.end, self.birth + high)
        return float(window.exposure(self.birth + low, leave).sum())


def _annual(events: float, years_at_risk: float) -> float:
    """A yearly probability from events and the years at risk."""
    return _within(events, years_at_risk, 1.0)


def _within(events: float, years_at_risk: float, span: float) -> float:
    """The probability of the event within ``span`` years at the rate ``events / years``."""
    if years_at_risk <= 0:
        return float("nan")
    return float(-np.expm1(-span * events / years_at_risk))


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


def _lives(wolves: pd.DataFrame, window: Window) -> _Lives:
    """The wolves of one replicate as arrays."""
    dead = wolves["death_day"].notna().to_numpy()
    gone = wolves["gone_day"].notna().to_numpy()
    end = np.where(dead, wolves["death_day"].fillna(-1).to_numpy(np.int64), window.end)
    end = np.where(gone, wolves["gone_day"].fillna(-1).to_numpy(np.int64), end)
    return _Lives(
        wolves["wolf_id"].to_numpy(np.int64),
        wolves["birth_day"].to_numpy(np.int64),
        end,
        dead,
        gone,
    )


def _figures(
    wolves: pd.DataFrame,
    events: pd.DataFrame,
    metrics: pd.DataFrame,
    window: Window,
    calendar: Calendar,
) -> dict[str, float]:
    """The figures of one replicate."""
    lives = _lives(wolves, window)
    departures = events[events["kind"] == "dispersed"]
    born = events[(events["kind"] == "born") & window.holds(events["day"].to_numpy())]
    sizes = metrics.groupby("day")["population"].mean()
    return {
        "mean_pack_size": float(sizes.mean()) if len(sizes) else float("nan"),
        "adult_mortality": _adult_mortality(lives, window),
        "infant_mortality": _infant_mortality(lives, window),
        "child_mortality": _child_mortality(lives, window),
        "young_adult_dispersal": _young_adult_dispersal(wolves, lives, departures, window),
        **_dispersal_seasons(departures, window, calendar),
        "mean_litter": _mean_litter(born),
        "birth_interval": _birth_interval(born, lives, window),
        "adult_death_mode": _adult_death_mode(lives, window),
        "max_age": float(((lives.end - lives.birth) / window.days_per_year).max())
        if len(lives.ids)
        else float("nan"),
        "population_change": _population_change(lives),
    }


def _population_change(lives: _Lives) -> float:
    """Wolves living at the end of the run over those living on its first day."""
    first = ((lives.birth <= 0) & (lives.end > 0)).sum()
    last = (~lives.dead & ~lives.gone).sum()
    return float(last / first) if first else float("nan")


def _adult_mortality(lives: _Lives, window: Window) -> float:
    """Deaths per year at risk of adults aged :data:`ADULT` to :data:`ADULT_MORTALITY_UNTIL`
    (before old age), as a probability."""
    year = window.days_per_year
    low, high = ADULT * year, ADULT_MORTALITY_UNTIL * year
    deaths = lives.died_aged(window, low, high).sum()
    return _annual(float(deaths), lives.years_aged(window, low, high))


def _infant_mortality(lives: _Lives, window: Window) -> float:
    """Of those born in the window with a whole first year inside it, the share that died in
    that year (infants who left the land are censored)."""
    year = window.days_per_year
    cohort = (lives.birth >= window.start) & (lives.birth + year <= window.end)
    cohort &= ~(lives.gone & (lives.end - lives.birth < year))
    if not cohort.any():
        return float("nan")
    deaths = lives.dead[cohort] & (lives.end[cohort] - lives.birth[cohort] < year)
    return float(deaths.sum() / cohort.sum())


def _child_mortality(lives: _Lives, window: Window) -> float:
    """The chance of dying before :data:`CHILD_UNTIL` at the window's death rate of children
    (every child's years in the window count, the generated start's children too)."""
    high = CHILD_UNTIL * window.days_per_year
    deaths = lives.died_aged(window, 0, high).sum()
    return _within(float(deaths), lives.years_aged(window, 0, high), CHILD_UNTIL)


def _young_adult_dispersal(
    wolves: pd.DataFrame, lives: _Lives, departures: pd.DataFrame, window: Window
) -> float:
    """The chance that a wolf still in its natal pack at :data:`ADULT` leaves it before
    :data:`YOUNG_ADULT_UNTIL`, at the window's rate of first departures at those ages.

    Natal: born to a known mother in its first pack (born in the run, or generated as the
    leaders' young). At risk from 18 until it leaves, dies, emigrates or turns 25."""
    year = window.days_per_year
    first_departure = departures.groupby("actor")["day"].min()
    left = pd.Series(lives.ids).map(first_departure).to_numpy(np.float64)
    left_day = np.where(np.isnan(left), np.inf, left)
    natal = (wolves["origin_pack"].notna() & wolves["mother"].notna()).to_numpy()
    low, high = ADULT * year, YOUNG_ADULT_UNTIL * year
    until = np.minimum(np.minimum(lives.end, lives.birth + high), left_day)
    at_risk = window.exposure(lives.birth + low, until)[natal].sum()
    left_age = left_day - lives.birth
    leaving = natal & np.isfinite(left_day) & window.holds(left_day)
    leaving &= (left_age >= low) & (left_age < high)
    return _within(float(leaving.sum()), float(at_risk), YOUNG_ADULT_UNTIL - ADULT)


def _dispersal_seasons(
    departures: pd.DataFrame, window: Window, calendar: Calendar
) -> dict[str, float]:
    """The share of the window's departures in spring, and the season with most."""
    seen = departures[window.holds(departures["day"].to_numpy())]
    by_season = np.bincount(calendar.season(seen["day"].to_numpy(np.int64)), minlength=4)
    if not by_season.sum():
        return {"dispersal_spring_share": float("nan"), "dispersal_peak_season": float("nan")}
    return {
        "dispersal_spring_share": float(by_season[SEASONS.index("spring")] / by_season.sum()),
        "dispersal_peak_season": float(np.argmax(by_season)),
    }


def _mean_litter(born: pd.DataFrame) -> float:
    """Young born on the same day to the same mother, averaged over litters."""
    litters = born.groupby(["target", "day"]).size()
    return float(litters.mean()) if len(litters) else float("nan")


def _birth_interval(born: pd.DataFrame, lives: _Lives, window: Window) -> float:
    """Mean years between a mother's successive births in the window, counting an interval only
    where a child of the earlier birth was alive at the later one (the field definition: a
    child's death shortens the next interval)."""
    death = pd.Series(np.where(lives.dead, lives.end, np.iinfo(np.int64).max), index=lives.ids)
    litters = born.assign(death=born["actor"].map(death)).groupby(["target", "day"])["death"]
    last_death = litters.max().reset_index().sort_values(["target", "day"])
    same_mother = last_death["target"].to_numpy()[1:] == last_death["target"].to_numpy()[:-1]
    day = last_death["day"].to_numpy(np.int64)
    lived = last_death["death"].to_numpy(np.float64)[:-1] > day[1:]
    gaps = np.diff(day)[same_mother & lived]
    return float(gaps.mean() / window.days_per_year) if len(gaps) else float("nan")


def _adult_death_mode(lives: _Lives, window: Window) -> float:
    """The modal age at death of those who reach :data:`ADULT`, from a Gompertz-Makeham
    hazard fitted to the window's deaths and years at risk by single years of age from 18 (as
    Gurven & Kaplan 2007 read it from fitted mortality curves, not from raw deaths)."""
    if not len(lives.ids):
        return float("nan")
    year = window.days_per_year
    oldest = math.ceil(float((lives.end - lives.birth).max()) / year)
    spans = [(a * year, (a + 1) * year) for a in range(int(ADULT), oldest + 1)]
    deaths = np.array([lives.died_aged(window, lo, hi).sum() for lo, hi in spans], dtype=float)
    years = np.array([lives.years_aged(window, lo, hi) for lo, hi in spans])
    if len(spans) < 3 or deaths.sum() < 3:
        return float("nan")
    return gompertz_makeham_mode(np.arange(len(spans)) + 0.5, deaths, years) + ADULT


def gompertz_makeham_mode(age: np.ndarray, deaths: np.ndarray, years: np.ndarray) -> float:
    """The modal age at death under the hazard ``c + a·exp(b·age)`` fitted to deaths and years
    at risk by age (Poisson maximum likelihood), ages counted from the start of the span.

    The density of the age at death is the hazard times survival; its mode is the age where
    it is highest, found on a grid of a hundredth of a year (the start when it only falls).
    """
    # NOTE: imported here, not at the top: scipy is slow to import, and only the commands
    # that measure need it.
    from scipy.optimize import minimize  # type: ignore[import-untyped]

    def hazard(params: np.ndarray, at: np.ndarray) -> np.ndarray:
        a, b, c = np.exp(params)
        return c + a * np.exp(np.minimum(b * at, 700.0))

    def cost(params: np.ndarray) -> float:
        h = hazard(params, age)
        return float((h * years).sum() - (deaths * np.log(h)).sum())

    crude = max(deaths.sum() / max(years.sum(), 1e-9), 1e-6)
    start = np.log([crude / 10.0, 0.08, crude])
    fit = minimize(cost, start, method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-6})
    grid = np.arange(0.0, float(age.max()) + 1.0, 0.01)
    a, b, c = np.exp(fit.x)
    survival = np.exp(-c * grid - a / b * np.expm1(np.minimum(b * grid, 700.0)))
    return float(grid[np.argmax(hazard(fit.x, grid) * survival)])
