"""The command line's contract: a clear error and status 2 for what a user can get wrong, never
a traceback, never a changed store, nothing written outside the chosen directory.

Each test here reproduces a way a hostile or careless user broke that contract once.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from packbond import open_run, simulate
from packbond.cli import app
from packbond.scenario import builtin_text

runner = CliRunner()


def invoke(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding two small runs, ``a`` and ``b``."""
    root = tmp_path_factory.mktemp("runs")
    for name, seed in (("a", 1), ("b", 2)):
        simulate("seed", seed=seed, years=0.1, out=root / name).close()
    return root


HOSTILE_SQL = [
    "ATTACH '{a}/run.duckdb' AS r2 (READ_WRITE); DROP TABLE r2.events",
    "ATTACH '{b}/run.duckdb' AS o (READ_WRITE); DELETE FROM o.events",
    "ATTACH '{b}/run.duckdb' AS o (READ_ONLY); SELECT count(*) FROM o.events",
    "ATTACH ':memory:' AS m",
    "COPY (SELECT 'x') TO '{a}/manifest.json'",
    "COPY (SELECT 'x') TO '{b}/run.duckdb'",
    "COPY events TO '{root}/leak.csv'",
    "EXPORT DATABASE '{root}/dump'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM glob('/root/*')",
    "SELECT * FROM '{b}/run.duckdb'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "DROP TABLE events",
    "DELETE FROM events",
    "CREATE TABLE events2 AS SELECT 1",
    "UPDATE manifest SET value = '\"x\"'",
]


@pytest.mark.parametrize("sql", HOSTILE_SQL)
def test_a_query_reads_the_runs_tables_and_nothing_else(two_runs: Path, sql: str) -> None:
    """Attaching, copying, reading files, extensions and settings are refused, and no store,
    manifest or other file changes."""
    before = _fingerprint(two_runs)
    statement = sql.format(a=two_runs / "a", b=two_runs / "b", root=two_runs)
    result = invoke("query", two_runs / "a", statement)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error:") and "Traceback" not in result.output
    assert "root:" not in result.output  # nothing of /etc/passwd
    assert _fingerprint(two_runs) == before
    with open_run(two_runs / "a") as run:
        assert run.manifest["status"] == "complete" and len(run.events) > 0


def test_a_query_that_returns_nothing_and_an_empty_query(two_runs: Path) -> None:
    """A statement with no result prints an empty table; an empty query is an error."""
    assert invoke("query", two_runs / "a", "PRAGMA version").exit_code == 0
    empty = invoke("query", two_runs / "a", "  ")
    assert empty.exit_code == 2 and "the query is empty" in empty.output


def test_query_json_holds_repeated_columns_intervals_and_nulls(two_runs: Path) -> None:
    """JSON output is valid JSON whatever the columns: repeated names get a suffix, intervals
    and dates are strings, NULL and NaN are null, and nullable ids are whole numbers."""
    sql = (
        "SELECT 1 AS n, 2 AS n, INTERVAL 3 DAY AS span, DATE '2026-01-02' AS d, "
        "NULL AS nothing, 'nan'::DOUBLE AS nan, mother FROM wolves WHERE mother IS NOT NULL "
        "LIMIT 1"
    )
    result = invoke("query", two_runs / "a", sql, "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["n"] == 1 and row["n_2"] == 2
    assert isinstance(row["span"], str) and row["d"] == "2026-01-02"
    assert row["nothing"] is None and row["nan"] is None
    assert isinstance(row["mother"], int)
    as_csv = invoke("query", two_runs / "a", "SELECT mother FROM wolves ORDER BY wolf_id")
    assert ".0" not in as_csv.output


def test_nullable_ids_read_as_nullable_integers(two_runs: Path) -> None:
    """A parent, mate or pack id is a whole number or missing, never 3.0."""
    with open_run(two_runs / "a") as run:
        wolves = run.wolves
        for col in ("mother", "father", "mate", "pack"):
            assert pd.api.types.is_integer_dtype(wolves[col]), (col, wolves[col].dtype)
        assert wolves["mother"].isna().any() and str(wolves["mother"].dtype) == "Int32"


def test_a_scenario_name_never_chooses_a_path_outside_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name with separators or '..' is refused or made a plain directory name under runs/;
    nothing is written outside the working directory."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    for name in ("../../../elsewhere", str(tmp_path / "abs"), "..", "a/b"):
        text = builtin_text("seed").replace('name = "seed"', f"name = {json.dumps(name)}", 1)
        (tmp_path / "s.toml").write_text(text, "utf-8")
        result = invoke("run", tmp_path / "s.toml", "--years", "0.05")
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
    outside = {p.name for p in tmp_path.rglob("*")} - {"s.toml", "a", "b"}
    inside = {p.name for p in work.rglob("*")}
    assert outside <= inside


def test_an_existing_run_is_replaced_only_with_force(tmp_path: Path) -> None:
    """A second run into the same directory is refused unless --force."""
    out = tmp_path / "r"
    assert invoke("run", "seed", "--years", "0.05", "--out", out).exit_code == 0
    before = _fingerprint(out)
    again = invoke("run", "seed", "--seed", "5", "--years", "0.05", "--out", out)
    assert again.exit_code == 2 and "already holds a run" in again.output
    assert _fingerprint(out) == before
    forced = invoke("run", "seed", "--seed", "5", "--years", "0.05", "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    with open_run(out) as run:
        assert run.manifest["seed"] == 5


def _markup_scenario(tmp_path: Path) -> Path:
    text = builtin_text("seed").replace('"Park"', '"[/]"').replace('"Jimin"', '"[draft] Jimin"')
    path = tmp_path / "markup.toml"
    path.write_text(text, "utf-8")
    return path


def test_rich_markup_in_names_and_paths_is_printed_as_it_is(tmp_path: Path) -> None:
    """A name or a path holding '[/]' or '[draft]' is plain text in every command's output."""
    out = tmp_path / "[draft]"
    ran = invoke("run", _markup_scenario(tmp_path), "--years", "0.3", "--out", out)
    assert ran.exit_code == 0, ran.output
    assert "[draft]" in ran.output and "[/]" in ran.output
    for args in (
        ("chronicle", out),
        ("chronicle", out, "--wolf", "[draft] Jimin"),
        ("sift", out),
        ("stories-stats", out),
        ("report", out),
        ("export", out, "--graph", "graphml"),
        ("query", out, "SELECT name FROM packs"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output
    listed = invoke("query", out, "SELECT name FROM packs")
    assert "[/]" in listed.output


@pytest.mark.parametrize(
    "flags",
    [
        ("--seed", "9223372036854775808"),
        ("--seed", "-1"),
        ("--years", "inf"),
        ("--years", "nan"),
        ("--years", "1e308"),
        ("--years", "1e9"),
        ("--replicates", "40000"),
    ],
)
def test_numbers_a_run_cannot_hold_are_refused_up_front(tmp_path: Path, flags: tuple) -> None:
    """Out-of-range numbers are usage errors that name the flag and the range."""
    result = invoke("run", "seed", *flags, "--out", tmp_path / "r")
    assert result.exit_code == 2, result.output
    assert flags[0] in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r").exists()


def test_the_largest_seed_runs(tmp_path: Path) -> None:
    """The largest seed the help names is a seed that works."""
    result = invoke("run", "seed", "--seed", str(2**63 - 1), "--years", "0.02", "--out", tmp_path)
    assert result.exit_code == 0, result.output


def test_bad_places_to_write_are_clear_errors(tmp_path: Path) -> None:
    """--out on a file, under a file, with a too-long name, or where nothing can be made."""
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me")
    for target in (a_file, a_file / "run", tmp_path / ("x" * 300), Path("/proc/packbond-run")):
        result = invoke("run", "seed", "--years", "0.02", "--out", target)
        assert result.exit_code == 2, (target, result.output)
        assert result.output.startswith("error:") and "Traceback" not in result.output
    assert a_file.read_text() == "keep me"


def test_export_and_report_refuse_bad_destinations(two_runs: Path, tmp_path: Path) -> None:
    """A graph onto a directory, tables into a file, a report onto a directory: status 2."""
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me")
    run = two_runs / "a"
    cases = [
        ("export", run, "--graph", "gexf", "-o", tmp_path),
        ("export", run, "--tables", "csv", a_file),
        ("report", run, "-o", tmp_path),
        ("chronicle", run, "-o", tmp_path),
    ]
    for args in cases:
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert a_file.read_text() == "keep me"


def _altered_copy(source: Path, target: Path, *statements: str) -> Path:
    target.mkdir()
    for name in ("run.duckdb", "manifest.json"):
        (target / name).write_bytes((source / name).read_bytes())
    con = duckdb.connect(str(target / "run.duckdb"))
    for statement in statements:
        con.execute(statement)
    con.close()
    return target


def test_a_store_with_an_unknown_kind_or_an_empty_manifest_is_refused(
    two_runs: Path, tmp_path: Path
) -> None:
    """Telling a run with event kinds this version does not know, or reading one with no
    manifest, is a clear error rather than a crash."""
    unknown = _altered_copy(
        two_runs / "a",
        tmp_path / "unknown",
        "INSERT INTO events SELECT event_id + 1000000, replicate, day, 'kind_from_the_future', "
        "actor, target, other, pack, rival, value, detail, cause FROM events LIMIT 1",
    )
    empty = _altered_copy(two_runs / "a", tmp_path / "empty", "DELETE FROM manifest")
    for args, says in (
        (("chronicle", unknown), "kind_from_the_future"),
        (("sift", unknown), "kind_from_the_future"),
        (("report", unknown), "kind_from_the_future"),
        (("chronicle", empty), "manifest"),
        (("sift", empty), "manifest"),
        (("report", empty), "manifest"),
        (("query", empty, "SELECT 1"), "manifest"),
    ):
        result = invoke(*args)
        assert result.exit_code == 2 and says in result.output, (args, result.output)


def test_exports_escape_what_xml_and_markdown_cannot_hold(two_runs: Path, tmp_path: Path) -> None:
    """A name with a control character gives well-formed GraphML and GEXF; a name with HTML or
    Markdown syntax is written as text in the Markdown chronicle."""
    odd = "Ji\x01min <script>alert(1)</script> *bold* [link](x)"
    run = _altered_copy(
        two_runs / "a", tmp_path / "odd", f"UPDATE wolves SET name = '{odd}' WHERE wolf_id = 0"
    )
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"ties.{fmt}"
        assert invoke("export", run, "--graph", fmt, "-o", path).exit_code == 0
        labels = {str(label) for _, label in read(path).nodes(data="label")}
        assert "Ji\ufffdmin <script>alert(1)</script> *bold* [link](x)" in labels
    told = invoke("chronicle", run, "--wolf", "0")
    assert told.exit_code == 0, told.output
    assert "<script>" not in told.output and "&lt;script&gt;" in told.output
    assert "\\*bold\\*" in told.output and "\\[link\\](x)" in told.output


def test_version_and_python_m(tmp_path: Path) -> None:
    """`packbond --version` prints the version; `python -m packbond` is the same program."""
    import subprocess
    import sys

    from packbond import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"packbond {__version__}"
    ran = subprocess.run(
        [sys.executable, "-m", "packbond", "validate", "seed", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "100"},
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["ok"] is True


def test_help_shows_real_defaults_and_plain_flags() -> None:
    """The default run directory reads as it is, and a flag shows no value."""
    result = invoke("run", "--help")
    assert "runs/SCENARIO-SEED" in result.output
    assert "<bool>" not in result.output


def test_run_json_prints_one_object(tmp_path: Path) -> None:
    """`run --json` prints the run's directory, status and size as one JSON object."""
    result = invoke("run", "seed", "--years", "0.05", "--out", tmp_path / "r", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["status"] == "complete" and doc["run"] == str(tmp_path / "r")
