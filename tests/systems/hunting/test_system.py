"""Hunting (R29-R31): parties, volunteers, risk, and help that can hurt the helper."""

from __future__ import annotations

import numpy as np

from packbond.core.engine import Engine
from packbond.events import registry
from packbond.state import Designation, Role

from ...conftest import events_of, generated, set_rules, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}


def _hunting_world(food: float, familiarity: float = 0.8, packs: int = 400, day: int = 0):  # type: ignore[no-untyped-def]
    world = world_of(generated(packs, size_mean=8))
    world.day = day
    world.packs.food[: world.packs.size] = food
    world.wolves.familiarity[: world.wolves.size] = familiarity
    return world


def _hunt(world, days: int = 30):  # type: ignore[no-untyped-def]
    engine = Engine(world)
    engine.schedule = [s for s in engine.schedule if s.name in ("hunting", "forms", "feeding")]
    for _ in range(days):
        engine.step()
    return engine.log.drain()


def test_winter_parties_are_alphas_unless_food_is_short_then_others_volunteer() -> None:
    """R29: the seed's winter hunts are alphas' (betas join them in other seasons); when food
    per head is low, others volunteer."""
    winter = 3 * 91
    plenty = _hunting_world(food=1e6, day=winter)
    _hunt(plenty)
    w = plenty.wolves
    hunted = (w.view("roles") & Role.HUNTER) > 0
    assert hunted.any()
    assert (w.view("designation")[hunted] == Designation.ALPHA).all()
    summer = _hunting_world(food=1e6, day=91)
    _hunt(summer)
    w = summer.wolves
    hunted_as = w.view("designation")[(w.view("roles") & Role.HUNTER) > 0]
    assert set(hunted_as.tolist()) == {Designation.ALPHA, Designation.BETA}
    short = _hunting_world(food=0.0, day=winter)
    _hunt(short)
    w = short.wolves
    hunted = (w.view("roles") & Role.HUNTER) > 0
    assert (w.view("designation")[hunted] != Designation.ALPHA).sum() > 50


def test_unfamiliar_ground_makes_injuries_likelier() -> None:
    """R30: hunters who do not know the ground are hurt more often."""
    known = _hunt(_hunting_world(food=1e6, familiarity=1.0))
    unknown = _hunt(_hunting_world(food=1e6, familiarity=0.0))
    hurt_known = np.sum(known["kind"] == KIND["injured"])
    hurt_unknown = np.sum(unknown["kind"] == KIND["injured"])
    assert hurt_unknown > 1.8 * hurt_known


def test_a_hurt_hunter_is_helped_and_the_helper_can_be_hurt() -> None:
    """R31: help answers an injury (its cause), and some helpers are injured helping."""
    ev = _hunt(_hunting_world(food=0.0, familiarity=0.0), days=90)
    injured = ev["kind"] == KIND["injured"]
    assisted = ev["kind"] == KIND["assisted"]
    assert assisted.sum() > 20
    injured_ids = set(ev["event_id"][injured].tolist())
    assert set(ev["cause"][assisted].tolist()) <= injured_ids
    helper_hurt = injured & np.isin(ev["cause"], ev["event_id"][assisted])
    assert helper_hurt.sum() > 0
    pairs = set(zip(ev["event_id"][assisted].tolist(), ev["actor"][assisted].tolist(), strict=True))
    for cause, actor in zip(ev["cause"][helper_hurt], ev["actor"][helper_hurt], strict=True):
        assert (int(cause), int(actor)) in pairs


def test_hunts_feed_the_pack() -> None:
    """A successful hunt adds food to the pack's store, and its event says how much."""
    world = _hunting_world(food=0.0)
    ev = _hunt(world, days=10)
    hunts = ev["kind"] == KIND["hunt"]
    made_kill = ev["detail"][hunts] == 1
    assert made_kill.any() and (~made_kill).any()
    assert (ev["value"][hunts][made_kill] > 0).all()
    assert (ev["value"][hunts][~made_kill] == 0).all()


def _volunteered(world) -> int:  # type: ignore[no-untyped-def]
    w = world.wolves
    hunted = (w.view("roles") & Role.HUNTER) > 0
    return int((hunted & (w.view("designation") != Designation.ALPHA)).sum())


def test_lean_winter_prey_brings_volunteers_whatever_the_store() -> None:
    """R29: where winter prey is scarce the hunt 'needed more help': others volunteer though the
    store is full, and not where the rule is off."""
    winter = 3 * 91
    off = _hunting_world(food=1e6, day=winter)
    set_rules(off, "hunting", volunteer_below_prey=0.0)
    _hunt(off)
    lean = _hunting_world(food=1e6, day=winter)
    set_rules(lean, "hunting", volunteer_below_prey=0.5)  # generated winters hold 0.35
    _hunt(lean)
    assert _volunteered(off) == 0
    assert _volunteered(lean) > 50


def test_places_kept_for_volunteers_go_to_the_keenest_not_the_most_skilled() -> None:
    """R29, R30: with places kept for volunteers, an unskilled but eager volunteer hunts as
    often as a skilled one; competing for the party's places, the skilled go."""
    winter = 3 * 91

    def skilled_share(places: int) -> float:
        world = _hunting_world(food=0.0, day=winter)
        set_rules(world, "hunting", volunteer_places=places, party_max=3)
        w = world.wolves
        rows = np.flatnonzero(w.view("designation") != Designation.ALPHA)
        skilled = rows[rows % 2 == 0]
        w.hunting_skill[rows] = np.where(rows % 2 == 0, 0.9, 0.05)
        _hunt(world, days=3)  # a few days: the hunter role, once had, is kept
        hunted = rows[(w.roles[rows] & Role.HUNTER) > 0]
        return float(np.isin(hunted, skilled).mean())

    assert skilled_share(0) > 0.65
    assert 0.4 < skilled_share(3) < 0.55


def test_a_mate_is_readier_to_help_a_hurt_mate_with_the_bond_rule() -> None:
    """R31: help rises with the bond: with ``assist_bond`` a hurt hunter's mate in the party is
    its helper more often than without."""

    def mate_helps(weight: float) -> float:
        world = _hunting_world(food=0.0, familiarity=0.0)
        set_rules(world, "hunting", assist_bond=weight, winter_hunter_designations=None)
        w = world.wolves
        w.bond[: w.size] = 1.0
        ev = _hunt(world, days=60)
        help_ = ev["kind"] == KIND["assisted"]
        helper, helped = ev["actor"][help_], ev["target"][help_]
        return float(np.mean(w.mate[helper] == helped))

    assert mate_helps(2.0) > 1.25 * mate_helps(0.0)


def test_a_shared_carcass_feeds_a_small_party_better_per_hunter() -> None:
    """Below 1, ``kill_party_exponent`` makes a kill one carcass shared by the party: a party of
    n brings kill_food * n ** exponent, not kill_food per hunter."""
    for exponent in (1.0, 0.5):
        world = _hunting_world(food=0.0)
        set_rules(world, "hunting", kill_party_exponent=exponent, kill_food=100.0)
        w = world.wolves
        w.roles[: w.size] = 0
        ev = _hunt(world, days=1)
        kills = (ev["kind"] == KIND["hunt"]) & (ev["detail"] == 1)
        assert kills.sum() > 10
        hunters = (w.view("roles") & Role.HUNTER) > 0
        party = np.bincount(w.view("pack")[hunters], minlength=world.packs.size)
        sizes = party[ev["pack"][kills]]
        assert (sizes > 1).any()
        assert np.allclose(ev["value"][kills], 100.0 * sizes.astype(float) ** exponent, atol=0.1)


def test_volunteers_fill_the_places_hunters_leave_and_those_kept_for_them() -> None:
    """With ``volunteer_places``, volunteers take what the hunters leave of party_max and the
    kept places besides: a winter party is never smaller than without the switch."""
    winter = 3 * 91
    sizes = {}
    for places in (0, 2):
        world = _hunting_world(food=0.0, day=winter)
        set_rules(world, "hunting", volunteer_places=places, party_max=6)
        w = world.wolves
        w.roles[: w.size] = 0
        _hunt(world, days=1)
        hunters = (w.view("roles") & Role.HUNTER) > 0
        party = np.bincount(w.view("pack")[hunters], minlength=world.packs.size)
        sizes[places] = party[party > 0]
    assert sizes[0].max() <= 6 < sizes[2].max() <= 8
    # The same packs hunt on the same day either way; none has a smaller party with the places.
    assert len(sizes[0]) == len(sizes[2]) and (sizes[2] >= sizes[0]).all()
    assert sizes[2].mean() > sizes[0].mean()


def _mated_pairs(world):  # type: ignore[no-untyped-def]
    """Pair each pack's first alpha with its first non-alpha adult, as mates; returns the
    non-alpha partners (the poor hunters) and their alpha mates."""
    w = world.wolves
    alive, pack = w.view("alive"), w.view("pack")
    adults = np.flatnonzero(alive & (w.view("designation") > Designation.UNPRESENTED))
    alphas = adults[w.designation[adults] == Designation.ALPHA]
    others = adults[w.designation[adults] != Designation.ALPHA]
    _, first_alpha = np.unique(pack[alphas], return_index=True)
    _, first_other = np.unique(pack[others], return_index=True)
    a, o = alphas[first_alpha], others[first_other]
    shared = np.intersect1d(pack[a], pack[o])
    a, o = a[np.isin(pack[a], shared)], o[np.isin(pack[o], shared)]
    w.mate[:] = -1
    w.mate[a], w.mate[o] = o, a
    w.bond[a], w.bond[o] = 0.5, 0.5
    w.attention[a] = 1.0
    w.hunting_skill[o] = 0.1
    w.withdrawn[o] = True
    return o, a


def test_a_poor_hunter_goes_out_to_prove_himself_to_his_mate_even_withdrawn() -> None:
    """R30: with ``prove_to_mate``, in a lean winter a poor hunter whose mate hunts volunteers to
    prove himself, though withdrawn, goes only beside his mate, and chases prey alone."""
    winter = 3 * 91

    def outings(chance: float):  # type: ignore[no-untyped-def]
        world = _hunting_world(food=1e6, day=winter)
        set_rules(world, "hunting", prove_to_mate=chance, volunteer_below_prey=0.9)
        partners, mates = _mated_pairs(world)
        w = world.wolves
        w.roles[: w.size] = 0
        ev = _hunt(world, days=20)
        went = (w.roles[partners] & Role.HUNTER) > 0
        return w, partners, mates, went, ev

    _, _, _, went_off, _ = outings(0.0)
    w, partners, mates, went_on, ev = outings(1.0)
    assert went_off.mean() < 0.02
    assert went_on.mean() > 0.5
    # Each went beside a mate who hunts.
    assert ((w.roles[mates[went_on]] & Role.HUNTER) > 0).all()
    # Chasing alone, they are hurt more often than their mates in the same parties.
    hurt = events_of(ev, "injured")
    on_the_hunt = np.isin(hurt["cause"], events_of(ev, "hunt")["event_id"])
    injured_ids = set(hurt["actor"][on_the_hunt].tolist())
    partner_hurt = np.mean([i in injured_ids for i in w.id[partners[went_on]]])
    mate_hurt = np.mean([i in injured_ids for i in w.id[mates[went_on]]])
    assert partner_hurt > 2 * mate_hurt


def test_a_willing_mate_is_the_first_to_help_a_hurt_mate() -> None:
    """R31: with ``assist_bond``, a hurt hunter whose mate is in the party and willing is helped
    by that mate, not by a closer friend."""
    winter = 3 * 91
    world = _hunting_world(food=1e6, familiarity=0.0, day=winter)
    set_rules(world, "hunting", prove_to_mate=1.0, volunteer_below_prey=0.9, assist_bond=1.0)
    partners, mates = _mated_pairs(world)
    w = world.wolves
    w.bond[mates] = 0.6
    ev = _hunt(world, days=40)
    helped = events_of(ev, "assisted")
    theirs = np.isin(helped["target"], w.id[partners])
    assert theirs.sum() > 30
    row_of = {int(i): r for r, i in zip(partners, w.id[partners], strict=True)}
    by_mate = [
        w.id[w.mate[row_of[int(t)]]] == a
        for t, a in zip(helped["target"][theirs], helped["actor"][theirs], strict=True)
    ]
    assert np.mean(by_mate) > 0.9


def test_hunger_sends_wolves_out() -> None:
    """R29, R34: with ``volunteer_hunger`` hungry wolves volunteer more than sated ones."""

    def volunteers(weight: float) -> float:
        world = _hunting_world(food=0.0, day=91)
        set_rules(world, "hunting", volunteer_hunger=weight, volunteer_chance=0.2)
        w = world.wolves
        w.hunger[: w.size] = 0.7
        w.roles[: w.size] = 0
        _hunt(world, days=1)
        hunted = (w.view("roles") & Role.HUNTER) > 0
        return float(np.sum(hunted & (w.view("designation") == Designation.OMEGA)))

    assert volunteers(1.0) > 1.5 * volunteers(0.0)
