"""Whether a compiled pass runs on several threads: from its fixed threshold of rows, which one
environment variable can move for every pass."""

from __future__ import annotations

import pytest

from packbond.errors import PackbondError
from packbond.kernels import parallel


def test_a_pass_runs_in_parallel_from_its_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below its rows a pass runs on one thread, from them on several; one thread only when
    Numba has one."""
    monkeypatch.delenv(parallel.ENVIRONMENT, raising=False)
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    ways: list[str] = []

    def one() -> int:
        ways.append("one")
        return 1

    def threads() -> int:
        ways.append("threads")
        return 2

    from_rows = parallel.HEAVY_FROM
    assert parallel.run(from_rows - 1, one, threads, from_rows) == 1
    assert parallel.run(from_rows, one, threads, from_rows) == 2
    assert ways == ["one", "threads"]
    assert parallel.in_parallel(parallel.PARALLEL_FROM)
    assert not parallel.in_parallel(parallel.PARALLEL_FROM - 1)
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 1)
    assert not parallel.in_parallel(10 * from_rows, from_rows)


def test_the_environment_moves_every_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """PACKBOND_PARALLEL_FROM is every pass's threshold; a value that is not a count is an
    error that names the variable."""
    monkeypatch.setattr(parallel, "get_num_threads", lambda: 2)
    monkeypatch.setenv(parallel.ENVIRONMENT, "0")
    assert parallel.in_parallel(1, parallel.HEAVY_FROM)
    monkeypatch.setenv(parallel.ENVIRONMENT, "10000000")
    assert not parallel.in_parallel(1_000_000, parallel.SCAN_FROM)
    monkeypatch.setenv(parallel.ENVIRONMENT, "many")
    with pytest.raises(PackbondError, match="PACKBOND_PARALLEL_FROM must be a whole number"):
        parallel.in_parallel(10)
