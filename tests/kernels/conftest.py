"""Shared by the kernel tests: random rows and their groups."""

from __future__ import annotations

import numpy as np


def _random(n: int = 5000, groups: int = 300, seed: int = 4):  # type: ignore[no-untyped-def]
    gen = np.random.default_rng(seed)
    group = gen.integers(-1, groups, n).astype(np.int32)
    return gen, group
