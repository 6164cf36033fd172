"""The run store: reopenable, queryable, and intact when a run is killed."""

from __future__ import annotations

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
        assert run.manifest["status"] == "running"
        done = run.manifest["days_done"]
        assert done >= 364
        assert run.query("SELECT max(day) AS d FROM events")["d"][0] < done
        assert len(run.wolves) > 0


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
