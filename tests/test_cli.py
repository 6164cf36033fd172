"""Every CLI command through Typer's test runner, including its errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from packbond.cli import app

from .conftest import MINIMAL

runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_run_writes_a_run_and_prints_a_summary(tmp_path: Path) -> None:
    """`run` writes the store and manifest and summarises packs, events and files."""
    out = tmp_path / "r"
    result = invoke("run", "seed", "--seed", "7", "--years", "0.5", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "run.duckdb").is_file() and (out / "manifest.json").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["seed"] == 7
    assert "Who lives where" in result.output and "Kim" in result.output
    assert str(out) in result.output


def test_run_default_out_dir(tmp_path: Path, monkeypatch) -> None:
    """Without --out a run goes to runs/<scenario>-<seed>/."""
    monkeypatch.chdir(tmp_path)
    assert invoke("run", "seed", "--seed", "3", "--years", "0.1").exit_code == 0
    assert (tmp_path / "runs" / "seed-3" / "run.duckdb").is_file()


def test_validate_ok_and_broken(write_scenario) -> None:
    """`validate` says ok, or lists every problem with exit status 2 and no traceback."""
    good = invoke("validate", str(write_scenario(MINIMAL)))
    assert good.exit_code == 0 and "ok:" in good.output
    bad = invoke("validate", str(write_scenario(MINIMAL.replace("age = 30", "age = 'old'"))))
    assert bad.exit_code == 2
    assert "'cast[0].age' must be a number from 0 to 200 (got 'old')" in bad.output
    assert "Traceback" not in bad.output


def test_scenarios_lists_and_shows() -> None:
    """`scenarios` lists built-ins; `--show` prints one's TOML."""
    listed = invoke("scenarios")
    assert listed.exit_code == 0 and "seed" in listed.output and "valley" in listed.output
    shown = invoke("scenarios", "--show", "seed")
    assert shown.exit_code == 0 and shown.output.startswith("# The seed story")
    missing = invoke("scenarios", "--show", "nope")
    assert missing.exit_code == 2 and "neither a file nor a built-in" in missing.output


def test_query_formats(tmp_path: Path) -> None:
    """`query` prints a table, CSV or JSON."""
    out = tmp_path / "r"
    invoke("run", "seed", "--years", "0.5", "--out", str(out))
    sql = "SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY kind"
    as_csv = invoke("query", str(out), sql, "--format", "csv")
    assert as_csv.exit_code == 0 and as_csv.output.startswith("kind,n\n")
    as_json = invoke("query", str(out), sql, "--format", "json")
    assert "season_changed" in {row["kind"] for row in json.loads(as_json.output)}
    as_table = invoke("query", str(out), "SELECT name FROM packs ORDER BY name")
    assert "Kim" in as_table.output and "Park" in as_table.output


def test_query_errors_exit_2(tmp_path: Path) -> None:
    """A missing run or bad SQL is a clear message with exit status 2."""
    missing = invoke("query", str(tmp_path / "none"), "SELECT 1")
    assert missing.exit_code == 2 and "does not exist" in missing.output
    out = tmp_path / "r"
    invoke("run", "seed", "--years", "0.1", "--out", str(out))
    bad = invoke("query", str(out), "SELEC 1")
    assert bad.exit_code == 2 and "the query failed" in bad.output
    assert "Traceback" not in bad.output


def test_bad_flags_exit_2() -> None:
    """Out-of-range or unknown flags are usage errors (status 2)."""
    assert invoke("run", "seed", "--years", "-1").exit_code == 2
    assert invoke("run", "seed", "--replicates", "0").exit_code == 2
    assert invoke("run", "seed", "--colour").exit_code == 2
    assert invoke("query", "x", "SELECT 1", "--format", "xml").exit_code == 2


def test_every_command_has_help_with_an_example() -> None:
    """--help works on every command and shows an example."""
    for command in ("run", "validate", "scenarios", "query", "chronicle", "sift", "stories-stats"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output and "packbond" in result.output


def test_bench_without_mesa_prints_the_json_keys() -> None:
    """`bench --no-mesa --json` on a tiny world prints one object with the issue's keys."""
    result = invoke("bench", "--wolves", "40", "--years", "0.05", "--no-mesa", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in ("wolves", "years", "packbond_s", "mesa_s", "ratio", "peak_rss_mb"):
        assert key in report
    assert report["mesa_s"] is None and report["ratio"] is None
    assert report["wolves"] > 0 and report["packbond_s"] > 0
    assert report["statistics"]["packbond"]["population"] > 0


def test_bench_repeats_each_side_and_reports_the_median_run() -> None:
    """`bench --repeat 3` runs packbond three times and reports the middle run; the table lists
    every run."""
    result = invoke(
        "bench", "--wolves", "40", "--years", "0.05", "--no-mesa", "--json", "--repeat", "3"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    runs = report["packbond_runs_s"]
    assert report["repeat"] == 3 and len(runs) == 3 and report["mesa_runs_s"] is None
    assert report["packbond_s"] == sorted(runs)[1]
    table = invoke("bench", "--wolves", "40", "--years", "0.05", "--no-mesa", "--repeat", "2")
    assert table.exit_code == 0, table.output
    assert "median of 2 runs each" in table.output


def test_bench_rejects_bad_flags_and_a_missing_mesa(monkeypatch) -> None:
    """A bad size exits 2 with one clear line; so does a Mesa side without Mesa installed."""
    bad = invoke("bench", "--wolves", "0")
    assert bad.exit_code == 2
    assert bad.output == "error: --wolves must be at least 1 (got 0)\n"
    years = invoke("bench", "--years", "0").output
    assert years == "error: --years must be more than 0 and at most 10,000 (got 0)\n"
    assert invoke("bench", "--repeat", "0").output == "error: --repeat must be at least 1 (got 0)\n"
    import packbond.benchmarking.bench

    monkeypatch.setattr(packbond.benchmarking.bench.importlib.util, "find_spec", lambda name: None)
    missing = invoke("bench", "--wolves", "40")
    assert missing.exit_code == 2
    assert missing.output == (
        "error: the Mesa side needs the package 'mesa', which is not installed: "
        "pip install 'packbond[bench]' (or pass --no-mesa)\n"
    )
