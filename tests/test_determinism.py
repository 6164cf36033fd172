"""Determinism: the same scenario, seed and version give a bit-identical event log."""

from __future__ import annotations

from types import ModuleType

import numba
import pytest

from packbond import simulate
from packbond.kernels import parallel
from packbond.scenario import parse_scenario
from packbond.systems.contact import kernel as contact
from packbond.systems.hunting import kernel as hunting

from .conftest import generated


def test_same_seed_twice_gives_the_same_event_log() -> None:
    """Two runs with one seed hash identically; another seed differs."""
    a = simulate("valley", seed=3, years=5)
    b = simulate("valley", seed=3, years=5)
    c = simulate("valley", seed=4, years=5)
    assert len(a.events) > 50
    assert a.event_hash() == b.event_hash()
    assert a.event_hash() != c.event_hash()


def test_an_ensemble_of_eight_equals_eight_solo_runs() -> None:
    """Replicate i of an ensemble has exactly the events of a solo run with seed + i."""
    ensemble = simulate("valley", seed=10, years=5, replicates=8)
    kinds = set()
    for i in range(8):
        solo = simulate("valley", seed=10 + i, years=5)
        assert ensemble.event_hash(replicate=i) == solo.event_hash(replicate=0)
        kinds |= set(solo.events["kind"])
    assert {"presented", "season_changed"} <= kinds


def test_final_state_of_a_replicate_matches_its_solo_run() -> None:
    """The wolves table of replicate i equals that of the solo run, id for id."""
    text = generated(30)
    loaded = parse_scenario(text)
    ensemble = simulate(loaded, seed=1, years=1, replicates=3).wolves
    solo = simulate(loaded, seed=3, years=1).wolves
    rep = ensemble[ensemble.replicate == 2].drop(columns="replicate").reset_index(drop=True)
    assert rep.equals(solo.drop(columns="replicate"))


@pytest.mark.parametrize(
    ("kernel", "parallel_pass"),
    [(contact, "_contacts_parallel"), (hunting, "_hunting_parties_parallel")],
    ids=["contact", "hunting parties"],
)
def test_parallel_passes_give_the_events_of_one_thread(
    monkeypatch: pytest.MonkeyPatch, kernel: ModuleType, parallel_pass: str
) -> None:
    """A pass that runs in parallel over packs, every day or on some days only (as a threshold
    or ``PACKBOND_PARALLEL_FROM`` decides), gives the events of one thread either way."""
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("Numba is limited to one thread here")
    loaded = parse_scenario(generated(80))
    serial = simulate(loaded, seed=2, years=0.3)
    calls: list[int] = []
    run_parallel = getattr(kernel, parallel_pass)

    def counted(*args: object) -> object:
        calls.append(1)
        return run_parallel(*args)

    monkeypatch.setattr(kernel, parallel_pass, counted)
    monkeypatch.setenv(parallel.ENVIRONMENT, "0")  # every pass that can, in parallel
    numba.set_num_threads(2)
    in_threads = simulate(loaded, seed=2, years=0.3)
    days = len(calls)
    assert days > 100
    assert len(serial.events) > 1000
    assert in_threads.event_hash() == serial.event_hash()
    flip = iter(range(10**6))
    monkeypatch.setattr(parallel, "in_parallel", lambda rows, from_rows: next(flip) % 3 == 0)
    mixed = simulate(loaded, seed=2, years=0.3)
    assert days < len(calls) < 2 * days
    assert mixed.event_hash() == serial.event_hash()
