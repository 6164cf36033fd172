"""The rules model: every tunable number and genre switch, with a default and a one-line doc.

Systems read their slice of the rules and contain no numbers of their own. A preset
(``rules/presets/<name>.toml``) is a set of overrides on these defaults; a scenario may override
further. Rule numbers (R1, R2, ...) refer to the rule book, ``world-rules.md``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, StrictFloat, StrictInt, model_validator

from ..core.validation import Fraction, Strict
from .bonds import ArrangedRules, BondRules, CeremonyRules, CourtshipRules, LeavingRules, RankRules
from .conflict import ConflictRules, WarRules
from .social import (
    BlameRules,
    ContactRules,
    GossipRules,
    JealousyRules,
    KeepAwayRules,
    ScentRules,
    SubmissionRules,
    ViolenceRules,
    VoiceRules,
    WellbeingRules,
)

__all__ = [
    "BreederRules",
    "BySeason",
    "CalendarRules",
    "DesignationOdds",
    "DesignationRules",
    "DispersalRules",
    "FearFadeRules",
    "FoodRules",
    "FormRules",
    "GatheringRules",
    "HeatRules",
    "HuntingRules",
    "LifeRules",
    "LifespanRules",
    "MortalityRules",
    "PresentingRules",
    "ReproductionRules",
    "Rules",
    "RutRules",
    "SeasonRules",
    "TieRules",
    "WoundRules",
]

Years = Annotated[StrictFloat, Field(ge=0.0, le=200.0)]


class CalendarRules(Strict):
    """The length of the simulated year."""

    days_per_season: StrictInt = Field(
        91, ge=7, le=365, description="Days in each of the four seasons (91 = 13 weeks)."
    )


class DesignationOdds(Strict):
    """Relative odds of presenting as each designation (R1); they need not sum to one."""

    alpha: Fraction = Field(0.25, description="Odds of presenting as an alpha.")
    beta: Fraction = Field(0.5, description="Odds of presenting as a beta.")
    omega: Fraction = Field(0.25, description="Odds of presenting as an omega.")

    @model_validator(mode="after")
    def _some_odds(self) -> Self:
        if self.alpha + self.beta + self.omega <= 0:
            raise ValueError("must give at least one designation odds above 0")
        return self


class DesignationRules(Strict):
    """R1: designation is drawn at presenting from odds that depend on sex."""

    male: DesignationOdds = Field(default_factory=DesignationOdds, description="Odds for males.")
    female: DesignationOdds = Field(
        default_factory=DesignationOdds, description="Odds for females."
    )


class PresentingRules(Strict):
    """R2: adolescents present at an age drawn uniformly from a range; omegas have a first heat."""

    age_years_min: Years = Field(14.0, description="Youngest age at presenting, in years.")
    age_years_max: Years = Field(18.0, description="Oldest age at presenting, in years.")
    first_heat: bool = Field(
        True, description="Omegas have their first heat when they present (R2)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.age_years_max < self.age_years_min:
            raise ValueError("age_years_max must not be below age_years_min")
        return self


class LifeRules(Strict):
    """Life stages: from what age a wolf takes part in its pack's social life, and from what age
    it may court, be promised, mate and conceive (adults only, in every preset)."""

    adult_years: StrictFloat = Field(
        18.0,
        ge=18.0,
        le=100.0,
        description="Age of adulthood, in years: courtship, offers, arranged matings, "
        "betrothals, ceremonies, bites, pairings and conception are between adults only. "
        "Never below 18.",
    )
    elder_years: Years = Field(
        60.0,
        description="Age from which a wolf is an elder, in years: its hunting skill declines.",
    )
    elder_skill_loss: Fraction = Field(
        0.12,
        description="Yearly share of its hunting skill an elder loses, so the old hunt less "
        "and less (the hunt takes its most skilled) until they stay home.",
    )
    retire_years: Years = Field(
        70.0,
        description="Age from which a wolf no longer goes out with the hunt, in years.",
    )
    social_years: Years = Field(
        14.0,
        description="Age from which a wolf acts in its pack's social life, in years: starts or "
        "passes rumours, strikes, is struck, is commanded by the voice, bares its neck, sees "
        "and tells. Younger wolves still meet their packmates and learn to like them.",
    )


class LifespanRules(Strict):
    """Death of old age: a Gompertz hazard after an onset age, and a hard maximum age."""

    senescence_onset_years: Years = Field(
        55.0, description="Age from which the old-age hazard applies, in years."
    )
    senescence_annual_hazard: Fraction = Field(
        0.01, description="Yearly chance of dying of old age at the onset age."
    )
    senescence_doubling_years: StrictFloat = Field(
        8.0, ge=0.1, le=100.0, description="Years over which the old-age hazard doubles."
    )
    max_age_years: Years = Field(95.0, description="No wolf lives past this age, in years.")


class FearFadeRules(Strict):
    """R58: fear of another fades week by week without new cause."""

    enabled: bool = Field(True, description="Fear of another fades week by week (R58).")
    weekly: Fraction = Field(
        0.05, description="Weekly share of its fear of another that a living wolf loses."
    )


class TieRules(Strict):
    """Directed relationships are kept in a bounded number of slots per wolf."""

    slots: StrictInt = Field(
        12,
        ge=1,
        le=64,
        description="Relationship slots per wolf; the weakest tie is forgotten first.",
    )
    fear_fade: FearFadeRules = Field(default_factory=FearFadeRules)


Designations = list[Literal["alpha", "beta", "omega"]]
Seasons = list[Literal["spring", "summer", "autumn", "winter"]]


class BySeason(Strict):
    """One number per season."""

    spring: StrictFloat = Field(0.0, ge=0.0, le=1000.0, description="In spring.")
    summer: StrictFloat = Field(0.0, ge=0.0, le=1000.0, description="In summer.")
    autumn: StrictFloat = Field(0.0, ge=0.0, le=1000.0, description="In autumn.")
    winter: StrictFloat = Field(0.0, ge=0.0, le=1000.0, description="In winter.")

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The values in calendar order (spring, summer, autumn, winter)."""
        return (self.spring, self.summer, self.autumn, self.winter)


def _alpha_only() -> Designations:
    return ["alpha"]


def _all_designations() -> Designations:
    return ["alpha", "beta", "omega"]


def _omega_only() -> Designations:
    return ["omega"]


class HeatRules(Strict):
    """Recurring heats of omegas (a genre switch; the seed story shows only the first heat)."""

    enabled: bool = Field(False, description="Omegas go into heat again and again.")
    interval_days: StrictInt = Field(
        60, ge=7, le=730, description="Days from the start of one heat to the next."
    )
    length_days: StrictInt = Field(4, ge=1, le=30, description="Days a heat lasts.")
    conception_multiplier: StrictFloat = Field(
        5.0, ge=1.0, le=100.0, description="Conception is this many times likelier during a heat."
    )


class RutRules(Strict):
    """Recurring ruts of alphas (a genre switch, off in the seed story)."""

    enabled: bool = Field(False, description="Alphas go into rut again and again.")
    interval_days: StrictInt = Field(
        90, ge=7, le=730, description="Days from the start of one rut to the next."
    )
    length_days: StrictInt = Field(3, ge=1, le=30, description="Days a rut lasts.")
    injury_multiplier: StrictFloat = Field(
        1.5,
        ge=1.0,
        le=10.0,
        description="A rutting alpha hunts recklessly: injury risk times this.",
    )


class FormRules(Strict):
    """R4, R5: wolf form to hunt, human form in the village; shifting tears open wounds."""

    enabled: bool = Field(
        True, description="Wolves are shifters with two forms (off: animals that stay wolves)."
    )
    tear_probability: Fraction = Field(
        0.65, description="Chance that shifting with an open wound tears it (R5)."
    )
    tear_growth: StrictFloat = Field(
        0.5, ge=0.0, le=5.0, description="A torn wound's severity grows by this share."
    )
    wait_below_severity: Fraction = Field(
        0.15, description="An experienced wolf stays in wolf form until its wound is below this."
    )
    experience_per_tear: Fraction = Field(
        0.6, description="How much a torn wound teaches a wolf to wait before shifting."
    )


class SeasonRules(Strict):
    """R29: how seasons and snow change hunting."""

    winter_hunting: Literal["harder", "easier"] = Field(
        "harder", description="Snow makes hunting harder (the story) or easier (real wolves)."
    )
    snow_effect: Fraction = Field(
        0.4, description="Size of the snow effect on hunting success, scaled by winter severity."
    )


class HuntingRules(Strict):
    """R29-R31: pack hunts, volunteers in scarcity, injuries, and help that can hurt the helper."""

    interval_days: StrictInt = Field(
        4, ge=1, le=60, description="A pack hunts about once every this many days."
    )
    hunter_designations: Designations = Field(
        default_factory=_alpha_only, description="Designations that hunt by default."
    )
    winter_hunter_designations: Designations | None = Field(
        None,
        description="Designations that hunt in winter, if not the same (the seed: mainly "
        "alphas; volunteers make up the rest).",
    )
    party_max: StrictInt = Field(8, ge=1, le=50, description="Largest hunting party.")
    volunteer_places: StrictInt = Field(
        0,
        ge=0,
        le=50,
        description="Places a party keeps for volunteers beyond the party_max places the "
        "hunters leave free (R29: the hunt 'needed more help'), taken by the keenest; 0: "
        "volunteers compete with the hunters for the party's places by skill.",
    )
    volunteer_below_food_days: StrictFloat = Field(
        12.0,
        ge=0.0,
        le=365.0,
        description="Below this many days of food per head the pack takes volunteers.",
    )
    volunteer_below_prey: Fraction = Field(
        0.0,
        description="Where the season's prey in the pack's region is below this, the hunt needs "
        "more hands and the pack takes volunteers whatever its store (R29: 'they needed more "
        "help'); unlike a short store it does not send out the wounded or the withdrawn. 0: only "
        "a short store brings volunteers.",
    )
    pick_luck: StrictFloat = Field(
        0.3,
        ge=0.0,
        le=10.0,
        description="Luck in the choice of a party: each candidate is ranked by skill plus this "
        "times a uniform draw. 0: the most skilled always go.",
    )
    base_success: Fraction = Field(0.3, description="Success chance of an average party of one.")
    prey_weight: Fraction = Field(
        0.6, description="How much prey abundance (after crowding) moves the success chance."
    )
    party_bonus: Fraction = Field(0.08, description="Success added per extra hunter.")
    skill_weight: Fraction = Field(0.5, description="How much mean party skill moves success.")
    success_cap: Fraction = Field(0.95, description="Highest success chance a hunt can have.")
    kill_food: StrictFloat = Field(
        50.0,
        ge=0.0,
        le=10_000.0,
        description="Wolf-days of food a kill brings per hunter in the party (see "
        "kill_party_exponent).",
    )
    kill_party_exponent: StrictFloat = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="A kill brings kill_food times the party size to this power: 1 feeds every "
        "hunter alike; below 1 a large party shares one carcass, so a pair hunting alone is not "
        "starved and a great pack does not hoard.",
    )
    injury_base: Fraction = Field(0.02, description="Injury chance per hunter per hunt.")
    snow_injury: StrictFloat = Field(
        1.5, ge=0.0, le=20.0, description="Extra injury risk in winter, times winter severity."
    )
    unfamiliar_injury: StrictFloat = Field(
        2.0,
        ge=0.0,
        le=20.0,
        description="Extra injury risk on unfamiliar ground (times 1 - familiarity).",
    )
    unskilled_injury: StrictFloat = Field(
        1.5,
        ge=1.0,
        le=20.0,
        description="Injury risk is times this minus the hunter's skill: an unskilled hunter is "
        "hurt this many times the base, one of full skill one less.",
    )
    terrain_injury: StrictFloat = Field(
        2.0,
        ge=0.0,
        le=20.0,
        description="Injury risk is times this and the region's terrain hazard (2: ground of "
        "hazard 0.5 leaves the risk as it is).",
    )
    volunteer_chance: Fraction = Field(
        0.5, description="Chance an able non-hunter volunteers when food is short (R29)."
    )
    volunteer_hunger: StrictFloat = Field(
        0.0,
        ge=0.0,
        le=5.0,
        description="Chance of volunteering added by the wolf's own hunger, times this (R29: a "
        "hungry wolf goes out for food himself, as a household with no able hunter must). 0: "
        "hunger does not move volunteers.",
    )
    solo_chance: Fraction = Field(
        0.25, description="Chance a bold, unskilled volunteer chases prey alone (R30)."
    )
    prove_to_mate: Fraction = Field(
        0.0,
        description="When a hunt needs more hands, chance per hunt that a poor hunter whose "
        "mate hunts with the party volunteers to prove himself to that mate, times his "
        "unskill and the mate's attention (R30: 'surely would have liked a mate who "
        "could hunt'); the wish goes out even when he is withdrawn, makes him the keenest "
        "volunteer, and sends him after prey alone. 0: off.",
    )
    solo_injury: StrictFloat = Field(
        4.0, ge=1.0, le=50.0, description="Injury risk multiplier when chasing alone."
    )
    injury_severity: Fraction = Field(0.35, description="Mean severity of a hunting injury.")
    assist_chance: Fraction = Field(
        0.6, description="Chance a close packmate helps a hurt hunter, at full affinity (R31)."
    )
    assist_bond: StrictFloat = Field(
        0.0,
        ge=0.0,
        le=5.0,
        description="Chance of helping added by the bond, times its strength, when the hurt "
        "hunter is the helper's mate, on top of assist_chance (R31: help rises with bond and "
        "kindness); a mate so drawn is the first to help.",
    )
    assist_base: Fraction = Field(
        0.3,
        description="A packmate's closeness to a hurt hunter before affinity and kindness; "
        "closeness (kept within 0..1) times assist_chance is the chance to help (R31).",
    )
    assist_affinity_weight: StrictFloat = Field(
        0.7,
        ge=0.0,
        le=5.0,
        description="Closeness added by the helper's affinity for the hurt hunter (if positive), "
        "times this.",
    )
    assist_kindness_weight: StrictFloat = Field(
        0.3,
        ge=0.0,
        le=5.0,
        description="Closeness added by the helper's kindness above 0.5 (taken away below it), "
        "times this.",
    )
    assist_injury: Fraction = Field(
        0.35,
        description="Chance the helper is hurt, times assist_terrain and the ground's hazard "
        "(R31).",
    )
    assist_terrain: StrictFloat = Field(
        2.0,
        ge=0.0,
        le=20.0,
        description="A helper's injury chance is times this and the region's terrain hazard.",
    )
    rescue_affinity: Fraction = Field(
        0.2, description="Affinity the helped hunter gains for the packmate who helped (R31)."
    )
    rescue_trust: Fraction = Field(
        0.2, description="Trust the helped hunter gains in the packmate who helped (R31)."
    )
    familiarity_per_hunt: Fraction = Field(
        0.05, description="How much each hunt makes a wolf familiar with its region."
    )


class WoundRules(Strict):
    """R32: wounds heal, faster with a hospital and healer; moving too early reopens them."""

    heal_per_day: Fraction = Field(0.015, description="Severity healed per day.")
    hospital_multiplier: StrictFloat = Field(
        2.0,
        ge=1.0,
        le=10.0,
        description="Healing is this much faster where the pack has a hospital and healer.",
    )
    bleeding_stops: Fraction = Field(0.4, description="Daily chance that bleeding stops.")
    bleeding_harm: Fraction = Field(0.02, description="Severity added per day of bleeding.")
    reopen_when_active: Fraction = Field(
        0.2, description="Chance a wound reopens when a wounded wolf hunts or gathers."
    )
    deadly_above: Fraction = Field(0.6, description="Severity above which a wound can kill.")
    death_per_day: Fraction = Field(
        0.04, description="Daily chance of dying of a wound at full severity."
    )
    hospital_death: Fraction = Field(
        1.0,
        description="Where the pack has a hospital and healer, a grave wound kills this many "
        "times as often (R32: stitches and a healer lower infection); 1: a hospital only "
        "speeds healing.",
    )
    disabled_above: Fraction = Field(
        0.15, description="Above this severity a wolf cannot hunt or gather."
    )


class GatheringRules(Strict):
    """R33: berries and herbs by season, a smaller food source and a social occasion."""

    interval_days: StrictInt = Field(
        3, ge=1, le=60, description="A pack goes gathering on a day with chance 1 / this."
    )
    gatherer_share: Fraction = Field(
        0.4,
        description="Chance each able member (not in wolf form, not wounded or withdrawn) goes "
        "out gathering.",
    )
    yield_by_season: BySeason = Field(
        default_factory=lambda: BySeason(spring=0.6, summer=1.0, autumn=1.2, winter=0.0),
        description="Wolf-days of food a gatherer brings back per outing, by season.",
    )


class FoodRules(Strict):
    """R34: the pack's store feeds its members; hunger and starvation when it runs out."""

    need_adult: StrictFloat = Field(1.0, ge=0.0, le=10.0, description="Food an adult eats a day.")
    need_young: StrictFloat = Field(
        0.5, ge=0.0, le=10.0, description="Food an unpresented young wolf eats a day."
    )
    loner_forage: Fraction = Field(
        0.6,
        description="Share of its need a wolf without a pack finds, times the season's prey "
        "averaged over all regions.",
    )
    household_forage_size: StrictInt = Field(
        0,
        ge=0,
        le=50,
        description="A pack of at most this many wolves lives off the land as a wolf alone does "
        "when its store falls short (a pair in a new home forages while it learns to hunt "
        "there, R38); 0: only wolves without a pack forage.",
    )
    spoil_per_day: Fraction = Field(0.005, description="Share of the store that spoils each day.")
    hunger_rise: Fraction = Field(0.08, description="Hunger added per day of a full shortfall.")
    hunger_fall: Fraction = Field(0.1, description="Hunger lost per day of eating enough.")
    hungry_at: Fraction = Field(0.4, description="Hunger at which a pack is said to go hungry.")
    starve_at: Fraction = Field(0.8, description="Hunger above which wolves can starve.")
    starve_per_day: Fraction = Field(
        0.02, description="Daily chance of starving at full hunger (doubled for the young)."
    )
    share: bool = Field(
        True,
        description="A hungry pack is given food by the best-stocked pack of its region that "
        "holds no grievance against it (packs in famine are helped by their neighbours).",
    )
    share_above_days: StrictFloat = Field(
        30.0,
        ge=0.0,
        le=3650.0,
        description="Days of its own need a pack keeps before it gives to a hungry neighbour.",
    )
    share_part: Fraction = Field(
        0.5,
        description="Share of its store beyond those days a giving pack hands over in a week, "
        "split among the hungry packs it feeds.",
    )
    share_grievance_below: Fraction = Field(
        0.3, description="Grievance against the hungry pack at which a pack still gives."
    )


class ReproductionRules(Strict):
    """R6, R28: who can carry, conception, gestation, litters, and who minds the pups."""

    carriers_female: Designations = Field(
        default_factory=_all_designations,
        description="Female designations that can carry pups.",
    )
    carriers_male: Designations = Field(
        default_factory=_omega_only, description="Male designations that can carry pups."
    )
    conception_per_day: Fraction = Field(
        0.004, description="Daily chance that a mated carrier conceives, when it can."
    )
    fertile_until_years: Years = Field(
        45.0,
        description="Age after which a carrier no longer conceives, in years (conception "
        "begins at adulthood, rules.life.adult_years).",
    )
    breeding_seasons: Seasons = Field(
        default_factory=list, description="Seasons in which conception happens (empty = any)."
    )
    leaders_only: bool = Field(
        False, description="Only the pack alpha's pair breeds (as in real wolf packs)."
    )
    hungry_conception: Fraction = Field(
        1.0,
        description="Conception chance in a hungry pack, relative to a fed one (real packs "
        "short of prey often skip a year's litter).",
    )
    withdrawn_conception: Fraction = Field(
        1.0,
        description="Conception chance of a withdrawn carrier (R44), relative to a well one: a "
        "wolf who hardly eats and keeps apart seldom conceives until it recovers.",
    )
    gestation_days: StrictInt = Field(
        273,
        ge=1,
        le=730,
        description="Days from conception to birth (63 in wolves, about 273 human-like).",
    )
    litter_mean: StrictFloat = Field(
        0.15, ge=0.0, le=20.0, description="Mean litter size beyond the first pup (Poisson)."
    )
    rest_days: StrictInt = Field(
        364, ge=0, le=3650, description="Days after a birth before the parent can conceive again."
    )
    carers_per_young: Fraction = Field(
        0.25, description="Adults given the childcare role per young wolf in the pack (R28)."
    )


class MortalityRules(Strict):
    """Background deaths by life stage (besides old age, wounds, starvation and battle)."""

    young_annual: Fraction = Field(0.01, description="Yearly death chance of the unpresented.")
    adult_annual: Fraction = Field(0.005, description="Yearly death chance of presented adults.")
    disperser_annual: Fraction = Field(
        0.2,
        description="Yearly death chance of a disperser on the road (a runaway keeps its home "
        "pack's hazard).",
    )
    young_care_benefit: Fraction = Field(
        0.5, description="Share of the young's risk removed when the pack has enough carers."
    )


class BreederRules(Strict):
    """The ecological layer of pack life: a leaderless pack's breeder is replaced and paired."""

    pairing: bool = Field(
        False, description="An unmated pack alpha pairs with an unrelated adult of the pack."
    )
    pair_per_day: Fraction = Field(0.05, description="Daily chance of such a pairing.")


class AcceptanceRules(Strict):
    """R40: how a pack comes to accept a newcomer, or keeps it on the margin."""

    enabled: bool = Field(True, description="Newcomers' acceptance changes week by week.")
    pace: Fraction = Field(
        0.04, description="Weekly share of the way to full acceptance a typical newcomer gains."
    )
    pace_spread: StrictFloat = Field(
        0.8,
        ge=0.0,
        le=3.0,
        description="Spread (log scale) of each wolf's own pace: some integrate fast, some never.",
    )
    stigma_weight: Fraction = Field(
        0.03,
        description="Weekly acceptance lost to full stigma in a pack of full outsider hostility.",
    )
    omega_weight: Fraction = Field(
        0.01, description="Weekly acceptance an omega loses to a pack's full omega contempt."
    )
    stigma_fade: Fraction = Field(0.01, description="Weekly share of its stigma a wolf loses.")
    stranger_start: Fraction = Field(
        0.5, description="Acceptance of a stranger who joins a pack where nobody knows it."
    )
    integrated_at: Fraction = Field(
        0.75, description="Acceptance at which a newcomer counts as integrated."
    )
    contacts_for_full_pace: StrictFloat = Field(
        3.0,
        ge=0.1,
        le=7.0,
        description="Contacts in a week for a newcomer to gain acceptance at its full pace.",
    )
    envy_weight: Fraction = Field(
        0.02,
        description="Weekly acceptance lost to envy when its mate is esteemed wholly above it.",
    )


class DispersalRules(Strict):
    """Natal dispersal: young wolves leave packs over a size cap and settle elsewhere."""

    enabled: bool = Field(False, description="Young wolves leave crowded packs.")
    cap_mean: StrictFloat = Field(
        4.4, ge=1.0, le=1000.0, description="Mean of the pack size cap, drawn per pack."
    )
    cap_sd: StrictFloat = Field(1.25, ge=0.0, le=1000.0, description="Spread of the cap.")
    age_years_min: Years = Field(0.8, description="Youngest age at which a wolf disperses.")
    age_years_max: Years = Field(3.0, description="Oldest age at which a wolf disperses.")
    annual_rate: Fraction = Field(
        0.7, description="Yearly chance that an eligible wolf in a pack over its cap leaves."
    )
    annual_rate_under_cap: Fraction = Field(
        0.0,
        description="Yearly chance that an eligible wolf leaves a pack at or below its cap "
        "(real yearlings mostly leave whatever the pack's size).",
    )
    season_weights: BySeason = Field(
        default_factory=lambda: BySeason(spring=2.0, summer=0.4, autumn=1.0, winter=0.6),
        description="Relative leaving rate by season (real peaks: late winter to spring).",
    )
    join_per_day: Fraction = Field(
        0.01, description="Daily chance a disperser is adopted by a pack below its cap."
    )
    pair_per_day: Fraction = Field(
        0.01, description="Daily chance a disperser pairs with another and founds a pack."
    )
    emigrate_per_day: Fraction = Field(
        0.0,
        description="Daily chance a disperser leaves the modelled land for good (an open "
        "population, as real dispersers travel far beyond a study area).",
    )


class Rules(Strict):
    """All the rules of a world. Build one with :func:`packbond.rules.load_rules`."""

    preset: str = Field("seed", description="Name of the preset these rules started from.")
    calendar: CalendarRules = Field(default_factory=CalendarRules)
    designation: DesignationRules = Field(default_factory=DesignationRules)
    presenting: PresentingRules = Field(default_factory=PresentingRules)
    life: LifeRules = Field(default_factory=LifeRules)
    lifespan: LifespanRules = Field(default_factory=LifespanRules)
    ties: TieRules = Field(default_factory=TieRules)
    heat: HeatRules = Field(default_factory=HeatRules)
    rut: RutRules = Field(default_factory=RutRules)
    forms: FormRules = Field(default_factory=FormRules)
    seasons: SeasonRules = Field(default_factory=SeasonRules)
    hunting: HuntingRules = Field(default_factory=HuntingRules)
    wounds: WoundRules = Field(default_factory=WoundRules)
    gathering: GatheringRules = Field(default_factory=GatheringRules)
    food: FoodRules = Field(default_factory=FoodRules)
    reproduction: ReproductionRules = Field(default_factory=ReproductionRules)
    mortality: MortalityRules = Field(default_factory=MortalityRules)
    dispersal: DispersalRules = Field(default_factory=DispersalRules)
    acceptance: AcceptanceRules = Field(default_factory=AcceptanceRules)
    breeders: BreederRules = Field(default_factory=BreederRules)
    contact: ContactRules = Field(default_factory=ContactRules)
    gossip: GossipRules = Field(default_factory=GossipRules)
    jealousy: JealousyRules = Field(default_factory=JealousyRules)
    blame: BlameRules = Field(default_factory=BlameRules)
    keep_away: KeepAwayRules = Field(default_factory=KeepAwayRules)
    violence: ViolenceRules = Field(default_factory=ViolenceRules)
    submission: SubmissionRules = Field(default_factory=SubmissionRules)
    voice: VoiceRules = Field(default_factory=VoiceRules)
    scent: ScentRules = Field(default_factory=ScentRules)
    wellbeing: WellbeingRules = Field(default_factory=WellbeingRules)
    rank: RankRules = Field(default_factory=RankRules)
    courtship: CourtshipRules = Field(default_factory=CourtshipRules)
    arranged: ArrangedRules = Field(default_factory=ArrangedRules)
    ceremony: CeremonyRules = Field(default_factory=CeremonyRules)
    bond: BondRules = Field(default_factory=BondRules)
    leaving: LeavingRules = Field(default_factory=LeavingRules)
    conflict: ConflictRules = Field(default_factory=ConflictRules)
    war: WarRules = Field(default_factory=WarRules)
