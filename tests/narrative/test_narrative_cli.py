"""`packbond chronicle`, `sift` and `stories-stats` through Typer's runner, errors included."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from packbond.cli import app

from .conftest import write_pattern

runner = CliRunner()


def invoke(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def test_chronicle_world_pack_wolf_and_formats(seed_run, tmp_path: Path) -> None:
    path = seed_run.path
    world = invoke("chronicle", path)
    assert world.exit_code == 0 and world.output.startswith("# A chronicle of seed")
    wolf = invoke("chronicle", path, "--wolf", "Jimin", "--sources")
    assert wolf.exit_code == 0 and "# The life of Jimin" in wolf.output
    assert "[events #" in wolf.output
    by_id = invoke("chronicle", path, "--wolf", "0")
    assert by_id.output == invoke("chronicle", path, "--wolf", "jimin").output
    pack = invoke("chronicle", path, "--pack", "Kim", "--from", "0", "--to", "200")
    assert pack.exit_code == 0 and "# A history of the Kim pack" in pack.output
    page = tmp_path / "c.html"
    html = invoke("chronicle", path, "--format", "html", "-o", page)
    assert html.exit_code == 0 and page.read_text().startswith("<!doctype html>")


def test_chronicle_errors_exit_2_without_traceback(seed_run, tmp_path: Path) -> None:
    path = seed_run.path
    cases = [
        (("--wolf", "Nobody"), "no wolf called 'Nobody'"),
        (("--pack", "Nowhere"), "no pack called 'Nowhere'"),
        (("--wolf", "Jimin", "--pack", "Kim"), "not both"),
        (("--from", "300", "--to", "100"), "before"),
        (("--replicate", "4"), "replicate 4"),
    ]
    for args, message in cases:
        result = invoke("chronicle", path, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
    missing = invoke("chronicle", tmp_path / "none")
    assert missing.exit_code == 2 and "does not exist" in missing.output
    assert invoke("chronicle", path, "--format", "pdf").exit_code == 2


def test_sift_list_ranked_json_partial_and_patterns(seed_run, tmp_path: Path) -> None:
    listed = invoke("sift", "--list")
    assert listed.exit_code == 0 and len(listed.output.strip().splitlines()) >= 15
    ranked = invoke("sift", seed_run.path, "--top", "3")
    assert ranked.exit_code == 0 and "1. " in ranked.output and "why: " in ranked.output
    assert "cast: " in ranked.output
    doc = json.loads(invoke("sift", seed_run.path, "--json", "--top", "4").output)
    assert {"run", "wolf_years", "counts", "stories"} <= set(doc)
    story = doc["stories"][0]
    assert {"pattern", "cast", "steps", "salience", "why", "similar", "partial"} <= set(story)
    assert [s["salience"] for s in doc["stories"]] != []
    one = json.loads(
        invoke("sift", seed_run.path, "--json", "--pattern", "rescue_on_the_hunt").output
    )
    assert {s["pattern"] for s in one["stories"]} <= {"rescue_on_the_hunt"}
    partial = json.loads(invoke("sift", seed_run.path, "--json", "--partial").output)
    assert all(s["partial"] for s in partial["stories"])
    write_pattern(
        tmp_path / "mine",
        "two_hunts",
        """
title = "Two hunts"
summary = "A wolf leads two hunts within a week."
cast = ["leader"]
[[steps]]
kind = "hunt"
bind = { leader = "leader" }
[[steps]]
kind = "hunt"
bind = { leader = "leader" }
within = 7
""",
    )
    mine = invoke("sift", seed_run.path, "--patterns", tmp_path / "mine", "--pattern", "two_hunts")
    assert mine.exit_code == 0 and "Two hunts" in mine.output


def test_sift_errors_exit_2(seed_run, tmp_path: Path) -> None:
    assert "no pattern 'nope'" in invoke("sift", seed_run.path, "--pattern", "nope").output
    assert invoke("sift").exit_code == 2
    bad = write_pattern(tmp_path / "bad", "bad", 'title = "B"\nsummary = "s"\ncast = ["w"]\n')
    result = invoke("sift", seed_run.path, "--patterns", tmp_path / "bad")
    assert result.exit_code == 2 and str(bad) in result.output and "steps" in result.output
    assert "Traceback" not in result.output


def test_stories_stats(seed_run) -> None:
    result = invoke("stories-stats", seed_run.path, seed_run.path)
    assert result.exit_code == 0 and "per 100 wolf-years" in result.output
    assert "entropy" in result.output
    doc = json.loads(invoke("stories-stats", seed_run.path, "--json").output)
    assert doc["entropy_bits"] > 0 and "rescue_on_the_hunt" in doc["patterns"]


def test_new_commands_have_help_with_an_example() -> None:
    for command in ("chronicle", "sift", "stories-stats"):
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output
