"""Story sifting: declarative patterns over the event log, matched, scored and ranked."""

from .patterns import Pattern, PatternLibrary, builtin_patterns, load_patterns
from .sift import SiftResult, Story, find_matches, sift, wolf_years

__all__ = [
    "Pattern",
    "PatternLibrary",
    "SiftResult",
    "Story",
    "builtin_patterns",
    "find_matches",
    "load_patterns",
    "sift",
    "wolf_years",
]
