"""The command line says when a run will first compile the kernels."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from packbond.kernels.cache import kernels_compiled


def test_a_fresh_cache_says_the_kernels_are_not_compiled(tmp_path: Path) -> None:
    """With an empty Numba cache the check says "not yet"; in this suite's own cache, which the
    tests have filled, it says "compiled"."""
    code = "from packbond.kernels.cache import kernels_compiled; print(kernels_compiled())"
    fresh = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)},
        check=True,
    )
    assert fresh.stdout.strip() == "False"
    import packbond

    packbond.simulate("seed", seed=1, years=0.02)
    assert kernels_compiled()
