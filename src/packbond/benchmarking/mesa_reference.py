"""The benchmark rule set written idiomatically in Mesa 3: the yardstick packbond is timed against.

Why it exists: packbond's speed only means something next to what a modeller would otherwise
write, and that is a Mesa model: a ``Wolf`` and a ``Pack`` agent with a method per phase, the
model's day calling them through ``AgentSet.do``/``shuffle_do``/``select``/``groupby``, the
model's own ``random`` for every draw and a ``DataCollector`` for the weekly means. It runs the
rules of ``docs/benchmark-rules.md`` (hunting, wounds and healing, daily contact with acceptance
and wellbeing, courtship, ceremonies and the bond, reproduction, mortality) with the numbers read
from packbond's own rules object, starting from the very wolves of packbond's benchmark world, so
that only the randomness differs and the two can be compared statistically.

It is plain Python on purpose (no NumPy inside the agents): that is how Mesa models are written,
and it is what the comparison measures. It is not made slow either: each agent keeps its ties in
a dict and its pack keeps a member list.
"""

from __future__ import annotations

import math
from typing import Any

import mesa

from ..rules import Rules
from .subset import PackState, StartState, WolfState

__all__ = ["BenchmarkModel", "Pack", "Wolf"]

_UNPRESENTED, _ALPHA, _BETA, _OMEGA = 0, 1, 2, 3
_WINTER = 3
_WEEK = 7
_DESIGNATIONS = ("unpresented", "alpha", "beta", "omega")
_BITE_ORDER = (9, 0, 1, 2)
"""Who bites at a ceremony: an alpha, else a beta, else an omega (unpresented last)."""
_TRAIT_SPREAD = 0.18
_TRAITS = ("kindness", "ambition", "boldness", "anxiety", "hunting_skill", "esteem", "security")


def _clip(x: float, lo: float, hi: float) -> float:
    return hi if x > hi else lo if x < lo else x


class Pack(mesa.Agent):
    """A pack: its members, its region, its food and its norms; it goes hunting."""

    model: BenchmarkModel

    def __init__(self, model: BenchmarkModel, state: PackState) -> None:
        super().__init__(model)
        self.region = state.region
        self.hospital = state.hospital
        self.food = state.food
        self.hostility = state.outsider_hostility
        self.omega_penalty = state.omega_status_penalty
        self.members: list[Wolf] = []

    def hunt(self) -> None:
        """About once every ``interval_days``: a party of able hunters goes out (R29)."""
        m = self.model
        r = m.rules.hunting
        if self.random.random() >= 1.0 / r.interval_days:
            return
        season = m.season
        disabled = m.rules.wounds.disabled_above
        hunters = m.winter_hunters if season == _WINTER else m.hunters
        # Able, unwounded, not carrying, not withdrawn; then the best by skill and luck.
        scored = [
            (w.hunting_skill + r.pick_luck * self.random.random(), w)
            for w in self.members
            if w.designation in hunters
            and m.day - w.birth_day < m.retire_days
            and w.wound == 0.0
            and w.wound < disabled
            and w.due_day < 0
            and not w.withdrawn
        ]
        if not scored:
            return
        scored.sort(key=lambda sw: -sw[0])
        party = [w for _, w in scored[: r.party_max]]
        size = len(party)
        skill = sum(w.hunting_skill for w in party) / size
        prey = m.prey[self.region][season] * m.crowding[self.region]
        chance = r.base_success + r.party_bonus * (size - 1) + r.skill_weight * (skill - 0.5)
        chance *= 1.0 - r.prey_weight + r.prey_weight * prey
        snow = m.winter_severity[self.region] if season == _WINTER else 0.0
        if season == _WINTER:
            chance *= 1.0 + m.snow_sign * m.rules.seasons.snow_effect * snow
        m.hunts += 1
        if self.random.random() < _clip(chance, 0.0, r.success_cap):
            m.kills += 1
            self.food += r.kill_food * size**r.kill_party_exponent
        hazard = r.terrain_injury * m.terrain_hazard[self.region]
        for w in party:
            risk = (
                r.injury_base
                * (1.0 + r.snow_injury * snow)
                * (1.0 + r.unfamiliar_injury * (1.0 - w.familiarity))
                * (r.unskilled_injury - w.hunting_skill)
                * hazard
            )
            if self.random.random() < risk:
                w.take_wound(r.injury_severity * (0.5 + self.random.random()))
            w.familiarity = min(1.0, w.familiarity + r.familiarity_per_hunt)


class Wolf(mesa.Agent):
    """A wolf: its traits, its moods, its ties (a dict of at most ``ties.slots`` others)."""

    model: BenchmarkModel
    kindness: float
    ambition: float
    boldness: float
    anxiety: float
    hunting_skill: float
    esteem: float
    security: float

    def __init__(self, model: BenchmarkModel, pack: Pack | None, **state: Any) -> None:
        super().__init__(model)
        self.pack = pack
        self.sex: int = state["sex"]
        self.designation: int = state["designation"]
        self.birth_day: int = state["birth_day"]
        self.eligible: bool = state["eligible"]
        for trait in _TRAITS:
            setattr(self, trait, state[trait])
        self.wellbeing: float = state["wellbeing"]
        self.acceptance: float = state.get("acceptance", 1.0)
        self.stigma: float = state.get("stigma", 0.0)
        self.familiarity: float = state.get("familiarity", 0.8)
        self.stress: float = state.get("stress", 0.0)
        self.hunger: float = state.get("hunger", 0.0)
        self.wound: float = state.get("wound", 0.0)
        self.bleeding: bool = state.get("bleeding", False)
        self.withdrawn: bool = state.get("withdrawn", False)
        self.dark: bool = state.get("dark", False)
        self.low_weeks: int = state.get("low_weeks", 0)
        self.bond: float = state.get("bond", 0.0)
        self.attention: float = state.get("attention", 1.0)
        self.due_day: int = state.get("due_day", -1)
        self.rest_until: int = state.get("rest_until", 0)
        self.ceremony_day: int = state.get("ceremony_day", -1)
        self.high_rank: bool = state.get("high_rank", False)
        self.mate: Wolf | None = None
        self.mother: Wolf | None = None
        self.father: Wolf | None = None
        self.sire: Wolf | None = None
        self.marked_by: Wolf | None = None
        self.betrothed: Wolf | None = None
        self.ties: dict[Wolf, list[float]] = {}
        """Other wolf -> [affinity, trust, fear]."""
        # Each wolf's own pace of being accepted: one draw for life (R40).
        self.pace_z = self.random.gauss(0.0, 1.0)
        self.support = 0.0
        self.hurt = 0.0
        self.contacts = 0
        self.contact_sum = 0.0
        self.present = False
        self.courting = False
        self.asked = False
        self.pending_wellbeing = 0.0
        self.hazard = 0.0
        self.alive = True

    # -- ties --------------------------------------------------------------------------------

    def tie(self, other: Wolf) -> list[float]:
        """The tie to ``other``, made if missing; the weakest tie is forgotten to make room."""
        t = self.ties.get(other)
        if t is None:
            if len(self.ties) >= self.model.rules.ties.slots:
                weakest = min(self.ties, key=lambda o: abs(self.ties[o][0]) + sum(self.ties[o][1:]))
                del self.ties[weakest]
            t = self.ties[other] = [0.0, 0.0, 0.0]
        return t

    def feeling(self, other: Wolf | None, what: int) -> float:
        """Affinity (0), trust (1) or fear (2) toward ``other``; 0 without a tie."""
        t = self.ties.get(other) if other is not None else None
        return t[what] if t is not None else 0.0

    def beside(self, other: Wolf | None) -> bool:
        """Whether ``other`` is a living wolf in this wolf's pack."""
        return (
            other is not None and other.alive and self.pack is not None and other.pack is self.pack
        )

    def is_kin(self, other: Wolf) -> bool:
        """Parent and child, or siblings through a known parent."""
        return (
            self.mother is other
            or self.father is other
            or other.mother is self
            or other.father is self
            or (self.mother is not None and self.mother is other.mother)
            or (self.father is not None and self.father is other.father)
        )

    def left_a_mate(self) -> bool:
        """Unmated, bearing the mark of a mate who still lives (R38)."""
        return self.marked_by is not None and self.marked_by.alive

    # -- health ------------------------------------------------------------------------------

    def take_wound(self, severity: float) -> None:
        """A new wound adds to any open one, and bleeds."""
        self.wound = min(1.0, self.wound + severity)
        self.bleeding = True
        self.model.injuries += 1

    def heal(self) -> None:
        """A bleeding wound worsens until it stops; a clean one heals; a grave one may kill."""
        r = self.model.rules.wounds
        hospital = self.pack is not None and self.pack.hospital
        rate = r.heal_per_day * (r.hospital_multiplier if hospital else 1.0)
        was_bleeding = self.bleeding
        self.wound = _clip(self.wound + (r.bleeding_harm if was_bleeding else -rate), 0.0, 1.0)
        if was_bleeding and self.random.random() < r.bleeding_stops:
            self.bleeding = False
        if self.wound <= 0.0:
            self.bleeding = False
            self.model.healed += 1
        elif self.wound > r.deadly_above:
            risk = r.death_per_day * (self.wound - r.deadly_above) / (1.0 - r.deadly_above)
            if self.random.random() < risk:
                self.model.bury(self)

    # -- contact -----------------------------------------------------------------------------

    def start_day(self) -> None:
        """Support fades; the wolf decides whether it goes among its pack today (R43)."""
        c = self.model.rules.contact
        self.support *= 1.0 - c.support_fade
        self.present = False
        if self.pack is None or len(self.pack.members) < 2:
            return
        if self.withdrawn:
            chance = c.attend_withdrawn
        else:
            chance = c.attend * (1.0 - c.attend_acceptance * (1.0 - self.acceptance))
        self.present = self.random.random() < chance

    def quality(self, by: Wolf) -> float:
        """How warmly ``by`` treats this wolf: pack norms, kindness, esteem, and the day (R26)."""
        c = self.model.rules.contact
        assert self.pack is not None
        q = c.warmth + c.kindness_weight * 2.0 * (by.kindness - 0.5)
        q += c.esteem_weight * 2.0 * (self.esteem - 0.5)
        q -= c.hostility_weight * self.pack.hostility * (1.0 - self.acceptance)
        if self.designation == _OMEGA:
            q -= c.omega_weight * self.pack.omega_penalty
        q += c.noise * (2.0 * self.random.random() - 1.0)
        return _clip(q, -1.0, 1.0)

    def felt(self, q: float) -> float:
        """Affection lands weakly on an insecure wolf (R45)."""
        floor = self.model.rules.wellbeing.security_floor
        return q * (floor + (1.0 - floor) * self.security) if q > 0 else q

    def learn(self, other: Wolf, felt: float) -> None:
        """Move the tie to ``other`` toward how the contact felt."""
        c = self.model.rules.contact
        t = self.tie(other)
        t[0] += c.learning * (felt - t[0])
        t[1] += c.trust_learning * felt * ((1.0 - t[1]) if felt > 0 else t[1])

    def seek_contact(self) -> None:
        """Seek out one packmate at random; if both are about, both learn from it."""
        assert self.pack is not None
        c = self.model.rules.contact
        members = self.pack.members
        k = int(self.random.random() * len(members))
        other = members[k]
        if other is self:
            other = members[(k + 1) % len(members)]
        if not other.present:
            return
        self.contacts += 1
        q = self.quality(other)
        q_back = other.quality(self)
        felt, felt_back = self.felt(q), other.felt(q_back)
        self.learn(other, felt)
        other.learn(self, felt_back)
        self.support += c.support_fade * felt
        other.support += c.support_fade * felt_back
        self.contact_sum += q

    # -- the week: acceptance, wellbeing -----------------------------------------------------

    def weekly_acceptance(self) -> None:
        """Acceptance moves toward 1 at the wolf's own pace, with its contacts (R40)."""
        contacts, contact_sum = self.contacts, self.contact_sum
        self.contacts, self.contact_sum = 0, 0.0
        if self.pack is None or self.acceptance >= 1.0:
            return
        r = self.model.rules.acceptance
        among = min(1.0, contacts / r.contacts_for_full_pace)
        warmth = self.model.rules.contact.acceptance_weight * contact_sum
        envy = 0.0
        if self.beside(self.mate):
            assert self.mate is not None
            envy = r.envy_weight * max(self.mate.esteem - self.esteem, 0.0)
        pace = min(1.0, r.pace * math.exp(r.pace_spread * self.pace_z - r.pace_spread**2 / 2))
        loss = r.stigma_weight * self.stigma * self.pack.hostility
        if self.designation == _OMEGA:
            loss += r.omega_weight * self.pack.omega_penalty
        acc = self.acceptance
        self.acceptance = _clip(acc + pace * among * (1.0 - acc) + warmth - loss - envy, 0.0, 1.0)
        self.stigma *= 1.0 - r.stigma_fade

    def weekly_wellbeing(self) -> None:
        """Wellbeing moves toward a set point made of the wolf's life; moods at the edges (R44)."""
        r = self.model.rules.wellbeing
        mate_support = 0.0
        with_mate = self.beside(self.mate)
        if with_mate:
            assert self.mate is not None
            liking = max(self.feeling(self.mate, 0), 0.0)
            mate_support = liking * self.feeling(self.mate, 1) * self.mate.attention
        set_point = (
            r.set_point
            + r.support_weight * self.support
            + r.mate_weight * mate_support
            - r.hunger_weight * self.hunger
            - r.wound_weight * self.wound
            - r.stress_weight * self.stress
        )
        new = _clip(self.wellbeing + r.pull * (set_point - self.wellbeing) - self.hurt, 0.0, 1.0)
        self.wellbeing = new
        self.hurt = 0.0
        self.security += r.security_mend * max(self.support, 0.0) * (1.0 - self.security)
        self.stress *= 1.0 - r.stress_fade
        starts = not self.withdrawn and new < r.withdraw_below
        ends = self.withdrawn and new > r.recover_above
        low = self.withdrawn and not ends and new < r.dark_below
        self.low_weeks = self.low_weeks + 1 if low else 0
        if low and not self.dark and self.low_weeks >= r.dark_weeks:
            self.dark = True
        if ends:
            self.withdrawn = self.dark = False
        if starts:
            self.withdrawn = True
            self.model.withdrew += 1
            # R3: the inner wolf still wants its mate while the wolf keeps away.
            if with_mate and self.feeling(self.mate, 0) > 0:
                self.stress = min(1.0, self.stress + r.inner_conflict)

    # -- courtship, ceremonies, the bond -----------------------------------------------------

    def is_free(self) -> bool:
        """In a pack, presented, an adult, eligible, unmated and promised to no one."""
        return (
            self.pack is not None
            and self.designation != _UNPRESENTED
            and self.model.day - self.birth_day >= self.model.adult_days
            and self.eligible
            and self.mate is None
            and self.betrothed is None
        )

    def consider_courting(self) -> None:
        """An unmated adult makes an offer this week with a chance raised by loneliness."""
        r = self.model.rules.courtship
        chance = r.offer_chance * (1.0 + r.lonely_weight * (1.0 - self.wellbeing))
        if self.left_a_mate():
            chance *= r.marked_factor
        self.courting = self.random.random() < chance
        self.asked = False

    def court(self) -> None:
        """Look over a few free packmates, ask the one it is most drawn to (R16)."""
        m = self.model
        r = m.rules.courtship
        assert self.pack is not None
        pool = m.free_by_pack[self.pack]
        best, best_score = None, -math.inf
        for _ in range(r.candidates):
            c = pool[min(int(self.random.random() * len(pool)), len(pool) - 1)]
            pull = m.pull[self.designation][c.designation]
            if c is self or pull <= 0 or self.is_kin(c):
                continue
            score = (
                r.affinity_weight * self.feeling(c, 0)
                + pull
                + r.esteem_weight * self.ambition * c.esteem
                - r.shun_weight * (1.0 - c.acceptance) * (1.0 - self.kindness)
                - r.age_gap_weight * abs(self.birth_day - c.birth_day) / m.days_per_decade
            )
            if c.left_a_mate():
                score *= r.marked_factor
            if score > best_score:
                best, best_score = c, score
        # Acquaintance first: a stranger is not asked. One offer per wolf asked; a wolf busy
        # courting is not asked this week.
        if best is None:
            return
        if self.feeling(best, 0) < r.ask_liking:
            self.courting = False  # it asks no one, so it may be asked
            return
        if best.courting or best.asked:
            return
        best.asked = True
        m.offers += 1
        best.answer(self)

    def answer(self, suitor: Wolf) -> None:
        """Weigh an offer: liking, trust, fear, hope, loneliness, the pull (R16, R17)."""
        m = self.model
        r, c = m.rules.courtship, m.rules.ceremony
        safety = r.accept_safety * suitor.high_rank
        logit = (
            r.accept_bias
            + r.accept_affinity * self.feeling(suitor, 0)
            + r.accept_trust * self.feeling(suitor, 1)
            + safety
            + r.accept_hope * (1.0 - self.acceptance) * suitor.esteem
            + r.accept_lonely * (1.0 - self.wellbeing)
            - r.accept_fear * self.feeling(suitor, 2)
            + r.accept_pull * m.pull[self.designation][suitor.designation]
            - r.shun_weight * (1.0 - suitor.acceptance) * (1.0 - self.kindness)
            - r.accept_age_gap * abs(self.birth_day - suitor.birth_day) / m.days_per_decade
        )
        chance = (r.marked_factor if self.left_a_mate() else 1.0) / (1.0 + math.exp(-logit))
        if self.random.random() < chance:
            span = c.delay_max_days - c.delay_min_days + 1
            delay = min(c.delay_min_days + int(self.random.random() * span), c.delay_max_days)
            self.betrothed, suitor.betrothed = suitor, self
            self.ceremony_day = suitor.ceremony_day = m.day + delay
        elif suitor.kindness < r.coercive_below:
            # A coercive suitor presses the refusal (R17).
            t = self.tie(suitor)
            t[0] = _clip(t[0] - r.pressed_trust, -1.0, 1.0)
            t[1] = _clip(t[1] - r.pressed_trust, 0.0, 1.0)
            t[2] = _clip(t[2] + r.pressed_fear, 0.0, 1.0)
            self.stress = min(1.0, self.stress + r.pressed_fear)

    def hold_ceremony(self) -> None:
        """On its day the ceremony completes the mating with the bite (R15, R18)."""
        other = self.betrothed
        if other is None or self.ceremony_day != self.model.day or self.pack is not other.pack:
            return
        m = self.model
        biter, bearer = self, other
        if _BITE_ORDER[other.designation] < _BITE_ORDER[self.designation]:
            biter, bearer = other, self
        biter.mate, bearer.mate = bearer, biter
        bearer.marked_by = biter
        for w in (biter, bearer):
            w.betrothed = None
            w.ceremony_day = -1
            w.bond = m.rules.bond.start
            w.attention = 1.0 - m.rules.bond.inattention * w.ambition
        m.matings += 1

    def feel_bond(self) -> None:
        """A mate's wound is felt as pain; part of the gap in wellbeing closes (R19)."""
        r = self.model.rules.bond
        mate = self.mate
        assert mate is not None
        if mate.wound >= r.pain_above:
            share = self.bond * mate.wound
            self.hurt += r.pain_share * share
            self.stress = min(1.0, self.stress + r.pain_stress * share)
        self.pending_wellbeing = r.contagion * self.bond * (mate.wellbeing - self.wellbeing)

    def settle_bond(self) -> None:
        """Apply what the bond carried today (both mates feel yesterday's other)."""
        self.wellbeing += self.pending_wellbeing

    def grow_bond(self) -> None:
        """Weekly: good weeks together grow the bond; a kind mate earns trust (R17, R20)."""
        r = self.model.rules.bond
        mate = self.mate
        assert mate is not None
        together = self.beside(mate)
        good = together and self.wellbeing > r.good_above and mate.wellbeing > r.good_above
        attention = 0.5 * (self.attention + mate.attention)
        strength = self.bond
        if good:
            strength += r.growth * attention * (1.0 - strength)
        if not together:
            strength -= r.apart_fade
        self.bond = _clip(strength, r.floor, 1.0)
        kind = mate.kindness >= self.model.rules.courtship.coercive_below
        step = r.consent_trust if kind else -r.consent_trust
        if together:
            t = self.tie(mate)
            t[1] = _clip(t[1] + step, 0.0, 1.0)
            gain = step * (1.0 - self.security) if kind else step * self.security
            self.security = _clip(self.security + gain, 0.0, 1.0)

    # -- life and death ----------------------------------------------------------------------

    def refresh_hazard(self) -> None:
        """The daily hazard of old age (Gompertz) and of its life stage, refreshed weekly."""
        m = self.model
        life, mort = m.rules.lifespan, m.rules.mortality
        per_year = m.days_per_year
        age = m.day - self.birth_day
        if age + _WEEK >= life.max_age_years * per_year:
            self.hazard = math.inf
            return
        onset = life.senescence_onset_years * per_year
        old = 0.0
        if age >= onset:
            years_past = (age - onset) / per_year
            old = life.senescence_annual_hazard * 2.0 ** (
                years_past / life.senescence_doubling_years
            )
        stage = mort.young_annual if self.designation == _UNPRESENTED else mort.adult_annual
        self.hazard = sum(-math.log1p(-min(y, 1 - 1e-12)) / per_year for y in (old, stage))

    def age_a_day(self) -> None:
        """Die of old age or illness with the day's hazard."""
        if self.random.random() < -math.expm1(-self.hazard):
            self.model.bury(self)

    def reproduce(self) -> None:
        """A mated carrier may conceive; a litter is born when it is due (R6)."""
        m = self.model
        r = m.rules.reproduction
        if self.due_day == m.day:
            self.due_day = -1
            self.give_birth()
            return
        if (
            self.mate is None
            or not self.eligible
            or self.due_day >= 0
            or self.rest_until > m.day
            or self.designation not in m.carriers[self.sex]
            or not m.adult_days <= m.day - self.birth_day < m.fertile_days
        ):
            return
        chance = r.conception_per_day * (r.withdrawn_conception if self.withdrawn else 1.0)
        if self.random.random() < chance:
            self.due_day = m.day + r.gestation_days
            self.sire = self.mate

    def give_birth(self) -> None:
        """A litter of 1 + Poisson(litter_mean) pups joins the pack."""
        m = self.model
        r = m.rules.reproduction
        litter = 1 + m.poisson(r.litter_mean)
        for _ in range(litter):
            traits = {t: _clip(self.random.gauss(0.5, _TRAIT_SPREAD), 0.0, 1.0) for t in _TRAITS}
            pup = Wolf(
                m,
                self.pack,
                sex=int(self.random.random() < 0.5),
                designation=_UNPRESENTED,
                birth_day=m.day,
                eligible=False,
                wellbeing=m.rules.wellbeing.set_point,
                **traits,
            )
            pup.mother, pup.father = self, self.sire
            pup.refresh_hazard()
            if self.pack is not None:
                self.pack.members.append(pup)
            m.births += 1
        self.rest_until = m.day + r.rest_days


class BenchmarkModel(mesa.Model):
    """The benchmark rule set as a Mesa model; one ``step`` is one day."""

    def __init__(self, start: StartState, rules: Rules, seed: int | None = None) -> None:
        super().__init__(seed=seed)
        self.rules = rules
        self.day = 0
        self.days_per_season = start.days_per_season
        self.days_per_year = 4 * start.days_per_season
        # Ages as the engine rounds them: up, so an age bound is never early.
        self.adult_days = math.ceil(rules.life.adult_years * self.days_per_year)
        self.fertile_days = math.ceil(rules.reproduction.fertile_until_years * self.days_per_year)
        self.days_per_decade = float(math.ceil(10.0 * self.days_per_year))
        self.retire_days = math.ceil(rules.life.retire_years * self.days_per_year)
        self.start_season = start.start_season
        self.prey = start.prey
        self.winter_severity = start.winter_severity
        self.terrain_hazard = start.terrain_hazard
        self.snow_sign = -1.0 if rules.seasons.winter_hunting == "harder" else 1.0
        h = rules.hunting
        self.hunters = {_DESIGNATIONS.index(d) for d in h.hunter_designations}
        winter = h.winter_hunter_designations
        self.winter_hunters = (
            self.hunters if winter is None else {_DESIGNATIONS.index(d) for d in winter}
        )
        rep = rules.reproduction
        self.carriers = (
            {_DESIGNATIONS.index(d) for d in rep.carriers_female},
            {_DESIGNATIONS.index(d) for d in rep.carriers_male},
        )
        self.pull = rules.courtship.pull.matrix()
        self.hunts = self.kills = self.injuries = self.healed = self.births = 0
        self.offers = self.matings = self.withdrew = 0
        self.free_by_pack: dict[Pack, list[Wolf]] = {}
        packs = [Pack(self, p) for p in start.packs]
        per_region = [0] * len(start.territories)
        for p in packs:
            per_region[p.region] += 1
        self.crowding = [
            min(1.0, t / max(n, 1)) for t, n in zip(start.territories, per_region, strict=True)
        ]
        wolves = [self._wolf(s, packs) for s in start.wolves]
        for s, w in zip(start.wolves, wolves, strict=True):
            w.mate = wolves[s.mate] if s.mate >= 0 else None
            w.mother = wolves[s.mother] if s.mother >= 0 else None
            w.father = wolves[s.father] if s.father >= 0 else None
            w.marked_by = wolves[s.marked_by] if s.marked_by >= 0 else None
            w.betrothed = wolves[s.betrothed] if s.betrothed >= 0 else None
            w.ties = {wolves[o]: list(v) for o, v in s.ties.items()}
            w.refresh_hazard()
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "population": lambda m: len(m.wolves),
                "mean_wellbeing": lambda m: m.wolves.agg("wellbeing", _mean),
            }
        )

    def _wolf(self, s: WolfState, packs: list[Pack]) -> Wolf:
        fields = {k: v for k, v in vars(s).items() if k not in ("row", "pack", "ties")}
        pack = packs[s.pack] if s.pack >= 0 else None
        wolf = Wolf(self, pack, **fields)
        if pack is not None:
            pack.members.append(wolf)
        return wolf

    @property
    def wolves(self) -> mesa.agent.AgentSet:
        """The living wolves."""
        return self.agents_by_type[Wolf]

    @property
    def season(self) -> int:
        """Today's season (0 spring .. 3 winter)."""
        return ((self.day + self.start_season * self.days_per_season) // self.days_per_season) % 4

    def poisson(self, lam: float) -> int:
        """A Poisson count with the model's random (Knuth's product of uniforms)."""
        if lam <= 0:
            return 0
        limit, k, p = math.exp(-lam), 0, self.random.random()
        while p > limit:
            k += 1
            p *= self.random.random()
        return k

    def step(self) -> None:
        """One day, in packbond's schedule order."""
        week = self.day % _WEEK == 0
        wolves = self.wolves
        self.agents_by_type[Pack].shuffle_do("hunt")
        wolves.select(lambda w: w.wound > 0).do("heal")
        wolves.do("start_day")
        wolves.select(lambda w: w.present).shuffle_do("seek_contact")
        if week:
            wolves.do("weekly_acceptance")
            wolves.do("weekly_wellbeing")
            free = wolves.select(lambda w: w.is_free())
            self.free_by_pack = {
                pack: list(group) for pack, group in free.groupby("pack").groups.items()
            }
            free.shuffle_do("consider_courting")
            free.select(lambda w: w.courting).shuffle_do("court")
        wolves.select(lambda w: w.betrothed is not None).do("hold_ceremony")
        bonded = wolves.select(lambda w: w.mate is not None and w.bond > 0)
        bonded.do("feel_bond")
        bonded.do("settle_bond")
        if week:
            bonded.do("grow_bond")
            wolves.do("refresh_hazard")
        wolves.do("age_a_day")
        wolves.do("reproduce")
        if week:
            self.datacollector.collect(self)
        self.day += 1

    def bury(self, wolf: Wolf) -> None:
        """A wolf dies and leaves the model at once, taking no part in the rest of the day (as
        in packbond): its mate is widowed, its promise called off."""
        if wolf.mate is not None and wolf.mate.mate is wolf:
            wolf.mate.mate = None
            wolf.mate.bond = 0.0
        if wolf.betrothed is not None:
            wolf.betrothed.betrothed = None
            wolf.betrothed.ceremony_day = -1
        if wolf.pack is not None:
            wolf.pack.members.remove(wolf)
        wolf.alive = False
        wolf.remove()

    def summary(self, start: int) -> dict[str, float]:
        """The summary statistics of ``subset.STATISTICS``; ``start`` wolves at day 0."""
        wolves = list(self.wolves)
        in_pack = [w.acceptance for w in wolves if w.pack is not None]
        bonds = [w.bond for w in wolves if w.mate is not None]
        return {
            "population": len(wolves),
            "births": self.births,
            "deaths": start + self.births - len(wolves),
            "hunts": self.hunts,
            "kills_per_hunt": self.kills / max(self.hunts, 1),
            "injuries": self.injuries,
            "healed": self.healed,
            "offers": self.offers,
            "matings": self.matings,
            "withdrew": self.withdrew,
            "mean_wellbeing": _mean([w.wellbeing for w in wolves]),
            "mean_acceptance": _mean(in_pack),
            "mean_bond": _mean(bonds),
        }


def _mean(values: Any) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
