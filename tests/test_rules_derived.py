"""Values derived from rules are made once per rules object and per further argument."""

from __future__ import annotations

from packbond.rules import load_rules
from packbond.rules.derived import once_per_rules


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
