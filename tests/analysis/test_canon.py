"""The canon check: its beats (patterns bound to roles) on a hand-written telling, its
intervals, endings and command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from packbond import load_scenario
from packbond.analysis.canon import (
    BEATS,
    CORE,
    ENDINGS,
    LATE_WINTER,
    Protagonists,
    _tellings,
    canon_check,
    wilson,
)
from packbond.cli import app
from packbond.narrative.sifting.patterns import canon_patterns
from packbond.scenario.build import build_world
from packbond.state import Designation

from ..narrative.conftest import synthetic_run  # noqa: F401  (the fixture)

OMEGA, TYRANT, KILLER, MATE, OTHER, PARENT = 0, 1, 2, 3, 4, 5
KIM, PARK = 0, 1

ARC = [
    # day, kind, actor, target, other, pack, rival, value, detail, cause
    (7, "invasion", KILLER, TYRANT, None, KIM, PARK, 2.0, "won"),
    (7, "ceremony_interrupted", OMEGA, TYRANT, None, PARK, None, None, "an invasion", 0),
    (7, "leader_killed", KILLER, TYRANT, None, KIM, PARK, None, None, 0),
    (7, "pack_dissolved", None, None, None, PARK, None, None, None, 2),
    (7, "pledged", OMEGA, KILLER, None, KIM, PARK, None, None, 3),
    (7, "pledged", OTHER, KILLER, None, KIM, PARK, None, None, 3),
    (30, "mated", MATE, OMEGA, None, KIM, None, None, "willing"),
    (60, "integrated", OTHER, None, None, KIM, None, 7.0),
    (100, "promise_made", MATE, OMEGA, None, KIM, None, None, "spring"),
    (120, "hunt", MATE, None, None, KIM, None, 0.0, "came back empty-handed"),
    (120, "injured", OMEGA, None, None, KIM, None, 0.3, "paw", 9),
    (120, "assisted", MATE, OMEGA, None, KIM, None, None, None, 10),
    (120, "injured", MATE, None, None, KIM, None, 0.6, "flank", 11),
    (125, "blamed", OMEGA, MATE, None, KIM, None, 0.1, None, 11),
    (182, "promise_kept", MATE, OMEGA, None, KIM, None, None, None, 8),
    (185, "left_together", MATE, OMEGA, None, KIM, None, None, None, 14),
    (185, "rank_changed", MATE, None, None, KIM, None, 0.0, "gave up", 15),
    (300, "conceived", OMEGA, MATE, None, 2),
]


def test_wilson_interval() -> None:
    """The 95% interval holds the share, and reaches 0 or 1 exactly at no or every success."""
    low, high = wilson(40, 100)
    assert low < 0.4 < high and high - low == pytest.approx(0.19, abs=0.01)
    assert wilson(0, 50)[0] == 0.0 and wilson(50, 50)[1] == 1.0


@pytest.mark.parametrize(
    ("successes", "n", "expected"),
    [
        (0, 10, (0.0, 0.27754016876661658)),
        (5, 10, (0.23658959361548727, 0.76341040638451273)),
        (10, 10, (0.72245983123338342, 1.0)),
        (0, 0, (0.0, 1.0)),
    ],
)
def test_wilson_interval_is_the_score_formula_at_z_1_96(
    successes: int, n: int, expected: tuple[float, float]
) -> None:
    """The interval is Wilson's score formula at z = 1.96, as worked by hand: 0 of 10 reaches
    z²/(n + z²) = 3.8416/13.8416, 10 of 10 starts at 10/13.8416, 5 of 10 is 1/2 ± 1.96 ·
    sqrt(1/40 + 3.8416/400) / 1.38416; with no runs at all it is everything from 0 to 1."""
    assert wilson(successes, n) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_every_beat_is_a_pattern_bound_to_roles() -> None:
    library = canon_patterns()
    for beat, pattern in BEATS.items():
        assert "omega" in library[pattern].cast, beat
    assert set(CORE) <= set(BEATS)


def test_a_hand_written_telling_has_every_beat_and_ends_together(synthetic_run) -> None:  # noqa: F811
    designations = {"A": "omega", "B": "alpha", "C": "alpha", "D": "alpha", "E": "beta"}
    # The story's season: day 120 must be winter; the synthetic calendar starts in spring, so
    # shift the telling by two seasons (day 120 + 182 falls in winter).
    arc = [(d + 182, *rest) for d, *rest in ARC]
    run = synthetic_run(arc, designations=designations, days=600)
    rows = _tellings(run, 1)
    assert all(bool(rows.loc[0, beat]) for beat in BEATS), rows.T
    assert rows.loc[0, "ending"] == "they leave together"
    without = [e for e in arc if e[1] not in ("left_together", "rank_changed", "conceived")]
    rows = _tellings(synthetic_run(without, designations=designations, days=600), 1)
    assert not rows.loc[0, "leaving"] and rows.loc[0, "promise"]
    assert rows.loc[0, "ending"] == "together, still an outcast"


def test_the_canon_check_reports_rates_and_endings() -> None:
    report = canon_check(runs=12, years=1.0, seed=3)
    assert report.runs == 12 and set(report.beats) == set(BEATS)
    assert sum(r.count for r in report.endings.values()) == 12
    doc = report.as_dict()
    assert {"runs", "beats", "core_arc_rate", "full_arc_rate", "endings"} <= set(doc)
    assert set(doc["endings"]) == set(ENDINGS)
    again = canon_check(runs=12, years=1.0, seed=3).as_dict()
    assert {k: v for k, v in again.items() if k != "seconds"} == {
        k: v for k, v in doc.items() if k != "seconds"
    }


def test_canon_command() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["canon", "--runs", "8", "--years", "0.5", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["runs"] == 8 and 0.0 <= doc["core_arc_rate"] <= 1.0
    table = runner.invoke(app, ["canon", "--runs", "8", "--years", "0.5"])
    assert (
        table.exit_code == 0
        and "core arc" in table.output
        and "How the tellings end" in table.output
    )
    bad = runner.invoke(app, ["canon", "--scenario", "nope.toml"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


LATE = [
    # The late-winter arc: the promise was made before day 0, so no conquest, pledge or mating.
    (120, "hunt", MATE, None, None, KIM, None, 0.0, "came back empty-handed"),
    (120, "injured", OMEGA, None, None, KIM, None, 0.3, "paw", 0),
    (120, "assisted", MATE, OMEGA, None, KIM, None, None, None, 1),
    (120, "injured", MATE, None, None, KIM, None, 0.6, "flank", 2),
    (125, "blamed", OMEGA, MATE, None, KIM, None, 0.1, None, 2),
    (182, "promise_kept", MATE, OMEGA, None, KIM, None, None, None),
    (185, "left_together", MATE, OMEGA, None, KIM, None, None, None, 5),
    (185, "rank_changed", MATE, None, None, KIM, None, 0.0, "gave up", 6),
    (300, "conceived", OMEGA, MATE, None, 2),
]


def test_the_late_winter_arc_follows_the_promised_wolf(synthetic_run) -> None:  # noqa: F811
    """The late-winter arc takes its protagonists from the scenario's promise, not from a
    conquest; a telling with every beat ends together, one without the leaving does not."""
    designations = {"A": "omega", "B": "alpha", "C": "alpha", "D": "alpha", "E": "omega"}
    arc = [(d + 182, *rest) for d, *rest in LATE]
    who = Protagonists(omega="A", mate="D", home="Kim")
    rows = _tellings(synthetic_run(arc, designations=designations, days=600), 1, LATE_WINTER, who)
    assert all(bool(rows.loc[0, beat]) for beat in LATE_WINTER.beats), rows.T
    assert rows.loc[0, "ending"] == "they leave together"
    stayed = [e for e in arc if e[1] not in ("left_together", "rank_changed", "conceived")]
    run = synthetic_run(stayed, designations=designations, days=600)
    rows = _tellings(run, 1, LATE_WINTER, who)
    assert rows.loc[0, "promise"] and not rows.loc[0, "leaving"]
    assert rows.loc[0, "ending"] == "together, still an outcast"
    # A bystander pair leaving first does not hide the protagonists' own leaving.
    bystanders = [
        (150, "left_together", KILLER, OTHER, None, KIM, None, None, None),
        (150, "rank_changed", KILLER, None, None, KIM, None, 0.0, "gave up", 0),
    ]
    # Put before the arc, they move its causes (event ids are line numbers) on by two.
    later = [(*e[:-1], e[-1] + 2) if len(e) == 10 else e for e in arc]
    both = [(d + 182, *rest) for d, *rest in bystanders] + later
    rows = _tellings(synthetic_run(both, designations=designations, days=600), 1, LATE_WINTER, who)
    assert rows.loc[0, "leaving"] and rows.loc[0, "leaving_day"] == 185 + 182
    other = Protagonists(omega="E", mate="D", home="Kim")
    rows = _tellings(synthetic_run(arc, designations=designations, days=600), 1, LATE_WINTER, other)
    assert not rows.loc[0, ["winter_hunt", "promise", "leaving", "new_life"]].any()


def test_seed_winter_starts_with_the_promise_made_and_the_omega_an_outcast() -> None:
    """The ``seed-winter`` scenario: the omega mated, barely accepted, holding his mate's
    promise; its canon check reports the late-winter arc."""
    loaded = load_scenario("seed-winter")
    assert loaded.scenario.start_season == "winter"
    world = build_world(loaded, [1])
    w = world.wolves
    omega = 0  # the first cast member
    assert w.designation[omega] == Designation.OMEGA and w.mate[omega] >= 0
    assert w.promise_by[omega] == w.mate[omega] and w.runs[omega] == 1
    assert w.acceptance[omega] < 0.2 and w.stigma[omega] > 0.5
    report = canon_check(runs=20, years=1.0, seed=1, scenario="seed-winter")
    doc = report.as_dict()
    assert doc["arc"] == "late_winter" and set(doc["beats"]) == set(LATE_WINTER.beats)
    assert sum(r.count for r in report.endings.values()) == 20
    assert doc["core_arc_rate"] > 0.3  # the promise falls due in the first spring
