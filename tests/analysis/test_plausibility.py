"""The plausibility check: each figure on a hand-made case, the table of a real run, and the
check-world command's exit codes, JSON and Markdown."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from packbond import open_run, simulate
from packbond.analysis import canon, plausibility
from packbond.analysis.plausibility import (
    Figure,
    Spec,
    Tables,
    Values,
    WorldCheck,
    check_world,
    figure,
    make_tables,
    markdown,
    measure,
    read_tables,
    specs,
)
from packbond.cli import app
from packbond.core.calendar import Calendar
from packbond.errors import ScenarioError

YEAR = Calendar().days_per_year
EVENT_COLUMNS = ["replicate", "day", "kind", "actor", "target", "detail"]
runner = CliRunner()


def wolf(
    replicate: int,
    wolf_id: int,
    age: float,
    pack: int | None = 0,
    death: int | None = None,
    gone: int | None = None,
) -> dict[str, Any]:
    """A wolf aged ``age`` years at day 0 (alive unless it has a death day)."""
    return {
        "replicate": replicate,
        "wolf_id": wolf_id,
        "birth_day": -round(age * YEAR),
        "death_day": death,
        "gone_day": gone,
        "alive": death is None,
        "pack": pack,
    }


def tables(
    events: list[tuple[Any, ...]],
    wolves: list[dict[str, Any]],
    replicates: int = 2,
    years: float = 1.0,
    **kwargs: Any,
) -> Tables:
    """Tables of a hand-made case: events as (replicate, day, kind, actor, target, detail)."""
    rows = [(*e, *([None] * (len(EVENT_COLUMNS) - len(e)))) for e in events]
    return make_tables(
        pd.DataFrame(rows, columns=EVENT_COLUMNS),
        pd.DataFrame(wolves),
        replicates=replicates,
        days=round(years * YEAR),
        **kwargs,
    )


def one(t: Tables, key: str) -> Figure:
    """The figure with this key."""
    [found] = [f for f in measure(t) if f.key == key]
    return found


# --- Matings and births --------------------------------------------------------------------------

COUPLES = [
    wolf(0, 1, 30),
    wolf(0, 2, 17),
    wolf(0, 3, 40),
    wolf(0, 4, 20),
    wolf(1, 1, 25),
    wolf(1, 2, 23),
]
MATINGS = [
    (0, 10, "mated", 1, 2),  # 30 and 17: a minor, gap 13
    (0, 200, "paired", 3, 4),  # 40 and 20: gap 20
    (1, 150, "mated", 1, 2),  # 25 and 23: gap 2
]


def test_matings_minors_gaps_and_first_season() -> None:
    """Per replicate: the share with a partner under 18, the median gap, the share with a gap
    over 15 and the share in the first 91 days, then the mean over replicates."""
    t = tables(MATINGS, COUPLES, years=2.0)
    minor = one(t, "minor_matings")
    assert minor.replicates == (0.5, 0.0) and minor.value == 0.25 and minor.passed is False
    assert one(t, "mating_age_gap").replicates == pytest.approx((16.5, 2.0), abs=0.01)
    assert one(t, "mating_gap_over_15").replicates == (0.5, 0.0)
    season = one(t, "first_season_matings")
    assert season.replicates == (0.5, 0.0) and season.passed is True  # 0.25: the edge passes


def test_first_season_is_skipped_for_a_short_run_and_no_matings_is_no_case() -> None:
    """Under two years the first season is measured but not judged; without a mating the
    mating figures have no value and neither pass nor fail."""
    short = one(tables(MATINGS, COUPLES, years=1.0), "first_season_matings")
    assert short.passed is None and short.verdict == "not judged" and "skipped" in short.note
    empty = one(tables([], COUPLES), "minor_matings")
    assert empty.value is None and empty.passed is None and empty.verdict == "no cases"


def test_conception_age_max_is_a_hard_limit_on_every_replicate() -> None:
    """One carrier of 52 fails the figure though the mean of the replicates' oldest is 46."""
    wolves = [wolf(0, 1, 52), wolf(0, 2, 30), wolf(1, 1, 40)]
    events = [(0, 0, "conceived", 1, 2), (0, 0, "conceived", 2, 1), (1, 0, "conceived", 1)]
    t = tables(events, wolves)
    oldest = one(t, "conception_age_max")
    assert oldest.replicates == pytest.approx((52.0, 40.0))
    assert oldest.value == pytest.approx(46.0) and oldest.passed is False
    assert one(t, "conception_age_median").replicates == pytest.approx((41.0, 40.0))
    assert one(t, "conception_age_median").verdict == "not judged"


# --- Children and power --------------------------------------------------------------------------


def test_acts_count_only_actors_under_14_on_the_day() -> None:
    """A rumour by a 10-year-old counts, one by a wolf turned 14 does not; the interval over
    the replicates' counts (1 and 0) is Student's t with one degree of freedom."""
    wolves = [wolf(0, 1, 10), wolf(0, 2, 13.5), wolf(0, 3, 30), wolf(1, 1, 30)]
    events = [
        (0, 5, "rumour", 1, 3),
        (0, YEAR, "rumour_passed", 2, 3),  # aged 14.5 by then
        (1, 5, "attacked", 1, 1),
    ]
    rumours = one(tables(events, wolves), "child_rumours")
    assert rumours.replicates == (1.0, 0.0) and rumours.passed is False
    t_one = math.tan(0.475 * math.pi)  # Student's t with 1 degree of freedom is Cauchy's
    assert rumours.interval is not None
    assert rumours.interval[1] - 0.5 == pytest.approx(t_one * 0.5)
    assert one(tables(events, wolves), "child_blows").replicates == (0.0, 0.0)


def test_voice_on_minors_and_submissions_per_adult_year() -> None:
    """The voice's share on targets under 18; adults' submissions over the years lived as adults
    (a wolf who comes of age mid-run counts from then, a dead one until its death)."""
    wolves = [
        wolf(0, 1, 40),  # adult all year: 1 adult-year
        wolf(0, 2, 17.5),  # adult for the second half: 0.5
        wolf(0, 3, 30, death=YEAR // 2),  # adult until it dies: 0.5
        wolf(1, 1, 40),
    ]
    events = [
        (0, 0, "alpha_voice", 1, 2),
        (0, 1, "alpha_voice", 1, 3),
        (0, 2, "submitted", 3, 1),
        (0, 3, "submitted", 3, 1),
        (0, 4, "submitted", 2, 1),  # by a 17-year-old: not counted
        (1, 0, "submitted", 1, 1),
    ]
    t = tables(events, wolves)
    assert one(t, "voice_on_minors").replicates == (0.5, None)
    rate = one(t, "submissions_per_adult_year")
    assert rate.replicates == pytest.approx((1.0, 1.0), rel=0.01)
    assert "1 more by under-18s" in rate.note


# --- Deaths, hunting, population -----------------------------------------------------------------


def test_death_shares_and_elder_hunts() -> None:
    """Each cause's share of deaths (starvation judged, the rest reported); hunts led by 60+."""
    wolves = [wolf(0, i, 61 if i == 1 else 30) for i in range(1, 5)]
    events = [
        (0, 1, "died", 2, None, "starvation"),
        (0, 2, "died", 3, None, "starvation"),
        (0, 3, "died", 4, None, "old age"),
        (0, 4, "hunt", 1),
        (0, 5, "hunt", 2),
    ]
    t = tables(events, wolves, replicates=1)
    starved = one(t, "deaths_starvation")
    assert starved.value == pytest.approx(2 / 3) and starved.passed is False
    assert starved.interval is None  # one replicate: a value, no interval
    old = one(t, "deaths_old_age")
    assert old.value == pytest.approx(1 / 3) and old.passed is None
    assert one(t, "elder_hunts").value == 0.5


def test_population_change_is_judged_only_for_long_runs() -> None:
    """Living at the end over living at the start (pups born in the run are not at the start);
    a ten-year or longer run is judged against 0.5-2.0 per 50 years, scaled."""
    wolves = [wolf(0, 1, 30), wolf(0, 2, 30, death=50), wolf(0, 3, -1), wolf(0, 4, -2)]
    events = [(0, YEAR, "born", 3, 1), (0, 2 * YEAR, "born", 4, 1)]
    short = one(tables(events, wolves, replicates=1, years=5), "population_change")
    assert short.value == 1.5 and short.passed is None and "under 10 years" in short.note
    long = one(tables(events, wolves, replicates=1, years=25), "population_change")
    assert long.low == pytest.approx(0.5**0.5) and long.high == pytest.approx(2**0.5)
    assert long.passed is False  # 1.5 > 1.414


def test_couples_leaving_counts_couples_not_departures_and_leaves_protagonists_out() -> None:
    """A couple who leave three times is one couple; a protagonist's couple is not counted."""
    wolves = [wolf(0, i, 30) for i in range(1, 7)]
    events = [
        (0, 1, "left_together", 1, 2),
        (0, 9, "left_together", 2, 1),
        (0, 20, "left_together", 1, 2),
        (0, 30, "left_together", 3, 4),
        (0, 40, "left_together", 5, 6),
    ]
    everyone = one(tables(events, wolves, replicates=1), "couples_leaving")
    assert everyone.value == 3.0 and everyone.passed is None  # no story: reported only
    assert "5 departures by 3 couples" in everyone.note
    t = tables(events, wolves, replicates=1, protagonists={0: frozenset({5})})
    story = one(t, "couples_leaving")
    assert story.value == 2.0 and story.passed is False


# --- Children left alone -------------------------------------------------------------------------


def test_children_alone_at_the_end() -> None:
    """A child with an adult in the pack is looked after; one alone, one without a pack and one
    among teenagers only are not; a dead child is not counted."""
    wolves = [
        wolf(0, 1, 5, pack=0),
        wolf(0, 2, 35, pack=0),  # pack 0 has an adult
        wolf(0, 3, 6, pack=1),  # alone in pack 1
        wolf(0, 4, 7, pack=None),  # no pack
        wolf(0, 5, 8, pack=2),
        wolf(0, 6, 16, pack=2),  # pack 2: no adult
        wolf(0, 7, 3, pack=3, death=10),
    ]
    alone = one(tables([], wolves, replicates=1, years=0.0), "children_alone_end")
    assert alone.value == 3.0 and alone.passed is False
    road = {"travelling": True, "mother": None, "father": None}
    family = [
        {**wolf(0, 8, 30, pack=None), **road},  # a mother on the road
        {**wolf(0, 9, 1, pack=None), **road, "mother": 8},  # her child, with her
        {**wolf(0, 10, 2, pack=None), **road, "mother": 7},  # a child whose mother is dead
    ]
    still = [{**w, "travelling": False, "mother": None, "father": None} for w in wolves]
    alone = one(tables([], still + family, replicates=1, years=0.0), "children_alone_end")
    assert alone.value == 4.0


def test_packs_with_only_unpresented_members_in_a_week() -> None:
    """A pack counts once, however many weeks it has only unpresented members."""
    weeks = pd.DataFrame(
        [
            (0, 0, 10, 4, 1),
            (0, 7, 10, 2, 2),
            (0, 14, 10, 2, 2),
            (1, 0, 11, 3, 0),
        ],
        columns=["replicate", "day", "pack", "population", "unpresented"],
    )
    bare = one(tables([], [wolf(0, 1, 30)], weeks=weeks), "packs_without_presented")
    assert bare.replicates == (1.0, 0.0) and bare.passed is False
    missing = one(tables([], [wolf(0, 1, 30)]), "packs_without_presented")
    assert missing.verdict == "not measurable" and missing.value is None
    assert missing.value_text() == "not measurable from this run"


def test_a_kind_the_log_does_not_know_makes_a_figure_not_measurable() -> None:
    """Without ``left_together`` in the run's kinds, couples leaving is not measurable (and
    neither passes nor fails), while the figures that need other kinds are measured."""
    t = tables(MATINGS, COUPLES, kinds=frozenset({"mated", "paired"}))
    couples = one(t, "couples_leaving")
    assert couples.verdict == "not measurable" and couples.passed is None
    assert "left_together" in couples.note
    assert one(t, "minor_matings").value == 0.25


def test_judging_a_custom_spec_on_the_mean_or_on_every_replicate() -> None:
    """On the mean, 0.2 and 0.6 (mean 0.4) pass a range to 0.5; on every replicate they fail."""
    t = tables([], COUPLES)

    def values(_t: Tables) -> Values:
        return Values(np.array([0.2, 0.6]))

    assert figure(Spec("x", "x", values, (0, 0.5), "genre"), t).passed is True
    assert figure(Spec("x", "x", values, (0, 0.5), "genre", each=True), t).passed is False


# --- A real run, and the command -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ensemble of the seed scenario, written where ``packbond run --out`` writes."""
    out = tmp_path_factory.mktemp("runs") / "seed"
    simulate("seed", seed=1, years=0.5, replicates=2, out=out).close()
    return out


def test_a_run_gives_every_figure_in_order_with_consistent_verdicts(seed_run: Path) -> None:
    """Every declared figure, in order, each with a label and source; a judged figure passes
    exactly when its mean is in range (or each replicate, for a hard limit)."""
    with open_run(seed_run) as run:
        check = check_world(run, "seed-run")
        t = read_tables(run)
    assert [f.key for f in check.figures] == [s.key for s in specs()]
    assert check.replicates == 2 and check.years == 0.5 and t.protagonists is not None
    by_key = {s.key: s for s in specs()}
    for f in check.figures:
        assert f.label and f.source, f.key
        if f.value is None:
            assert f.passed is None, f.key
            continue
        assert len(f.replicates) == 2
        if f.interval is not None:
            assert f.interval[0] <= f.value <= f.interval[1], f.key
        if f.passed is not None:
            assert f.low is not None and f.high is not None
            judged = [v for v in f.replicates if v is not None]
            values = judged if by_key[f.key].each else [f.value]
            assert f.passed == all(f.low <= v <= f.high for v in values), f.key
    assert check.passed == all(f.passed is not False for f in check.figures)
    first = one(t, "first_season_matings")
    assert first.verdict == "not judged" and "skipped" in first.note  # half a year


def test_protagonists_are_found_by_role_when_the_scenario_no_longer_parses(
    seed_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed-story run whose stored scenario fails today's validation still has its omega."""
    with open_run(seed_run) as run:
        before = canon.stored_tellings(run)

        def refuse(*_: object, **__: object) -> None:
            raise ScenarioError("<scenario>", [])

        monkeypatch.setattr(canon, "parse_scenario", refuse)
        after = canon.stored_tellings(run)
    assert before is not None and after is not None
    assert after["omega"].equals(before["omega"])


def invoke(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def test_check_world_prints_the_table_and_exits_1_exactly_when_a_figure_fails(
    seed_run: Path,
) -> None:
    """The table names every figure; the status is 1 if one failed, else 0; --json says the
    same and holds every figure's fields."""
    result = invoke("check-world", seed_run)
    assert result.exit_code in (0, 1), result.output
    for spec in specs():
        assert spec.label.split(" by ")[0][:12] in result.output
    as_json = invoke("check-world", seed_run, "--json")
    doc = json.loads(as_json.stdout)
    assert as_json.exit_code == (0 if doc["passed"] else 1) == result.exit_code
    [run] = doc["runs"]
    assert run["run"] == str(seed_run) and run["replicates"] == 2
    assert [f["key"] for f in run["figures"]] == [s.key for s in specs()]
    fields = {"label", "value", "interval", "low", "high", "source", "passed", "verdict", "note"}
    assert fields <= set(run["figures"][0])


def _check(passed: bool | None) -> WorldCheck:
    f = Figure("x", "a figure", 1.0, None, 0.0, 2.0, "genre", passed, "pass", "")
    return WorldCheck("r", "seed", 1, 1.0, "complete", [f])


@pytest.mark.parametrize(("passed", "status"), [(True, 0), (None, 0), (False, 1)])
def test_the_exit_status_follows_the_figures(
    seed_run: Path, monkeypatch: pytest.MonkeyPatch, passed: bool | None, status: int
) -> None:
    """0 when nothing fails (a figure only reported does not fail), 1 when a figure fails."""
    monkeypatch.setattr("packbond.cli.check_world", lambda _run, _name: _check(passed))
    assert invoke("check-world", seed_run).exit_code == status
    assert invoke("check-world", seed_run, "--json").exit_code == status


def test_a_missing_or_non_run_directory_is_one_line_and_status_2(
    seed_run: Path, tmp_path: Path
) -> None:
    """The error names the path and what is wrong, before any run is measured."""
    missing = invoke("check-world", seed_run, tmp_path / "nope")
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    assert f"run directory '{tmp_path / 'nope'}' does not exist" in missing.output
    empty = invoke("check-world", tmp_path)
    assert empty.exit_code == 2
    assert f"'{tmp_path}' holds no run (run.duckdb is missing)" in empty.output
    assert len(empty.output.strip().splitlines()) == 1
    folder = invoke("check-world", seed_run, "--markdown", tmp_path / "no" / "x.md")
    assert folder.exit_code == 2 and "does not exist" in folder.output
    onto_a_folder = invoke("check-world", seed_run, "--markdown", tmp_path)
    assert onto_a_folder.exit_code == 2 and "cannot write" in onto_a_folder.output


def test_help_shows_an_example() -> None:
    """--help works and shows an example, like every command's."""
    result = invoke("check-world", "--help")
    assert result.exit_code == 0 and "Example: packbond check-world" in result.output


def test_markdown_writes_a_table_per_run(seed_run: Path, tmp_path: Path) -> None:
    """--markdown writes the command, a heading per run and a row per figure."""
    path = tmp_path / "plausibility.md"
    result = invoke("check-world", seed_run, seed_run, "--markdown", path)
    assert result.exit_code in (0, 1), result.output
    text = path.read_text("utf-8")
    assert text.startswith(f"Produced by `packbond check-world {seed_run} {seed_run}`.")
    assert text.count("| Figure | Value | 95% interval | Range | Source | Pass | Note |") == 2
    for spec in specs():
        assert text.count(f"| {spec.label} |") == 2, spec.label
    assert markdown([_check(False)], "cmd").splitlines()[-1].startswith("| a figure | 1.000 |")


def test_the_module_lists_what_it_exports() -> None:
    """Every name in ``__all__`` exists."""
    for name in plausibility.__all__:
        assert hasattr(plausibility, name), name
