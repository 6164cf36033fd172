"""Bonds, mating, rank, leaving and war (R14-R25, R35-R38, R48-R52): each mechanic acts on
state, leaves its events, and goes away with its switch."""

from __future__ import annotations

import numpy as np

from packbond import simulate
from packbond.shared import life, ties
from packbond.state import Designation, Memory, World
from packbond.systems.courtship import system as courtship_system

from ..conftest import events_of, generated, rows_of, run_only, set_rules, world_of

SPRING_OF_YEAR_TWO = 364
"""A day on which spring begins (the generated worlds start in spring)."""


def _world(packs: int = 150, seeds: tuple[int, ...] = (1, 2), **norms: float) -> World:
    """A generated world whose wolves court whom they choose, acquainted or not, so each test
    sees the rule it is about (acquaintance has a test of its own)."""
    world = world_of(generated(packs), seeds=list(seeds))
    set_rules(world, "courtship", ask_liking=-1.0)
    p = world.packs
    for norm, value in norms.items():
        getattr(p, norm)[: p.size] = value
    return world


def _living(world: World) -> np.ndarray:
    w = world.wolves
    return np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))


def test_unmated_high_rank_alphas_offer_more_and_lose_rank_after_the_grace_period() -> None:
    """R22: where rank requires a mate, an unmated high-ranked alpha courts harder, and one
    who stays unmated past the grace period falls out of high rank; mated ones keep theirs."""
    offers = {}
    for requires in (True, False):
        world = _world(rank_requires_mate=requires)
        run_only(world, ["ranks"], 1)
        w = world.wolves
        rows = _living(world)
        ranked_alpha = rows[w.high_rank[rows] & (w.designation[rows] == Designation.ALPHA)]
        unmated = ranked_alpha[w.mate[ranked_alpha] < 0]
        mated = ranked_alpha[w.mate[ranked_alpha] >= 0]
        assert len(unmated) > 20 and len(mated) > 20
        log = run_only(world, ["ranks", "courtship"], 8 * 7).log.drain()
        made = events_of(log, "mating_offer")
        suitors = rows_of(world, made["replicate"], made["actor"])
        offers[requires] = np.isin(suitors, unmated).sum() / len(unmated)
        if requires:
            assert np.isin(suitors, mated).sum() == 0
    assert offers[True] > 1.5 * offers[False]

    lost = {}
    for requires in (True, False):
        world = _world(rank_requires_mate=requires)
        set_rules(world, "courtship", enabled=False)
        set_rules(world, "rank", grace_days=60)
        run_only(world, ["ranks"], 1)
        w = world.wolves
        rows = _living(world)
        ranked = rows[w.high_rank[rows] & (w.designation[rows] == Designation.ALPHA)]
        unmated, mated = ranked[w.mate[ranked] < 0], ranked[w.mate[ranked] >= 0]
        log = run_only(world, ["ranks"], 15 * 7).log.drain()
        gone = events_of(log, "rank_lost_unmated")
        lost[requires] = rows_of(world, gone["replicate"], gone["actor"])
        if requires:
            assert np.isin(unmated, lost[requires]).mean() > 0.9
            assert not w.high_rank[unmated].any()
            assert w.high_rank[mated].mean() > 0.8
    assert len(lost[False]) == 0


def _apart_pairs(world: World) -> tuple[np.ndarray, np.ndarray]:
    """Mated pairs with the mate moved to another pack of the same replicate (far away)."""
    w, p = world.wolves, world.packs
    rows = _living(world)
    rows = rows[(w.mate[rows] > rows) & (w.mate[rows] >= 0)]
    mate = w.mate[rows]
    elsewhere = (w.pack[mate] + 3) % p.size
    same_rep = p.replicate[elsewhere] == w.replicate[mate]
    rows, mate = rows[same_rep], mate[same_rep]
    w.pack[mate] = (w.pack[mate] + 3) % p.size
    w.wellbeing[rows] = w.wellbeing[mate] = 0.6
    return rows, mate


def test_a_bonded_wolf_feels_its_mate_badly_hurt_far_away_and_not_without_the_bond() -> None:
    """R19: pain crosses the bond over any distance, scaled by its strength."""
    drop = {}
    for bond in (True, False):
        world = _world()
        set_rules(world, "bond", enabled=bond)
        rows, mate = _apart_pairs(world)
        w = world.wolves
        w.bond[rows] = w.bond[mate] = 0.8
        hurt = np.arange(len(rows)) % 2 == 0
        w.wound[mate[hurt]] = 0.7
        w.wound_event[mate[hurt]] = 1
        log = run_only(world, ["bond", "wellbeing"], 22).log.drain()
        drop[bond] = w.wellbeing[rows[~hurt]].mean() - w.wellbeing[rows[hurt]].mean()
        pains = events_of(log, "bond_pain")
        felt = rows_of(world, pains["replicate"], pains["actor"])
        assert set(felt) <= set(rows[hurt]) | set(mate)
        if bond:
            assert np.isin(rows[hurt], felt).mean() > 0.95
        else:
            assert len(felt) == 0
    assert drop[True] > 0.05
    assert abs(drop[False]) < 0.01


def _at_war(world: World, attacker_strength: float = 1.0) -> None:
    """Every even pack holds a grievance past the point of war against the next pack."""
    p = world.packs
    packs = np.flatnonzero(p.view("alive"))
    a = packs[::2][:-1]
    b = a + 1
    same = p.replicate[a] == p.replicate[b]
    a, b = a[same], b[same]
    p.rival[a, 0] = b
    p.grievance[a, 0] = 0.95
    w = world.wolves
    members = world.members_of(np.isin(np.arange(p.size), a))
    w.hunting_skill[members] = attacker_strength


def test_conquered_packs_without_a_pack_alpha_dissolve_and_survivors_pledge_or_disperse() -> None:
    """R50, R51: a pack whose alpha falls is no more; every survivor pledges or goes."""
    world = _world(packs=120)
    set_rules(world, "war", leader_killed=1.0)
    _at_war(world)
    w, p = world.wolves, world.packs
    members_at_start = w.pack[: w.size].copy()
    engine = run_only(world, ["conflict", "war", "ceremony", "leaving"], 10)
    log = engine.log.drain()
    killed = events_of(log, "leader_killed")
    assert len(killed["actor"]) > 10
    dissolved = events_of(log, "pack_dissolved")
    gone_ids = set(zip(dissolved["replicate"].tolist(), dissolved["pack"].tolist(), strict=True))
    fallen = set(zip(killed["replicate"].tolist(), killed["rival"].tolist(), strict=True))
    assert fallen == gone_ids
    gone_rows = np.flatnonzero(~p.view("alive"))
    assert len(gone_rows) == len(gone_ids)
    survivors = np.flatnonzero(w.view("alive") & np.isin(members_at_start, gone_rows))
    pledged = events_of(log, "pledged")
    dispersed = events_of(log, "dispersed")
    pledgers = rows_of(world, pledged["replicate"], pledged["actor"])
    leavers = rows_of(world, dispersed["replicate"], dispersed["actor"])
    assert set(survivors) == set(pledgers) | set(leavers)
    assert len(pledgers) > 0 and len(leavers) > 0
    assert not np.isin(w.pack[survivors], gone_rows).any()
    assert (w.acceptance[pledgers] < 0.2).all()
    assert (w.restricted_until[pledgers] > 0).all()


def test_a_strongly_bonded_alpha_leaves_with_a_departing_mate_more_often_and_gives_up_rank() -> (
    None
):
    """R36, R37: at the promised season a kind alpha lets his mate go; a strong bond takes him
    along (his rank given up), a weak one leaves him behind."""
    world = _world(packs=200)
    run_only(world, ["ranks"], 1)
    w, p = world.wolves, world.packs
    rows = _living(world)
    alphas = rows[
        (w.designation[rows] == Designation.ALPHA)
        & (w.mate[rows] >= 0)
        & (p.leader[w.pack[rows]] != rows)
        & world.beside(rows, w.mate[rows])
    ]
    mates = w.mate[alphas]
    w.high_rank[alphas] = True
    w.kindness[alphas] = 1.0
    w.ambition[alphas] = 0.5
    strong = np.arange(len(alphas)) % 2 == 0
    w.bond[alphas] = w.bond[mates] = np.where(strong, 0.9, 0.1)
    w.promise_by[mates] = alphas
    w.wish_to_leave[mates] = 0.9
    w.acceptance[mates] = 0.0
    w.wellbeing[mates] = 0.1
    world.day = SPRING_OF_YEAR_TWO
    log = run_only(world, ["leaving"], 1).log.drain()
    kept = rows_of(world, *(events_of(log, "promise_kept")[c] for c in ("replicate", "actor")))
    together = events_of(log, "left_together")
    went = rows_of(world, together["replicate"], together["actor"])
    assert len(kept) > 40
    rate = {
        s: np.isin(went, alphas[strong == s]).sum()
        / max(np.isin(kept, alphas[strong == s]).sum(), 1)
        for s in (True, False)
    }
    assert rate[True] > rate[False] + 0.3
    assert (w.pack[went] < 0).all() and not w.high_rank[went].any()
    assert (w.rank[went] == 0).all()
    gave_up = events_of(log, "rank_changed")
    assert set(rows_of(world, gave_up["replicate"], gave_up["actor"])) == set(went)
    causes = set(zip(together["replicate"].tolist(), together["cause"].tolist(), strict=True))
    kept_ids = events_of(log, "promise_kept")
    assert causes <= set(
        zip(kept_ids["replicate"].tolist(), kept_ids["event_id"].tolist(), strict=True)
    )


def _omega_presenting_now(world: World, age_days: int = 0) -> np.ndarray:
    """Make one young member of each pack an omega who presents on day 0, with a parent there,
    aged ``age_days`` past adulthood (negative: a minor)."""
    w = world.wolves
    rows = _living(world)
    young = rows[
        (w.designation[rows] == Designation.UNPRESENTED) & world.beside(rows, w.mother[rows])
    ]
    _, first = np.unique(w.pack[young], return_index=True)
    child = young[first]
    w.birth_day[child] = -life.adult_days(world.rules) - age_days
    w.present_age[child] = -w.birth_day[child]
    w.sex[child] = 0
    world.rules = world.rules.model_copy(
        update={
            "designation": world.rules.designation.model_copy(
                update={
                    "female": world.rules.designation.female.model_copy(
                        update={"alpha": 0.0, "beta": 0.0, "omega": 1.0}
                    )
                }
            )
        }
    )
    w.ambition[w.mother[child]] = 1.0
    return child


def test_parents_arrange_a_newly_presented_omega_only_where_the_norm_allows() -> None:
    """R14: no consent, a wellbeing cost, a hated scent; then the ceremony makes mates."""
    counts = {}
    for allowed in (True, False):
        world = _world(packs=80, arranged_matings_allowed=allowed)
        child = _omega_presenting_now(world)
        log = run_only(world, ["presenting", "ranks", "courtship"], 1).log.drain()
        arranged = events_of(log, "arranged")
        counts[allowed] = len(arranged["actor"])
        if not allowed:
            continue
        w = world.wolves
        promised = rows_of(world, arranged["replicate"], arranged["target"])
        alpha = rows_of(world, arranged["replicate"], arranged["other"])
        assert set(promised) <= set(child)
        assert (w.designation[alpha] == Designation.ALPHA).all()
        assert (w.betrothed[promised] == alpha).all() and w.arranged[promised].all()
        assert (w.hurt[promised] > 0).all()
        assert (ties.lookup(world, promised, alpha, "memory") == Memory.FORCED).all()
        set_rules(world, "courtship", enabled=False)
        log = run_only(world, ["ceremony"], world.rules.arranged.delay_days + 1).log.drain()
        mated = events_of(log, "mated")
        bearer = rows_of(world, mated["replicate"], mated["target"])
        ours = np.isin(bearer, promised)
        assert ours.sum() == len(promised)
        assert (mated["detail"][ours] == 0).all()  # arranged, without consent
        assert (mated["detail"][~ours] == 1).all()  # offers accepted on day 0: willing
        assert (w.mate[promised] == alpha).all()
        assert np.allclose(w.bond[promised], world.rules.bond.start_arranged)
        assert (w.marked_by[promised] == alpha).all()
    assert counts[True] > 20 and counts[False] == 0


def test_an_omega_presenting_as_a_minor_is_promised_only_once_of_age() -> None:
    """Adults only: an omega who presents at 16 is not arranged; the week it turns 18 it is."""
    world = _world(packs=80, arranged_matings_allowed=True)
    child = _omega_presenting_now(world, age_days=-2 * 364)
    log = run_only(world, ["presenting", "ranks", "courtship"], 1).log.drain()
    assert len(events_of(log, "arranged")["actor"]) == 0
    assert (world.wolves.designation[child] == Designation.OMEGA).all()
    world.wolves.birth_day[child] = 5 - life.adult_days(world.rules)  # of age on day 5
    log = run_only(world, ["courtship"], 6).log.drain()
    assert len(events_of(log, "arranged")["actor"]) == 0  # days 1-6: no courtship that week
    log = run_only(world, ["courtship"], 1).log.drain()  # day 7: the week it came of age
    assert len(events_of(log, "arranged")["actor"]) > 20


def test_an_invasion_on_the_ceremony_night_interrupts_the_ceremony() -> None:
    """R15, R50: the pair never mates; the interruption is caused by the invasion."""
    world = _world(packs=60)
    set_rules(world, "war", leader_killed=1.0, delay_days=0)
    _at_war(world)
    w, p = world.wolves, world.packs
    defenders = np.unique(p.rival[: p.size, 0][p.rival[: p.size, 0] >= 0])
    rows = world.members_of(np.isin(np.arange(p.size), defenders))
    rows = rows[(w.designation[rows] != Designation.UNPRESENTED) & (w.mate[rows] < 0)]
    order = np.argsort(w.pack[rows], kind="stable")
    rows = rows[order]
    a, b = rows[:-1:2], rows[1::2]
    same = w.pack[a] == w.pack[b]
    a, b = a[same], b[same]
    w.betrothed[a], w.betrothed[b] = b, a
    w.ceremony_day[a] = w.ceremony_day[b] = 0
    log = run_only(world, ["conflict", "war", "ceremony"], 1).log.drain()
    stopped = events_of(log, "ceremony_interrupted")
    invasions = events_of(log, "invasion")
    assert len(stopped["actor"]) > 5
    causes = set(zip(stopped["replicate"].tolist(), stopped["cause"].tolist(), strict=True))
    assert causes <= set(
        zip(invasions["replicate"].tolist(), invasions["event_id"].tolist(), strict=True)
    )
    assert (stopped["detail"] == 0).all()
    held = events_of(log, "ceremony")
    invaded = set(zip(invasions["replicate"].tolist(), invasions["rival"].tolist(), strict=True))
    assert not invaded & set(zip(held["replicate"].tolist(), held["pack"].tolist(), strict=True))
    mated = rows_of(world, stopped["replicate"], stopped["actor"])
    assert (w.mate[mated] < 0).all()


def test_an_invasion_of_a_pack_with_no_alpha_kills_no_leader() -> None:
    """A pack whose alpha died with no successor yet has no leader to kill: a won invasion
    neither kills a wolf that is not there nor dissolves the pack as if its alpha fell."""
    world = _world(packs=60)
    set_rules(world, "war", leader_killed=1.0, delay_days=0)
    _at_war(world)
    p = world.packs
    defenders = np.unique(p.rival[: p.size, 0][p.rival[: p.size, 0] >= 0])
    p.leader[defenders] = -1
    log = run_only(world, ["conflict", "war"], 1).log.drain()
    invasions = events_of(log, "invasion")
    won = invasions["detail"] == 1
    assert won.sum() > 5
    killed = events_of(log, "leader_killed")
    assert len(killed["actor"]) == 0
    died = events_of(log, "died")
    assert (died["actor"] >= 0).all()
    dissolved = events_of(log, "pack_dissolved")
    assert not set(dissolved["pack"].tolist()) & set(invasions["rival"][won].tolist())


def _accepted_share(log: dict[str, np.ndarray], world: World, suitors: np.ndarray) -> float:
    offers = events_of(log, "mating_offer")
    mine = np.isin(rows_of(world, offers["replicate"], offers["actor"]), suitors)
    accepted = events_of(log, "offer_accepted")
    yes = set(zip(accepted["replicate"].tolist(), accepted["cause"].tolist(), strict=True))
    made = zip(offers["replicate"][mine].tolist(), offers["event_id"][mine].tolist(), strict=True)
    return float(np.mean([m in yes for m in made]))


def test_a_feared_suitor_is_refused_more_and_a_coercive_one_presses_at_a_cost() -> None:
    """R16, R17: fear weighs against an offer; a coercive suitor's pressed refusal leaves fear."""
    share = {}
    for feared in (False, True):
        world = _world(packs=200)
        w = world.wolves
        rows = _living(world)
        presented = rows[w.designation[rows] != Designation.UNPRESENTED]
        alphas = presented[w.designation[presented] == Designation.ALPHA]
        w.kindness[alphas] = np.where(np.arange(len(alphas)) % 2 == 0, 0.05, 0.95)
        if feared:
            src = np.concatenate([presented[w.pack[presented] == w.pack[a]] for a in alphas])
            dst = np.concatenate(
                [np.full((w.pack[presented] == w.pack[a]).sum(), a) for a in alphas]
            )
            keep = src != dst
            ties.remember(world, src[keep], dst[keep], fear=0.9)
        log = run_only(world, ["ranks", "courtship"], 10 * 7).log.drain()
        share[feared] = _accepted_share(log, world, alphas)
        if not feared:
            refused = events_of(log, "offer_refused")
            refusers = rows_of(world, refused["replicate"], refused["actor"])
            suitor = rows_of(world, refused["replicate"], refused["target"])
            cruel = w.kindness[suitor] < world.rules.courtship.coercive_below
            assert cruel.sum() > 20 and (~cruel).sum() > 20
            fear = ties.lookup(world, refusers, suitor, "fear")
            assert fear[cruel].mean() > fear[~cruel].mean() + 0.1
    assert share[True] < share[False] - 0.1


def test_a_long_valley_run_settles_into_neither_endless_peace_nor_endless_war() -> None:
    """Over 200 years of the valley, raids, wars, matings and departures happen in every
    decade (one replicate: the run takes a few minutes)."""
    run = simulate("valley", seed=3, years=200, metrics_every=364)
    ev = run.events
    decade = ev["day"] // (10 * run.calendar.days_per_year)
    wanted = {
        "raids": ["raid"],
        "wars": ["war_declared"],
        "matings": ["mated"],
        "departures": ["left_pack", "left_together", "ran_away"],
    }
    for what, kinds in wanted.items():
        per_decade = np.bincount(decade[ev["kind"].isin(kinds)], minlength=20)[:20]
        assert (per_decade > 0).all(), f"{what} per decade: {per_decade}"


def test_omegas_stay_out_of_battle_where_the_rules_say_so() -> None:
    """R50 (genre): the seed's packs keep omegas out of raids and invasions; by default all
    presented wolves fight."""
    from packbond.shared.fighting import fighters

    world = _world(packs=40)
    w = world.wolves
    rows = _living(world)
    omegas = rows[w.designation[rows] == Designation.OMEGA]
    assert len(omegas) > 10
    assert not fighters(world)[omegas].any()
    set_rules(world, "war", fighter_designations=["alpha", "beta", "omega"])
    able = fighters(world)[omegas]
    assert able.mean() > 0.8  # all but the badly wounded


def _offers_to(log: dict[str, np.ndarray], world: World, wolves: np.ndarray) -> float:
    offers = events_of(log, "mating_offer")
    asked = rows_of(world, offers["replicate"], offers["target"])
    return float(np.isin(asked, wolves).sum()) / max(len(wolves), 1)


def test_a_protector_asks_the_wolf_he_protects() -> None:
    """R52, R16: the wolf an alpha has taken under his protection is always among those he
    looks over, so protectors ask their proteges far more often than chance."""
    asked = {}
    for protecting in (False, True):
        world = world_of(generated(80, size_mean=40.0), seeds=[1, 2])
        set_rules(world, "courtship", ask_liking=-1.0)
        w = world.wolves
        rows = _living(world)
        free = rows[(w.mate[rows] < 0) & (w.designation[rows] != Designation.UNPRESENTED)]
        alphas = free[w.designation[free] == Designation.ALPHA]
        omegas = free[w.designation[free] == Designation.OMEGA]
        by_pack = {int(w.pack[o]): o for o in omegas}
        pairs = [(a, by_pack[int(w.pack[a])]) for a in alphas if int(w.pack[a]) in by_pack]
        guard, ward = np.array([a for a, _ in pairs]), np.array([o for _, o in pairs])
        _, once = np.unique(ward, return_index=True)
        guard, ward = guard[once], ward[once]
        if protecting:
            w.protector[ward] = guard
        log = run_only(world, ["courtship"], 8 * 7).log.drain()
        offers = events_of(log, "mating_offer")
        suitor = rows_of(world, offers["replicate"], offers["actor"])
        target = rows_of(world, offers["replicate"], offers["target"])
        mine = np.isin(suitor, guard)
        pair = dict(zip(guard.tolist(), ward.tolist(), strict=True))
        asked[protecting] = np.mean(
            [pair[s] == t for s, t in zip(suitor[mine], target[mine], strict=True)]
        )
    assert asked[True] > 2.5 * asked[False] and asked[True] > asked[False] + 0.1, asked


def test_a_shunned_wolf_is_courted_by_few() -> None:
    """R40, R16: under the seed's shun weight, suitors (the unkind most) pass over a wolf the
    pack does not accept; without it, acceptance does not matter."""
    ratio = {}
    for shun in (0.0, 2.5):
        world = _world(packs=200)
        set_rules(world, "courtship", shun_weight=shun)
        w = world.wolves
        rows = _living(world)
        free = rows[(w.mate[rows] < 0) & (w.designation[rows] == Designation.OMEGA)]
        low = free[::2]
        w.acceptance[low] = 0.02
        w.acceptance[free[1::2]] = 0.95
        log = run_only(world, ["courtship"], 8 * 7).log.drain()
        ratio[shun] = _offers_to(log, world, low) / max(_offers_to(log, world, free[1::2]), 1e-9)
    assert ratio[2.5] < 0.7 * ratio[0.0], ratio


def _unhappy_mated(world: World) -> tuple[np.ndarray, np.ndarray]:
    """Mated wolves (not leading: in generated packs, the pack alphas' mates) beside their
    mates, made insecure and wishing to leave."""
    run_only(world, ["ranks"], 1)
    w, p = world.wolves, world.packs
    rows = _living(world)
    rows = rows[
        (w.mate[rows] >= 0)
        & (p.leader[w.pack[rows]] != rows)
        & world.beside(rows, w.mate[rows])
        & (w.designation[rows] != Designation.UNPRESENTED)
    ]
    w.wish_to_leave[rows] = 0.9
    w.acceptance[rows] = 0.0
    w.wellbeing[rows] = 0.1
    w.security[rows] = 0.1
    w.anxiety[rows] = 0.9
    w.runs[rows] = 0
    return rows, w.mate[rows]


def test_a_restricted_survivor_may_run_away_but_not_ask_leave() -> None:
    """R35, R51: restriction bars asking leave; with ``run_while_restricted`` a frightened,
    mated survivor still runs (and never otherwise)."""
    counts = {}
    for allowed in (False, True):
        world = _world(packs=150)
        set_rules(world, "leaving", run_while_restricted=allowed, wish_mate=0.0)
        rows, _ = _unhappy_mated(world)
        world.wolves.restricted_until[rows] = 10_000
        log = run_only(world, ["leaving"], 28).log.drain()
        ran = events_of(log, "ran_away")
        counts[allowed] = np.isin(rows_of(world, ran["replicate"], ran["actor"]), rows).sum()
        asked = events_of(log, "asked_to_leave")
        left = events_of(log, "left_pack")
        mine = np.isin(rows_of(world, asked["replicate"], asked["actor"]), rows)
        assert not mine.any()
        assert not np.isin(rows_of(world, left["replicate"], left["actor"]), rows).any()
    assert counts[False] == 0
    assert counts[True] > 30


def test_a_hungry_runaway_is_readier_to_come_back() -> None:
    """R35: a found runaway weighs its hunger with ``return_hunger``: hungry ones come back more
    often than fed ones."""
    world = _world(packs=300)
    set_rules(
        world, "leaving", return_hunger=4.0, search_chance=1.0, find_chance=1.0, wish_mate=0.0
    )
    rows, mates = _unhappy_mated(world)
    w = world.wolves
    w.bond[rows] = w.bond[mates] = 0.5
    w.attention[mates] = 1.0
    # They run away now, then the searches come.
    log = run_only(world, ["leaving"], 7).log.drain()
    ran = events_of(log, "ran_away")
    runaways = rows_of(world, ran["replicate"], ran["actor"])
    hungry = runaways[runaways % 2 == 0]
    w.hunger[runaways] = np.where(runaways % 2 == 0, 0.9, 0.0)
    log = run_only(world, ["leaving"], 21).log.drain()
    back = events_of(log, "returned")
    came = rows_of(world, back["replicate"], back["actor"])
    found = events_of(log, "searched")
    sought = rows_of(world, found["replicate"], found["target"])
    rate = {
        h: np.isin(came, runaways[(runaways % 2 == 0) == h]).sum()
        / max(np.isin(sought, runaways[(runaways % 2 == 0) == h]).sum(), 1)
        for h in (True, False)
    }
    assert len(hungry) > 20
    assert rate[True] > rate[False] + 0.2


def test_a_protector_is_drawn_to_his_protege_and_slower_to_accept_others() -> None:
    """R52 with ``protege_weight``: a protector asks the wolf he protects more often still, and
    accepts fewer offers from others while that wolf is free."""
    asked, accepted = {}, {}
    for weight in (0.0, 3.0):
        world = world_of(generated(80, size_mean=40.0), seeds=[1, 2])
        set_rules(world, "courtship", protege_weight=weight, ask_liking=-1.0)
        w = world.wolves
        rows = _living(world)
        free = rows[(w.mate[rows] < 0) & (w.designation[rows] != Designation.UNPRESENTED)]
        alphas = free[w.designation[free] == Designation.ALPHA]
        omegas = free[w.designation[free] == Designation.OMEGA]
        by_pack = {int(w.pack[o]): o for o in omegas}
        pairs = [(a, by_pack[int(w.pack[a])]) for a in alphas if int(w.pack[a]) in by_pack]
        guard, ward = np.array([a for a, _ in pairs]), np.array([o for _, o in pairs])
        _, once = np.unique(ward, return_index=True)
        guard, ward = guard[once], ward[once]
        w.protector[ward] = guard
        log = run_only(world, ["courtship"], 8 * 7).log.drain()
        offers = events_of(log, "mating_offer")
        suitor = rows_of(world, offers["replicate"], offers["actor"])
        target = rows_of(world, offers["replicate"], offers["target"])
        mine = np.isin(suitor, guard)
        pair = dict(zip(guard.tolist(), ward.tolist(), strict=True))
        asked[weight] = np.mean(
            [pair[s] == t for s, t in zip(suitor[mine], target[mine], strict=True)]
        )
        answers = {k: events_of(log, k) for k in ("offer_accepted", "offer_refused")}
        by_guard = {
            k: np.isin(rows_of(world, a["replicate"], a["actor"]), guard).sum()
            for k, a in answers.items()
        }
        accepted[weight] = by_guard["offer_accepted"] / max(sum(by_guard.values()), 1)
    assert asked[3.0] > asked[0.0] + 0.1, asked
    assert accepted[3.0] < accepted[0.0] - 0.1, accepted


def test_no_one_asks_a_stranger_but_a_liked_packmate_is_asked() -> None:
    """Courtship takes acquaintance: with ``ask_liking`` at its default, wolves who feel
    nothing for each other make no offer; the same world with liking between packmates does,
    and every offer goes to a wolf the suitor likes enough."""
    offers = {}
    for liked in (False, True):
        world = world_of(generated(150), seeds=[1, 2])
        w = world.wolves
        w.view("tie_affinity")[:] = 0.0
        if liked:
            free = np.flatnonzero(courtship_system._free(world, 0))
            a, b = np.meshgrid(free, free, indexing="ij")
            pair = (w.pack[a] == w.pack[b]) & (a != b)
            ties.remember(world, a[pair], b[pair], affinity=0.6)
        log = run_only(world, ["courtship"], 1).log.drain()
        made = events_of(log, "mating_offer")
        offers[liked] = len(made["actor"])
        if liked:
            suitor = rows_of(world, made["replicate"], made["actor"])
            asked = rows_of(world, made["replicate"], made["target"])
            liking = ties.lookup(world, suitor, asked, "affinity")
            assert (liking >= world.rules.courtship.ask_liking).all()
    assert offers[False] == 0 and offers[True] > 20
