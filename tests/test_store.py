"""The run store: reopenable, queryable, and intact when a run is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from packbond import QueryError, RunNotFoundError, open_run, simulate


def test_a_stored_run_reopens_with_its_tables(tmp_path: Path) -> None:
    """open_run gives back the same events, wolves, packs, ties and metrics."""
    run = simulate("seed", seed=2, years=0.5, out=tmp_path / "r")
    events = run.events
    run.close()
    with open_run(tmp_path / "r") as again:
        assert again.events.equals(events)
        assert {
            "events",
            "wolves",
            "packs",
            "ties",
            "metrics",
            "grievances",
            "regions",
            "manifest",
            "event_kinds",
        } <= set(again.query("SHOW TABLES")["name"])
        assert again.manifest["rules"]["preset"] == "seed"
        assert again.manifest["packbond_version"]
        assert len(again.ties) > 0 and len(again.metrics) > 0
        assert again.arrow("wolves").num_rows == len(again.wolves)


def test_events_have_the_documented_columns() -> None:
    """Each event has an id, day, kind, roles, pack, values and a cause."""
    run = simulate("valley", seed=1, years=2)
    cols = set(run.events.columns)
    assert {
        "event_id",
        "replicate",
        "day",
        "kind",
        "actor",
        "target",
        "pack",
        "cause",
        "value",
        "detail",
    } <= cols
    heat = run.query(
        "SELECT h.cause, p.event_id, p.kind FROM events h JOIN events p "
        "ON p.event_id = h.cause AND p.replicate = h.replicate "
        "WHERE h.kind = 'first_heat'"
    )
    assert len(heat) > 0 and set(heat["kind"]) == {"presented"}


def test_missing_runs_and_tables_are_clear_errors(tmp_path: Path) -> None:
    """Opening nothing, or asking for a table that is not there, says what is wrong."""
    with pytest.raises(RunNotFoundError, match="does not exist"):
        open_run(tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunNotFoundError, match="holds no run"):
        open_run(tmp_path / "empty")
    run = simulate("seed", years=0.1)
    with pytest.raises(QueryError, match="has no table 'nope'"):
        run.arrow("nope")


def test_a_killed_run_leaves_a_store_that_opens(tmp_path: Path) -> None:
    """SIGKILL in the middle of a long run keeps every completed checkpoint, readable."""
    out = tmp_path / "killed"
    code = (
        "import packbond, sys\n"
        f"packbond.simulate('valley', seed=1, years=400, out={str(out)!r},"
        " progress=lambda d, t: (d == 400) and print('ready', flush=True))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with open_run(out) as run:
        assert run.manifest["status"] == "incomplete"  # its writer is gone without a word
        done = run.manifest["days_done"]
        assert done >= 364
        assert run.query("SELECT max(day) AS d FROM events")["d"][0] < done
        assert len(run.wolves) > 0
        assert run.stopped_note() == f"incomplete: stopped at day {done} of {400 * 364}"
        from packbond.narrative import RunText, chronicle, to_markdown

        told = to_markdown(chronicle(RunText(run), start=0, end=10))
        assert f"The run is incomplete: stopped at day {done}" in told


def _writer(out: Path, years: int = 400) -> subprocess.Popen[str]:
    """``packbond run`` of a long valley run into ``out``, in a process of its own, once it has
    written its first season."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "packbond", "run", "valley", "--years", str(years), "--out", out],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        manifest = out / "manifest.json"
        if manifest.is_file() and json.loads(manifest.read_text() or "{}").get("days_done", 0):
            return proc
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the writer never wrote a season")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_stop_a_run_like_ctrl_c(tmp_path: Path, signum: int) -> None:
    """The run stops at once with status "interrupted", every checkpoint begun written, the
    exit status 128 + the signal, and no traceback."""
    out = tmp_path / "stopped"
    proc = _writer(out)
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr + stdout
    with open_run(out) as run:
        manifest = run.manifest
        assert manifest["status"] == "interrupted"
        assert json.loads((out / "manifest.json").read_text()) == manifest
        done = manifest["days_done"]
        assert 0 < done < manifest["days"]
        assert run.query("SELECT max(day) AS d FROM events")["d"][0] < done


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    """While one process writes a run, another cannot write into its directory, even with
    --force, and cannot read it half-written; the first run is untouched."""
    from typer.testing import CliRunner

    from packbond.cli import app

    out = tmp_path / "busy"
    first = _writer(out)
    try:
        second = CliRunner().invoke(
            app, ["run", "seed", "--years", "0.1", "--out", str(out), "--force"]
        )
        assert second.exit_code == 2, second.output
        assert "being written by another packbond run" in second.output
        reading = CliRunner().invoke(app, ["query", str(out), "SELECT 1"])
        assert reading.exit_code == 2 and "still being written" in reading.output
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)
    with open_run(out) as run:
        assert run.manifest["scenario"] == "valley"


def test_a_full_disk_is_reported_and_the_status_says_so(tmp_path: Path) -> None:
    """When the disk fills (here: a file-size limit, which fails writes the same way), the
    error is the disk's, the status is not left "running", and the store still opens."""
    import resource

    out = tmp_path / "full"

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (3_000_000, 3_000_000))

    ran = subprocess.run(
        [sys.executable, "-m", "packbond", "run", "valley", "--years", "30", "--out", out],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
        check=False,
    )
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.startswith("error: cannot write the run in")
    assert "rollback" not in ran.stderr.lower() and "Traceback" not in ran.stderr
    with open_run(out) as run:
        assert run.manifest["status"] in ("failed", "incomplete")
        done = run.manifest["days_done"]
        assert run.query("SELECT coalesce(max(day), -1) AS d FROM events")["d"][0] < done


def test_an_interrupted_run_keeps_its_checkpoints(tmp_path: Path) -> None:
    """Ctrl-C (KeyboardInterrupt) in the middle of a run, while checkpoints are being written in
    the background: every checkpoint begun is written, the manifest says how far, and the store
    holds the events of exactly those days."""
    out = tmp_path / "interrupted"

    def stop_at(day: int, total: int) -> None:
        if day == 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        simulate("valley", seed=1, years=2, out=out, progress=stop_at)
    whole = simulate("valley", seed=1, years=2)
    with open_run(out) as run:
        assert run.manifest["status"] == "interrupted"
        done = run.manifest["days_done"]
        assert 91 <= done < 200  # the last season start before the interrupt
        kept = run.query("SELECT max(day) AS d, count(*) AS n FROM events")
        assert kept["d"][0] < done
        expected = whole.events[whole.events["day"] < done]
        assert kept["n"][0] == len(expected) > 0
        assert len(run.wolves) > 0


def test_a_failed_background_write_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checkpoints are written on another thread; when one fails (a full disk, say), the error
    reaches the caller of ``simulate`` instead of being lost with the thread."""
    from packbond.store import RunStore

    written = RunStore.checkpoint
    calls: list[int] = []

    def failing(self: RunStore, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("No space left on device")
        written(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RunStore, "checkpoint", failing)
    with pytest.raises(OSError, match="No space left"):
        simulate("valley", seed=1, years=2, out=tmp_path / "full")
    assert 2 <= len(calls) < 9  # it stopped at the next checkpoint, not at the end
    with open_run(tmp_path / "full") as run:
        assert run.manifest["status"] == "failed"
        assert run.manifest["error"] == "No space left on device"


def test_a_run_with_wolves_outside_any_pack_is_stored() -> None:
    """Dispersers (living wolves with no pack) do not break the packs snapshot."""
    from packbond import load_scenario

    run = simulate(load_scenario("valley", preset="ecology"), seed=5, years=3)
    wolves = run.wolves
    assert (wolves["alive"] & wolves["pack"].isna()).any()
    packs = run.packs
    living = wolves[wolves["alive"] & wolves["pack"].notna()]
    counts = living.groupby("pack").size()
    assert (packs.set_index("pack_id")["members"].reindex(counts.index) == counts).all()
