"""The bonds part of the rules model: rank, courtship, arranged matings, ceremonies, the bond,
leaving and promises (R14-R20, R22-R25, R35-R38). Each switch turns its mechanic, its events and
its effect off together.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, StrictFloat, StrictInt, model_validator

from ..core.validation import Fraction, Strict

__all__ = [
    "ArrangedRules",
    "BondRules",
    "CeremonyRules",
    "CourtshipRules",
    "LeavingRules",
    "PairPull",
    "RankRules",
]

Weight = Annotated[StrictFloat, Field(ge=0.0, le=20.0)]


class RankRules(Strict):
    """The rank ladder inside a pack (R22, R23, R25) and challenges for the lead."""

    enabled: bool = Field(True, description="Packs keep a rank ladder, refreshed weekly.")
    alpha_weight: Weight = Field(1.0, description="Standing an alpha's designation brings.")
    beta_weight: Weight = Field(0.5, description="Standing a beta's designation brings.")
    omega_weight: Weight = Field(
        0.5, description="Standing an omega's designation brings, less the pack's omega penalty."
    )
    skill_weight: Weight = Field(0.5, description="Standing brought by hunting skill.")
    esteem_weight: Weight = Field(0.8, description="Standing brought by the pack's esteem.")
    strength_weight: Weight = Field(
        0.5, description="Standing brought by strength (boldness, less open wounds)."
    )
    mate_weight: Weight = Field(0.2, description="Standing a living mate in the pack brings.")
    leader_mate_weight: Weight = Field(
        3.0, description="Standing of the pack alpha's mate, second only to the pack alpha (R23)."
    )
    high_share: Fraction = Field(
        0.4, description="Share of a pack's presented members that hold high rank."
    )
    grace_days: StrictInt = Field(
        180,
        ge=0,
        le=3650,
        description="Days an alpha may lack a mate before a rank that requires one is lost (R22).",
    )
    unmated_penalty: Weight = Field(
        2.0, description="Standing lost by an alpha past the grace period without a mate."
    )
    challenge_chance: Fraction = Field(
        0.02,
        description="Weekly chance that an ambitious, bold wolf who outranks the pack alpha "
        "challenges for the lead.",
    )
    challenge_margin: Weight = Field(
        0.3, description="How far a challenger's standing must exceed the pack alpha's."
    )
    fight_spread: StrictFloat = Field(
        0.3,
        ge=0.01,
        le=10.0,
        description="How much luck decides a fight between close rivals (logistic scale).",
    )
    fight_wound: Fraction = Field(0.25, description="Mean severity of the loser's wound.")


class PairPull(Strict):
    """How strongly a pairing of designations draws wolves to each other, 0 .. 1."""

    alpha_omega: Fraction = Field(1.0, description="An alpha and an omega.")
    alpha_beta: Fraction = Field(0.5, description="An alpha and a beta.")
    beta_beta: Fraction = Field(0.6, description="Two betas.")
    beta_omega: Fraction = Field(0.5, description="A beta and an omega.")
    alpha_alpha: Fraction = Field(0.05, description="Two alphas.")
    omega_omega: Fraction = Field(0.2, description="Two omegas.")

    def matrix(self) -> list[list[float]]:
        """Pull by designation code pair (unpresented, alpha, beta, omega); the young take 0."""
        a, b, o = 1, 2, 3
        m = [[0.0] * 4 for _ in range(4)]
        for (x, y), v in {
            (a, o): self.alpha_omega,
            (a, b): self.alpha_beta,
            (b, b): self.beta_beta,
            (b, o): self.beta_omega,
            (a, a): self.alpha_alpha,
            (o, o): self.omega_omega,
        }.items():
            m[x][y] = m[y][x] = v
        return m


class CourtshipRules(Strict):
    """Mating offers and their answers (R16, R17, R22, R38)."""

    enabled: bool = Field(True, description="Unmated wolves make mating offers.")
    offer_chance: Fraction = Field(
        0.03,
        description="Weekly chance that an unmated adult with nothing pressing makes an offer.",
    )
    lonely_weight: Weight = Field(
        1.0, description="How much low wellbeing adds to the chance of an offer."
    )
    rank_need: Fraction = Field(
        0.25,
        description="Weekly chance added for an alpha whose rank requires a mate, at the end of "
        "the grace period (R22).",
    )
    candidates: StrictInt = Field(
        6, ge=1, le=32, description="Packmates a suitor looks over before choosing whom to ask."
    )
    pull: PairPull = Field(default_factory=PairPull, description="Pull between designations.")
    affinity_weight: Weight = Field(1.0, description="Attraction from liking.")
    scent_weight: Weight = Field(0.6, description="Attraction from scent likeness (R8).")
    esteem_weight: Weight = Field(
        0.6, description="Attraction to a valued wolf, scaled by the suitor's ambition."
    )
    protege_weight: Weight = Field(
        0.0,
        description="Attraction of a protector to the unmated wolf he has taken under his "
        "protection (R52); a protector is as much less ready to accept another's offer.",
    )
    ask_liking: StrictFloat = Field(
        0.2,
        ge=-1.0,
        le=1.0,
        description="Liking a suitor must feel for the one it asks: courtship takes "
        "acquaintance and time, so no one asks a stranger. An alpha whose rank requires a mate "
        "asks with less, down to none at the end of the grace period (R22).",
    )
    age_gap_weight: Weight = Field(
        1.0,
        description="Attraction lost per ten years between suitor and candidate: most mates "
        "are near peers.",
    )
    accept_age_gap: Weight = Field(
        2.0,
        description="Log-odds of accepting an offer lost per ten years between the two (an "
        "arranged mating ignores it).",
    )
    accept_bias: StrictFloat = Field(
        -0.8,
        ge=-10.0,
        le=10.0,
        description="Log-odds of accepting an offer from a stranger with nothing to offer.",
    )
    accept_affinity: Weight = Field(2.0, description="Log-odds added by liking the suitor.")
    accept_trust: Weight = Field(1.5, description="Log-odds added by trusting the suitor.")
    accept_fear: Weight = Field(2.5, description="Log-odds lost by fearing the suitor.")
    accept_scent: Weight = Field(1.0, description="Log-odds added by a liked scent.")
    at_war_factor: Fraction = Field(
        1.0,
        description="Offers made by members of a pack at war or past the point of war, as a "
        "share of the usual (on the eve of an invasion, few court).",
    )
    shun_weight: Weight = Field(
        0.0,
        description="How much a wolf the pack does not accept loses as a mate, in choosing whom "
        "to ask and in answering, less for kind wolves (R40: a shunned newcomer is courted by "
        "few).",
    )
    accept_pull: Weight = Field(
        0.0,
        description="Log-odds added by the pull between the two designations (a genre where "
        "alphas and omegas are drawn together also answers offers by it).",
    )
    accept_safety: Weight = Field(
        1.2,
        description="Log-odds added when the suitor is high-ranked or the asked wolf's own "
        "protector is in its pack (R46).",
    )
    accept_hope: Weight = Field(
        2.0,
        description="Log-odds added by hope of acceptance: an outsider asked by a valued wolf "
        "(R16).",
    )
    accept_lonely: Weight = Field(0.8, description="Log-odds added by loneliness.")
    marked_factor: Fraction = Field(
        0.1,
        description="Share of its wish to mate a marked wolf keeps after leaving its mate (R38).",
    )
    coercive_below: Fraction = Field(
        0.35, description="Kindness below which a suitor presses a refused offer (R17)."
    )
    pressed_trust: Fraction = Field(
        0.15, description="Trust the pressed wolf loses in a coercive suitor."
    )
    pressed_fear: Fraction = Field(0.15, description="Fear it gains of a coercive suitor.")


class ArrangedRules(Strict):
    """Parents contract a newly presented child to a high-ranked alpha (R14, a pack norm)."""

    enabled: bool = Field(
        True, description="Where the pack's norm allows, parents arrange matings."
    )
    chance: Fraction = Field(
        0.5, description="Chance, scaled by the parent's ambition, in the week after presenting."
    )
    delay_days: StrictInt = Field(
        21, ge=1, le=365, description="Days from the contract to the ceremony."
    )
    wellbeing_cost: Fraction = Field(
        0.15, description="Wellbeing the child loses to a mating without its consent."
    )
    affinity_cost: Fraction = Field(
        0.5, description="Liking for the contracted alpha lost: his scent is hated from then on."
    )


class CeremonyRules(Strict):
    """Ceremonies that complete a mating with the bite (R15, R18)."""

    delay_min_days: StrictInt = Field(
        7, ge=0, le=365, description="Fewest days from an accepted offer to its ceremony."
    )
    delay_max_days: StrictInt = Field(
        28, ge=0, le=365, description="Most days from an accepted offer to its ceremony."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.delay_max_days < self.delay_min_days:
            raise ValueError("delay_max_days must not be below delay_min_days")
        return self


class BondRules(Strict):
    """The bond the bite makes: feelings and pain carried both ways (R18-R20, R17)."""

    enabled: bool = Field(True, description="Mates share feelings and pain through the bond.")
    start: Fraction = Field(0.4, description="Strength of a new bond after a willing mating.")
    start_arranged: Fraction = Field(0.15, description="Strength of a new bond without consent.")
    contagion: Fraction = Field(
        0.02,
        description="Daily share of the gap in wellbeing that crosses a bond of full strength.",
    )
    pain_above: Fraction = Field(
        0.3, description="Wound severity from which a mate feels the other's pain."
    )
    pain_share: Fraction = Field(
        0.03, description="Wellbeing lost per day per unit of the mate's wound, at full strength."
    )
    pain_stress: Fraction = Field(
        0.05, description="Stress added per day per unit of the mate's wound, at full strength."
    )
    growth: Fraction = Field(
        0.03, description="Weekly strength gained by attentive mates who share good moments."
    )
    good_above: Fraction = Field(
        0.45, description="Wellbeing both mates need for a week to count as a good moment."
    )
    apart_fade: Fraction = Field(0.005, description="Weekly strength lost while apart.")
    floor: Fraction = Field(0.1, description="Strength a bite mark never falls below.")
    inattention: Fraction = Field(
        0.6, description="Attention an ambitious wolf withholds from a new mate, by ambition (R20)."
    )
    learn: Fraction = Field(
        0.6, description="Share of its missing attention a wolf learns when its mate runs away."
    )
    consent_trust: Fraction = Field(
        0.02,
        description="Weekly trust and security a wolf gains with a consentful mate, lost with a "
        "coercive one (R17).",
    )


class LeavingRules(Strict):
    """Wanting to leave, running away, searching, promises, notice and new homes (R24, R35-R38)."""

    enabled: bool = Field(True, description="Unhappy wolves leave, run away or ask to leave.")
    wish_pull: Fraction = Field(
        0.15, description="Weekly share of the way the wish to leave moves toward its cause."
    )
    wish_acceptance: Weight = Field(0.5, description="Wish to leave from low acceptance.")
    wish_wellbeing: Weight = Field(0.3, description="Wish to leave from low wellbeing.")
    wish_shunned: Weight = Field(0.3, description="Wish to leave from being kept out.")
    wish_mate: Weight = Field(
        0.3, description="Wish to stay from liking and trusting a mate in the pack."
    )
    wish_crowded: Weight = Field(
        0.8,
        description="Wish to leave of an ambitious alpha with no lead of its own in a crowded "
        "pack, to found one elsewhere (R38).",
    )
    crowded_at: StrictInt = Field(
        16,
        ge=2,
        le=100_000,
        description="Members from which a pack is crowded, doubling at twice as many.",
    )
    leave_at: Fraction = Field(0.45, description="Wish above which a wolf acts on it.")
    leave_chance: Fraction = Field(
        0.15, description="Weekly chance an unmated wolf past the wish asks leave and goes."
    )
    run_chance: Fraction = Field(
        0.12,
        description="Weekly chance an insecure mated wolf past the wish runs away without a "
        "word, by anxiety and insecurity (R35).",
    )
    run_while_restricted: bool = Field(
        False,
        description="A pledged survivor not yet free to leave (R51) may still run away: the "
        "restriction bars asking leave, not fleeing (the seed's omega runs in his first winter).",
    )
    plea_chance: Fraction = Field(
        0.1,
        description="Weekly chance a mated wolf past the wish, secure or who ran before, asks "
        "its mate to leave with it.",
    )
    alone_chance: Fraction = Field(
        0.3, description="Chance a wolf whose mate would not come leaves alone all the same."
    )
    search_chance: Fraction = Field(
        0.8, description="Weekly chance a fully bonded, attentive mate searches for a runaway."
    )
    find_chance: Fraction = Field(
        0.6,
        description="Chance a search finds the runaway at full hunting skill (tracking); times "
        "0.5 + 0.5 skill.",
    )
    return_bias: StrictFloat = Field(
        0.0,
        ge=-10.0,
        le=10.0,
        description="Log-odds that a found runaway comes back, before bond and trust.",
    )
    return_bond: Weight = Field(2.0, description="Log-odds of coming back added by the bond.")
    return_trust: Weight = Field(1.5, description="Log-odds added by trust in the mate.")
    return_wish: Weight = Field(2.0, description="Log-odds lost by the wish to leave.")
    return_hunger: Weight = Field(
        0.0,
        description="Log-odds of coming back added by hunger: a runaway going hungry alone is "
        "readier to be brought home (the seed's runaway is found in winter).",
    )
    return_boost: Fraction = Field(
        0.1, description="Wellbeing a returning runaway gains from being wanted back."
    )
    away_weeks: StrictInt = Field(
        6,
        ge=1,
        le=520,
        description="Weeks before a runaway nobody brings back makes a life elsewhere.",
    )
    promise_season: Literal["spring", "summer", "autumn", "winter"] = Field(
        "spring", description="The season a promise to let a runaway go is tied to (R36)."
    )
    keep_bias: StrictFloat = Field(
        -0.5,
        ge=-10.0,
        le=10.0,
        description="Log-odds that a promise is kept, before kindness and bond.",
    )
    keep_kindness: Weight = Field(3.0, description="Log-odds of keeping it added by kindness.")
    keep_bond: Weight = Field(1.5, description="Log-odds added by the bond.")
    broken_trust: Fraction = Field(0.4, description="Trust lost by the wolf whose promise broke.")
    broken_cost: Fraction = Field(0.15, description="Wellbeing it loses to the broken promise.")
    kept_trust: Fraction = Field(0.2, description="Trust gained when the promise is kept.")
    mate_priority: Weight = Field(
        3.0, description="Log-odds of leaving with a departing mate per unit of bond (R37)."
    )
    rank_value: Weight = Field(
        2.0,
        description="Log-odds of staying per unit of ambition, for a wolf of high rank (R37).",
    )
    together_bias: StrictFloat = Field(
        -1.0,
        ge=-10.0,
        le=10.0,
        description="Log-odds of leaving with a mate, before bond and rank.",
    )
    travel_days: StrictInt = Field(
        14, ge=1, le=365, description="Days on the road before leavers settle somewhere."
    )
    settle_days: StrictInt = Field(
        180, ge=0, le=3650, description="Days a wolf gives a new home before it may leave again."
    )
    found_chance: Fraction = Field(
        0.5,
        description="Chance leavers found a household of their own rather than join a pack "
        "where nobody knows them (R38).",
    )
