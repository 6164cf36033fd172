"""The social fabric (R3, R8-R13, R21, R26, R27, R40-R46, R52): each mechanic acts on state,
leaves its events, and goes away with its switch."""

from __future__ import annotations

import numpy as np
import pytest

from packbond.events import registry
from packbond.shared import life, ties
from packbond.shared.scent import vocabulary
from packbond.state import Designation, Memory, Role, World

from ..conftest import events_of, generated, rows_of, run_only, set_rules, world_of

KIND = {name: k.code for name, k in registry().kinds.items()}
SOCIAL = ["presenting", "contact", "blame", "scent", "childcare", "acceptance", "wellbeing"]
"""The social systems, run without hunting, food and death so that only they move the state."""


def _world(packs: int = 150, seeds: tuple[int, ...] = (1, 2), **norms: float) -> World:
    world = world_of(generated(packs), seeds=list(seeds))
    p = world.packs
    for norm, value in norms.items():
        getattr(p, norm)[: p.size] = value
    return world


def _newcomers(world: World, acceptance: float = 0.2) -> np.ndarray:
    """Make every third pack member (not a leader) a newcomer its pack barely accepts."""
    w, p = world.wolves, world.packs
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    rows = rows[~np.isin(rows, p.view("leader"))][::3]
    w.acceptance[rows] = acceptance
    w.joined_day[rows] = 0
    return rows


def test_an_omega_ends_the_year_lower_where_omegas_are_despised() -> None:
    """Same wolves, same seeds: only the pack norm differs (R26, R44)."""
    ends = {}
    for contempt in (0.0, 0.9):
        world = _world(omega_status_penalty=contempt)
        run_only(world, SOCIAL, 364)
        w = world.wolves
        alive = w.view("alive")
        omega = alive & (w.view("designation") == Designation.OMEGA)
        others = alive & (w.view("designation") == Designation.BETA)
        ends[contempt] = (w.wellbeing[: w.size][omega].mean(), w.wellbeing[: w.size][others].mean())
    assert ends[0.9][0] < ends[0.0][0] - 0.08
    assert abs(ends[0.9][1] - ends[0.0][1]) < 0.03


def test_withdrawal_lowers_contact_which_lowers_acceptance() -> None:
    """R43: a withdrawn newcomer meets fewer packmates and so is accepted more slowly."""
    world = _world()
    rows = _newcomers(world, 0.3)
    w = world.wolves
    away, among = rows[::2], rows[1::2]
    w.withdrawn[away] = True
    run_only(world, ["contact"], 6)
    assert w.contacts[away].mean() < 0.5 * w.contacts[among].mean()
    run_only(world, ["contact", "acceptance"], 364)
    assert w.acceptance[away].mean() < w.acceptance[among].mean() - 0.1


def test_isolation_reinforces_itself() -> None:
    """With wellbeing on, low acceptance brings withdrawal, which keeps acceptance low."""
    world = _world(outsider_hostility=0.9)
    rows = _newcomers(world, 0.1)
    run_only(world, SOCIAL, 364)
    w = world.wolves
    withdrawn = rows[w.withdrawn[rows]]
    engaged = rows[~w.withdrawn[rows]]
    assert len(withdrawn) > 10
    assert w.acceptance[withdrawn].mean() < w.acceptance[engaged].mean()


def test_a_wolf_struck_recoils_from_the_striker_and_a_mates_scent_soothes() -> None:
    """R10: recoils follow a remembered blow or command; R9, R11: mates soothe each other."""
    world = _world(violence_tolerance=1.0, outsider_hostility=0.9)
    _newcomers(world, 0.05)
    w = world.wolves
    mated = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0) & (w.view("pack") >= 0))
    w.stress[mated] = 0.9
    log = run_only(world, ["contact", "scent"], 120).log.drain()
    recoils = events_of(log, "scent_recoiled")
    assert len(recoils["actor"]) > 20
    deeds = np.isin(log["kind"], [KIND["attacked"], KIND["alpha_voice"]])
    by_deed = {
        (int(r), int(e)): (int(a), int(t))
        for r, e, a, t in zip(
            log["replicate"][deeds],
            log["event_id"][deeds],
            log["actor"][deeds],
            log["target"][deeds],
            strict=True,
        )
    }
    for r, actor, target, cause in zip(
        recoils["replicate"], recoils["actor"], recoils["target"], recoils["cause"], strict=True
    ):
        doer, done_to = by_deed[(int(r), int(cause))]
        assert (int(actor), int(target)) == (done_to, doer)
    comfort = events_of(log, "scented")
    assert len(comfort["actor"]) > 20
    rows = rows_of(world, comfort["replicate"], comfort["actor"])
    partners = rows_of(world, comfort["replicate"], comfort["target"])
    # Mates are a small share of anyone's packmates, but a large share of who scents whom.
    assert (w.mate[rows] == partners).mean() > 0.3
    assert w.stress[mated].mean() < 0.5


def test_mates_stress_falls_faster_with_scent_than_without() -> None:
    """Scenting (R11) is what soothes: with scent switched off, stress only fades."""
    left = {}
    for on in (True, False):
        world = _world(packs=80)
        set_rules(world, "scent", enabled=on)
        w = world.wolves
        mated = np.flatnonzero(w.view("alive") & (w.view("mate") >= 0) & (w.view("pack") >= 0))
        w.stress[mated] = 0.9
        log = run_only(world, ["contact", "scent"], 10).log.drain()
        left[on] = w.stress[mated].mean()
        if not on:
            for kind in ("scented", "scent_soothed", "scent_recoiled", "gave_keepsake"):
                assert not (log["kind"] == KIND[kind]).any()
    assert left[True] < left[False] - 0.2


@pytest.mark.parametrize(
    ("section", "kinds"),
    [
        ("voice", ["alpha_voice"]),
        ("violence", ["attacked", "protected"]),
        ("submission", ["submitted"]),
        ("gossip", ["rumour", "rumour_passed"]),
        ("jealousy", ["jealous"]),
        ("keep_away", ["kept_pup_away"]),
        ("wellbeing", ["withdrew", "darkness", "recovered", "torn"]),
    ],
)
def test_a_switch_removes_itsevents_of(section: str, kinds: list[str]) -> None:
    """Each mechanic's switch takes its events away (and the rest runs on)."""
    counts = {}
    for on in (True, False):
        world = _world(violence_tolerance=0.8, outsider_hostility=0.8, omega_status_penalty=0.8)
        _newcomers(world, 0.1)
        set_rules(world, section, enabled=on)
        log = run_only(world, SOCIAL, 182).log.drain()
        counts[on] = sum(int((log["kind"] == KIND[k]).sum()) for k in kinds)
    assert counts[True] > 0
    assert counts[False] == 0


def test_without_the_voice_an_alpha_costs_no_trust_and_restraint_earns_it() -> None:
    """R13: the voice costs the commanded wolf's trust; with it off, trust in alphas grows."""
    trust = {}
    for on in (True, False):
        world = _world(packs=100)
        w = world.wolves
        alphas = w.view("designation") == Designation.ALPHA
        w.kindness[: w.size][alphas] = 0.0
        set_rules(world, "voice", enabled=on, use=0.2)
        run_only(world, ["contact"], 182)
        omega = np.flatnonzero(w.view("alive") & (w.view("designation") == Designation.OMEGA))
        other = w.tie_other[omega]
        to_alpha = (other >= 0) & alphas[np.maximum(other, 0)]
        trust[on] = w.tie_trust[omega][to_alpha].mean()
        fear = w.tie_fear[omega][to_alpha].mean()
        assert (fear > 0.05) == on
    assert trust[True] < trust[False] - 0.05


def test_protection_lowers_blows_and_a_blow_despite_it_hurts_more() -> None:
    """R46, R52: protected newcomers are struck less; a blow anyway is a broken promise."""
    world = _world(violence_tolerance=1.0)
    set_rules(world, "violence", protect=0.0)
    rows = _newcomers(world, 0.05)
    w, p = world.wolves, world.packs
    shielded = rows[::2]
    w.protector[shielded] = p.leader[w.pack[shielded]]
    w.esteem[p.leader[w.pack[shielded]]] = 1.0
    log = run_only(world, ["contact"], 182).log.drain()
    hits = events_of(log, "attacked")
    struck = rows_of(world, hits["replicate"], hits["target"])
    per_shielded = np.isin(struck, shielded).sum() / len(shielded)
    per_open = np.isin(struck, rows[1::2]).sum() / len(rows[1::2])
    assert per_shielded < 0.5 * per_open
    broken = hits["detail"] == 1
    assert broken.any() and np.isin(struck[broken], shielded).all()
    betrayed = np.unique(struck[broken])
    spared = shielded[~np.isin(shielded, struck)]
    trust_betrayed = ties.lookup(world, betrayed, w.protector[betrayed], "trust").mean()
    assert trust_betrayed < ties.lookup(world, spared, w.protector[spared], "trust").mean()


def test_a_kind_pack_alpha_takes_a_struck_newcomer_under_protection() -> None:
    world = _world(violence_tolerance=1.0)
    rows = _newcomers(world, 0.05)
    w, p = world.wolves, world.packs
    w.kindness[p.view("leader")] = 1.0
    log = run_only(world, ["contact"], 182).log.drain()
    promised = events_of(log, "protected")
    assert len(promised["actor"]) > 10
    wards = rows_of(world, promised["replicate"], promised["target"])
    assert np.isin(wards, rows).all()
    assert (w.protector[wards] == p.leader[w.pack[wards]]).all()


def test_baring_the_neck_stops_blows() -> None:
    """R12: with the reflex, fewer blows land on frightened newcomers."""
    hits = {}
    for on in (True, False):
        world = _world(violence_tolerance=1.0)
        set_rules(world, "submission", enabled=on, calms=1.0)
        rows = _newcomers(world, 0.05)
        world.wolves.anxiety[rows] = 1.0
        log = run_only(world, ["contact"], 120).log.drain()
        hits[on] = int((log["kind"] == KIND["attacked"]).sum())
    assert hits[True] < 0.8 * hits[False]


def test_rumours_travel_along_ties_lower_opinions_and_can_be_false() -> None:
    """R41: rumours begin, pass on with their origin as cause, and some are made up."""
    world = _world(outsider_hostility=0.9)
    _newcomers(world, 0.05)
    w = world.wolves
    w.kindness[: w.size] = 0.1
    log = run_only(world, ["contact"], 120).log.drain()
    started, passed = events_of(log, "rumour"), events_of(log, "rumour_passed")
    assert (started["value"] == 0).any() and (started["value"] == 1).any()
    assert len(passed["actor"]) > 20
    origin = set(zip(started["replicate"].tolist(), started["event_id"].tolist(), strict=True))
    told = zip(passed["replicate"].tolist(), passed["cause"].tolist(), strict=True)
    assert all(pair in origin for pair in told)
    listener = rows_of(world, passed["replicate"], passed["target"])
    subject = rows_of(world, passed["replicate"], passed["other"])
    heard = ties.lookup(world, listener, subject, "affinity")
    others = np.roll(listener, 7)
    assert heard.mean() < ties.lookup(world, others, subject, "affinity").mean()


def test_jealousy_is_about_a_mate_and_an_unmated_peer() -> None:
    """R21: a mated wolf sees its mate close to an unmated wolf of its own designation."""
    world = _world()
    w = world.wolves
    w.security[: w.size] = 0.0
    log = run_only(world, ["contact"], 182).log.drain()
    fits = events_of(log, "jealous")
    assert len(fits["actor"]) > 10
    who = rows_of(world, fits["replicate"], fits["actor"])
    mate = rows_of(world, fits["replicate"], fits["target"])
    peer = rows_of(world, fits["replicate"], fits["other"])
    assert (w.mate[who] == mate).all()
    assert (w.designation[peer] == w.designation[who]).all()
    assert (w.mate[peer] < 0).all()


def test_blame_scales_with_the_esteem_of_the_hurt_wolf() -> None:
    """R42: the culprit loses acceptance in proportion to how valued the victim is."""
    world = _world(packs=60)
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    first = np.unique(w.pack[rows], return_index=True)[1]
    victim, culprit = rows[first], rows[first + 1]
    same = w.pack[victim] == w.pack[culprit]
    victim, culprit = victim[same], culprit[same]
    w.esteem[victim[::2]] = 1.0
    w.esteem[victim[1::2]] = 0.2
    w.harmed_for[victim] = culprit
    log = run_only(world, ["blame"], 1).log.drain()
    assert int((log["kind"] == KIND["blamed"]).sum()) == len(victim)
    loss = 1.0 - w.acceptance[culprit]
    assert loss[::2].mean() == pytest.approx(world.rules.blame.acceptance_cost, rel=0.01)
    assert loss[1::2].mean() == pytest.approx(0.2 * world.rules.blame.acceptance_cost, rel=0.01)


def test_parents_keep_their_pups_away_from_unaccepted_wolves() -> None:
    """R41: a barred wolf loses its place looking after the young."""
    world = _world()
    rows = _newcomers(world, 0.05)
    w = world.wolves
    young = np.flatnonzero(w.view("alive") & (w.view("designation") == Designation.UNPRESENTED))
    assert len(young) > 50
    log = run_only(world, ["childcare"], 8 * 7).log.drain()
    barred = events_of(log, "kept_pup_away")
    assert len(barred["actor"]) > 20
    kept = rows_of(world, barred["replicate"], barred["target"])
    assert np.isin(kept, rows).all()
    assert not (w.roles[kept] & Role.CARER).any()
    parent = rows_of(world, barred["replicate"], barred["actor"])
    assert (w.pack[parent] == w.pack[kept]).all()


def test_affection_lands_weakly_on_an_insecure_wolf() -> None:
    """R45: the same contacts give an insecure wolf less felt support."""
    world = _world()
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    w.security[rows[::2]] = 0.0
    w.security[rows[1::2]] = 1.0
    run_only(world, ["contact"], 60)
    assert w.support[rows[::2]].mean() < 0.6 * w.support[rows[1::2]].mean()


def test_low_wellbeing_withdraws_darkens_and_a_withdrawn_mate_is_torn() -> None:
    """R44 states with events at their edges; R3: the inner wolf still wants its mate."""
    world = _world(omega_status_penalty=1.0)
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    w.wellbeing[rows] = 0.05
    w.hurt[rows] = 0.2
    w.hunger[rows] = 1.0  # nothing feeds them here: their set point stays below the dark line
    w.stress[rows] = 1.0
    mated = rows[w.mate[rows] >= 0]
    ties.remember(world, mated, w.mate[mated], affinity=0.8)
    log = run_only(world, ["wellbeing"], 7 * 6).log.drain()
    withdrew = events_of(log, "withdrew")
    assert len(withdrew["actor"]) >= 0.9 * len(rows)
    assert len(events_of(log, "darkness")["actor"]) > 0.5 * len(rows)
    torn = events_of(log, "torn")
    assert 0 < len(torn["actor"]) <= len(mated)
    withdrawals = set(
        zip(withdrew["replicate"].tolist(), withdrew["event_id"].tolist(), strict=True)
    )
    causes = zip(torn["replicate"].tolist(), torn["cause"].tolist(), strict=True)
    assert all(pair in withdrawals for pair in causes)


def test_a_supported_withdrawn_wolf_recovers() -> None:
    world = _world(omega_status_penalty=0.0, outsider_hostility=0.0)
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    w.kindness[rows] = 1.0
    w.wellbeing[rows[::4]] = 0.2
    w.withdrawn[rows[::4]] = True
    log = run_only(world, ["contact", "wellbeing"], 364).log.drain()
    assert len(events_of(log, "recovered")["actor"]) > 0.5 * len(rows[::4])


def test_scent_notes_lean_by_designation() -> None:
    """R8: omegas carry more sweet and floral notes than alphas, who carry more woodsy ones."""
    world = _world(packs=200)
    w = world.wolves
    voc = vocabulary()
    sweet = sum(1 << i for i, f in enumerate(voc.families) if f in ("sweet", "floral"))
    rows = np.flatnonzero(w.view("alive"))
    share = {}
    for d in (Designation.ALPHA, Designation.OMEGA):
        of = rows[w.designation[rows] == d]
        assert (w.scent[of] > 0).all()
        share[d] = np.bitwise_count(w.scent[of] & np.uint32(sweet)).mean()
    assert share[Designation.OMEGA] > share[Designation.ALPHA] + 0.5
    young = rows[w.designation[rows] == Designation.UNPRESENTED]
    assert (w.scent[young] == 0).all()


def test_memories_fade_unless_renewed() -> None:
    world = _world(packs=20)
    w = world.wolves
    rows = np.flatnonzero(w.view("alive") & (w.view("pack") >= 0))
    ties.remember(world, rows[:-1], rows[1:], memory=Memory.RESCUE, weight=1.0, event=5)
    run_only(world, ["wellbeing"], 7 * 8)
    vivid = ties.lookup(world, rows[:-1], rows[1:], "weight")
    expected = (1 - world.rules.contact.memory_fade) ** (7 * 8)
    assert vivid == pytest.approx(expected, rel=0.01)
    run_only(world, ["wellbeing"], 7 * 52)
    assert (w.tie_memory[rows] == Memory.RESCUE).sum() == 0


def test_routine_contacts_are_metrics_notevents_of(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from packbond import simulate

    run = simulate("seed", seed=1, years=0.25, out=tmp_path / "run")
    metrics = run.metrics
    assert metrics["contacts_this_week"].max() > 0
    assert metrics["mean_acceptance"].between(0, 1).all()
    assert "contact" not in set(run.events["kind"])


def test_an_unknown_scent_note_is_an_error_naming_it() -> None:
    from packbond.errors import ScenarioError
    from packbond.scenario import parse_scenario

    from ..conftest import MINIMAL

    with pytest.raises(ScenarioError) as err:
        parse_scenario(MINIMAL + 'scent = ["gingr"]\n', "bad.toml")
    assert "cast[0].scent" in str(err.value) and "'gingr'" in str(err.value)


def test_a_cast_members_scent_is_kept() -> None:
    from ..conftest import MINIMAL

    world = world_of(MINIMAL + 'scent = ["ginger", "toasty", "floral"]\n')
    notes = vocabulary().notes
    assert world.wolves.scent[0] == sum(1 << notes.index(n) for n in ("ginger", "toasty", "floral"))


def test_the_young_neither_act_nor_are_acted_on_in_the_packs_social_life() -> None:
    """Life stages: a wolf under the social age (14 by default) starts or passes no rumour,
    strikes no one and is struck by no one, is not commanded by the voice and bares its neck to
    no one, though it still meets its packmates every day; no act with a wolf over that age is
    lost (blows, talk, the voice and submission all happen among the older)."""
    world = _world(packs=120, seeds=(1,))
    _newcomers(world)
    w = world.wolves
    day_limit = 120
    engine = run_only(world, SOCIAL, day_limit)
    log = engine.log.drain()
    social = life.social_days(world.rules)
    young_with_packs = w.view("alive") & (w.view("pack") >= 0)
    young = young_with_packs & (day_limit - w.view("birth_day") < social)
    assert young.sum() > 50
    acts = ["rumour", "rumour_passed", "attacked", "alpha_voice", "submitted", "excluded"]
    for kind in acts:
        events = events_of(log, kind)
        assert len(events["kind"]) > 0, kind
        for role in ("actor", "target"):
            ids = events[role]
            known = ids >= 0
            rows = rows_of(world, events["replicate"][known], ids[known])
            age = events["day"][known] - w.birth_day[rows]
            assert (age >= social).all(), (kind, role)
    assert (w.view("support")[young] != 0).mean() > 0.5  # moved by contacts
