"""Shared compiled building blocks: the passes over every wolf that several mechanics use.

Why compiled: at a million wolves a day's systems are bound by memory traffic, not arithmetic. A
NumPy expression over a column makes a temporary per operation, so a system of ten operations
reads and writes the columns ten times; a compiled pass does the work once. Where a pass
replaces a NumPy formula it keeps its arithmetic in the same order, so results are bit-identical
(``tests/kernels/`` keeps the formulas and compares them).

What is here is shared: keyed draws (:mod:`.daily`), grouping by pack (:mod:`.groups`), row
selections (:mod:`.select`), the tie slots (:mod:`.ties`), the bite that makes mates
(:mod:`.mates`), a wolf's standing (:mod:`.standings`), and when a pass runs on several threads
(:mod:`.parallel`). A kernel that belongs to one mechanic lives in that mechanic's package, as
``packbond.systems.<mechanic>.kernel``.
"""

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
from .groups import (
    members_by_pack,
    members_of,
    metric_sums,
    pack_counts,
    pack_strengths,
    young_counts,
)
from .mates import MateColumns, mate_pairs
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
from .standings import PackStandingColumns, StandingColumns, StandingRules, standings
from .ties import TieColumns, claim_slot, find_slot, fondest_beside, remember_pairs, tie_values

__all__ = [
    "MateColumns",
    "PackStandingColumns",
    "StandingColumns",
    "StandingRules",
    "TieColumns",
    "best_per_group",
    "claim_slot",
    "codes_within",
    "draw_one",
    "draw_rows",
    "due_to_present",
    "fighter_mask",
    "find_slot",
    "fondest_beside",
    "free_to_court",
    "ids_of",
    "keyed_uniform",
    "keyed_uniforms",
    "living_above",
    "living_equal",
    "mate_pairs",
    "members_by_pack",
    "members_of",
    "metric_sums",
    "pack_counts",
    "pack_needs",
    "pack_strengths",
    "remember_pairs",
    "rows_above",
    "rows_to_refresh",
    "run_clocks",
    "share_food",
    "stage_hazards",
    "standings",
    "tie_values",
    "young_counts",
]
