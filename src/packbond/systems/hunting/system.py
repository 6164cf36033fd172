"""Hunting: the step the engine calls and its helpers; the package describes the rules."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from packbond.core import rng
from packbond.core.calendar import SEASONS
from packbond.core.context import Context
from packbond.rules import Rules
from packbond.rules.derived import kernel_rules, once_per_rules
from packbond.shared import body, life, ties
from packbond.state import DESIGNATIONS, WOUND_SITES, Designation, Form, Memory, Role, World

from . import kernel

__all__ = ["step"]

_WINTER = SEASONS.index("winter")


def step(world: World, ctx: Context) -> None:
    """Send out the hunting parties due today."""
    w, r = world.wolves, world.rules.hunting
    party, solo, hunts = _choose_party(world, ctx)
    if len(party) == 0:
        return
    season = world.calendar.season(ctx.day)
    success, food, hurt = _outcomes(world, ctx, party, solo, hunts, season)
    hunt_ids = ctx.emit(
        "hunt",
        party[hunts.first],
        pack=hunts.packs,
        detail=success.astype(np.int64),
        value=np.round(food, 1),
    )
    body.shift(world, ctx, party, Form.WOLF)
    body.reopen_if_active(world, ctx, party, "reopen_hunt")
    injured = hurt.rows
    injured_ids = np.zeros(0, dtype=np.int64)
    if len(injured):
        cause = hunt_ids[hurt.hunt]
        injured_ids = body.wound(world, ctx, injured, hurt.severity, hurt.site, cause)
    _assist(world, ctx, party, injured, injured_ids, season)
    w.familiarity[party] = np.minimum(1.0, w.familiarity[party] + r.familiarity_per_hunt)
    w.roles[party] |= Role.HUNTER


def _choose_party(
    world: World, ctx: Context
) -> tuple[NDArray[np.int64], NDArray[np.bool_], kernel.Hunts]:
    """Party members (grouped by pack), whether each chases alone, and the hunting packs.

    The choice, in one compiled pass (:func:`.kernel.hunting_parties`): each living
    pack is due about once every ``interval_days`` (a keyed draw per pack); the able
    members of a due pack (presented, not disabled, not carrying) who go out; a withdrawn wolf
    skips outings (R44) unless the pack is short of food or he has something to prove to his
    mate, and a wounded one rests its wound unless food is short. The pack's hunters go; when
    the hunt needs more hands (food short, or the season's prey lean) the others may volunteer,
    the readier for boldness, low esteem and hunger. A poor hunter whose mate, in the pack, is a
    hunter may go out to prove himself to that mate (R30): the wish grows with his unskill and
    the mate's attention, makes him the keenest volunteer, sends him after prey alone, and holds
    only where his mate is in the party. Places go to the most skilled (with some luck) up to
    ``party_max``, and those kept for volunteers to the keenest; an unsure volunteer may chase
    alone.
    """
    w, p, rules = world.wolves, world.packs, world.rules
    season = world.calendar.season(ctx.day)
    party, solo, packs, first, skill = kernel.hunting_parties(
        w.bundle(kernel.HunterColumns),
        p.bundle(kernel.PackColumns),
        world.seed_keys,
        world.regions.prey[p.view("region"), season],
        _hunters(rules, season == _WINTER),
        world.members_by_pack(),
        _party_rules(rules)._replace(
            day=ctx.day, retired_born_by=ctx.day - life.to_days(rules, rules.life.retire_years)
        ),
    )
    return party, solo, kernel.Hunts(packs, first, skill)


@once_per_rules
def _party_rules(rules: Rules) -> kernel.PartyRules:
    """The party choice's rules (for day 0: the step gives the day)."""
    r = rules.hunting
    return kernel_rules(
        kernel.PartyRules,
        r,
        rules.wounds,
        rules.food,
        unpresented=int(Designation.UNPRESENTED),
        hunt_chance=1.0 / r.interval_days,
        day=0,
        retired_born_by=-life.to_days(rules, rules.life.retire_years),
        key_hunt=rng.purpose_key("hunt"),
        key_prove=rng.purpose_key("prove_to_mate"),
        key_volunteer=rng.purpose_key("volunteer"),
        key_pick=rng.purpose_key("party_pick"),
        key_solo=rng.purpose_key("solo_chase"),
    )


@once_per_rules
def _hunters(rules: Rules, winter: bool) -> NDArray[np.bool_]:
    """Which designation codes hunt by default (the winter's, in winter, where the rules name
    them), made once per rules object and season kind, not every day."""
    r = rules.hunting
    names = r.hunter_designations
    if winter and r.winter_hunter_designations is not None:
        names = r.winter_hunter_designations
    is_hunter = np.zeros(len(DESIGNATIONS), dtype=bool)
    is_hunter[[DESIGNATIONS.index(d) for d in names]] = True
    return is_hunter


class _Hurt(NamedTuple):
    """The hunters hurt today: rows, their wounds' severity and site, the hunt of each."""

    rows: NDArray[np.int64]
    severity: NDArray[np.float64]
    site: NDArray[np.int64]
    hunt: NDArray[np.int64]


def _outcomes(
    world: World,
    ctx: Context,
    party: NDArray[np.int64],
    solo: NDArray[np.bool_],
    hunts: kernel.Hunts,
    season: int,
) -> tuple[NDArray[np.bool_], NDArray[np.float64], _Hurt]:
    """Each hunt's success and food (the packs' stores fed), and who of the party is hurt.

    Success grows with party size and skill and follows the season's prey, thinned where a
    region holds more packs than territories, and snow (a rule); injury risk grows with snow,
    unfamiliar ground, lack of skill, chasing alone and the rut. One compiled pass
    (:func:`.kernel.hunt_outcomes`), as in NumPy the formulas over the day's few dozen
    hunts are a fixed cost of every day.
    """
    w, p, regions, rules = world.wolves, world.packs, world.regions, world.rules
    success, food, rows, severity, site, hunt = kernel.hunt_outcomes(
        p.bundle(kernel.PackColumns),
        w.bundle(kernel.InjuryColumns),
        kernel.RegionColumns(
            np.ascontiguousarray(regions.prey[:, season]),
            regions.territories,
            regions.winter_severity,
            regions.terrain_hazard,
        ),
        world.seed_keys,
        party,
        solo,
        hunts,
        _outcome_rules(rules, season, len(regions.names))._replace(day=ctx.day),
    )
    return success, food, _Hurt(rows, severity, site, hunt)


@once_per_rules
def _outcome_rules(rules: Rules, season: int, regions: int) -> kernel.OutcomeRules:
    """The outcomes' rules in a season, over ``regions`` regions (for day 0: the step gives the
    day), with a kill's food by party size."""
    r, rut = rules.hunting, rules.rut
    largest = r.party_max + r.volunteer_places
    # NumPy's power, not the compiled one, so every size's food has the NumPy formula's bits.
    table = r.kill_food * np.arange(largest + 1).astype(np.float64) ** r.kill_party_exponent
    s = rules.seasons
    return kernel_rules(
        kernel.OutcomeRules,
        r,
        winter=season == _WINTER,
        snow_effect=(-1.0 if s.winter_hunting == "harder" else 1.0) * s.snow_effect,
        food_by_size=table,
        rut=rut.enabled,
        rut_injury=rut.injury_multiplier,
        strong_sites=len(WOUND_SITES),
        regions=regions,
        day=0,
        key_success=rng.purpose_key("hunt_success"),
        key_injury=rng.purpose_key("hunt_injury"),
        key_severity=rng.purpose_key("injury_severity"),
        key_site=rng.purpose_key("injury_site"),
    )


def _assist(
    world: World,
    ctx: Context,
    party: NDArray[np.int64],
    victims: NDArray[np.int64],
    injured_ids: NDArray[np.int64],
    season: int,
) -> None:
    """Each hurt hunter may be helped by the party member closest to them (R31)."""
    w, p, r = world.wolves, world.packs, world.rules.hunting
    if len(victims) == 0 or (r.assist_chance == 0.0 and r.assist_bond == 0.0):
        return  # no one is willing at all: every margin below would be at most 0
    party_pack = w.pack[party]
    # Willingness by affinity, kindness and a mate's bond; the pick per victim, compiled.
    helpers, helped_of = kernel.best_helpers(
        w.bundle(kernel.HelperColumns),
        world.seed_keys,
        party,
        victims,
        np.searchsorted(party_pack, w.pack[victims], side="left"),
        np.searchsorted(party_pack, w.pack[victims], side="right"),
        kernel_rules(kernel.AssistRules, r, day=ctx.day, key_assist=rng.purpose_key("assist")),
    )
    if len(helpers) == 0:
        return
    helped = victims[helped_of]
    ids = ctx.emit(
        "assisted", helpers, target=helped, pack=w.pack[helpers], cause=injured_ids[helped_of]
    )
    ties.remember(
        world,
        helped,
        helpers,
        affinity=r.rescue_affinity,
        trust=r.rescue_trust,
        memory=Memory.RESCUE,
        event=ids,
    )
    region = p.region[w.pack[helpers]]
    snow = world.regions.winter_severity[region] if season == _WINTER else 0.0
    risk = r.assist_injury * r.assist_terrain * world.regions.terrain_hazard[region] * (1.0 + snow)
    hurt = ctx.draw("assist_injury", helpers) < risk
    if hurt.any():
        hurt_rows = helpers[hurt]
        severity = r.injury_severity * (0.8 + ctx.draw("assist_severity", hurt_rows))
        flank = np.full(len(hurt_rows), 2, dtype=np.int64)
        body.wound(world, ctx, hurt_rows, severity, flank, ids[hurt])
        # The pack will lay this wound at the door of the wolf who needed help (R42).
        w.harmed_for[hurt_rows] = helped[hurt]
        w.harmed_event[hurt_rows] = ids[hurt]
