"""The ecology preset (wolf packs, human lives) against field figures, the demographic figures
it is measured by, and the validate-ecology command."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from packbond.analysis.demography import (
    Window,
    _adult_mortality,
    _birth_interval,
    _Lives,
    gompertz_makeham_mode,
)
from packbond.analysis.ecology_check import CHECKS, _interval, run_check, summarise
from packbond.cli import app

PASSING = {
    "mean_pack_size": 5.5,
    "adult_mortality": 0.01,
    "infant_mortality": 0.2,
    "child_mortality": 0.45,
    "young_adult_dispersal": 0.7,
    "dispersal_spring_share": 0.5,
    "dispersal_peak_season": 0.0,
    "mean_litter": 1.02,
    "birth_interval": 3.5,
    "adult_death_mode": 72.0,
    "max_age": 90.0,
    "population_change": 1.0,
}


def test_a_figure_passes_when_its_mean_is_in_the_field_range() -> None:
    """The mean over replicates decides; the interval is Student's t over replicates."""
    figures = [dict(PASSING), dict(PASSING, mean_pack_size=6.5)]
    outcomes = summarise(figures)
    assert [o.passed for o in outcomes] == [True] * len(CHECKS)
    size = outcomes[0]
    assert math.isclose(size.mean, 6.0)
    t_one = math.tan(0.475 * math.pi)  # Student's t with 1 degree of freedom is Cauchy's
    assert math.isclose(size.high - size.mean, t_one * 0.5)  # t(0.975, 1) · sd / sqrt(2)


# Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom, as printed tables give
# them (to three decimals).
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def test_the_interval_is_student_t_as_the_printed_table_gives_it() -> None:
    """Two replicates or thirty-one, the half-width is t(0.975, n - 1) · sd / sqrt(n), the t
    the printed table gives to its three decimals."""
    for df, table in enumerate(T975, start=1):
        values = np.arange(df + 1, dtype=float)
        mean, low, high = _interval(values)
        t = (high - mean) * math.sqrt(len(values)) / values.std(ddof=1)
        assert round(t, 3) == table, df
        assert math.isclose(mean - low, high - mean)


def test_one_replicate_has_a_mean_but_no_interval_and_none_has_neither() -> None:
    """With one figure (a NaN is no figure) there is a mean and no interval; with none, nothing."""
    mean, low, high = _interval(np.array([4.0, np.nan]))
    assert mean == 4.0 and math.isnan(low) and math.isnan(high)
    assert all(math.isnan(x) for x in _interval(np.array([], dtype=float)))


def test_a_figure_out_of_range_or_a_summer_peak_fails() -> None:
    """Too large packs fail; so does a dispersal peak outside spring in any replicate, and a
    wolf's life history (adults dying at a tenth a year, dying old at 10)."""
    figures = [dict(PASSING, mean_pack_size=9.0), dict(PASSING, dispersal_peak_season=1.0)]
    failed = {o.check.figure for o in summarise(figures) if not o.passed}
    assert failed == {"mean_pack_size", "dispersal_spring_share"}
    wolf_lives = [dict(PASSING, adult_mortality=0.2, adult_death_mode=10.0, max_age=13.0)] * 2
    failed = {o.check.figure for o in summarise(wolf_lives) if not o.passed}
    assert failed == {"adult_mortality", "adult_death_mode", "max_age"}


def test_the_ecology_preset_holds_wolf_packs_of_human_lives() -> None:
    """The valley under ecology, 40 years (20 of them burn-in: human lives settle slowly) and 3
    replicates: wolf-sized packs dispersing in spring, human mortality, birth spacing and
    lifespan, a population that holds; every figure is in its field range."""
    run, outcomes = run_check(years=40, replicates=3, seed=11, burn_in_years=20)
    run.close()
    bad = [(o.check.label, round(o.mean, 3)) for o in outcomes if not o.passed]
    assert bad == []


YEAR = 364


def _lives(birth: list[int], end: list[int], dead: list[bool]) -> _Lives:
    n = len(birth)
    return _Lives(
        np.arange(n, dtype=np.int64),
        np.array(birth, dtype=np.int64),
        np.array(end, dtype=np.int64),
        np.array(dead),
        np.zeros(n, dtype=bool),
    )


def test_adult_mortality_counts_deaths_and_years_from_18_to_50_only() -> None:
    """A death at 17 or at 60 is not an adult's of 18-50; the years lived at 18-50 are."""
    window = Window(0, 100 * YEAR, YEAR)
    # Born 20 years before the window: dies at 30. Born on day 0: dies at 17. Born 40 years
    # before: dies at 60 (10 years at risk, from 40 to 50). Born 10 years before: alive.
    lives = _lives(
        [-20 * YEAR, 0, -40 * YEAR, -10 * YEAR],
        [10 * YEAR, 17 * YEAR, 20 * YEAR, 100 * YEAR],
        [True, True, True, False],
    )
    years = 10 + 0 + 10 + 32  # at risk aged 18-50 inside the window
    assert math.isclose(_adult_mortality(lives, window), -math.expm1(-1 / years))


def test_the_birth_interval_counts_only_intervals_whose_first_child_lived() -> None:
    """A child who dies before the next birth ends no counted interval (the field
    definition), and intervals are a mother's own."""
    window = Window(0, 20 * YEAR, YEAR)
    # Mother 100: children 0 (lives), 1 (dies at day 3 * YEAR), 2. Mother 101: child 3.
    birth = [0, 2 * YEAR, 6 * YEAR, 7 * YEAR]
    born = pd.DataFrame(
        {
            "actor": [0, 1, 2, 3],
            "target": [100, 100, 100, 101],
            "day": birth,
        }
    )
    lives = _lives(birth, [20 * YEAR, 3 * YEAR, 20 * YEAR, 20 * YEAR], [False, True, False, False])
    assert _birth_interval(born, lives, window) == 2.0


def test_the_modal_age_at_death_is_found_from_a_gompertz_makeham_fit() -> None:
    """Deaths drawn from a known hazard give back its mode; with no ageing, deaths are most
    common at the start."""
    a, b, c = 0.0005, 0.085, 0.01
    age = np.arange(0.0, 77.0) + 0.5
    survival = np.exp(-c * age - a / b * np.expm1(b * age))
    years = 1e6 * survival
    deaths = years * (c + a * np.exp(b * age))
    grid = np.arange(0.0, 77.0, 0.01)
    density = (c + a * np.exp(b * grid)) * np.exp(-c * grid - a / b * np.expm1(b * grid))
    expected = grid[np.argmax(density)]
    assert 40.0 < expected < 70.0
    assert abs(gompertz_makeham_mode(age, deaths, years) - expected) < 0.5
    flat = np.full(len(age), 1e6)
    assert gompertz_makeham_mode(age, 0.02 * flat, flat) < 1.0


def test_validate_ecology_prints_the_table_and_refuses_a_run_shorter_than_its_burn_in() -> None:
    """The command prints every figure; too short a run is an input error (status 2)."""
    runner = CliRunner()
    result = runner.invoke(
        app, ["validate-ecology", "--years", "3", "--burn-in", "1", "--replicates", "2"]
    )
    assert result.exit_code in (0, 1), result.output
    for check in CHECKS:
        assert check.label.split()[0] in result.output
    short = runner.invoke(app, ["validate-ecology", "--years", "5"])
    assert short.exit_code == 2
    assert "burn-in" in short.output
