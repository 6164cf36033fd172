"""Values derived from rules are made once per rules object and per further argument."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from packbond.rules import load_rules
from packbond.rules.derived import kernel_rules, once_per_rules


def test_a_derived_value_is_made_again_only_for_another_rules_object_or_key() -> None:
    calls: list[tuple[int, bool]] = []

    @once_per_rules
    def interval(rules, winter: bool) -> int:  # type: ignore[no-untyped-def]
        calls.append((id(rules), winter))
        return rules.hunting.interval_days + (100 if winter else 0)

    seed, other = load_rules("seed"), load_rules("seed")
    assert interval(seed, False) == interval(seed, False) == seed.hunting.interval_days
    assert interval(seed, True) == seed.hunting.interval_days + 100
    assert len(calls) == 2  # one per key, kept for the same rules object
    assert interval(other, False) == other.hunting.interval_days
    assert len(calls) == 3  # an equal but other rules object is derived again
    interval(seed, False)
    assert len(calls) == 4  # only the last rules object is kept per key


class _Probe(NamedTuple):
    interval_days: int
    pain_share: float
    day: int


def test_kernel_rules_fill_fields_by_name_from_the_sections_and_the_given() -> None:
    rules = load_rules("seed")
    got = kernel_rules(_Probe, rules.hunting, rules.bond, day=9)
    assert got == _Probe(rules.hunting.interval_days, rules.bond.pain_share, 9)
    first = kernel_rules(_Probe, rules.hunting, rules.bond, day=9, interval_days=3)
    assert first.interval_days == 3  # what the step gives wins over a rule of the same name


def test_kernel_rules_refuse_a_field_found_nowhere_and_an_unknown_given() -> None:
    rules = load_rules("seed")
    with pytest.raises(TypeError, match=r"_Probe\.pain_share is neither given nor a rule"):
        kernel_rules(_Probe, rules.hunting, day=1)
    with pytest.raises(TypeError, match="no fields"):
        kernel_rules(_Probe, rules.hunting, rules.bond, day=1, bogus=2)
