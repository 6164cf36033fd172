"""Adding wolves and packs to a world: rows appended, ids taken, per-wolf draws made.

Shared by the world builder (day -1) and by births and pack founding during a run, so that a
new wolf is drawn the same way wherever it comes from. Appending never moves existing rows.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core import rng
from .name_pools import given_names, name_pool, pack_names
from .packs import Packs
from .wolves import Wolves
from .world import World

__all__ = ["PERSONALITY", "TRAITS", "add_packs", "add_wolves", "set_mates"]

PERSONALITY: tuple[str, ...] = ("kindness", "ambition", "boldness", "anxiety")
"""Personality traits, 0 .. 1."""
TRAITS: tuple[str, ...] = (*PERSONALITY, "hunting_skill", "esteem", "security", "wellbeing")
"""Every per-wolf level drawn around 0.5 for a new wolf: personality, skill and states."""
_TRAIT_SPREAD = 0.18
_TRAIT_PURPOSES = tuple(f"trait.{trait}" for trait in TRAITS[:-1])
"""The draw purpose of each trait drawn for a new wolf (wellbeing starts at its set point)."""


def _append_living(
    world: World, table: Wolves | Packs, counter: NDArray[np.int64], replicate: NDArray[np.integer]
) -> tuple[slice, NDArray[np.int64], NDArray[np.int32], NDArray[np.int64]]:
    """Append living rows with fresh ids; their slice, rows, ids and replicate seeds."""
    rep = np.asarray(replicate, dtype=np.int16)
    sl = table.append(len(rep))
    ids = world.new_ids(counter, rep)
    table.id[sl] = ids
    table.replicate[sl] = rep
    table.alive[sl] = True
    return sl, np.arange(sl.start, sl.stop), ids, world.seeds[rep]


def add_wolves(
    world: World,
    day: int,
    replicate: NDArray[np.integer],
    sex: NDArray[np.integer],
    birth_day: NDArray[np.integer],
    pack: NDArray[np.integer],
    names: list[str] | None = None,
) -> NDArray[np.int64]:
    """Append wolves (alive, unpresented, with drawn traits, presenting age and names)."""
    w, rules = world.wolves, world.rules
    n = len(sex)
    sl, rows, ids, seeds = _append_living(world, w, world.next_wolf_id, replicate)
    w.sex[sl] = sex
    w.birth_day[sl] = birth_day
    w.pack[sl] = pack
    w.origin_pack[sl] = pack
    p = rules.presenting
    u = rng.uniform(seeds, day, ids, "present_age")
    days = world.calendar.days_per_year
    w.present_age[sl] = np.rint((p.age_years_min + u * (p.age_years_max - p.age_years_min)) * days)
    levels = np.clip(0.5 + _TRAIT_SPREAD * rng.normals(seeds, day, ids, _TRAIT_PURPOSES), 0.0, 1.0)
    for trait, level in zip(TRAITS[:-1], levels, strict=True):
        getattr(w, trait)[sl] = level
    # Wellbeing is a state, not a trait: a wolf starts from a neutral life's set point (R44).
    w.wellbeing[sl] = rules.wellbeing.set_point
    given = list(names) if names is not None else [""] * n
    missing = [i for i, name in enumerate(given) if not name]
    if missing:
        idx = np.array(missing)
        drawn = given_names(
            name_pool(),
            np.asarray(sex)[idx].astype(np.int8),
            rng.uniform(seeds[idx], day, ids[idx], "name"),
            rng.uniform(seeds[idx], day, ids[idx], "name", 1),
            world.reserved_names,
        )
        for i, name in zip(missing, drawn, strict=True):
            given[i] = name
    w.name[sl] = world.intern(given)
    return rows


def add_packs(
    world: World,
    day: int,
    replicate: NDArray[np.integer],
    region: NDArray[np.integer],
    names: list[str] | None = None,
) -> NDArray[np.int64]:
    """Append packs founded on ``day`` (empty or missing names are drawn; size caps drawn)."""
    p = world.packs
    n = len(replicate)
    sl, rows, ids, seeds = _append_living(world, p, world.next_pack_id, replicate)
    p.region[sl] = region
    p.founded_day[sl] = day
    d = world.rules.dispersal
    if d.enabled:
        z = rng.normal(seeds, day, ids, "pack_cap")
        p.cap[sl] = np.maximum(2, np.rint(d.cap_mean + d.cap_sd * z)).astype(np.int16)
    given = list(names) if names is not None else [""] * n
    drawn = pack_names(name_pool(), rng.uniform(seeds, day, ids, "pack_name"))
    p.name[sl] = world.intern([g or d for g, d in zip(given, drawn, strict=True)])
    world.regroup()  # the grouping by pack has a place for every pack row
    return rows


def set_mates(world: World, a: NDArray[np.int64], b: NDArray[np.int64]) -> None:
    """Make each ``a[i]`` and ``b[i]`` mates of each other."""
    w = world.wolves
    w.mate[a] = b
    w.mate[b] = a
