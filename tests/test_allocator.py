"""The allocator's settings: memory freed by one day is reused by the next, not faulted in anew.

Each case runs in a process of its own, since malloc's settings belong to the process.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

glibc_only = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="the settings are glibc's",
)

_CHURN = """
import resource, sys
import numpy as np
from packbond import allocator
from packbond.engine import Engine
from packbond.scenario import build_world, load_scenario
if sys.argv[1] == "engine":
    Engine(build_world(load_scenario("seed"), [1]))  # an engine tunes malloc as it starts
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):  # the first rounds grow the heap
    a, b = np.ones(2 << 20), np.ones(2 << 20); del a, b
before = faults()
for _ in range(10):  # a day's temporaries: two 16 MB arrays made, used and dropped
    a, b = np.ones(2 << 20), np.ones(2 << 20); del a, b
print(faults() - before)
# Asked only now, after the rounds: what the engine's own asking did (or, with no engine, this).
print(allocator.keep_freed_memory())
"""


def _churn(mode: str, **env: str) -> tuple[bool, int]:
    """Whether malloc was tuned, and the page faults of ten rounds of freed and remade arrays."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_TUN"))}
    out = subprocess.run(
        [sys.executable, "-c", _CHURN, mode],
        capture_output=True,
        text=True,
        check=True,
        env={**clean, **env},
    ).stdout.split()
    return out[1] == "True", int(out[0])


@glibc_only
def test_an_engine_keeps_freed_memory_for_the_next_arrays() -> None:
    """Without the settings, glibc hands the two arrays' memory back and each round faults
    thousands of fresh pages in; once an engine has started, the rounds reuse what was freed."""
    tuned, faults_after_engine = _churn("engine")
    assert tuned
    assert faults_after_engine < 50
    _, faults_by_default = _churn("none")
    assert faults_by_default > 20 * max(faults_after_engine, 10)


@glibc_only
def test_a_user_who_tuned_malloc_keeps_their_settings() -> None:
    """A malloc tunable in the environment: the engine leaves malloc as the user set it."""
    tuned, _ = _churn("engine", MALLOC_TRIM_THRESHOLD_="131072")
    assert not tuned
