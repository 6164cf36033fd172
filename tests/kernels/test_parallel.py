"""Whether a compiled pass runs on several threads: the faster way is kept, the other probed."""

from __future__ import annotations

import pytest

from packbond.kernels import parallel


def test_thread_choice_keeps_the_faster_way_and_probes_the_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A busy machine makes threads slower: the choice moves to one thread and probes threads
    ever more rarely while they stay slower; once they are the faster again, one probe moves it
    back. Small passes, and a machine with one thread, stay on one thread."""
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    choice = parallel.ThreadChoice(probe_every=16)
    rows = parallel.PARALLEL_FROM
    assert not choice.parallel(rows - 1)

    def run(passes: int, threads_s: float, one_s: float) -> list[bool]:
        picks = []
        for _ in range(passes):
            threads = choice.parallel(rows)
            picks.append(threads)
            choice.record(threads, rows, threads_s if threads else one_s)
        return picks

    busy = run(112, threads_s=0.004, one_s=0.002)
    assert busy[:4] == [True, True, False, False]  # each way, its first pass not counted
    probes = [n + 1 for n, threads in enumerate(busy) if threads][2:]
    assert probes == [16, 48, 112]  # then threads only as probes, ever more rarely
    idle = run(300, threads_s=0.001, one_s=0.002)
    assert idle.index(True) == 239 - 112  # the next probe (pass 240) finds threads faster
    after = idle[240 - 112 :]
    assert all(after[:15]) and not after[15]  # and kept, but for a probe 16 passes later
    assert after.count(False) == 3  # probes 16, 32 and 64 passes apart
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 1)
    assert not choice.parallel(rows)
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    light = parallel.ThreadChoice(from_rows=10 * rows)
    assert not light.parallel(10 * rows - 1)
    light.record(False, 10 * rows - 1, 1.0)
    assert light.cost == {}  # a pass below its rows is not counted
    assert light.parallel(10 * rows)
    # run(): a pass below its rows runs on one thread with no clock; above, the chosen way runs
    # and is timed.
    ways: list[str] = []
    assert (
        light.run(rows, lambda: ways.append("one") or 1, lambda: ways.append("threads") or 2) == 1
    )
    assert ways == ["one"] and light.passes == 1  # the earlier pass only
    assert light.run(10 * rows, lambda: 1, lambda: 2) == 2  # threads first
    # Forgetting (after a warm-up on another world): each way is tried afresh, threads first.
    parallel.forget_costs()
    assert choice.cost == {} and choice.passes == 0
    assert run(4, threads_s=0.004, one_s=0.002) == [True, True, False, False]
    assert not choice.parallel(rows)  # and the cheaper kept from then on
