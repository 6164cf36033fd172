"""Population mechanics of the ecology preset: emigration, young adults' dispersal under the cap,
vacant breeding places, food and conception, one form only, and the death clock."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.state import DESIGNATIONS, Designation, Form, Role

from ..conftest import generated, run_only, set_rules, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}


def _dispersers(world_text: str, count: int = 400):  # type: ignore[no-untyped-def]
    world = world_of(world_text)
    w = world.wolves
    rows = np.flatnonzero(w.view("alive"))[:count]
    w.pack[rows] = -1
    w.mate[rows] = -1
    w.dispersing[rows] = True
    return world, rows


def test_dispersers_emigrate_and_are_gone_not_dead() -> None:
    """An open land: dispersers leave it at the daily rate; they are gone, with no death."""
    overrides = "[rules.overrides.dispersal]\nemigrate_per_day = 0.02\njoin_per_day = 0.0\n"
    world, rows = _dispersers(generated(100, preset="ecology", extra=overrides))
    engine = run_only(world, ["dispersal"], 60)
    ev = engine.log.drain()
    w = world.wolves
    gone = rows[w.gone_day[rows] >= 0]
    expected = 1 - (1 - 0.02) ** 60
    assert abs(len(gone) / len(rows) - expected) < 0.08
    assert not w.alive[gone].any() and (w.death_day[gone] == -1).all()
    assert np.sum(ev["kind"] == KIND["emigrated"]) == np.sum(w.view("gone_day") >= 0)
    assert np.sum(ev["kind"] == KIND["died"]) == 0


def test_no_one_emigrates_from_a_closed_land() -> None:
    """The seed preset's land is closed: nobody leaves it."""
    extra = "[rules.overrides.dispersal]\nenabled = true\n"
    world, rows = _dispersers(generated(60, preset="seed", extra=extra))
    run_only(world, ["dispersal"], 60)
    assert (world.wolves.gone_day[rows] == -1).all()


def test_young_adults_leave_packs_below_their_cap_only_where_the_rule_says() -> None:
    """Some young adults leave whatever the pack's size (``annual_rate_under_cap``), as real
    yearling wolves do; all are of the dispersal ages (ecology: 18 to 25)."""
    left = {}
    for rate in (0.0, 0.6):
        extra = f"[rules.overrides.dispersal]\ncap_mean = 1000.0\nannual_rate_under_cap = {rate}\n"
        world = world_of(generated(150, preset="ecology", extra=extra))
        ev = run_only(world, ["dispersal"], 364).log.drain()
        dispersed = ev["kind"] == KIND["dispersed"]
        left[rate] = int(np.sum(dispersed))
        ages = ev["value"][dispersed]
        assert (ages >= 18.0 - 0.05).all() and (ages <= 25.0 + 0.05).all()
    assert left[0.0] == 0 and left[0.6] > 50


def test_a_pack_that_lost_a_breeder_takes_in_a_disperser_even_when_full() -> None:
    """Dispersers fill vacant breeding places (Chapron et al. 2003)."""
    extra = "[rules.overrides.dispersal]\ncap_mean = 1.0\ncap_sd = 0.0\njoin_per_day = 0.5\n"
    world, _ = _dispersers(generated(80, preset="ecology", extra=extra), count=60)
    w, p = world.wolves, world.packs
    live = np.flatnonzero(p.view("alive") & (p.view("leader") >= 0))
    leaders = p.leader[live]
    widowed = live[: len(live) // 2]
    partners = w.mate[p.leader[widowed]]
    w.mate[partners[partners >= 0]] = -1
    w.mate[p.leader[widowed]] = -1
    ev = run_only(world, ["dispersal"], 10).log.drain()
    joined = ev["kind"] == KIND["settled"]
    assert joined.sum() > 0
    dest = ev["pack"][joined]
    assert np.isin(dest, p.id[widowed]).all()
    assert len(leaders) > 0


def test_hungry_packs_conceive_less_where_the_rule_says() -> None:
    """Packs short of prey often skip a year's birth (``hungry_conception``)."""
    conceived = {}
    for hungry in (False, True):
        world = world_of(generated(300, preset="ecology"))
        world.packs.hungry[: world.packs.size] = hungry
        # Summer, the ecology breeding season, with every pack's breeders mated.
        engine = run_only(world, ["reproduction"], 0)
        world.day = world.calendar.days_per_season
        for _ in range(60):
            engine.step()
        conceived[hungry] = int(np.sum(engine.log.drain()["kind"] == KIND["conceived"]))
    assert conceived[False] > 30
    assert conceived[True] < 0.6 * conceived[False]


def test_withdrawn_carriers_seldom_conceive_where_the_rule_says() -> None:
    """R44, R6: with ``withdrawn_conception`` a withdrawn carrier conceives far less often than
    a well one, and as often without the rule (over 120 days: only the carriers of 18 to 45
    conceive)."""
    conceived = {}
    for factor in (1.0, 0.1):
        world = world_of(generated(300))
        set_rules(world, "reproduction", withdrawn_conception=factor)
        w = world.wolves
        w.withdrawn[: w.size] = np.arange(w.size) % 2 == 0
        engine = run_only(world, ["reproduction"], 120)
        ev = engine.log.drain()
        carriers = ev["actor"][ev["kind"] == KIND["conceived"]]
        conceived[factor] = (int(np.sum(carriers % 2 == 0)), int(np.sum(carriers % 2 == 1)))
    withdrawn, well = conceived[1.0]
    assert well > 30 and withdrawn > 0.7 * well
    withdrawn, well = conceived[0.1]
    assert well > 30 and withdrawn < 0.3 * well


def test_without_two_forms_hunters_never_shift_or_tear() -> None:
    """One form (ecology's forms off): hunting never shifts anyone, so no wound tears."""
    world = world_of(generated(200, preset="ecology"))
    w = world.wolves
    rows = np.flatnonzero(w.view("alive"))
    w.wound[rows[::3]] = 0.3
    ev = run_only(world, ["hunting", "forms"], 60).log.drain()
    assert np.sum(ev["kind"] == KIND["hunt"]) > 100
    assert np.sum(ev["kind"] == KIND["shifted"]) == 0
    assert np.sum(ev["kind"] == KIND["wound_torn"]) == 0
    assert (w.form[rows] == Form.HUMAN).all()


def test_the_death_clock_gives_the_yearly_death_rate() -> None:
    """A yearly background risk of 0.2 kills about a fifth of the adults in a year."""
    extra = (
        "[rules.overrides.mortality]\nadult_annual = 0.2\nyoung_annual = 0.2\n"
        "disperser_annual = 0.2\n[rules.overrides.lifespan]\nsenescence_annual_hazard = 0.0\n"
    )
    world = world_of(generated(1000, preset="ecology", extra=extra))
    w = world.wolves
    young = np.flatnonzero(w.view("alive") & (-w.view("birth_day") < 364 * 5))
    run_only(world, ["mortality"], 364)
    share = 1 - w.alive[young].mean()
    assert abs(share - 0.2) < 0.02


def test_childcare_goes_to_non_hunters_first_then_to_hunters() -> None:
    """R28: the seed's carers are its non-hunters (omegas), kindest first; where everyone hunts
    (ecology), hunters care for the pups."""
    for preset in ("seed", "ecology"):
        world = world_of(generated(200, preset=preset))
        run_only(world, ["childcare"], 1)
        w = world.wolves
        carers = np.flatnonzero((w.view("roles") & Role.CARER) > 0)
        assert len(carers) > 20
        hunters = [DESIGNATIONS.index(d) for d in world.rules.hunting.hunter_designations]
        caring_hunters = np.isin(w.designation[carers], hunters)
        if preset == "seed":
            omegas_free = np.flatnonzero(
                w.view("alive")
                & (w.view("designation") == Designation.OMEGA)
                & ((w.view("roles") & Role.CARER) == 0)
            )
            # A hunter only cares in a pack whose omegas all care already.
            packs_with_free_omegas = set(w.pack[omegas_free].tolist())
            assert not set(w.pack[carers[caring_hunters]].tolist()) & packs_with_free_omegas
            assert (~caring_hunters).sum() > 0
        else:
            assert caring_hunters.all()


def test_pups_whose_pack_has_carers_die_less() -> None:
    """R28: a pack whose childcare need is met lowers its young's background risk."""
    extra = (
        "[rules.overrides.mortality]\nyoung_annual = 0.6\nyoung_care_benefit = 0.8\n"
        "[rules.overrides.reproduction]\ncarers_per_young = 0.1\n"
    )
    died = {}
    for systems in (["mortality"], ["childcare", "mortality"]):
        world = world_of(generated(1500, preset="ecology", extra=extra))
        w = world.wolves
        young = np.flatnonzero(
            w.view("alive") & (w.view("designation") == 0) & (-w.view("birth_day") < 200)
        )
        run_only(world, systems, 60)
        died[len(systems)] = 1 - w.alive[young].mean()
    assert died[2] < 0.6 * died[1]
