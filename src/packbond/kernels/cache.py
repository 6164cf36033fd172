"""Whether this installation's compiled kernels are on disk yet.

Numba compiles a kernel on its first call and keeps the machine code in its cache (``cache=True``),
so only the first run after an install, or after a kernel's source changed, pays for compiling.
The command line uses this to say so instead of going quiet while it compiles.
"""

from __future__ import annotations

import importlib
import os

__all__ = ["kernels_compiled"]

# The two kernels that take longest to compile stand for all: they are compiled in every run.
# Named, not imported: the mechanics' packages sit above this one.
_WITNESSES = (
    ("packbond.systems.contact.kernel", "_contacts_serial"),
    ("packbond.systems.hunting.kernel", "_hunting_parties_serial"),
)


def kernels_compiled() -> bool:
    """True when the cache holds the witness kernels, compiled from their current source.

    A guess from file dates (Numba's own check also compares the source's stamp), on the safe
    side: anything unexpected reads as "not compiled yet".
    """
    try:
        for module, name in _WITNESSES:
            kernel = getattr(importlib.import_module(module), name)
            index = kernel._cache._cache_file._index_path
            source = kernel.py_func.__code__.co_filename
            if not os.path.exists(index) or os.path.getmtime(index) < os.path.getmtime(source):
                return False
    except (AttributeError, OSError):
        return False
    return True
