"""The C allocator's settings for a simulation: memory a day frees is kept for the next day.

Why: a day of a big world makes and drops hundreds of temporary arrays of a few megabytes (masks,
gathers, a kernel's outputs). glibc's malloc gives such blocks back to the system when they are
freed (it maps them on their own, or trims the top of its heap), so the next day's arrays arrive
as fresh pages that the operating system must zero before use. Keeping freed memory spares
most of a big run's page faults and much of its system time (measured with
``benchmarks/bench_world.py --wolves 1000000`` under ``/usr/bin/time``; figures in
``docs/performance.md``). Asked to (``packbond --keep-freed-memory``, ``simulate(...,
keep_freed_memory=True)``, and every benchmark), packbond has malloc map on their own only blocks
of 32 MiB and more and keep up to 1 GiB free at the top of its heap, for the rest of the process.
Nothing else in packbond touches malloc: constructing an engine does not.

What it costs: memory a run has freed stays with the process (Python and NumPy reuse it) rather
than going back to the system; the peak is unchanged. Only glibc is tuned (elsewhere this does
nothing), and a process whose user set malloc's own tunables (``MALLOC_*_`` variables or
``GLIBC_TUNABLES``) keeps them: packbond leaves malloc alone then.
"""

from __future__ import annotations

import ctypes
import os
import platform

__all__ = ["MMAP_THRESHOLD", "TOP_PAD", "TRIM_THRESHOLD", "keep_freed_memory"]

MMAP_THRESHOLD = 32 << 20
"""Blocks from this size up are mapped on their own and unmapped when freed (glibc's largest
allowed threshold on 64-bit systems; it also stops glibc from moving the threshold itself)."""
TRIM_THRESHOLD = 1 << 30
"""Free memory at the top of the heap kept before any is given back to the system."""
TOP_PAD = 64 << 20
"""Extra memory asked for each time the heap grows, so that it grows in few steps."""

_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
"""``mallopt`` parameter numbers, from glibc's ``malloc.h``."""

_USER_SETTINGS = (
    "MALLOC_MMAP_THRESHOLD_",
    "MALLOC_TRIM_THRESHOLD_",
    "MALLOC_TOP_PAD_",
    "MALLOC_MMAP_MAX_",
    "GLIBC_TUNABLES",
)
"""Environment variables by which a user tunes malloc; any of them set, packbond leaves it."""

_applied: bool | None = None
"""Whether this process's malloc was tuned (None: not asked yet)."""


def keep_freed_memory() -> bool:
    """Tune glibc's malloc to keep freed memory, once per process; whether it is tuned.

    Does nothing (and says False) on a C library other than glibc, or when the user has set
    malloc's tunables in the environment.
    """
    global _applied
    if _applied is None:
        _applied = _tune()
    return _applied


def _tune() -> bool:
    if any(name in os.environ for name in _USER_SETTINGS):
        return False
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    settings = (
        (_M_MMAP_THRESHOLD, MMAP_THRESHOLD),
        (_M_TRIM_THRESHOLD, TRIM_THRESHOLD),
        (_M_TOP_PAD, TOP_PAD),
    )
    return all(mallopt(parameter, value) == 1 for parameter, value in settings)
