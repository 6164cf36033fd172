"""The daily trace of notable wolves: wellbeing, acceptance, health, stress and rank per day.

Why: the wolves table keeps only each wolf's final state and the metrics are per pack, so a
wolf's life could not be drawn as a line. Tracing every wolf every day would cost more than the
run itself; the trace keeps the scenario's cast (``World.traced``, at most
``scenario.build.TRACED_CAST`` per replicate), which is what a reader follows. It reads columns
at the traced rows only (no loop over wolves) and is never read by the engine.
"""

from __future__ import annotations

import numpy as np

from ..state import World

__all__ = ["TRACE_COLUMNS", "collect_trace"]

TRACE_COLUMNS: tuple[str, ...] = (
    "replicate",
    "day",
    "wolf_id",
    "pack",
    "wellbeing",
    "acceptance",
    "health",
    "hunger",
    "stress",
    "rank",
)
"""Columns of the ``traces`` table; ``health`` is 1 minus the open wound's severity."""


def collect_trace(world: World, day: int) -> dict[str, np.ndarray]:
    """One row per living traced wolf: its state at the end of ``day``."""
    w, p = world.wolves, world.packs
    rows = world.traced[w.alive[world.traced]] if len(world.traced) else world.traced
    pack_rows = w.pack[rows]
    pack_ids = np.where(pack_rows >= 0, p.id[np.maximum(pack_rows, 0)], -1).astype(np.int32)
    return {
        "replicate": w.replicate[rows].copy(),
        "day": np.full(len(rows), day, dtype=np.int32),
        "wolf_id": w.id[rows].copy(),
        "pack": pack_ids,
        "wellbeing": w.wellbeing[rows].copy(),
        "acceptance": w.acceptance[rows].copy(),
        "health": (1.0 - w.wound[rows]).astype(np.float32),
        "hunger": w.hunger[rows].copy(),
        "stress": w.stress[rows].copy(),
        "rank": w.rank[rows].copy(),
    }
