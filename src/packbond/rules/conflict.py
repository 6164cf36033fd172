"""The conflict part of the rules model: raids, incidents, grievances, war, invasion, pledges
(R48-R52). Each switch turns its mechanic, its events and its effect off together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt

from ..core.validation import Fraction, Strict

__all__ = ["ConflictRules", "WarRules"]

Weight = Annotated[StrictFloat, Field(ge=0.0, le=20.0)]


FighterDesignation = Literal["alpha", "beta", "omega"]


def _every_designation() -> list[FighterDesignation]:
    return ["alpha", "beta", "omega"]


class ConflictRules(Strict):
    """Raids and incidents between packs, and the grievances they leave (R48, R49)."""

    enabled: bool = Field(True, description="Packs raid each other and nurse grievances.")
    raid_chance: Fraction = Field(
        0.06,
        description="Weekly chance a hostile pack short of food raids another, before grievance.",
    )
    grievance_weight: Weight = Field(
        3.0, description="How much a grievance multiplies the chance of raiding its target."
    )
    scarce_days: StrictFloat = Field(
        30.0,
        ge=1.0,
        le=365.0,
        description="Days of food per head below which a pack feels scarcity.",
    )
    calm_share: Fraction = Field(
        0.3, description="Share of the raid chance a pack keeps when it has plenty of food."
    )
    take_share: Fraction = Field(0.3, description="Share of the raided pack's store carried off.")
    raid_grievance: Fraction = Field(0.2, description="Grievance a raid adds to the raided pack.")
    raid_injury: Fraction = Field(0.25, description="Chance a raid leaves someone wounded.")
    raid_wound: Fraction = Field(0.2, description="Mean severity of a raid wound.")
    incident_chance: Fraction = Field(
        0.4,
        description="Chance a cruel raid leader in a violent pack strikes a member of the other "
        "pack, by cruelty and the pack's violence norm (R49).",
    )
    incident_wound: Fraction = Field(0.35, description="Mean severity of the victim's wound.")
    incident_weight: Weight = Field(
        0.6, description="Grievance an incident adds, scaled by the victim's esteem (R49)."
    )
    fade: Fraction = Field(0.01, description="Weekly share of a grievance that fades.")
    war_at: Fraction = Field(0.7, description="Grievance past which a pack declares war.")


class WarRules(Strict):
    """Invasions, deaths, the fallen pack alpha, dissolution and pledges (R50-R52)."""

    enabled: bool = Field(True, description="Packs at war invade each other.")
    fighter_designations: list[FighterDesignation] = Field(
        default_factory=_every_designation,
        description="Designations that fight in raids and invasions (the seed: alphas and "
        "betas; its packs keep omegas out of battle).",
    )
    delay_days: StrictInt = Field(
        7, ge=0, le=365, description="Days from declaring war to the invasion."
    )
    sharpness: StrictFloat = Field(
        2.0,
        ge=0.1,
        le=10.0,
        description="How decisively the stronger side wins (power of the strength ratio).",
    )
    leader_strength: Weight = Field(
        1.0, description="Strength a pack alpha adds to its side, by skill."
    )
    death_loser: Fraction = Field(0.15, description="Chance each losing fighter dies.")
    death_winner: Fraction = Field(0.04, description="Chance each winning fighter dies.")
    injury: Fraction = Field(0.3, description="Chance each surviving fighter is wounded.")
    wound: Fraction = Field(0.3, description="Mean severity of a battle wound.")
    leader_killed: Fraction = Field(
        0.7, description="Chance the losing defenders' pack alpha is killed (R50)."
    )
    tribute_share: Fraction = Field(
        0.4,
        description="Share of the loser's store the winners take when their invasion wins and "
        "the defenders' pack alpha is not killed.",
    )
    revenge: Fraction = Field(
        0.3,
        description="Grievance every invasion, won or lost, adds to the defenders' "
        "against the attackers.",
    )
    after_war: Fraction = Field(
        0.2, description="Grievance the attackers keep after their war, won or lost."
    )
    pledge_bias: StrictFloat = Field(
        1.0,
        ge=-10.0,
        le=10.0,
        description="Log-odds a survivor pledges to the victors rather than dispersing.",
    )
    pledge_boldness: Weight = Field(
        2.0, description="Log-odds of dispersing instead, per unit of boldness."
    )
    pledged_acceptance: Fraction = Field(
        0.05, description="Acceptance a survivor who pledges starts with (R51)."
    )
    enemy_stigma: Fraction = Field(0.4, description="Stigma of an enemy origin (R40).")
    restricted_days: StrictInt = Field(
        90, ge=0, le=3650, description="Days a pledged survivor may not leave nor roam (R51)."
    )
    protect_chance: Fraction = Field(
        0.6, description="Chance, by kindness, the victor takes a survivor under protection (R52)."
    )
    protected_affinity: Fraction = Field(
        0.3, description="Affinity a survivor gains for the victor who protects it (R52)."
    )
    protected_trust: Fraction = Field(
        0.3, description="Trust a survivor gains in the victor who protects it (R52)."
    )
    protector_affinity: Fraction = Field(
        0.3, description="Affinity the victor gains for the survivor it protects (R52)."
    )
