"""Scent notes (R8): the shipped vocabulary, drawing a wolf's notes, and how alike two scents are.

A wolf's scent is a set of notes stored as a bit set (``Wolves.scent``), so comparing two scents
is a popcount, cheap enough for every contact of every day.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

__all__ = ["Vocabulary", "draw_scents", "likeness", "note_names", "scent_bits", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """Scent notes with their family and, per designation code, how likely each is carried."""

    notes: tuple[str, ...]
    families: tuple[str, ...]
    weights: NDArray[np.float64]
    """Shape (4, notes): rows by designation code (unpresented, alpha, beta, omega)."""


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (``data/scents.toml``)."""
    text = resources.files("packbond").joinpath("data", "scents.toml").read_text("utf-8")
    notes = tomllib.loads(text)["notes"]
    if len(notes) > 32:
        raise ValueError("data/scents.toml: at most 32 scent notes fit in a scent")
    names = tuple(notes)
    weights = np.array(
        [[1.0] * len(names)]
        + [[float(notes[n][d]) for n in names] for d in ("alpha", "beta", "omega")]
    )
    return Vocabulary(names, tuple(str(notes[n]["family"]) for n in names), weights)


def scent_bits(names: list[str]) -> int:
    """The bit set of named notes; an unknown note is a ``ValueError`` naming it."""
    index = {n: i for i, n in enumerate(vocabulary().notes)}
    bits = 0
    for name in names:
        if name not in index:
            raise ValueError(f"unknown scent note {name!r}; known: {', '.join(index)}")
        bits |= 1 << index[name]
    return bits


def note_names(bits: int) -> list[str]:
    """The notes in a bit set, in vocabulary order."""
    return [n for i, n in enumerate(vocabulary().notes) if bits >> i & 1]


def draw_scents(u: NDArray[np.float64], designation: NDArray[np.integer]) -> NDArray[np.uint32]:
    """Scents for wolves from uniforms ``u`` of shape (wolves, notes per wolf).

    Notes are drawn by the designation's weights without replacement: a note already drawn
    for a wolf gets weight 0 for its later draws.
    """
    weights = vocabulary().weights[np.asarray(designation)].copy()
    bits = np.zeros(len(u), dtype=np.uint32)
    rows = np.arange(len(u))
    for k in range(u.shape[1]):
        cum = np.cumsum(weights, axis=1)
        pick = (cum < (u[:, k] * cum[:, -1])[:, None]).sum(axis=1)
        pick = np.minimum(pick, weights.shape[1] - 1)
        bits |= (np.uint32(1) << pick.astype(np.uint32)).astype(np.uint32)
        weights[rows, pick] = 0.0
    return bits


def likeness(a: NDArray[np.uint32], b: NDArray[np.uint32]) -> NDArray[np.float64]:
    """Shared notes over all notes of the two scents (0 none shared .. 1 the same scent)."""
    both = np.bitwise_count(a & b).astype(np.float64)
    either = np.bitwise_count(a | b).astype(np.float64)
    return np.where(either > 0, both / np.maximum(either, 1.0), 0.0)
