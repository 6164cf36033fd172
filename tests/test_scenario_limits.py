"""Scenarios that would break a run are refused up front, with one short message naming the
file, the field and what is wrong."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import packbond
from packbond import PackbondError, ScenarioError, UnknownScenarioError, load_scenario
from packbond.cli import app
from packbond.narrative.sifting import load_patterns
from packbond.scenario import build_world, builtin_names, check_fits, parse_scenario, safe_dir_name
from packbond.scenario.size import COLUMN_FACTOR, bytes_per_wolf, starting_wolves
from packbond.state import Wolves

from .conftest import MINIMAL

REGION = 'name = "x"\n[[regions]]\nname = "Forest"\n'


def found(text: str) -> dict[str, str]:
    """The problems of a scenario text, message by path."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text)
    return {p.path: p.message for p in info.value.problems}


def problem(text: str) -> tuple[str, str]:
    """The one problem of a scenario text, as (path, message)."""
    [(path, message)] = found(text).items()
    return path, message


def nested(depth: int, open_: str = "{b = ", close: str = "}") -> str:
    return open_ * depth + "1" + close * depth


# --- 1. nesting -------------------------------------------------------------------------------

DEEP = "is nested too deeply (tables and lists nest at most 16 levels in a scenario)"
TOO_DEEP_TO_READ = (
    "is nested too deeply to read (tables and lists nest at most 16 levels in a scenario)"
)


def test_deeply_nested_inline_tables_are_refused_by_depth() -> None:
    """Inline tables nested a hundred deep are refused, naming where they go too deep."""
    path, message = problem(REGION + f"[rules.overrides]\nhunting = {nested(100)}\n")
    assert path == "rules.overrides.hunting" + ".b" * 14
    assert message == DEEP


@pytest.mark.parametrize(
    "value", [nested(326), nested(2000), nested(326, "[", "]"), nested(5000, "[", "]")]
)
def test_nesting_too_deep_for_the_parser_is_refused(value: str) -> None:
    """Nesting so deep that the TOML parser itself recurses too far (how deep that is depends
    on the stack when it is called) is refused all the same."""
    path, message = problem(f"x = {value}\n" + REGION)
    assert (path, message) == ("", TOO_DEEP_TO_READ) or message == DEEP


def test_deeply_nested_arrays_are_refused() -> None:
    """Arrays within arrays count as nesting like tables."""
    path, message = problem(REGION + f"[[cast]]\nname = {nested(300, '[', ']')}\n")
    assert path == "cast[0].name" + "[0]" * 14
    assert message == DEEP


def test_a_deeply_nested_pattern_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    """A pattern file loaded with --patterns gets the same refusal, naming the file."""
    (tmp_path / "deep.toml").write_text(f"title = {nested(2000)}\n", "utf-8")
    (tmp_path / "deeper.toml").write_text(f"title = {nested(100)}\n", "utf-8")
    with pytest.raises(PackbondError) as info:
        load_patterns(tmp_path)
    assert str(tmp_path / "deep.toml") in str(info.value)
    assert "is nested too deeply to read" in str(info.value)
    (tmp_path / "deep.toml").unlink()
    with pytest.raises(PackbondError, match=r"'title(\.b){16}' is nested"):
        load_patterns(tmp_path)


def test_validate_refuses_deep_nesting_with_exit_2(write_scenario) -> None:
    """``packbond validate`` reports the nesting in one line and exits 2, no traceback."""
    path = write_scenario(f"x = {nested(3000)}\n" + REGION)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "nested too deeply" in result.output
    assert "Traceback" not in result.output


# --- 2. what building the world assumes ---------------------------------------------------------


def test_a_world_of_loners_without_packs_runs() -> None:
    """Cast members without a pack in a scenario without packs are loners, and the run goes on
    (building the world once took a pack row for them that did not exist)."""
    text = REGION + '[[cast]]\nname = "Lone"\nsex = "F"\nage = 3\n'
    run = packbond.simulate(parse_scenario(text), seed=1, years=0.1, trace_every=0)
    assert run.wolves["name"].tolist() == ["Lone"]
    world = build_world(parse_scenario(text), [0])
    assert world.wolves.pack[: world.wolves.size].tolist() == [-1]


def test_a_world_with_no_wolves_at_all_runs() -> None:
    """Regions alone (or an empty generated population) make an empty world that still runs."""
    for text in (REGION, REGION + "[population]\npacks = 0\n"):
        run = packbond.simulate(parse_scenario(text), seed=1, years=0.1, trace_every=0)
        assert len(run.wolves) == 0


def test_a_pack_cannot_hold_a_grievance_against_itself() -> None:
    """A grievance from a pack to itself would have it declare war on itself."""
    text = (
        REGION
        + '[[packs]]\nname = "Ash"\n'
        + '[[facts]]\nkind = "grievance"\nfrom = "Ash"\nto = "Ash"\namount = 1.0\n'
    )
    assert problem(text) == ("facts[0].to", "must name another pack (got 'Ash')")


def test_a_parent_cannot_be_named_twice() -> None:
    """Both parents named the same would make one wolf mother and father."""
    text = MINIMAL + '[[cast]]\nname = "Kit"\nsex = "F"\nage = 2\nparents = ["Rowan", "Rowan"]\n'
    assert problem(text) == ("cast[1].parents[1]", "names the same parent twice ('Rowan')")


def test_a_pack_holds_at_most_what_its_ladder_can_number() -> None:
    """Places on a pack's ladder are 16-bit: a pack of more than 32,767 is refused."""
    assert problem(REGION + '[[packs]]\nname = "Ash"\nextra_members = 30001\n') == (
        "packs[0].extra_members",
        "must be a whole number from 0 to 30,000 (got 30001)",
    )
    cast = "".join(
        f'[[cast]]\nname = "W{i}"\nsex = "F"\nage = 3\npack = "Ash"\n' for i in range(2768)
    )
    text = REGION + '[[packs]]\nname = "Ash"\nextra_members = 30000\n' + cast
    assert problem(text) == (
        "packs[0].extra_members",
        "makes 32,768 members with the cast, more than the 32,767 a pack can hold",
    )


# --- 3. every number finite, and within what its column holds -----------------------------------


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            "[population]\npacks = 1\nfood_per_member = inf\n",
            "population.food_per_member",
            "must be a number from 0 to 3,650 (got inf)",
        ),
        (
            '[[packs]]\nname = "Ash"\nfood = 1e308\n',
            "packs[0].food",
            "must be a number from 0 to 1,000,000,000 (got 1e+308)",
        ),
        (
            '[[packs]]\nname = "Ash"\nfood = nan\n',
            "packs[0].food",
            "must be a number from 0 to 1,000,000,000 (got nan)",
        ),
        (
            "[population]\npacks = 1\nsize_sd = 1e4\n",
            "population.size_sd",
            "must be a number from 0 to 1,000 (got 10000.0)",
        ),
        (
            "[population]\npacks = 10000001\n",
            "population.packs",
            "must be a whole number from 0 to 10,000,000 (got 10000001)",
        ),
        (
            '[[cast]]\nname = "A"\nsex = "F"\nage = -inf\n',
            "cast[0].age",
            "must be a number from 0 to 200 (got -inf)",
        ),
        (
            '[[relations]]\nfrom = "A"\nto = "B"\naffinity = nan\n',
            "relations[0].affinity",
            "must be a number from -1 to 1 (got nan)",
        ),
        (
            "[rules.overrides.hunting]\nkill_food = inf\n",
            "rules.overrides.hunting.kill_food",
            "must be a number from 0 to 10,000 (got inf)",
        ),
        (
            "[rules.overrides.lifespan]\nmax_age_years = nan\n",
            "rules.overrides.lifespan.max_age_years",
            "must be a number from 0 to 200 (got nan)",
        ),
    ],
)
def test_numbers_are_finite_and_within_their_range(body: str, path: str, message: str) -> None:
    """NaN, infinities and numbers beyond what the run can hold are refused, rules too."""
    assert found(REGION + body)[path] == message


def test_a_pattern_file_bound_must_be_finite(tmp_path: Path) -> None:
    """Pattern files share the models' rule: a value bound of nan is refused, naming the file."""
    (tmp_path / "p.toml").write_text(
        'title = "T"\nsummary = "S"\ncast = ["w"]\n[[steps]]\nkind = "injured"\n'
        'bind = { wolf = "w" }\nvalue = { min = nan }\n',
        "utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_patterns(tmp_path)
    assert str(info.value).endswith(
        "p.toml: 'steps[0].value.min' must be a finite number (got nan)"
    )


def test_every_number_field_of_a_scenario_has_finite_bounds() -> None:
    """No number field of the scenario or the rules is left open at the top."""
    too_big = (
        REGION
        + '[[packs]]\nname = "Ash"\nfood = 1e300\nextra_members = 9223372036854775807\n'
        + '[[regions]]\nname = "Far"\nterritories = 9223372036854775807\n'
        + "[population]\npacks = 1\nsize_mean = 1e300\nsize_min = 9223372036854775807\n"
        + "food_per_member = 1e300\n"
    )
    assert set(found(too_big)) == {
        "packs[0].food",
        "packs[0].extra_members",
        "regions[1].territories",
        "population.size_mean",
        "population.size_min",
        "population.food_per_member",
    }


# --- 4. a world too big for the machine --------------------------------------------------------


def test_a_world_too_big_for_the_machine_is_refused_with_the_estimate() -> None:
    """Ten million generated packs are refused before anything is built, with the figures."""
    loaded = parse_scenario(REGION + "[population]\npacks = 10000000\nsize_mean = 8\n")
    with pytest.raises(ScenarioError) as info:
        check_fits(loaded, memory=24 * 10**9)
    [p] = info.value.problems
    assert p.path == "population.packs"
    assert p.line == 5
    need = 80_000_107 * bytes_per_wolf(loaded.rules) + 300_000_000
    assert p.message == (
        "= 10,000,000 would make about 80,000,000 wolves, needing about "
        f"{need / 1e9:,.0f} GB of memory; this machine has 24 GB"
    )


def test_replicates_count_in_the_estimate() -> None:
    """A world that fits once may not fit a thousand times over."""
    loaded = parse_scenario(REGION + "[population]\npacks = 2000\nsize_mean = 8\n")
    check_fits(loaded, replicates=1, memory=2 * 10**9)
    with pytest.raises(ScenarioError) as info:
        check_fits(loaded, replicates=1000, memory=2 * 10**9)
    [p] = info.value.problems
    assert p.message.startswith(
        "= 2,000 would make about 16,000 wolves in each of 1,000 replicates (16,000,000 in all), "
        "needing about "
    )


def test_a_world_beyond_what_rows_can_number_is_refused() -> None:
    """More wolves than 32-bit rows can number is refused whatever the memory."""
    loaded = parse_scenario(REGION + '[[packs]]\nname = "Ash"\nextra_members = 30000\n')
    with pytest.raises(ScenarioError, match="more than the 2,147,483,647 a world can number"):
        check_fits(loaded, replicates=80_000, memory=10**18)


def test_the_memory_can_be_set_by_an_environment_variable(monkeypatch) -> None:
    """PACKBOND_MEMORY_GB replaces the machine's memory, and a bad value is refused."""
    loaded = parse_scenario(REGION + "[population]\npacks = 2000\nsize_mean = 8\n")
    monkeypatch.setenv("PACKBOND_MEMORY_GB", "0.3")
    with pytest.raises(ScenarioError, match=r"PACKBOND_MEMORY_GB gives 0\.3 GB"):
        check_fits(loaded)
    monkeypatch.setenv("PACKBOND_MEMORY_GB", "lots")
    with pytest.raises(PackbondError, match="must be a number of GB above 0"):
        check_fits(loaded)


def test_the_estimate_rests_on_the_real_columns() -> None:
    """Bytes a wolf are the wolf table's row with the rules' tie slots, times the measured
    factor; and a generated world starts with about the wolves the estimate counts."""
    loaded = parse_scenario(REGION + "[population]\npacks = 500\nsize_mean = 8\n")
    world = build_world(loaded, [0])
    row = sum(getattr(world.wolves, name)[:1].nbytes for name in Wolves.columns())
    assert bytes_per_wolf(loaded.rules) == round(row * COLUMN_FACTOR)
    assert math.isclose(starting_wolves(loaded.scenario), world.wolves.size, rel_tol=0.02)


def test_built_in_scenarios_fit_and_validate() -> None:
    """Every built-in scenario validates and fits a machine of 2 GB a hundred times over."""
    for name in builtin_names():
        check_fits(load_scenario(name), replicates=100, memory=2 * 10**9)


# --- 5. names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            '[[packs]]\nname = "Ash\\u0000"\n',
            "packs[0].name",
            "must be one line without control characters (got 'Ash\\x00')",
        ),
        (
            '[[packs]]\nname = "Ash\\nBirch"\n',
            "packs[0].name",
            "must be one line without control characters (got 'Ash\\nBirch')",
        ),
        (
            '[[cast]]\nname = "Wren\\u007f"\nsex = "F"\nage = 3\n',
            "cast[0].name",
            "must be one line without control characters (got 'Wren\\x7f')",
        ),
        ('[[packs]]\nname = "  "\n', "packs[0].name", "must not be empty (got '  ')"),
        (
            f'[[packs]]\nname = "{"a" * 81}"\n',
            "packs[0].name",
            f"must be at most 80 characters (got {'a' * 80!r}… (81 characters))",
        ),
    ],
)
def test_names_are_one_short_line(body: str, path: str, message: str) -> None:
    """A name with a control character, blank, or over 80 characters is refused."""
    assert problem(REGION + body) == (path, message)


def test_a_scenario_name_is_a_name_and_its_folder_is_made_safe() -> None:
    """The scenario's name is refused like any name (blank, control characters); '/' and '..'
    are kept, since it is also a title, and the folder made from it is one safe component."""
    text = 'name = "{}"\n[[regions]]\nname = "Forest"\n'
    assert problem(text.format("")) == ("name", "must not be empty (got '')")
    assert problem(text.format("a\\tb")) == (
        "name",
        "must be one line without control characters (got 'a\\tb')",
    )
    loaded = parse_scenario(text.format("../../etc/<i>x</i>"))
    assert safe_dir_name(loaded.scenario.name) == "etc-i-x-i"


def test_safe_dir_name_makes_one_safe_path_component() -> None:
    """Whatever the name, the folder name is one component: no separator, no '..', no leading
    dot, no control character, 1 to 64 characters."""
    assert safe_dir_name("seed") == "seed"
    assert safe_dir_name("Ash Valley: 2") == "Ash-Valley-2"
    assert safe_dir_name("two packs/../../etc") == "two-packs-.-.-etc"
    assert safe_dir_name("..") == "run"
    assert safe_dir_name("") == "run"
    assert safe_dir_name(".hidden") == "hidden"
    assert safe_dir_name("Séoul") == "Séoul"
    for name in ("a/b\\c", "\x00\x1f\x7f", "..." * 40, "x" * 1000, "/", "a\nb"):
        safe = safe_dir_name(name)
        assert 1 <= len(safe) <= 64 and safe not in (".", "..")
        assert not set(safe) & {"/", "\\", *map(chr, range(32)), "\x7f"}
        assert ".." not in safe and not safe.startswith(".")


# --- 6. short messages -----------------------------------------------------------------------


BIG = "x" * 1_000_000
CUT = f"{'x' * 80!r}… (1,000,000 characters)"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (f'[[cast]]\nname = "A"\nsex = "F"\nage = "{BIG}"\n', f"(got {CUT})"),
        (f'[[packs]]\nname = "Ash"\nregion = "{BIG}"\n', f"(got {CUT})"),
        (f'[rules]\npreset = "{BIG}"\n', f"(got {CUT})"),
        (f'[[cast]]\nname = "A"\nsex = "F"\nage = 3\nscent = ["{BIG}"]\n', CUT),
        (f"{BIG} = 1\n", f"'regions[0].{'x' * 40}…' is not a known key"),
        (
            f'[[cast]]\nname = "A"\nsex = "F"\nage = [{", ".join(["1"] * 100_000)}]\n',
            "(100,000 items)",
        ),
    ],
    ids=["number", "reference", "preset", "scent", "key", "list"],
)
def test_a_huge_value_is_quoted_cut(write_scenario, body: str, fragment: str) -> None:
    """A 1 MB value is quoted by its first 80 characters and its length, never whole."""
    with pytest.raises(ScenarioError) as info:
        load_scenario(write_scenario(REGION + body))
    assert fragment in str(info.value)
    assert len(str(info.value)) < 1000


# --- 7. paths --------------------------------------------------------------------------------


def test_a_path_too_long_for_the_system_is_a_clear_error() -> None:
    """A 5,000-character path is refused naming it cut, as a .toml file or as anything else."""
    with pytest.raises(UnknownScenarioError) as info:
        load_scenario("a" * 5000 + ".toml")
    assert str(info.value) == (
        f"scenario file {'a' * 80!r}… (5,005 characters) cannot be read: File name too long"
    )
    with pytest.raises(UnknownScenarioError, match=r"scenario 'aaa.*… \(5,000 characters\) is"):
        load_scenario("a" * 5000)
    with pytest.raises(UnknownScenarioError, match="a NUL in its name"):
        load_scenario("nul\x00.toml")


def test_a_folder_is_not_a_scenario_file(tmp_path: Path, monkeypatch) -> None:
    """A folder given as the scenario is said to be one; a folder named like a built-in does
    not hide the built-in."""
    with pytest.raises(UnknownScenarioError, match="is a folder, not a file"):
        load_scenario(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed").mkdir()
    assert load_scenario("seed").source == "builtin:seed"


def test_an_unreadable_file_is_a_clear_error(write_scenario, monkeypatch) -> None:
    """A file that cannot be read (here: no permission, even for root) is refused naming it."""
    path = write_scenario(MINIMAL)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(UnknownScenarioError) as info:
        load_scenario(path)
    assert str(info.value) == f"scenario file {str(path)!r} cannot be read: Permission denied"


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are refused naming the file and the line."""
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "x"\n# caf\xe9\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(info.value).endswith(f"{path}:2: is not UTF-8 text (byte 0xe9 cannot be read)")


def test_validate_turns_path_problems_into_exit_2(tmp_path: Path) -> None:
    """``packbond validate`` on a too-long path, a folder or a non-UTF-8 file exits 2 without
    a traceback."""
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe")
    for arg in ("b" * 5000 + ".toml", str(tmp_path), str(bad)):
        result = CliRunner().invoke(app, ["validate", arg])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert len(result.output) < 400
