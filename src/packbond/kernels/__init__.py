"""Numba kernels for the few passes over every wolf (daily or weekly) that NumPy cannot do in
one sweep.

Why: at a million wolves a day's systems are bound by memory traffic, not arithmetic. A NumPy
expression over a column makes a temporary per operation, so a system of ten operations reads
and writes the columns ten times. These kernels do the same work in one pass each; where they
replace a NumPy formula they keep its arithmetic in the same order, so results are
bit-identical (tests compare them). This package is the only place that imports Numba.
"""

from .contact import daily_contacts
from .daily import (
    able_members,
    best_per_group,
    draw_one,
    keyed_uniform,
    pack_needs,
    rows_to_refresh,
    run_clocks,
    share_food,
)
from .ranks import (
    RankFolk,
    RankPacks,
    StandingParams,
    pack_challengers,
    rank_ladder,
    standings,
    weekly_standing,
)
from .ties import TieColumns, claim_slot, find_slot, remember_pairs
from .wellbeing import Life, Spirits, WellbeingParams, fade_memories, weekly_wellbeing

__all__ = [
    "Life",
    "RankFolk",
    "RankPacks",
    "Spirits",
    "StandingParams",
    "TieColumns",
    "WellbeingParams",
    "able_members",
    "best_per_group",
    "claim_slot",
    "daily_contacts",
    "draw_one",
    "fade_memories",
    "find_slot",
    "keyed_uniform",
    "pack_challengers",
    "pack_needs",
    "rank_ladder",
    "remember_pairs",
    "rows_to_refresh",
    "run_clocks",
    "share_food",
    "standings",
    "weekly_standing",
    "weekly_wellbeing",
]
