"""The ecology preset against real gray wolves, and the validate-ecology command."""

from __future__ import annotations

import math

import numpy as np
from typer.testing import CliRunner

from packbond.analysis.ecology_check import CHECKS, _interval, run_check, summarise
from packbond.cli import app

PASSING = {
    "mean_pack_size": 5.5,
    "adult_mortality": 0.18,
    "pup_mortality": 0.5,
    "yearling_dispersal": 0.6,
    "dispersal_spring_share": 0.5,
    "dispersal_peak_season": 0.0,
    "mean_litter": 5.0,
    "max_age": 13.0,
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
    """Too large packs fail; so does a dispersal peak outside spring in any replicate."""
    figures = [dict(PASSING, mean_pack_size=9.0), dict(PASSING, dispersal_peak_season=1.0)]
    failed = {o.check.figure for o in summarise(figures) if not o.passed}
    assert failed == {"mean_pack_size", "dispersal_spring_share"}


def test_the_ecology_preset_matches_real_wolves() -> None:
    """The valley under ecology, 30 years and 3 replicates: every field figure is in range."""
    run, outcomes = run_check(years=30, replicates=3, seed=11)
    run.close()
    bad = [(o.check.label, round(o.mean, 3)) for o in outcomes if not o.passed]
    assert bad == []


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
