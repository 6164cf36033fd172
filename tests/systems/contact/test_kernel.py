"""The contact kernel's formulas, each checked against the rule written out."""

from __future__ import annotations

import pytest

from packbond.rules import load_rules
from packbond.state.wolves import Designation
from packbond.systems.contact import kernel as contact_kernel
from packbond.systems.contact.system import _rules_of


def _rules() -> contact_kernel.ContactRules:
    """The seed preset's contact rules, as the kernel gets them."""
    return _rules_of(load_rules("seed"))


def test_attendance_falls_with_acceptance_and_is_fixed_for_the_withdrawn() -> None:
    r = _rules()
    assert contact_kernel.attendance(False, 1.0, r) == pytest.approx(r.attend)
    half = r.attend * (1.0 - r.attend_acceptance * 0.5)
    assert contact_kernel.attendance(False, 0.5, r) == pytest.approx(half)
    assert contact_kernel.attendance(True, 0.5, r) == r.attend_withdrawn


def test_strike_chance_is_the_formula_written_out() -> None:
    """R46, R52: attack x tolerance x unacceptance x 2 x unkindness x (1 - shield) x (1 +
    dislike)."""
    r = _rules()
    chance = contact_kernel.strike_chance(0.4, 0.5, 0.2, 0.25, -0.5, r)
    assert chance == pytest.approx(r.attack * 0.5 * 0.6 * 2.0 * 0.8 * 0.75 * 1.5)
    liked = contact_kernel.strike_chance(0.4, 0.5, 0.2, 0.25, 0.9, r)
    assert liked == pytest.approx(chance / 1.5)
    assert contact_kernel.strike_chance(1.0, 0.5, 0.2, 0.0, -1.0, r) == 0.0
    assert contact_kernel.strike_chance(0.4, 0.5, 0.2, 1.0, -1.0, r) == 0.0


def test_alpha_fear_adds_strangeness_and_threat() -> None:
    r = _rules()
    calm = contact_kernel.alpha_fear(0.5, 0.1, False, False, r)
    assert calm == pytest.approx(r.anxiety_weight * 0.5 + 0.1)
    both = contact_kernel.alpha_fear(0.5, 0.1, True, True, r)
    assert both == pytest.approx(calm + r.stranger_fear + r.threat_fear)


def test_only_an_alpha_who_outranks_commands_and_nobody_commands_the_pack_alpha() -> None:
    alpha, beta, unpresented = Designation.ALPHA, Designation.BETA, Designation.UNPRESENTED
    assert contact_kernel.outranks(1, 2, beta, leader=-1)
    assert not contact_kernel.outranks(1, 2, alpha, leader=-1)
    assert contact_kernel.outranks(1, 2, alpha, leader=2)
    assert not contact_kernel.outranks(1, 2, unpresented, leader=-1)
    assert not contact_kernel.outranks(1, 2, beta, leader=1)


def test_obedience_rises_with_the_gap_in_standing() -> None:
    r = _rules()
    even = contact_kernel.obey_chance(0.6, 0.5, 0.5, r)
    assert even == pytest.approx(0.6)
    assert contact_kernel.obey_chance(0.6, 0.9, 0.5, r) == pytest.approx(
        0.6 * (1.0 + r.rank_weight * 0.4)
    )


def test_warmth_lands_weakly_on_the_insecure_and_coldness_whole() -> None:
    """R45."""
    r = _rules()
    floor = r.security_floor
    assert contact_kernel.lifted(0.5, 0.0, r) == pytest.approx(0.5 * floor)
    assert contact_kernel.lifted(0.5, 1.0, r) == pytest.approx(0.5)
    assert contact_kernel.lifted(-0.5, 0.0, r) == -0.5


def test_jealousy_grows_with_insecurity_distrust_and_rumour() -> None:
    """R21."""
    r = _rules()
    base = contact_kernel.jealousy_chance(0.2, 0.5, False, r)
    assert base == pytest.approx(r.jealousy_base * 0.8 * 1.0)
    fuelled = contact_kernel.jealousy_chance(0.2, 0.5, True, r)
    assert fuelled == pytest.approx(base * (1.0 + r.rumour_weight))
    assert contact_kernel.jealousy_chance(0.2, 0.0, False, r) > base
