"""Name pools shipped as package data: syllables for given names, and pack names."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

__all__ = ["NamePool", "given_names", "name_pool", "pack_names"]


@dataclass(frozen=True)
class NamePool:
    """Syllables that make given names, by sex, and pack names."""

    first: tuple[str, ...]
    second_male: tuple[str, ...]
    second_female: tuple[str, ...]
    packs: tuple[str, ...]


@cache
def name_pool(name: str = "default") -> NamePool:
    """A shipped name pool."""
    text = resources.files("packbond").joinpath("data", "names.toml").read_text("utf-8")
    pool = tomllib.loads(text)["pools"][name]
    return NamePool(
        tuple(pool["first"]),
        tuple(pool["second_male"]),
        tuple(pool["second_female"]),
        tuple(pool["packs"]),
    )


def given_names(
    pool: NamePool,
    sex: NDArray[np.int8],
    u1: NDArray[np.float64],
    u2: NDArray[np.float64],
    avoid: frozenset[str] = frozenset(),
) -> list[str]:
    """Two-syllable given names ("Hae" + "won"); the second syllable depends on sex. A name in
    ``avoid`` (the cast's) takes the next second syllable instead, then the next first one."""
    out = []
    for s, a, b in zip(sex.tolist(), u1.tolist(), u2.tolist(), strict=True):
        second = pool.second_male if s == 1 else pool.second_female
        i, j = int(a * len(pool.first)), int(b * len(second))
        name = pool.first[i] + second[j]
        for step in range(1, len(pool.first) * len(second)):
            if name not in avoid:
                break
            name = pool.first[(i + step // len(second)) % len(pool.first)]
            name += second[(j + step) % len(second)]
        out.append(name)
    return out


def pack_names(pool: NamePool, u: NDArray[np.float64]) -> list[str]:
    """Pack names drawn from the pool."""
    return [pool.packs[int(x * len(pool.packs))] for x in u.tolist()]
