"""Numba kernels for the few passes over every wolf (daily or weekly) that NumPy cannot do in
one sweep.

Why: at a million wolves a day's systems are bound by memory traffic, not arithmetic. A NumPy
expression over a column makes a temporary per operation, so a system of ten operations reads
and writes the columns ten times. These kernels do the same work in one pass each; where they
replace a NumPy formula they keep its arithmetic in the same order, so results are
bit-identical (``tests/test_kernels.py`` keeps the NumPy formulas and compares them). This
package is the only place that imports Numba.
"""

from .acceptance import AcceptanceRules, Newcomers, weekly_acceptance
from .bond import BondColumns, BondRules, GrowthColumns, GrowthRules, feel_mates, grow_bonds
from .cache import kernels_compiled
from .ceremony import Betrothals, MateColumns, ceremonies, mate_pairs
from .contact import daily_contacts
from .courtship import Courted, CourtRules, court_choices
from .daily import (
    best_per_group,
    draw_one,
    draw_rows,
    keyed_uniform,
    keyed_uniforms,
    pack_needs,
    rows_to_refresh,
    run_clocks,
    share_food,
    stage_hazards,
)
from .gathering import Gatherers, GatherRules, gathering_parties
from .groups import (
    members_by_pack,
    members_of,
    metric_sums,
    pack_counts,
    pack_strengths,
    young_counts,
)
from .health import Wounded, WoundRules, tend_wounds
from .hunting import (
    Closeness,
    Helpers,
    Hunters,
    HuntGround,
    HuntingPacks,
    OutcomeRules,
    PartyRules,
    best_helpers,
    hunt_outcomes,
    hunting_parties,
)
from .leaving import WishColumns, WishRules, move_wishes
from .ranks import (
    RankFolk,
    RankPacks,
    StandingParams,
    pack_challengers,
    rank_ladder,
    standings,
    weekly_standing,
)
from .reproduction import Breeders, ConceptionRules, conceptions
from .select import (
    codes_within,
    due_to_present,
    fighter_mask,
    free_to_court,
    ids_of,
    living_above,
    living_equal,
    rows_above,
)
from .ties import (
    TieColumns,
    claim_slot,
    find_slot,
    fondest_beside,
    remember_pairs,
    tie_values,
)
from .wellbeing import Life, Spirits, WellbeingParams, fade_memories, weekly_wellbeing

__all__ = [
    "AcceptanceRules",
    "Betrothals",
    "BondColumns",
    "BondRules",
    "Breeders",
    "Closeness",
    "ConceptionRules",
    "CourtRules",
    "Courted",
    "GatherRules",
    "Gatherers",
    "GrowthColumns",
    "GrowthRules",
    "Helpers",
    "HuntGround",
    "Hunters",
    "HuntingPacks",
    "Life",
    "MateColumns",
    "Newcomers",
    "OutcomeRules",
    "PartyRules",
    "RankFolk",
    "RankPacks",
    "Spirits",
    "StandingParams",
    "TieColumns",
    "WellbeingParams",
    "WishColumns",
    "WishRules",
    "WoundRules",
    "Wounded",
    "best_helpers",
    "best_per_group",
    "ceremonies",
    "claim_slot",
    "codes_within",
    "conceptions",
    "court_choices",
    "daily_contacts",
    "draw_one",
    "draw_rows",
    "due_to_present",
    "fade_memories",
    "feel_mates",
    "fighter_mask",
    "find_slot",
    "fondest_beside",
    "free_to_court",
    "gathering_parties",
    "grow_bonds",
    "hunt_outcomes",
    "hunting_parties",
    "ids_of",
    "kernels_compiled",
    "keyed_uniform",
    "keyed_uniforms",
    "living_above",
    "living_equal",
    "mate_pairs",
    "members_by_pack",
    "members_of",
    "metric_sums",
    "move_wishes",
    "pack_challengers",
    "pack_counts",
    "pack_needs",
    "pack_strengths",
    "rank_ladder",
    "remember_pairs",
    "rows_above",
    "rows_to_refresh",
    "run_clocks",
    "share_food",
    "stage_hazards",
    "standings",
    "tend_wounds",
    "tie_values",
    "weekly_acceptance",
    "weekly_standing",
    "weekly_wellbeing",
    "young_counts",
]
