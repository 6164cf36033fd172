"""Arrow tables of a run: events, metrics and snapshots of the state, with ids in place of rows.

Why Arrow: DuckDB ingests it without copies and users get it back unchanged from ``Run.arrow``.
-1 ("none") in id columns becomes NULL, so SQL over a run reads naturally.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..core.calendar import SEASONS
from ..events import EVENT_COLUMNS, registry
from ..shared.scent import note_names
from ..state import DESIGNATIONS, MEMORIES, NORMS, SEXES, World
from ..state.newborn import TRAITS

__all__ = [
    "events_table",
    "grievances_table",
    "metrics_table",
    "packs_table",
    "regions_table",
    "ties_table",
    "traces_table",
    "wolves_table",
]


def _ids(values: np.ndarray) -> pa.Array:
    return pa.array(values, mask=values < 0)


def _labels(codes: np.ndarray, labels: tuple[str, ...] | list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(labels))


def events_table(cols: dict[str, np.ndarray]) -> pa.Table:
    """The events of a drained log chunk, with kind and detail as text."""
    reg = registry()
    kinds = list(reg.kinds.values())
    offsets = np.cumsum([0] + [len(reg.detail_labels(k)) for k in kinds])
    all_labels = [label for k in kinds for label in reg.detail_labels(k)]
    kind = cols["kind"].astype(np.int64)
    has_detail = cols["detail"] >= 0
    detail_idx = np.where(has_detail, offsets[kind] + np.maximum(cols["detail"], 0), 0)
    detail = pa.DictionaryArray.from_arrays(
        pa.array(detail_idx.astype(np.int32), mask=~has_detail), pa.array(all_labels or [""])
    )
    out: dict[str, pa.Array] = {}
    for name in EVENT_COLUMNS:
        if name == "kind":
            out[name] = _labels(cols["kind"], [k.name for k in kinds])
        elif name == "detail":
            out[name] = detail
        elif name == "value":
            out[name] = pa.array(cols["value"], mask=np.isnan(cols["value"]))
        elif name in ("actor", "target", "other", "pack", "rival", "cause"):
            out[name] = _ids(cols[name])
        else:
            out[name] = pa.array(cols[name])
    return pa.table(out)


def metrics_table(cols: dict[str, np.ndarray]) -> pa.Table:
    """Daily aggregates per pack (``pack`` NULL for wolves without a pack)."""
    return pa.table({k: (_ids(v) if k == "pack" else pa.array(v)) for k, v in cols.items()})


def traces_table(cols: dict[str, np.ndarray]) -> pa.Table:
    """The daily state of the traced wolves (``pack`` NULL for a wolf without one)."""
    return pa.table({k: (_ids(v) if k == "pack" else pa.array(v)) for k, v in cols.items()})


def _row_ids(world: World, rows: np.ndarray, table: str = "wolves") -> np.ndarray:
    ids = getattr(world, table).id
    return np.where(rows >= 0, ids[np.maximum(rows, 0)], -1)


def wolves_table(world: World) -> pa.Table:
    """Every wolf that ever lived, in its current (or final) state."""
    w = world.wolves
    n = w.size
    names = np.array(world.names, dtype=object)
    return pa.table(
        {
            "wolf_id": pa.array(w.id[:n]),
            "replicate": pa.array(w.replicate[:n]),
            "name": pa.array(names[w.name[:n]].tolist(), type=pa.string()),
            "sex": _labels(w.sex[:n], SEXES),
            "designation": _labels(w.designation[:n], DESIGNATIONS),
            "alive": pa.array(w.alive[:n]),
            "birth_day": pa.array(w.birth_day[:n]),
            "death_day": _ids(w.death_day[:n]),
            "gone_day": _ids(w.gone_day[:n]),
            "age_years": pa.array(
                (
                    (np.where(w.alive[:n], world.day, w.death_day[:n]) - w.birth_day[:n])
                    / world.calendar.days_per_year
                ).astype(np.float32)
            ),
            "pack": _ids(_row_ids(world, w.pack[:n], "packs")),
            "origin_pack": _ids(_row_ids(world, w.origin_pack[:n], "packs")),
            "mate": _ids(_row_ids(world, w.mate[:n])),
            "mother": _ids(_row_ids(world, w.mother[:n])),
            "father": _ids(_row_ids(world, w.father[:n])),
            **{c: pa.array(getattr(w, c)[:n]) for c in ("eligible", *TRAITS)},
            **{c: pa.array(getattr(w, c)[:n]) for c in _SOCIAL},
            "protector": _ids(_row_ids(world, w.protector[:n])),
            "scent": _scents(w.scent[:n]),
            **{c: pa.array(getattr(w, c)[:n]) for c in _BONDS},
            "marked_by": _ids(_row_ids(world, w.marked_by[:n])),
            "betrothed": _ids(_row_ids(world, w.betrothed[:n])),
        }
    )


def _scents(bits: np.ndarray) -> pa.Array:
    """Scent notes as text ("ginger, toasty, floral"), one label per distinct scent."""
    distinct, index = np.unique(bits, return_inverse=True)
    return _labels(index, [", ".join(note_names(int(b))) for b in distinct])


_SOCIAL = ("acceptance", "stress", "withdrawn", "dark", "shut_out", "kept_from_pups")
"""Social state kept in the wolves table as it stands at the end (R40-R45)."""

_BONDS = ("rank", "high_rank", "standing", "bond", "attention", "wish_to_leave", "travelling")
"""Rank, bond and leaving state kept in the wolves table (R18-R25, R35-R38)."""


def packs_table(world: World) -> pa.Table:
    """Every pack that ever existed, in its current (or final) state."""
    p = world.packs
    n = p.size
    names = np.array(world.names, dtype=object)
    members = world.pack_sizes()
    return pa.table(
        {
            "pack_id": pa.array(p.id[:n]),
            "replicate": pa.array(p.replicate[:n]),
            "name": pa.array(names[p.name[:n]].tolist(), type=pa.string()),
            "region": _labels(p.region[:n], list(world.regions.names)),
            "alive": pa.array(p.alive[:n]),
            "members": pa.array(members.astype(np.int32)),
            "leader": _ids(_row_ids(world, p.leader[:n])),
            "founded_day": pa.array(p.founded_day[:n]),
            "dissolved_day": _ids(p.dissolved_day[:n]),
            **{c: pa.array(getattr(p, c)[:n]) for c in NORMS},
            "hospital": pa.array(p.hospital[:n]),
            "food": pa.array(p.food[:n]),
            "at_war_with": _ids(_row_ids(world, p.war_on[:n], "packs")),
        }
    )


def ties_table(world: World) -> pa.Table:
    """Every filled relationship slot: how one wolf feels about another."""
    w = world.wolves
    n = w.size
    src, slot = np.nonzero(w.tie_other[:n] >= 0)
    dst = w.tie_other[src, slot]
    return pa.table(
        {
            "replicate": pa.array(w.replicate[src]),
            "wolf_id": pa.array(w.id[src]),
            "other_id": pa.array(w.id[dst]),
            "affinity": pa.array(w.tie_affinity[src, slot]),
            "trust": pa.array(w.tie_trust[src, slot]),
            "fear": pa.array(w.tie_fear[src, slot]),
            "memory": _labels(w.tie_memory[src, slot], MEMORIES),
            "memory_vividness": pa.array(w.tie_weight[src, slot]),
            "memory_event": _ids(w.tie_event[src, slot]),
        }
    )


def grievances_table(world: World) -> pa.Table:
    """Every grievance one pack holds against another (R48)."""
    p = world.packs
    src, slot = np.nonzero(p.rival[: p.size] >= 0)
    dst = p.rival[src, slot]
    return pa.table(
        {
            "replicate": pa.array(p.replicate[src]),
            "pack_id": pa.array(p.id[src]),
            "rival_id": pa.array(p.id[dst]),
            "grievance": pa.array(p.grievance[src, slot]),
        }
    )


def regions_table(world: World) -> pa.Table:
    """The regions and their climate (R29, R39)."""
    r = world.regions
    cols: dict[str, pa.Array] = {
        "region": pa.array(list(r.names)),
        "winter_severity": pa.array(r.winter_severity),
        "terrain_hazard": pa.array(r.terrain_hazard),
    }
    for i, season in enumerate(SEASONS):
        cols[f"prey_{season}"] = pa.array(r.prey[:, i])
    return pa.table(cols)
