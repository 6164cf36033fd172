"""The random-population generator: packs of wolves drawn from the scenario's ``population``.

A generated pack is a family: a leading pair (the pack alpha and a mate), some of their young,
and some unrelated members. Every draw is keyed by the replicate's seed, so a replicate's world is
the same alone or in an ensemble. Vectorised over all generated wolves at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core import rng
from ..rules import Rules
from .schema import PopulationSpec

__all__ = ["SETUP_DAY", "Draft", "generate_population"]

SETUP_DAY = -1
"""The day used to key draws made while building the world."""


@dataclass
class Draft:
    """New wolves of one replicate before they enter the table; references are draft indices."""

    sex: NDArray[np.int8]
    age_days: NDArray[np.int64]
    designation: NDArray[np.int8]
    """-1 = draw at build time if old enough."""
    pack: NDArray[np.int64]
    """Local pack index, -1 for none."""
    mate: NDArray[np.int64]
    mother: NDArray[np.int64]
    father: NDArray[np.int64]
    names: list[str]
    """Given names; "" = draw one."""


def generate_population(
    spec: PopulationSpec, rules: Rules, seed: int
) -> tuple[Draft, NDArray[np.int64]]:
    """Wolves of ``spec.packs`` generated packs (draft pack indices from 0) and pack sizes."""
    days = 4 * rules.calendar.days_per_season
    p = spec.packs
    z = rng.normal(seed, SETUP_DAY, np.arange(p), "gen.pack_size")
    sizes = np.maximum(spec.size_min, np.rint(spec.size_mean + spec.size_sd * z)).astype(np.int64)
    n = int(sizes.sum())
    starts = np.cumsum(sizes) - sizes
    pack = np.repeat(np.arange(p), sizes)
    pos = np.arange(n) - np.repeat(starts, sizes)
    entity = np.arange(n)

    present = rules.presenting
    life = rules.lifespan
    adult = rules.life.adult_years
    # Adults are drawn up to halfway between the onset of old age and the maximum age, so a
    # generated world starts with some old wolves, as a real population has.
    oldest = (life.senescence_onset_years + life.max_age_years) / 2.0
    u = rng.uniform(seed, SETUP_DAY, entity, "gen.age")
    lead_lo = max(present.age_years_max, adult) + 1.0
    lead_hi = max(lead_lo, oldest)
    age_years = lead_lo + u * (lead_hi - lead_lo)
    leader_age = np.repeat(age_years[starts], sizes)
    # The leader's mate is a near peer (a few years either way), an adult as every mate is.
    gap = spec.mate_age_gap_sd * rng.normal(seed, SETUP_DAY, entity, "gen.mate_gap")
    mate_age = np.clip(leader_age + gap, lead_lo, lead_hi)
    is_young = (pos >= 2) & (rng.uniform(seed, SETUP_DAY, entity, "gen.kin") < spec.offspring_share)
    # The leaders' young were born while a parent was an adult and fertile.
    young_max = np.minimum(leader_age - adult, 2.0 * present.age_years_max)
    young_min = np.clip(leader_age - rules.reproduction.fertile_until_years, 0.0, young_max)
    young_age = young_min + u * np.maximum(young_max - young_min, 0.0)
    other_age = present.age_years_max + u * max(oldest - present.age_years_max, 0.0)
    age_years = np.where(pos < 2, np.where(pos == 1, mate_age, age_years), other_age)
    age_years = np.where(is_young, young_age, age_years)

    sex = (rng.uniform(seed, SETUP_DAY, entity, "gen.sex") < 0.5).astype(np.int8)
    leader_sex = np.repeat(sex[starts], sizes)
    sex = np.where(pos == 1, 1 - leader_sex, sex).astype(np.int8)
    designation = np.full(n, -1, dtype=np.int8)
    designation[pos == 0] = 1  # generated packs are led by an alpha (R23)

    mate = np.full(n, -1, dtype=np.int64)
    has_pair = sizes >= 2
    mate[starts[has_pair]] = starts[has_pair] + 1
    mate[starts[has_pair] + 1] = starts[has_pair]
    leader_female = np.repeat(sex[starts] == 0, sizes)
    mother = np.where(
        is_young,
        np.where(leader_female, np.repeat(starts, sizes), np.repeat(starts, sizes) + 1),
        -1,
    )
    father = np.where(
        is_young,
        np.where(leader_female, np.repeat(starts, sizes) + 1, np.repeat(starts, sizes)),
        -1,
    )
    draft = Draft(
        sex=sex,
        age_days=np.rint(age_years * days).astype(np.int64),
        designation=designation,
        pack=pack,
        mate=mate,
        mother=mother.astype(np.int64),
        father=father.astype(np.int64),
        names=[""] * n,
    )
    return draft, sizes
