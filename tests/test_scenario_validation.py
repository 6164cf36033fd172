"""Bad scenarios get clear messages naming the file, line, field, expectation and finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from packbond import ScenarioError, UnknownScenarioError, load_scenario

from .conftest import MINIMAL

TWO_PACKS = """
name = "two"
[[regions]]
name = "Forest"

[[packs]]
name = "Ash"

[[packs]]
name = "Birch"
region = "Forest"
norms = { outsider_hostility = "very" }
"""


def problems(text: str, write: Callable[[str], Path]) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_scenario(write(text))
    return info.value


def test_a_wrong_norm_names_its_field_range_and_value(write_scenario) -> None:
    """A norm that is not a number is reported with its path, range and what was found."""
    e = problems(TWO_PACKS, write_scenario)
    [p] = e.problems
    assert p.path == "packs[1].norms.outsider_hostility"
    assert p.message == "must be a number from 0 to 1 (got 'very')"
    assert p.line == 11
    assert e.source.endswith("scenario.toml")
    assert f"{e.source}:11: 'packs[1].norms.outsider_hostility'" in str(e)


def test_out_of_range_numbers_are_errors(write_scenario) -> None:
    """A probability above 1 is rejected with the expected range."""
    text = MINIMAL.replace(
        'leader = "Rowan"', 'leader = "Rowan"\nnorms = { violence_tolerance = 1.5 }'
    )
    [p] = problems(text, write_scenario).problems
    assert p.path == "packs[0].norms.violence_tolerance"
    assert p.message == "must be a number from 0 to 1 (got 1.5)"


def test_unknown_keys_suggest_the_right_one(write_scenario) -> None:
    """A misspelt key is an error with a 'did you mean'."""
    text = MINIMAL.replace('designation = "alpha"', 'designaton = "alpha"')
    [p] = problems(text, write_scenario).problems
    assert p.path == "cast[0].designaton"
    assert p.message == "is not a known key; did you mean 'designation'?"
    assert p.line == 14


def test_every_problem_is_reported_at_once(write_scenario) -> None:
    """Type errors, unknown names and bad references all come in one report."""
    text = (
        MINIMAL
        + """
[[cast]]
name = "Fern"
sex = "X"
age = -3
pack = "Oak"

[[facts]]
kind = "mated"
a = "Rowan"
b = "Fernn"
"""
    )
    paths = {p.path for p in problems(text, write_scenario).problems}
    assert {"cast[1].sex", "cast[1].age"} <= paths


def test_references_must_name_things_that_exist(write_scenario) -> None:
    """Packs, regions and cast members named elsewhere must exist, with a suggestion."""
    text = (
        MINIMAL.replace('region = "Forest"', 'region = "Forrest"')
        + """
[[facts]]
kind = "grievance"
from = "Ash"
to = "Oak"
amount = 0.5
"""
    )
    found = {p.path: p.message for p in problems(text, write_scenario).problems}
    assert found["packs[0].region"] == (
        "must name a region of the scenario (got 'Forrest'); did you mean 'Forest'?"
    )
    assert found["facts[0].to"] == "must name a pack of the scenario (got 'Oak')"


def test_missing_required_fields(write_scenario) -> None:
    """A scenario without regions or a cast member without a sex is told so."""
    e = problems('name = "x"\n[[cast]]\nname = "A"\nage = 3\n', write_scenario)
    found = {p.path: p.message for p in e.problems}
    assert found["regions"] == "is required but missing"
    assert found["cast[0].sex"] == "is required but missing"


def test_bad_rules_overrides_name_their_path(write_scenario) -> None:
    """A rules override is validated like the rest, under rules.overrides."""
    text = MINIMAL.replace(
        'name = "mini"',
        'name = "mini"\n[rules]\npreset = "seed"\n[rules.overrides.presenting]\nage_years_mn = 3\n',
    )
    [p] = problems(text, write_scenario).problems
    assert p.path == "rules.overrides.presenting.age_years_mn"
    assert "did you mean 'age_years_min'?" in p.message


def test_unknown_preset(write_scenario) -> None:
    """An unknown rules preset lists the presets."""
    text = MINIMAL.replace('name = "mini"', 'name = "mini"\n[rules]\npreset = "noir"\n')
    [p] = problems(text, write_scenario).problems
    assert p.path == "rules.preset"
    assert p.message == "must be one of seed, ecology, classic (got 'noir')"


def test_toml_syntax_errors_give_the_line(write_scenario) -> None:
    """Broken TOML is reported with its line."""
    [p] = problems('name = "x"\n\n[[regions]\nname = "A"\n', write_scenario).problems
    assert p.line == 3
    assert p.message.startswith("is not valid TOML")


def test_a_leader_must_belong_to_the_pack(write_scenario) -> None:
    """A pack's leader must be a member of it."""
    text = MINIMAL.replace('pack = "Ash"', "")
    [p] = problems(text, write_scenario).problems
    assert p.path == "packs[0].leader"
    assert p.message == "must be a member of the pack (got 'Rowan', of pack None)"


def test_parents_must_be_older(write_scenario) -> None:
    """A parent younger than the child is an error."""
    text = MINIMAL + '\n[[cast]]\nname = "Kit"\nsex = "F"\nage = 40\nparents = ["Rowan"]\n'
    [p] = problems(text, write_scenario).problems
    assert p.path == "cast[1].parents[0]"
    assert p.message == "must be older than 'Kit' (got 'Rowan', aged 30)"


def test_unknown_scenario_names_the_built_ins() -> None:
    """A name that is neither a file nor a built-in lists the built-ins."""
    with pytest.raises(UnknownScenarioError, match=r"did you mean 'seed'\?"):
        load_scenario("sed")
    with pytest.raises(UnknownScenarioError, match="does not exist"):
        load_scenario("nowhere/world.toml")


def test_built_in_scenarios_are_valid() -> None:
    """Every built-in scenario validates."""
    for name in ("seed", "seed-winter", "valley"):
        assert load_scenario(name).scenario.name == name


def test_a_season_promise_needs_mates_that_exist(write_scenario) -> None:
    """A ``promised`` fact names cast members who are mated to each other."""
    text = (
        MINIMAL
        + """
[[cast]]
name = "Wren"
sex = "F"
age = 20
designation = "omega"
pack = "Ash"

[[facts]]
kind = "promised"
by = "Rowan"
to = "Wren"

[[facts]]
kind = "promised"
by = "Rowan"
to = "Nobody"
"""
    )
    found = {p.path: p.message for p in problems(text, write_scenario).problems}
    assert found["facts[0]"] == "a season promise needs mates: 'Rowan' is not mated to 'Wren'"
    assert found["facts[1].to"] == "must name a cast member of the scenario (got 'Nobody')"


def test_a_late_winter_canon_arc_needs_one_season_promise(write_scenario) -> None:
    """``canon_arc = "late_winter"`` follows the wolf holding a promise: without one, the
    scenario is refused, naming the field."""
    text = MINIMAL.replace('name = "mini"', 'name = "mini"\ncanon_arc = "late_winter"')
    found = {p.path: p.message for p in problems(text, write_scenario).problems}
    assert found["canon_arc"].startswith("the late-winter arc follows the wolf holding a season")
    assert "(got 0)" in found["canon_arc"]


ADULTS = """
name = "vows"
[[regions]]
name = "Forest"

[[packs]]
name = "Ash"

[[cast]]
name = "Dae"
sex = "M"
age = {dae}
designation = "omega"
pack = "Ash"

[[cast]]
name = "Ryu"
sex = "M"
age = 30
designation = "alpha"
pack = "Ash"

[[facts]]
kind = "{kind}"
a = "Dae"
b = "Ryu"
{extra}
"""


@pytest.mark.parametrize(("kind", "extra"), [("mated", ""), ("betrothed", "in_days = 7")])
def test_a_mating_or_betrothal_with_a_minor_is_refused(write_scenario, kind, extra) -> None:
    """Adults only: a fact that mates or promises a wolf under 18 names the fact, the wolf and
    the rule; the same fact at 18 loads."""
    text = ADULTS.format(dae=17.5, kind=kind, extra=extra)
    [p] = problems(text, write_scenario).problems
    assert p.path == "facts[0].a"
    assert "'Dae', aged 17.5" in p.message and "rules.life.adult_years = 18" in p.message
    load_scenario(write_scenario(ADULTS.format(dae=18, kind=kind, extra=extra)))


def test_the_age_of_adulthood_cannot_be_set_below_18(write_scenario) -> None:
    """No preset or scenario may lower adulthood: the override is refused, naming the field."""
    text = MINIMAL.replace(
        'name = "mini"',
        'name = "mini"\n[rules]\npreset = "ecology"\n[rules.overrides.life]\nadult_years = 16\n',
    )
    [p] = problems(text, write_scenario).problems
    assert p.path == "rules.overrides.life.adult_years"
    assert "18" in p.message
