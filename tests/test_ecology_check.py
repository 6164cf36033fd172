"""The ecology preset against real gray wolves, and the validate-ecology command."""

from __future__ import annotations

import math

from typer.testing import CliRunner

from packbond.cli import app
from packbond.ecology_check import CHECKS, run_check, summarise

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
    assert math.isclose(size.high - size.mean, 12.706 * 0.5)  # t(0.975, 1) * sd / sqrt(2)


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
