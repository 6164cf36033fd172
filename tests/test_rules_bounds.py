"""Every number of the rules declares its bounds where pydantic, its JSON Schema and our
messages all read them: ``Field(ge=..., le=...)``."""

from __future__ import annotations

from typing import Any

import pytest

from packbond import ScenarioError
from packbond.rules import load_rules
from packbond.rules.model import Rules
from packbond.scenario.schema import Scenario


def _number_properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every number or whole-number property of every model in a JSON Schema, by
    ``Model.field`` (an optional field's number schema taken from its ``anyOf``)."""
    found = {}
    for model, definition in schema["$defs"].items():
        for name, prop in definition.get("properties", {}).items():
            for option in prop.get("anyOf", [prop]):
                if option.get("type") in ("number", "integer"):
                    found[f"{model}.{name}"] = option
    return found


def test_the_rules_json_schema_shows_the_bounds_of_known_fields() -> None:
    """A probability, a count of days and a signed weight carry their minimum and maximum."""
    numbers = _number_properties(Rules.model_json_schema())
    expected = {
        "FormRules.tear_probability": ("number", 0.0, 1.0),
        "CalendarRules.days_per_season": ("integer", 7, 365),
        "HuntingRules.kill_food": ("number", 0.0, 10_000.0),
        "PresentingRules.age_years_min": ("number", 0.0, 200.0),
        "LifespanRules.senescence_doubling_years": ("number", 0.1, 100.0),
        "TieRules.slots": ("integer", 1, 64),
    }
    for field, (kind, low, high) in expected.items():
        prop = numbers[field]
        assert (prop["type"], prop["minimum"], prop["maximum"]) == (kind, low, high), field


def test_every_number_of_the_rules_has_both_bounds() -> None:
    """No rules number is unbounded: each has a minimum and a maximum in the schema."""
    numbers = _number_properties(Rules.model_json_schema())
    assert len(numbers) > 300
    unbounded = [f for f, p in numbers.items() if "minimum" not in p or "maximum" not in p]
    assert unbounded == []


def test_every_number_of_a_scenario_has_both_bounds() -> None:
    """The scenario format declares its bounds the same way (a cast member's age, a trait)."""
    numbers = _number_properties(Scenario.model_json_schema())
    assert (numbers["CastMember.age"]["minimum"], numbers["CastMember.age"]["maximum"]) == (0, 200)
    assert numbers["Traits.kindness"]["maximum"] == 1.0
    unbounded = [f for f, p in numbers.items() if "minimum" not in p or "maximum" not in p]
    assert unbounded == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"hunting": {"kill_food": "lots"}},
            "'rules.overrides.hunting.kill_food' must be a number from 0 to 10,000 (got 'lots')",
        ),
        (
            {"hunting": {"kill_food": "50"}},
            "'rules.overrides.hunting.kill_food' must be a number from 0 to 10,000 (got '50')",
        ),
        (
            {"hunting": {"party_max": 2.0}},
            "'rules.overrides.hunting.party_max' must be a whole number from 1 to 50 (got 2.0)",
        ),
        (
            {"forms": {"enabled": True, "tear_probability": True}},
            "'rules.overrides.forms.tear_probability' must be a number from 0 to 1 (got True)",
        ),
        (
            {"lifespan": {"senescence_doubling_years": 0.05}},
            "'rules.overrides.lifespan.senescence_doubling_years' must be a number from 0.1 to "
            "100 (got 0.05)",
        ),
        (
            {"gathering": {"yield_by_season": {"winter": float("inf")}}},
            "'rules.overrides.gathering.yield_by_season.winter' must be a number from 0 to 1,000 "
            "(got inf)",
        ),
    ],
)
def test_a_bad_number_says_the_bounds_its_field_declares(
    overrides: dict[str, Any], message: str
) -> None:
    """Text (even a number in quotes), true/false, a fraction for a whole number, or a value out
    of bounds: one message, with both bounds as the field declares them."""
    with pytest.raises(ScenarioError) as info:
        load_rules("seed", overrides)
    assert [p.describe() for p in info.value.problems] == [message]


def test_a_whole_number_given_to_a_number_field_is_taken_as_a_float() -> None:
    """TOML's ``kill_food = 40`` is the number 40.0: a whole number is a number too."""
    rules = load_rules("seed", {"hunting": {"kill_food": 40}})
    assert rules.hunting.kill_food == 40.0 and isinstance(rules.hunting.kill_food, float)
