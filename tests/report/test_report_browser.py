"""The report as a person sees it: Debian's headless Chromium, driven by Playwright, opens the
file from disk. Screenshots of the main pages are kept in the test's folder and in
``runs/screenshots/`` (ignored by git) to look at."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from packbond import open_run, simulate
from packbond.report import build_report
from packbond.scenario import parse_scenario

from ..conftest import generated
from .conftest import MARKUP_NAMES, SCREENSHOTS, Built

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make browsers installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page whose console errors and requests are recorded; any request that is not the
    report's own file is refused."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = Watched(page)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))

    def only_files(route):  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_files)
    yield seen
    page.close()


def _shoot(page: Page, tmp_path: Path, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _open(seen: Watched, report: Path, anchor: str = "") -> None:
    seen.page.goto(report.resolve().as_uri() + (f"#{anchor}" if anchor else ""))


# The page the URL's hash names is shown by a ``hashchange`` handler, which the browser runs
# after a click or a same-document ``goto`` has returned: ask only once it has run.
_CAUGHT_UP = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)) || 'overview');
  const wanted = (target && target.closest('section.page')) || document.getElementById('overview');
  return document.querySelector('section.page.shown') === wanted;
}"""


def _shown(page: Page) -> str:
    """The id of the page on show, once the script has caught up with the URL's hash."""
    page.wait_for_function(_CAUGHT_UP, timeout=5000)
    return str(page.evaluate("document.querySelector('section.page.shown').id"))


def test_the_report_opens_without_errors_or_network(
    watched: Watched, seed_report: Built, tmp_path: Path
) -> None:
    """The overview shows first, with its plots; nothing is logged as an error and the only
    request is the file itself."""
    _open(watched, seed_report.report)
    page = watched.page
    assert _shown(page) == "overview"
    assert page.locator("#overview svg.plot").count() >= 3
    assert page.locator("#overview svg.plot").first.is_visible()
    for anchor in ("overview", "packs", "pack-0", "wolves", "stories"):
        _open(watched, seed_report.report, anchor)
        assert _shown(page) == anchor
        _shoot(page, tmp_path, f"seed-{anchor}")
    assert watched.errors == []
    assert watched.requests and all(url.startswith("file://") for url in watched.requests)


def test_every_internal_link_resolves(watched: Watched, seed_report: Built) -> None:
    """Every ``href="#..."`` in the page has an element with that id, and following a link to
    a wolf shows the wolf's page."""
    _open(watched, seed_report.report)
    page = watched.page
    missing = page.evaluate(
        """Array.from(document.querySelectorAll('a[href^="#"]'))
             .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
             .filter(id => !document.getElementById(id))"""
    )
    assert missing == []
    assert page.locator('a[href^="#"]').count() > 100
    page.locator("#overview ol.stories a[href^='#wolf-']").first.click()
    assert _shown(page).startswith("wolf-")


def test_the_search_finds_a_wolf_by_name(
    watched: Watched, seed_report: Built, tmp_path: Path
) -> None:
    """Typing part of a cast member's name lists them; choosing the result opens their page,
    which shows its timeline and ego graph."""
    _open(watched, seed_report.report)
    page = watched.page
    name = page.evaluate(
        "JSON.parse(document.getElementById('search-index').textContent)"
        ".find(i => i.kind === 'wolf').label.split(' (')[0]"
    )
    page.fill("#search", name[:4].lower())
    result = page.locator("#results a", has_text=name).first
    assert result.is_visible()
    result.click()
    shown = _shown(page)
    assert shown.startswith("wolf-")
    assert page.locator(f"#{shown} h1").inner_text() == name
    plots = page.locator(f"#{shown} svg.plot")
    assert plots.count() == 2
    for i in range(2):
        box = plots.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator(f"#{shown} svg.plot text", has_text="wellbeing").count() >= 1
    _shoot(page, tmp_path, "seed-wolf")
    page.fill("#search", "no such wolf at all")
    assert page.locator("#results").inner_text() == "Nothing found"
    assert watched.errors == []


def test_markup_in_names_renders_as_text(
    watched: Watched, markup_report: Built, tmp_path: Path
) -> None:
    """Names holding ``<script>``, an ``<img>`` with a handler, quotes and ampersands read as
    written, and none of them runs or becomes an element."""
    _open(watched, markup_report.report, "wolf-0")
    page = watched.page
    assert page.locator("#wolf-0 h1").inner_text() == MARKUP_NAMES[0]
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("main b, main u").count() == 0
    assert page.locator("script").count() == 2
    _open(watched, markup_report.report, "wolves")
    table = page.locator("#wolves table").inner_text()
    for name in MARKUP_NAMES:
        assert name in table
    page.fill("#search", 'o\'neil "red" &')
    assert page.locator("#results a", has_text=MARKUP_NAMES[2]).count() == 1
    _shoot(page, tmp_path, "markup-wolves")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert watched.errors == []


@pytest.mark.slow
def test_a_report_of_a_10000_wolf_decade_is_small_and_quick(
    watched: Watched, tmp_path: Path
) -> None:
    """Ten thousand wolves over ten years: the report stays under 20 MB and opens in under
    3 seconds, with its plots."""
    out = tmp_path / "decade"
    simulate(parse_scenario(generated(1250)), seed=1, years=10, out=out).close()
    with open_run(out) as run:
        path = build_report(run, out / "report.html")
    assert path.stat().st_size < 20e6
    started = time.perf_counter()
    _open(watched, path)
    watched.page.wait_for_load_state("load")
    assert time.perf_counter() - started < 3.0
    assert watched.page.locator("#overview svg.plot").first.is_visible()
    _shoot(watched.page, tmp_path, "decade-overview")
    assert watched.errors == []
