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
from packbond.core import allocator
from packbond.core.engine import Engine
from packbond.scenario import build_world, load_scenario
if sys.argv[1] == "engine":
    Engine(build_world(load_scenario("seed"), [1]))  # an engine alone leaves malloc as it is
if sys.argv[1] == "asked":
    allocator.keep_freed_memory()
if sys.argv[1] == "cli":
    from packbond.cli import app
    app(["--keep-freed-memory", "validate", "seed"], standalone_mode=False)
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):  # the first rounds grow the heap
    a, b = np.ones(2 << 20), np.ones(2 << 20); del a, b
before = faults()
for _ in range(10):  # a day's temporaries: two 16 MB arrays made, used and dropped
    a, b = np.ones(2 << 20), np.ones(2 << 20); del a, b
print(faults() - before)
# Asked only now, after the rounds: whether malloc had been tuned before them (asking again
# answers the first answer; asking for the first time tunes it now, after the rounds).
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
    return out[-1] == "True", int(out[-2])  # after whatever the mode printed


@glibc_only
def test_asked_to_keep_freed_memory_the_next_arrays_reuse_it() -> None:
    """Without the settings, glibc hands the two arrays' memory back and each round faults
    thousands of fresh pages in; asked to keep freed memory, the rounds reuse what was freed.
    Constructing an engine changes nothing: malloc is tuned only when asked."""
    tuned, faults_when_asked = _churn("asked")
    assert tuned
    assert faults_when_asked < 50
    _, faults_by_default = _churn("none")
    assert faults_by_default > 20 * max(faults_when_asked, 10)
    _, faults_with_engine = _churn("engine")
    assert faults_with_engine > 20 * max(faults_when_asked, 10)
    tuned, faults_from_the_flag = _churn("cli")
    assert tuned and faults_from_the_flag < 50


@glibc_only
def test_a_user_who_tuned_malloc_keeps_their_settings() -> None:
    """A malloc tunable in the environment: packbond leaves malloc as the user set it."""
    tuned, _ = _churn("asked", MALLOC_TRIM_THRESHOLD_="131072")
    assert not tuned
