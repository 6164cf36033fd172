"""How often each story shape happens, and how varied a run's stories are.

Rates are matches per 100 wolf-years (so worlds of any size compare); diversity is the Shannon
entropy, in bits, of the distribution of matches over patterns (0 when one shape is every story;
``log2(patterns)`` when all shapes are equally common), per run and for all runs pooled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from packbond.api import Run

from .patterns import PatternLibrary
from .sift import count_matches, wolf_years

__all__ = ["RunStories", "StoryStats", "entropy", "story_stats"]


def entropy(counts: list[int] | tuple[int, ...]) -> float:
    """Shannon entropy (bits) of a distribution given as counts, from SciPy; 0 for no counts."""
    if sum(counts) <= 0:
        return 0.0
    # NOTE: imported here, not at the top: scipy.stats is slow to import, and every command
    # (`packbond --help` too) would pay for it; only the commands that need it do.
    from scipy.stats import entropy as shannon  # type: ignore[import-untyped]

    return float(shannon(counts, base=2))


@dataclass(frozen=True)
class RunStories:
    """One run's story counts."""

    run: str
    wolf_years: float
    counts: dict[str, int]

    def rate(self, pattern: str) -> float:
        """Matches per 100 wolf-years."""
        return 100.0 * self.counts[pattern] / self.wolf_years if self.wolf_years else 0.0

    @property
    def entropy(self) -> float:
        """Diversity of this run's stories, in bits."""
        return entropy(list(self.counts.values()))


@dataclass(frozen=True)
class StoryStats:
    """Story counts of several runs, and their pooled figures."""

    runs: list[RunStories]
    patterns: list[str]

    @property
    def wolf_years(self) -> float:
        """Wolf-years of all runs."""
        return sum(r.wolf_years for r in self.runs)

    def matches(self, pattern: str) -> int:
        """Matches of a pattern in all runs."""
        return sum(r.counts[pattern] for r in self.runs)

    def rate(self, pattern: str) -> float:
        """Matches per 100 wolf-years, all runs pooled."""
        return 100.0 * self.matches(pattern) / self.wolf_years if self.wolf_years else 0.0

    @property
    def entropy(self) -> float:
        """Diversity of the stories of all runs pooled, in bits."""
        return entropy([self.matches(p) for p in self.patterns])

    @property
    def max_entropy(self) -> float:
        """The entropy if every pattern were equally common."""
        return math.log2(len(self.patterns)) if self.patterns else 0.0

    def as_dict(self) -> dict[str, object]:
        """Everything, for ``--json``."""
        return {
            "wolf_years": round(self.wolf_years, 2),
            "entropy_bits": round(self.entropy, 4),
            "max_entropy_bits": round(self.max_entropy, 4),
            "runs": [
                {
                    "run": r.run,
                    "wolf_years": round(r.wolf_years, 2),
                    "entropy_bits": round(r.entropy, 4),
                    "matches": r.counts,
                }
                for r in self.runs
            ],
            "patterns": {
                p: {
                    "matches": self.matches(p),
                    "per_100_wolf_years": round(self.rate(p), 4),
                    "runs_with_match": sum(1 for r in self.runs if r.counts[p]),
                }
                for p in self.patterns
            },
        }


def story_stats(runs: list[tuple[str, Run]], library: PatternLibrary) -> StoryStats:
    """Count every pattern's complete matches in each run; each replicate of an ensemble is a
    run of its own (``path#2``)."""
    names = sorted(library.patterns)
    out = []
    for label, run in runs:
        replicates = int(run.manifest.get("replicates", 1))
        per_pattern = {name: count_matches(run, library, name) for name in names}
        for rep in range(replicates):
            counts = {name: per_pattern[name].get(rep, 0) for name in names}
            name = label if replicates == 1 else f"{label}#{rep}"
            out.append(RunStories(name, wolf_years(run, rep), counts))
    return StoryStats(out, names)
