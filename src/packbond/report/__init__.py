"""The HTML report of a run: one self-contained file with its overview, packs, wolves and stories.

>>> from packbond import simulate
>>> run = simulate("seed", seed=7, years=0.1)
>>> page = report_html(run)
>>> page.startswith("<!doctype html>") and 'id="overview"' in page
True
"""

from __future__ import annotations

from pathlib import Path

from ..api import Run
from .gather import ReportData, gather
from .render import render_report, write_report

__all__ = ["ReportData", "build_report", "gather", "render_report", "report_html", "write_report"]


def report_html(run: Run, replicate: int = 0) -> str:
    """The report of one replicate of the run, as one HTML page."""
    return render_report(gather(run, replicate))


def build_report(run: Run, path: str | Path, replicate: int = 0) -> Path:
    """Write the report of one replicate of the run to ``path``; returns the path."""
    return write_report(gather(run, replicate), path)
