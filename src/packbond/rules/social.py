"""The social part of the rules model: contact, cliques, gossip, blame, jealousy, violence,
protection, submission, the alpha voice, scent and wellbeing (R3, R8-R13, R21, R26, R27,
R40-R46, R52). Each switch turns its mechanic, its events and its effect off together.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictFloat, StrictInt

from ..core.validation import Fraction, Strict

__all__ = [
    "BlameRules",
    "ByDesignation",
    "ContactRules",
    "GossipRules",
    "JealousyRules",
    "KeepAwayRules",
    "ScentRules",
    "SubmissionRules",
    "ViolenceRules",
    "VoiceRules",
    "WellbeingRules",
]

Signed = Annotated[StrictFloat, Field(ge=-1.0, le=1.0)]


class ByDesignation(Strict):
    """One number per presented designation."""

    alpha: Fraction = Field(0.0, description="For alphas.")
    beta: Fraction = Field(0.0, description="For betas.")
    omega: Fraction = Field(0.0, description="For omegas.")

    def as_tuple(self) -> tuple[float, float, float, float]:
        """Values by designation code (unpresented, alpha, beta, omega); the young take 0."""
        return (0.0, self.alpha, self.beta, self.omega)


class ContactRules(Strict):
    """Daily contact inside a pack (R26, R27, R41, R43): routine, so metrics rather than events."""

    enabled: bool = Field(True, description="Packmates seek each other out every day.")
    attend: Fraction = Field(
        0.9, description="Daily chance a fully accepted wolf goes among its pack."
    )
    attend_acceptance: Fraction = Field(
        0.25, description="How much low acceptance keeps a wolf from going among its pack (R43)."
    )
    attend_withdrawn: Fraction = Field(
        0.2, description="Daily chance a withdrawn wolf goes among its pack (R44)."
    )
    warmth: Signed = Field(0.25, description="Quality of an ordinary contact between packmates.")
    kindness_weight: Fraction = Field(
        0.4, description="Quality added by a kind partner (and lost to a cruel one)."
    )
    esteem_weight: Fraction = Field(
        0.2, description="Quality added by being esteemed (R27), lost by being little valued."
    )
    hostility_weight: Fraction = Field(
        0.9,
        description="Quality a wholly unaccepted newcomer loses to full outsider hostility (R26).",
    )
    omega_weight: Fraction = Field(
        0.8, description="Quality an omega loses to a pack's full contempt for omegas (R26)."
    )
    scent_weight: Fraction = Field(
        0.15, description="Quality added when two wolves' scents share all their notes (R8)."
    )
    noise: Fraction = Field(0.35, description="Day-to-day spread of a contact's quality.")
    learning: Fraction = Field(
        0.06, description="Share of the way a tie's affinity moves toward a contact's quality."
    )
    trust_learning: Fraction = Field(
        0.03, description="Trust gained from a good contact (lost from a bad one), per unit."
    )
    support_fade: Fraction = Field(
        0.07, description="Daily weight of today in the moving mean of support (about 2 weeks)."
    )
    acceptance_weight: Fraction = Field(
        0.002, description="Acceptance moved per unit of contact quality (R40)."
    )
    memory_fade: Fraction = Field(
        0.015, description="Daily share of its vividness a remembered deed loses (R40, R42)."
    )
    cliques: bool = Field(
        True, description="Peers of a designation form a clique that keeps outsiders out (R41)."
    )
    clique_exclusion: Fraction = Field(
        0.5, description="Chance a peer keeps a wholly unaccepted wolf of its designation out."
    )
    exclusion_sting: Fraction = Field(
        0.3, description="Contact quality lost by a wolf its clique keeps out."
    )
    shunned_fade: Fraction = Field(
        0.05, description="Daily weight of today in the moving mean of being kept out."
    )
    excluded_at: Fraction = Field(
        0.25, description="Level of being kept out at which a wolf counts as shut out."
    )


class GossipRules(Strict):
    """Rumours (R41): they travel along ties, change opinions, and may be false."""

    enabled: bool = Field(True, description="Wolves start and pass on rumours.")
    invent: Fraction = Field(
        0.03,
        description="Chance per contact that a wolf of middling kindness (0.5) meeting one it "
        "dislikes starts a false rumour; times 2 (1 - kindness).",
    )
    dislike_at: Signed = Field(-0.15, description="Affinity below which a wolf dislikes another.")
    sighting: Fraction = Field(
        0.1, description="Chance a mated wolf seen close to an unmated peer becomes talk (true)."
    )
    spread: Fraction = Field(
        0.5, description="Chance a rumour passes on in a contact, at the teller's full liking."
    )
    keep: Fraction = Field(0.7, description="Share of a rumour's freshness kept as it passes.")
    opinion_harm: Fraction = Field(
        0.12, description="Affinity the listener loses toward the rumour's subject."
    )
    fade: Fraction = Field(0.03, description="Daily share of its freshness a rumour loses.")
    forget_below: Fraction = Field(0.1, description="Freshness below which a rumour is dropped.")


class JealousyRules(Strict):
    """Jealousy (R21): seeing one's mate close to an unmated peer, fed by rumours and distrust."""

    enabled: bool = Field(True, description="Mates can grow jealous.")
    see: Fraction = Field(0.3, description="Chance the mate sees a warm contact with a peer.")
    base: Fraction = Field(
        0.3,
        description="Jealousy's base chance; a mate who sees it grows jealous with this times "
        "(1 - security) (1.5 - trust), so a wholly insecure, distrustful mate at 1.5 times it.",
    )
    rumour_weight: StrictFloat = Field(
        2.0, ge=0.0, le=10.0, description="How much a rumour about the mate multiplies that chance."
    )
    trust_cost: Fraction = Field(0.15, description="Trust in the mate lost to a fit of jealousy.")
    rival_affinity_cost: Fraction = Field(
        0.2, description="Affinity for the peer seen with the mate lost to a fit of jealousy."
    )
    harm: Fraction = Field(0.05, description="Wellbeing lost to a fit of jealousy.")


class BlameRules(Strict):
    """Blame (R42): harm to a valued wolf is laid on whoever caused it."""

    enabled: bool = Field(True, description="Packs blame whoever got a valued member hurt.")
    acceptance_cost: Fraction = Field(
        0.25, description="Acceptance the culprit loses when the victim is fully esteemed."
    )
    affinity_cost: Fraction = Field(
        0.4, description="Affinity the victim's friends lose toward the culprit, at full esteem."
    )
    trust_share: Fraction = Field(
        0.5,
        description="Trust the victim's friends lose in the culprit, as a share of the affinity "
        "they lose.",
    )
    friend_at: Signed = Field(0.2, description="Affinity at which a packmate counts as a friend.")
    harm: Fraction = Field(0.15, description="Wellbeing the culprit loses at full esteem.")


class KeepAwayRules(Strict):
    """Parents keep their pups away from low-acceptance wolves (R41), costing a childcare role."""

    enabled: bool = Field(True, description="Parents can bar a wolf from their pups.")
    below: Fraction = Field(0.45, description="Acceptance below which parents may bar a wolf.")
    weekly: Fraction = Field(
        0.25, description="Weekly chance a parent bars a wolf wholly unaccepted."
    )
    lifted_above: Fraction = Field(0.7, description="Acceptance at which the bar is lifted.")
    harm: Fraction = Field(0.1, description="Wellbeing lost when barred.")
    barred_affinity_cost: Fraction = Field(
        0.1, description="Affinity the barred wolf loses for the parent who bars it."
    )


class ViolenceRules(Strict):
    """Violence toward low-status outsiders (R46), lowered by protection (R52)."""

    enabled: bool = Field(True, description="Packmates may strike an unaccepted wolf.")
    attack: Fraction = Field(
        0.03,
        description="Chance per contact that a packmate of middling kindness (0.5) strikes a "
        "wholly unaccepted wolf in a pack of full violence tolerance; times 2 (1 - kindness), "
        "less protection, and more where it dislikes the wolf (1 + dislike).",
    )
    severity: Fraction = Field(0.08, description="Mean severity of the wound a blow leaves.")
    harm: Fraction = Field(0.1, description="Wellbeing lost to a blow.")
    blow_affinity_cost: Fraction = Field(
        0.3, description="Affinity the struck wolf loses for its attacker."
    )
    blow_trust_cost: Fraction = Field(
        0.3, description="Trust the struck wolf loses in its attacker."
    )
    blow_fear: Fraction = Field(0.4, description="Fear of its attacker the struck wolf gains.")
    stress: Fraction = Field(0.4, description="Stress added by a blow.")
    security_loss: Fraction = Field(0.05, description="Attachment security lost to a blow (R45).")
    mate_protection: Fraction = Field(
        0.7, description="Share of blows a fully esteemed alpha mate's standing prevents (R46)."
    )
    protection: Fraction = Field(
        0.8, description="Share of blows a fully esteemed protector's promise prevents (R52)."
    )
    protect: Fraction = Field(
        0.4, description="Chance a kind pack alpha takes a struck newcomer under protection."
    )
    protected_affinity: Fraction = Field(
        0.2, description="Affinity the newcomer gains for the pack alpha who protects it (R52)."
    )
    protected_trust: Fraction = Field(
        0.3, description="Trust the newcomer gains in the pack alpha who protects it (R52)."
    )
    broken_promise_harm: Fraction = Field(
        0.2, description="Extra wellbeing lost when struck or shut out despite a protector."
    )
    broken_promise_trust_cost: Fraction = Field(
        0.2, description="Trust in the protector lost when struck or shut out despite it (R52)."
    )
    broken_promise_affinity_cost: Fraction = Field(
        0.1, description="Affinity for the protector lost when struck or shut out despite it (R52)."
    )


class SubmissionRules(Strict):
    """Automatic submission (R12): a frightened wolf bares its neck to a strange or angry alpha."""

    enabled: bool = Field(True, description="Frightened wolves bare the neck.")
    anxiety_weight: Fraction = Field(0.5, description="Fear an anxious wolf brings to a meeting.")
    stranger_fear: Fraction = Field(0.3, description="Fear of an alpha it does not know.")
    threat_fear: Fraction = Field(0.4, description="Fear of an alpha about to strike.")
    fear_at: Fraction = Field(0.5, description="Fear above which the reflex can fire.")
    calms: Fraction = Field(0.6, description="Chance baring the neck stops a blow.")


class VoiceRules(Strict):
    """The alpha voice (R13): a command that compels, at a cost in trust."""

    enabled: bool = Field(True, description="Alphas can command with the voice.")
    use: Fraction = Field(
        0.01,
        description="Chance per contact an alpha of middling kindness (0.5) commands one it "
        "outranks; times 2 (1 - kindness), so a wholly unkind alpha commands at twice it.",
    )
    comply: ByDesignation = Field(
        default_factory=lambda: ByDesignation(alpha=0.2, beta=0.6, omega=0.95),
        description="Chance of obeying, by the commanded wolf's designation.",
    )
    rank_weight: Fraction = Field(
        0.5, description="Compliance added per unit of esteem the commander has over it."
    )
    trust_cost: Fraction = Field(0.2, description="Trust in the commander lost.")
    fear_cost: Fraction = Field(0.15, description="Fear of the commander gained.")
    restraint_trust: Fraction = Field(
        0.004,
        description="Trust gained per contact with an alpha who outranks it and never used "
        "the voice on it.",
    )


class ScentRules(Strict):
    """Scent (R8-R11): notes per wolf, garments that keep a scent, liked and hated scents."""

    enabled: bool = Field(True, description="Scent soothes, repels and binds.")
    notes_per_wolf: StrictInt = Field(
        3, ge=1, le=6, description="Scent notes a wolf gets when it presents."
    )
    stressed_at: Fraction = Field(0.35, description="Stress above which a wolf seeks comfort.")
    like_at: Signed = Field(0.4, description="Affinity above which another's scent is liked.")
    soothe: Fraction = Field(0.25, description="Stress a liked scent takes away, at full liking.")
    recoil_stress: Fraction = Field(
        0.2, description="Stress a scent tied to a vivid harm adds when met (R10)."
    )
    scenting: Fraction = Field(
        0.5, description="Chance that close wolves, one stressed, scent each other (R11)."
    )
    scenting_soothe: Fraction = Field(0.3, description="Stress scenting takes from both.")
    scenting_bond: Fraction = Field(0.03, description="Affinity and trust scenting adds both ways.")
    keepsake_half_life_days: StrictFloat = Field(
        10.0, ge=1.0, le=365.0, description="Days for a garment's scent to fade to half (R9)."
    )
    give_keepsake: Fraction = Field(
        0.3, description="Daily chance a wolf who likes a stressed packmate gives it a garment."
    )
    keepsake_affinity: Fraction = Field(
        0.1, description="Affinity a wolf given a garment gains for the giver (R9)."
    )
    keepsake_trust: Fraction = Field(
        0.1, description="Trust a wolf given a garment gains in the giver (R9)."
    )


class WellbeingRules(Strict):
    """Wellbeing (R44), attachment security (R45), withdrawal (R43) and the inner wolf (R3)."""

    enabled: bool = Field(True, description="Wellbeing moves week by week.")
    pull: Fraction = Field(0.15, description="Weekly share of the way to its set point.")
    set_point: Fraction = Field(0.55, description="Wellbeing of a wolf whose life is neutral.")
    support_weight: Fraction = Field(0.5, description="Set point added by full support.")
    exclusion_weight: Fraction = Field(0.4, description="Set point lost to being kept out.")
    mate_weight: Fraction = Field(
        0.2, description="Set point added by a trusted, liked mate in the pack."
    )
    hunger_weight: Fraction = Field(0.3, description="Set point lost to full hunger.")
    wound_weight: Fraction = Field(0.3, description="Set point lost to a mortal wound.")
    stress_weight: Fraction = Field(0.3, description="Set point lost to full stress.")
    stress_fade: Fraction = Field(0.25, description="Weekly share of its stress a wolf loses.")
    security_floor: Fraction = Field(
        0.3, description="Share of affection that lands on a wholly insecure wolf (R45)."
    )
    security_mend: Fraction = Field(
        0.02, description="Weekly security gained under full support (R45)."
    )
    withdraw_below: Fraction = Field(0.3, description="Wellbeing below which a wolf withdraws.")
    recover_above: Fraction = Field(
        0.5, description="Wellbeing above which a withdrawn wolf recovers."
    )
    withdrawn_appetite: Fraction = Field(
        0.9, description="Share of its food a withdrawn wolf eats."
    )
    dark_below: Fraction = Field(0.15, description="Wellbeing of the dark state (R44).")
    dark_weeks: StrictInt = Field(
        4, ge=1, le=52, description="Weeks below that before the dark state sets in."
    )
    dark_appetite: Fraction = Field(
        0.75, description="Share of its food a wolf in the dark state eats."
    )
    inner_conflict: Fraction = Field(
        0.3,
        description="Stress when instinct and choice pull apart (R3): a bold wolf baring its "
        "neck, a withdrawn wolf whose inner wolf wants its mate.",
    )
