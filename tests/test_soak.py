"""A long run of the valley keeps the run's invariants (see :mod:`tests.invariants`).

The full 200 years take a few minutes: ``benchmarks/soak.py`` runs them with the same checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import packbond

from .invariants import report, violations

YEARS = 100
PEAK_RSS_MB = 768
"""Peak resident memory allowed to the process that runs the soak, in MiB: imports and loaded
kernels take about 400 MiB; the rest is the run, whose events go to the store each season."""

_RUN = """
import json, sys
from pathlib import Path
import packbond
packbond.simulate("valley", seed=1, years=float(sys.argv[2]), out=sys.argv[1])
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
hwm = [int(line.split()[1]) / 1024 for line in lines if line.startswith("VmHWM:")]
print(json.dumps({"peak_rss_mb": hwm[0] if hwm else None}))
"""
"""The run, in a process of its own, so that its peak memory is not that of earlier tests. The
peak is Linux's ``VmHWM``, which starts afresh at ``exec``; ``getrusage``'s ``ru_maxrss`` there
would report the test process's own peak if it was higher (it survives ``exec``). Elsewhere the
peak is not checked."""


@pytest.mark.slow
def test_a_hundred_years_of_the_valley_keep_the_invariants(tmp_path: Path) -> None:
    """Over a hundred years of the valley no wolf acts after its death; ages stay within the
    lifespan; each living wolf is in a living pack, each pack alpha a living member; mates are
    mutual among the living; every wolf and pack id names one of its replicate; and the run's
    process stays under :data:`PEAK_RSS_MB`."""
    # Kernels compiled here, into the cache, are only loaded by the soak's process: compiling
    # them there would be its peak memory (some 800 MiB on a fresh clone), not the run's.
    packbond.simulate("valley", seed=1, years=1, trace_every=0)
    out = tmp_path / "valley"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(out), str(YEARS)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak = json.loads(done.stdout.splitlines()[-1])["peak_rss_mb"]
    run = packbond.open_run(out)
    assert int(run.manifest["days_done"]) == YEARS * run.manifest["days_per_season"] * 4
    broken = report(violations(run))
    assert not broken, broken
    assert peak is None or peak < PEAK_RSS_MB, peak
