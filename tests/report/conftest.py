"""Runs to report on: the seed scenario as `make demo` runs it, and a world whose names are
markup; each report is built once per session."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from packbond import open_run, simulate
from packbond.report import build_report
from packbond.scenario import parse_scenario

MARKUP_SCENARIO = """
name = "markup & <i>names</i>"
description = "Every name is markup, quotes or ampersands."
[[regions]]
name = "<u>Vale</u> & \\"Glen\\""

[[packs]]
name = "<b>Ash</b> & \\"Oak\\""
region = "<u>Vale</u> & \\"Glen\\""
leader = "<script>window.pwned = 1</script>"
extra_members = 6
norms = { outsider_hostility = 0.9 }

[[packs]]
name = "Birch's <i>"
region = "<u>Vale</u> & \\"Glen\\""
leader = "O'Neil \\"Red\\" & Co"
extra_members = 6

[[cast]]
name = "<script>window.pwned = 1</script>"
sex = "M"
age = 30
designation = "alpha"
pack = "<b>Ash</b> & \\"Oak\\""

[[cast]]
name = "<img src=x onerror=\\"window.pwned = 2\\">"
sex = "F"
age = 26
designation = "omega"
pack = "<b>Ash</b> & \\"Oak\\""

[[cast]]
name = "O'Neil \\"Red\\" & Co"
sex = "M"
age = 33
designation = "alpha"
pack = "Birch's <i>"

[[cast]]
name = "$Cash$ & </script>"
sex = "F"
age = 20
designation = "beta"
pack = "Birch's <i>"

[[facts]]
kind = "mated"
a = "<script>window.pwned = 1</script>"
b = "<img src=x onerror=\\"window.pwned = 2\\">"

[[facts]]
kind = "grievance"
from = "<b>Ash</b> & \\"Oak\\""
to = "Birch's <i>"
amount = 0.9
"""
"""A small world whose region, packs and wolves are named with markup, quotes and ampersands."""

MARKUP_NAMES = (
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 2">',
    'O\'Neil "Red" & Co',
    "$Cash$ & </script>",
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "runs" / "screenshots"
"""Where the browser tests keep their screenshots too (ignored by git), to look at."""


@dataclass(frozen=True)
class Built:
    """A stored run and its report."""

    run: Path
    report: Path


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed scenario, seed 7, one year (as `make demo`), and its report."""
    out = tmp_path_factory.mktemp("report") / "seed-7"
    simulate("seed", seed=7, years=1, out=out).close()
    with open_run(out) as run:
        path = build_report(run, out / "report.html")
    return Built(out, path)


@pytest.fixture(scope="session")
def markup_report(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The markup world for half a year, and its report."""
    out = tmp_path_factory.mktemp("report") / "markup"
    loaded = parse_scenario(textwrap.dedent(MARKUP_SCENARIO), "markup.toml")
    simulate(loaded, seed=3, years=0.5, out=out).close()
    with open_run(out) as run:
        path = build_report(run, out / "report.html")
    return Built(out, path)
