"""The report's content, escaping and command line, read from the file (no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from packbond import open_run, simulate
from packbond.cli import app
from packbond.report import gather
from packbond.report.gather import WOLF_PAGES
from packbond.report.render import Linker, script_json

from .conftest import MARKUP_NAMES, Built

runner = CliRunner()


def _index(page: str) -> list[dict[str, str]]:
    found = re.search(r'<script type="application/json" id="search-index">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))


def test_the_report_is_one_file_that_loads_nothing(seed_report: Built) -> None:
    """The report holds its styles, script and plots inline and names no outside resource."""
    page = seed_report.report.read_text("utf-8")
    assert page.startswith("<!doctype html>")
    assert "<link" not in page and " src=" not in page and "@import" not in page
    assert not re.search(r"""(href|src)=["']?(https?:)?//""", page)
    assert "url(http" not in page and "@font-face" not in page
    assert page.count("<svg") >= 4


def test_every_page_of_the_seed_report_is_there(seed_report: Built) -> None:
    """Overview, packs, wolves and stories; a page per cast member and named pack; the canon
    beats of the seed story; and every internal link has its target."""
    page = seed_report.report.read_text("utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert {"overview", "packs", "wolves", "stories", "canon", "pack-0", "pack-1"} <= ids
    with open_run(seed_report.run) as run:
        data = gather(run)
    cast = [w for w in data.wolves if w.cast]
    assert len(cast) == 19 and all(f"wolf-{w.wolf_id}" in ids for w in cast)
    assert all(len(w.trace) > 0 for w in cast if w.alive)
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target
    labels = {item["label"] for item in _index(page)}
    assert {"Overview", "Kim pack", "Park pack"} <= labels


def test_names_are_escaped_everywhere(markup_report: Built) -> None:
    """A name with markup, quotes or ampersands appears only escaped in the page, and the
    search index embedded in a script escapes ``<``, ``>`` and ``&``."""
    page = markup_report.report.read_text("utf-8")
    assert page.count("<script") == 2
    assert "<img" not in page and "<b>Ash" not in page and "<u>Vale" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "O&#39;Neil &#34;Red&#34; &amp; Co" in page
    raw = re.search(r'id="search-index">(.*?)</script>', page)
    assert raw is not None
    assert "<" not in raw.group(1) and ">" not in raw.group(1) and "&" not in raw.group(1)
    labels = " ".join(item["label"] for item in _index(page))
    for name in MARKUP_NAMES:
        assert name in labels


def test_script_json_cannot_close_its_element() -> None:
    """JSON for a script element keeps its value and never holds ``</script>``."""
    value = {"name": "</script><script>alert('&')</script>\u2028"}
    text = str(script_json(value))
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == value


def test_names_link_whole_and_never_guess() -> None:
    """A name links to its page only as a whole word, and its escaped form is what is linked."""
    link = Linker({"Kim": "#pack-0", "Ash & Oak": "#pack-1", "Jin": "#wolf-3"})
    html = str(link("Jin of the Kim pack met Kimura and Ash & Oak; Jinx <b>"))
    assert '<a href="#wolf-3">Jin</a> of the <a href="#pack-0">Kim</a> pack' in html
    assert "Kimura" in html and "Jinx &lt;b&gt;" in html
    assert '<a href="#pack-1">Ash &amp; Oak</a>' in html


def test_an_ensemble_reports_one_replicate(tmp_path: Path) -> None:
    """Replicate 0 by default, another with --replicate."""
    out = tmp_path / "ens"
    simulate("seed", seed=5, years=0.2, replicates=2, out=out).close()
    first = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r0.html")])
    assert first.exit_code == 0, first.output
    assert "replicate 0 of 2" in (tmp_path / "r0.html").read_text("utf-8")
    second = runner.invoke(
        app, ["report", str(out), "--replicate", "1", "-o", str(tmp_path / "r1.html")]
    )
    assert second.exit_code == 0, second.output
    assert "replicate 1 of 2" in (tmp_path / "r1.html").read_text("utf-8")
    assert "Report: " in second.output


def test_a_big_cast_is_bounded(seed_report: Built) -> None:
    """At most WOLF_PAGES wolves get a page, the cast first."""
    with open_run(seed_report.run) as run:
        data = gather(run)
    assert len(data.wolves) <= WOLF_PAGES
    flags = [w.cast for w in data.wolves]
    assert flags == sorted(flags, reverse=True)


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing", "error: run directory '{path}' does not exist"),
        ("empty", "error: run directory '{path}' holds no run (run.duckdb is missing)"),
    ],
)
def test_report_of_no_run_is_a_clear_error(tmp_path: Path, where: str, message: str) -> None:
    """A missing directory, or one without a run, is one line and exit status 2."""
    path = tmp_path / where
    if where == "empty":
        path.mkdir()
    result = runner.invoke(app, ["report", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == message.format(path=path)


def test_report_option_errors(seed_report: Built, tmp_path: Path) -> None:
    """An unknown replicate or a missing output folder is one line and exit status 2."""
    result = runner.invoke(app, ["report", str(seed_report.run), "--replicate", "3"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: replicate 3 is not in this run (it has replicates 0 to 0)"
    )
    target = tmp_path / "no" / "r.html"
    result = runner.invoke(app, ["report", str(seed_report.run), "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: -o: the folder '{target.parent}' does not exist"
