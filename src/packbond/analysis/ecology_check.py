"""Does the ``ecology`` preset hold wolf packs of human lives? Figures against field ranges.

The ``ecology`` preset is the pack ecology of gray wolves with the life history of the shifters,
who are persons: packs the size of wolf packs, holding territories, a breeding pair per pack,
breeding in one season and young adults dispersing in spring; and a human life: presenting at
14 to 18, adulthood at 18 (courtship, mating and conception are between adults only, in every
preset), fertility to 45, old age from the fifties and a lifespan of up to 95.

Runs the built-in ``valley`` scenario under the ``ecology`` preset as an ensemble of replicates,
measures each replicate (:mod:`packbond.analysis.demography`) and compares the ensemble mean, with
its 95% confidence interval (Student's t over replicates), against field ranges: real wolves'
for the figures that do not depend on the life history (pack size, the spring peak of
dispersal), human demography of hunter-gatherers and other pre-modern populations for those that
do (each with its source), and wolf dispersal timing moved to the shifters' age of adulthood for
young adults' dispersal. A figure passes when its mean lies in the field range.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..api import ProgressCallback, Run, simulate
from ..core.calendar import SEASONS
from ..errors import PackbondError
from ..scenario import load_scenario
from .demography import measure

__all__ = ["CHECKS", "Check", "Outcome", "markdown", "run_check", "summarise"]


@dataclass(frozen=True)
class Check:
    """One field figure: which measured value, its accepted range, and where the range is from."""

    label: str
    figure: str
    low: float
    high: float
    source: str
    rule: Callable[[list[dict[str, float]]], bool] | None = None
    """An extra condition on the replicates' figures (besides the mean being in range)."""

    def describe_range(self) -> str:
        """The field range as text."""
        return f"{self.low:g}-{self.high:g}"


def _spring_is_peak(figures: list[dict[str, float]]) -> bool:
    spring = SEASONS.index("spring")
    return all(f["dispersal_peak_season"] == spring for f in figures)


CHECKS: tuple[Check, ...] = (
    Check(
        "mean pack size",
        "mean_pack_size",
        4.0,
        7.0,
        "wolf packs: Montana 6.3, N. Rockies 6.9, Iberia 4.2, Italy 3.4-4.2 (world-rules 4.1)",
    ),
    Check(
        "annual adult mortality, 18-50",
        "adult_mortality",
        0.005,
        0.02,
        "hunter-gatherers: about 1% a year from adolescence to about 40 (Gurven & Kaplan 2007, "
        "Population and Development Review 33(2)); Hiwi young adults about 2% (Hill, Hurtado & "
        "Walker 2007, Journal of Human Evolution 52(4))",
    ),
    Check(
        "child mortality (before 15)",
        "child_mortality",
        0.30,
        0.60,
        "47.5% died before puberty over 20 hunter-gatherer and 43 historical populations "
        "(Volk & Atkinson 2013, Evolution and Human Behavior 34(3)); Hiwi 43% (Hill et al. 2007)",
    ),
    Check(
        "natal dispersal, 18-25",
        "young_adult_dispersal",
        0.50,
        0.90,
        "wolf dispersal timing adapted to the shifters' age of adulthood: 75% of yearling wolves "
        "dispersed (Gese & Mech 1991); here the years 18-25 stand for a wolf's yearling years",
    ),
    Check(
        "dispersal in spring (the peak)",
        "dispersal_spring_share",
        0.25,
        1.0,
        "wolves: peaks Feb-Apr (Gese & Mech 1991); passes when spring is every replicate's peak",
        _spring_is_peak,
    ),
    Check(
        "birth interval (years)",
        "birth_interval",
        2.5,
        4.5,
        "natural fertility, the earlier child living: Gainj median 3.6 (Galdikas & Wood 1990, "
        "American Journal of Physical Anthropology 83(2)); foragers' about 1.5 times shorter "
        "than wild chimpanzees' 5.5 (Kaplan et al. 2000, Evolutionary Anthropology 9(4))",
    ),
    Check(
        "modal age at adult death",
        "adult_death_mode",
        68.0,
        78.0,
        "hunter-gatherers and forager-horticulturalists: about seven decades, 68-78 across "
        "populations (Gurven & Kaplan 2007)",
    ),
    Check(
        "maximum age (years)",
        "max_age",
        80.0,
        100.0,
        "hunter-gatherers live into their seventies and eighties (Gurven & Kaplan 2007); "
        "the preset's ceiling is 95",
    ),
    Check(
        "population, end / start",
        "population_change",
        0.7,
        1.5,
        "a calibration target, not a field figure: a population that neither dies out nor "
        "grows without bound over the run",
    ),
)


@dataclass(frozen=True)
class Outcome:
    """A check's result: the mean over replicates, its 95% interval, and whether it passed."""

    check: Check
    mean: float
    low: float
    high: float
    passed: bool


def _interval(values: np.ndarray) -> tuple[float, float, float]:
    """The mean of the values (NaN left out) and its 95% interval by Student's t."""
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return math.nan, math.nan, math.nan
    mean = float(values.mean())
    if len(values) < 2:
        return mean, math.nan, math.nan
    # NOTE: imported here, not at the top: scipy.stats is slow to import, and every command
    # (`packbond --help` too) would pay for it; only the commands that need it do.
    from scipy.stats import t as student_t  # type: ignore[import-untyped]

    quantile = float(student_t.ppf(0.975, df=len(values) - 1))
    half = quantile * float(values.std(ddof=1)) / math.sqrt(len(values))
    return mean, mean - half, mean + half


def summarise(figures: list[dict[str, float]]) -> list[Outcome]:
    """Compare the replicates' figures with every check."""
    outcomes = []
    for check in CHECKS:
        mean, low, high = _interval(np.array([f[check.figure] for f in figures]))
        passed = check.low <= mean <= check.high and (check.rule is None or check.rule(figures))
        outcomes.append(Outcome(check, mean, low, high, passed))
    return outcomes


def run_check(
    *,
    years: float = 50.0,
    replicates: int = 8,
    seed: int = 1,
    burn_in_years: float = 10.0,
    out: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[Run, list[Outcome]]:
    """Run the valley under ``ecology`` and compare it with the field figures of wolf packs and
    human lives."""
    if years <= burn_in_years:
        raise PackbondError(
            f"'years' must be more than the burn-in of {burn_in_years:g} years (got {years:g})"
        )
    loaded = load_scenario("valley", preset="ecology")
    days_per_season = loaded.rules.calendar.days_per_season
    run = simulate(
        loaded,
        seed=seed,
        years=years,
        replicates=replicates,
        out=out,
        metrics_every=days_per_season,
        progress=progress,
    )
    return run, summarise(measure(run, burn_in_years=burn_in_years))


def markdown(outcomes: list[Outcome], command: str) -> str:
    """The outcomes as a Markdown table, with the command that produced them."""
    lines = [
        f"Produced by `{command}`.",
        "",
        "| Figure | Simulated (mean) | 95% interval | Field range | Pass | Field source |",
        "|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.check.label} | {o.mean:.3f} | {o.low:.3f}-{o.high:.3f} | "
            f"{o.check.describe_range()} | {'yes' if o.passed else 'NO'} | {o.check.source} |"
        )
    return "\n".join(lines) + "\n"
