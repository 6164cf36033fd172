"""The scenario format: what a TOML scenario may say, with defaults and one-line docs.

A scenario sets the starting state only: regions, packs and their norms, a named cast with its
relations, initial facts, a random-population generator, and the rules preset with overrides.
Everything after day 0 is the rules' doing. ``docs/scenario-format.md`` describes every field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictFloat, StrictInt, field_validator

from ..core.calendar import SEASONS
from ..core.validation import Fraction, Strict
from ..errors import quoted
from ..shared.scent import vocabulary
from .names import Name

__all__ = [
    "PACK_MAX",
    "REGIONS_MAX",
    "BetrothedFact",
    "CastMember",
    "GrievanceFact",
    "MatedFact",
    "Norms",
    "PackSpec",
    "PopulationSpec",
    "Prey",
    "PromisedFact",
    "RegionSpec",
    "Relation",
    "RulesSpec",
    "Scenario",
    "Traits",
]

Season = Literal["spring", "summer", "autumn", "winter"]
assert SEASONS == ("spring", "summer", "autumn", "winter")

PACK_MAX = 32_767
"""The most wolves a pack can hold: places on a pack's ladder are 16-bit numbers."""

REGIONS_MAX = 10_000
"""The most regions: a pack's region is a 16-bit number."""


class Prey(Strict):
    """Prey abundance of a region in each season, 0 = none .. 1 = plenty (R29)."""

    spring: Fraction = Field(0.7, description="Prey abundance in spring.")
    summer: Fraction = Field(0.9, description="Prey abundance in summer.")
    autumn: Fraction = Field(0.7, description="Prey abundance in autumn.")
    winter: Fraction = Field(0.35, description="Prey abundance in winter.")


class RegionSpec(Strict):
    """A region of land with its climate (R39)."""

    name: Name = Field(description="Unique name of the region.")
    winter_severity: Fraction = Field(0.5, description="0 = mild winters .. 1 = mountain winters.")
    terrain_hazard: Fraction = Field(0.3, description="How dangerous the ground is to hunt on.")
    prey: Prey = Field(default_factory=Prey, description="Prey abundance by season.")
    territories: StrictInt = Field(
        50,
        ge=1,
        le=10_000_000,
        description="Pack territories the region holds; more packs than this share the prey.",
    )


class Norms(Strict):
    """A pack's culture (R26)."""

    omega_status_penalty: Fraction = Field(0.3, description="How much omegas are looked down on.")
    violence_tolerance: Fraction = Field(0.3, description="How readily members are struck.")
    outsider_hostility: Fraction = Field(0.3, description="How hostile members are to newcomers.")
    arranged_matings_allowed: bool = Field(
        False, description="Parents may contract a newly presented child (R14)."
    )
    rank_requires_mate: bool = Field(
        False, description="High-ranked alphas must be mated to keep their rank (R22)."
    )


class PackSpec(Strict):
    """A named pack of the scenario."""

    name: Name = Field(description="Unique name of the pack (a family or clan name).")
    region: str | None = Field(None, description="Region it lives in; default the first region.")
    leader: str | None = Field(None, description="Cast name of the pack alpha (R23).")
    norms: Norms = Field(default_factory=Norms, description="The pack's culture.")
    hospital: bool = Field(False, description="The village has a hospital with a healer (R32).")
    food: StrictFloat = Field(
        0.0,
        ge=0.0,
        le=1_000_000_000.0,
        description="Food in store at the start, in wolf-days of food.",
    )
    extra_members: StrictInt = Field(
        0,
        ge=0,
        le=30_000,
        description="Unnamed members generated into this pack besides the named cast.",
    )


class Traits(Strict):
    """Personality traits, 0 .. 1; a trait left out is drawn at random around 0.5."""

    kindness: Fraction | None = Field(None, description="0 = cruel .. 1 = kind.")
    ambition: Fraction | None = Field(None, description="0 = content .. 1 = ambitious.")
    boldness: Fraction | None = Field(None, description="0 = timid .. 1 = bold.")
    anxiety: Fraction | None = Field(None, description="0 = calm .. 1 = anxious.")


class CastMember(Strict):
    """A named wolf of the scenario."""

    name: Name = Field(description="Unique name.")
    sex: Literal["F", "M"] = Field(description="Sex: F or M (independent of designation, R1).")
    age: StrictFloat = Field(ge=0.0, le=200.0, description="Age in years at day 0.")
    designation: Literal["unpresented", "alpha", "beta", "omega"] | None = Field(
        None, description="Designation; left out, it is drawn if the wolf is old enough."
    )
    pack: str | None = Field(None, description="Pack the wolf belongs to; none for a loner.")
    parents: list[str] = Field(
        default_factory=list, max_length=2, description="Cast names of up to two parents."
    )
    traits: Traits = Field(default_factory=Traits, description="Personality traits.")
    hunting_skill: Fraction | None = Field(None, description="0 = hopeless .. 1 = expert hunter.")
    esteem: Fraction | None = Field(None, description="How valued the wolf is by its pack (R27).")
    security: Fraction | None = Field(None, description="Attachment security (R45).")
    wellbeing: Fraction | None = Field(None, description="Wellbeing at day 0 (R44).")
    scent: list[str] | None = Field(
        None,
        description="Scent notes (R8) from the shipped vocabulary; drawn at random if not given.",
    )
    acceptance: Fraction | None = Field(
        None,
        description="How far the pack accepts the wolf at day 0 (R40); below 1 it is a newcomer "
        "still finding its place (a story that starts after an absorption).",
    )
    stigma: Fraction | None = Field(
        None, description="An enemy's stigma the wolf still carries at day 0 (R40, R51)."
    )

    @field_validator("scent")
    @classmethod
    def _known_notes(cls, notes: list[str] | None) -> list[str] | None:
        known = vocabulary().notes
        for note in notes or []:
            if note not in known:
                raise ValueError(f"unknown scent note {quoted(note)}; known: {', '.join(known)}")
        return notes


class Relation(Strict):
    """A directed tie: how one wolf feels about another at day 0."""

    source: str = Field(alias="from", description="Cast name of the wolf who feels.")
    to: str = Field(description="Cast name of the wolf felt about.")
    affinity: StrictFloat = Field(0.0, ge=-1.0, le=1.0, description="-1 hate .. 1 love.")
    trust: Fraction = Field(0.0, description="0 none .. 1 full trust.")
    fear: Fraction = Field(0.0, description="0 none .. 1 terror.")
    mutual: bool = Field(False, description="The same tie also holds the other way.")


class MatedFact(Strict):
    """Two cast members are mates at day 0."""

    kind: Literal["mated"]
    a: str = Field(description="Cast name of one mate.")
    b: str = Field(description="Cast name of the other mate.")
    bond: Fraction = Field(0.6, description="Strength of their bond (R19), 0 .. 1.")


class BetrothedFact(Strict):
    """Two cast members are promised to each other; their ceremony is ``in_days`` away (R15)."""

    kind: Literal["betrothed"]
    a: str = Field(description="Cast name of one of the pair.")
    b: str = Field(description="Cast name of the other.")
    in_days: StrictInt = Field(ge=0, le=365, description="Days from the start to the ceremony.")
    arranged: bool = Field(
        False, description="Arranged by kin without consent (R14): a weaker bond, a hated scent."
    )


class PromisedFact(Strict):
    """A wolf holds a season promise from its mate at day 0 (R36): it ran away once, was brought
    back, and was told that if the promised season comes and it still wants to go, it may."""

    kind: Literal["promised"]
    by: str = Field(description="Cast name of the mate who made the promise.")
    to: str = Field(description="Cast name of the wolf it was made to.")


class GrievanceFact(Strict):
    """A pack holds a grievance against another at day 0 (R48)."""

    kind: Literal["grievance"]
    source: str = Field(alias="from", description="Pack that holds the grievance.")
    to: str = Field(description="Pack the grievance is against.")
    amount: Fraction = Field(description="0 none .. 1 past the point of war.")


Fact = Annotated[
    MatedFact | BetrothedFact | PromisedFact | GrievanceFact, Field(discriminator="kind")
]


class PopulationSpec(Strict):
    """A random population: packs of generated wolves with names from a shipped name pool."""

    packs: StrictInt = Field(ge=0, le=10_000_000, description="Packs to generate.")
    size_mean: StrictFloat = Field(6.0, ge=1.0, le=10_000.0, description="Mean pack size.")
    size_sd: StrictFloat = Field(1.5, ge=0.0, le=1_000.0, description="Pack size spread.")
    size_min: StrictInt = Field(2, ge=1, le=10_000, description="Smallest pack.")
    mate_age_gap_sd: StrictFloat = Field(
        3.0,
        ge=0.0,
        le=50.0,
        description="Spread of the age gap between a generated pack's leader and its mate, in "
        "years (near peers, as most mates are).",
    )
    offspring_share: Fraction = Field(
        0.6, description="Share of non-leading members who are the leading pair's young."
    )
    regions: list[str] | None = Field(
        None, description="Regions to spread packs over (round-robin); default all regions."
    )
    norms: Norms = Field(default_factory=Norms, description="Norms of generated packs.")
    food_per_member: StrictFloat = Field(
        10.0, ge=0.0, le=3_650.0, description="Food in store per member at the start, in wolf-days."
    )
    name_pool: Literal["default"] = Field("default", description="Shipped name pool to draw from.")


class RulesSpec(Strict):
    """Which preset the rules start from, and overrides on it (see the rules reference)."""

    preset: str = Field("seed", description="Rules preset: seed, ecology or classic.")
    overrides: dict[str, Any] = Field(
        default_factory=dict, description="Nested tables laid over the preset."
    )


class Scenario(Strict):
    """A whole scenario file."""

    name: Name = Field(description="Short name, used in run directory names.")
    description: str = Field("", description="One line on what the scenario is.")
    start_season: Season = Field("autumn", description="Season of day 0.")
    canon_arc: Literal["prologue", "late_winter"] = Field(
        "prologue",
        description="Which stretch of the seed story `packbond canon` measures the scenario "
        "against: from the prologue (conquest on) or the late winter (hunt, promise, leaving).",
    )
    rules: RulesSpec = Field(default_factory=RulesSpec, description="Rules preset and overrides.")
    regions: list[RegionSpec] = Field(
        min_length=1, max_length=REGIONS_MAX, description="At least one region."
    )
    packs: list[PackSpec] = Field(default_factory=list, description="Named packs.")
    cast: list[CastMember] = Field(default_factory=list, description="Named wolves.")
    relations: list[Relation] = Field(default_factory=list, description="Ties at day 0.")
    facts: list[Fact] = Field(default_factory=list, description="Facts true at day 0.")
    population: PopulationSpec | None = Field(None, description="Randomly generated packs.")
