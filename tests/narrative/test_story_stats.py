"""The diversity of a run's stories: Shannon entropy of the matches over patterns, in bits."""

from __future__ import annotations

import math

import pytest

from packbond.narrative.sifting.stats import entropy


@pytest.mark.parametrize(
    ("counts", "bits"),
    [
        ([5, 5], 1.0),
        ([7, 0], 0.0),
        ([1, 1, 1, 1], 2.0),
        ([1, 3], 2 - 0.75 * math.log2(3)),  # -(1/4 log2 1/4 + 3/4 log2 3/4)
        ((2, 1, 1), 1.5),  # -(1/2 log2 1/2 + 2 · 1/4 log2 1/4)
        ([0, 4, 0, 4], 1.0),
    ],
)
def test_entropy_is_shannon_in_bits(counts: list[int], bits: float) -> None:
    """Counts are shares of the whole; zeros add nothing; the unit is the bit."""
    assert entropy(counts) == pytest.approx(bits, rel=1e-12, abs=1e-15)


def test_no_stories_have_no_diversity() -> None:
    """Empty counts, or counts that are all zero, have entropy 0 (not NaN)."""
    assert entropy([]) == 0.0
    assert entropy([0, 0, 0]) == 0.0
    assert entropy(()) == 0.0
