"""Loading a scenario: find it, parse it, validate it whole, and report every problem at once."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from ..core.validation import problems_from_validation, read_toml
from ..errors import Problem, ScenarioError, UnknownScenarioError, quoted
from ..rules import PRESETS, Rules, load_rules
from .schema import (
    PACK_MAX,
    BetrothedFact,
    CastMember,
    GrievanceFact,
    MatedFact,
    PromisedFact,
    Scenario,
)

__all__ = [
    "LoadedScenario",
    "builtin_names",
    "builtin_text",
    "load_scenario",
    "locate",
    "parse_scenario",
]


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with its rules and where it came from."""

    scenario: Scenario
    rules: Rules
    source: str
    """The file path, or ``builtin:<name>``."""
    text: str


def builtin_names() -> list[str]:
    """Names of the built-in scenarios."""
    folder = resources.files(__package__).joinpath("builtin")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def builtin_text(name: str) -> str:
    """The TOML text of a built-in scenario."""
    if name not in builtin_names():
        raise _unknown(name)
    return resources.files(__package__).joinpath("builtin", f"{name}.toml").read_text("utf-8")


def _unknown(ref: str) -> UnknownScenarioError:
    names = builtin_names()
    close = difflib.get_close_matches(ref, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return UnknownScenarioError(
        f"scenario {quoted(ref)} is neither a file nor a built-in scenario "
        f"(built-ins: {', '.join(names)}){hint}"
    )


def load_scenario(ref: str | Path, preset: str | None = None) -> LoadedScenario:
    """A scenario from a TOML path or a built-in name, validated; raises :class:`ScenarioError`.

    ``preset`` replaces the scenario's rules preset (its overrides still apply).
    """
    path = Path(ref)
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL in it
        exists = False
    if exists and str(ref) in builtin_names() and path.is_dir():
        exists = False  # a folder named like a built-in does not hide it
    if path.suffix == ".toml" or exists:
        return parse_scenario(_read(path), str(path), preset)
    if str(ref) in builtin_names():
        return parse_scenario(builtin_text(str(ref)), f"builtin:{ref}", preset)
    raise _unknown(str(ref))


def _read(path: Path) -> str:
    """The text of a scenario file, or an error naming the file and what keeps it unread."""
    shown = quoted(str(path))
    if "\x00" in str(path):
        raise UnknownScenarioError(f"scenario file {shown} cannot be read: a NUL in its name")
    try:
        exists, is_dir, is_file = path.exists(), path.is_dir(), path.is_file()
        data = path.read_bytes() if is_file else b""
    except FileNotFoundError:
        exists = False
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise UnknownScenarioError(f"scenario file {shown} cannot be read: {why}") from None
    if not exists:
        raise UnknownScenarioError(f"scenario file {shown} does not exist")
    if is_dir:
        raise UnknownScenarioError(f"scenario file {shown} is a folder, not a file")
    if not is_file:
        raise UnknownScenarioError(f"scenario file {shown} is not a regular file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start]
        problem = Problem("", f"is not UTF-8 text (byte 0x{byte:02x} cannot be read)", line)
        raise ScenarioError(str(path), [problem]) from None


def parse_scenario(
    text: str, source: str = "<scenario>", preset: str | None = None
) -> LoadedScenario:
    """Validate scenario text; every problem found is raised together in one ScenarioError."""
    data, unread = read_toml(text, "a scenario")
    if unread:
        raise ScenarioError(source, [locate(p, text) for p in unread])
    if preset is not None:
        rules_table = data.setdefault("rules", {})
        if isinstance(rules_table, dict):
            rules_table["preset"] = preset
    problems: list[Problem] = []
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        problems += problems_from_validation(err, Scenario)
    rules: Rules | None = None
    rules_data = data.get("rules", {}) if isinstance(data.get("rules"), dict) else {}
    preset = rules_data.get("preset", "seed")
    overrides = rules_data.get("overrides", {})
    if isinstance(preset, str) and preset not in PRESETS:
        # load_rules says the same, but quotes the preset whole however long it is.
        problems.append(
            Problem("rules.preset", f"must be one of {', '.join(PRESETS)} (got {quoted(preset)})")
        )
    elif isinstance(preset, str) and isinstance(overrides, dict):
        try:
            rules = load_rules(preset, overrides, source)
        except ScenarioError as err:
            problems += err.problems
    if scenario is not None:
        problems += cross_check(scenario)
    if scenario is not None and rules is not None:
        problems += _adults_only(scenario, rules)
    if problems or scenario is None or rules is None:
        located = [locate(p, text) for p in _unique(problems)]
        raise ScenarioError(source, located)
    return LoadedScenario(scenario=scenario, rules=rules, source=source, text=text)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


def cross_check(s: Scenario) -> list[Problem]:
    """Problems that no single field shows: names that must exist, be unique, or agree."""
    cast = {c.name: c for c in s.cast}
    return [
        *_check_unique_names(s),
        *_check_packs(s, cast),
        *_check_cast_references(s, cast),
        *_check_relations(s, cast),
        *_check_facts(s, cast),
        *_check_population(s),
        *_selves_and_sizes(s),
    ]


def _unknown_name(path: str, value: str, pool: Collection[str], what: str) -> list[Problem]:
    """A problem if ``value`` is not in ``pool``, suggesting the closest name that is."""
    if value in pool:
        return []
    close = difflib.get_close_matches(value, list(pool), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return [Problem(path, f"must name a {what} of the scenario (got {quoted(value)}){hint}")]


def _repeated_names(kind: str, names: list[str]) -> list[Problem]:
    """A problem at the second use of each name used more than once."""
    problems = []
    for name, count in Counter(names).items():
        if count > 1:
            i = [j for j, n in enumerate(names) if n == name][1]
            problems.append(Problem(f"{kind}[{i}].name", f"repeats the name {name!r}"))
    return problems


def _check_unique_names(s: Scenario) -> list[Problem]:
    """Regions, packs and cast members each have names of their own."""
    return [
        *_repeated_names("regions", [r.name for r in s.regions]),
        *_repeated_names("packs", [p.name for p in s.packs]),
        *_repeated_names("cast", [c.name for c in s.cast]),
    ]


def _check_packs(s: Scenario, cast: dict[str, CastMember]) -> list[Problem]:
    """A pack's region exists, and its leader is a cast member of that pack."""
    regions = {r.name for r in s.regions}
    problems = []
    for i, p in enumerate(s.packs):
        if p.region is not None:
            problems += _unknown_name(f"packs[{i}].region", p.region, regions, "region")
        if p.leader is None:
            continue
        missing = _unknown_name(f"packs[{i}].leader", p.leader, cast, "cast member")
        problems += missing
        if not missing and cast[p.leader].pack != p.name:
            problems.append(
                Problem(
                    f"packs[{i}].leader",
                    f"must be a member of the pack "
                    f"(got {p.leader!r}, of pack {_maybe(cast[p.leader].pack)})",
                )
            )
    return problems


def _check_cast_references(s: Scenario, cast: dict[str, CastMember]) -> list[Problem]:
    """A cast member's pack exists, and each parent is a cast member older than the child."""
    packs = {p.name for p in s.packs}
    problems = []
    for i, c in enumerate(s.cast):
        if c.pack is not None:
            problems += _unknown_name(f"cast[{i}].pack", c.pack, packs, "pack")
        for j, parent in enumerate(c.parents):
            missing = _unknown_name(f"cast[{i}].parents[{j}]", parent, cast, "cast member")
            problems += missing
            if not missing and cast[parent].age <= c.age:
                problems.append(
                    Problem(
                        f"cast[{i}].parents[{j}]",
                        f"must be older than {c.name!r} "
                        f"(got {parent!r}, aged {cast[parent].age:g})",
                    )
                )
    return problems


def _check_relations(s: Scenario, cast: dict[str, CastMember]) -> list[Problem]:
    """A relation joins two different cast members."""
    problems = []
    for i, r in enumerate(s.relations):
        problems += _unknown_name(f"relations[{i}].from", r.source, cast, "cast member")
        problems += _unknown_name(f"relations[{i}].to", r.to, cast, "cast member")
        if r.source == r.to:
            problems.append(
                Problem(f"relations[{i}].to", f"must name another wolf (got {quoted(r.to)})")
            )
    return problems


@dataclass
class _Bonds:
    """Who the facts mate, who they promise to a ceremony, and the season promises that name
    two cast members (fact index, by, to)."""

    mated: Counter[str] = field(default_factory=Counter)
    promised: Counter[str] = field(default_factory=Counter)
    promises: list[tuple[int, str, str]] = field(default_factory=list)


def _check_facts(s: Scenario, cast: dict[str, CastMember]) -> list[Problem]:
    """Each fact names what exists; then the bonds they make agree with one another."""
    packs = {p.name for p in s.packs}
    bonds = _Bonds()
    problems = []
    for i, f in enumerate(s.facts):
        if isinstance(f, MatedFact | BetrothedFact):
            problems += _check_pair_fact(i, f, cast)
            (bonds.mated if f.kind == "mated" else bonds.promised).update([f.a, f.b])
        elif isinstance(f, PromisedFact):
            missing = [
                *_unknown_name(f"facts[{i}].by", f.by, cast, "cast member"),
                *_unknown_name(f"facts[{i}].to", f.to, cast, "cast member"),
            ]
            problems += missing
            if not missing:
                bonds.promises.append((i, f.by, f.to))
        else:
            problems += _unknown_name(f"facts[{i}].from", f.source, packs, "pack")
            problems += _unknown_name(f"facts[{i}].to", f.to, packs, "pack")
    return [
        *problems,
        *_check_season_promises(s, bonds.promises),
        *_check_bonded_once(bonds),
        *_check_canon_arc(s, bonds.promises),
    ]


def _adults_only(s: Scenario, rules: Rules) -> list[Problem]:
    """A mating or a betrothal at day 0 is between adults (``rules.life.adult_years``), as every
    mating the rules make later is."""
    ages = {c.name: c.age for c in s.cast}
    adult = rules.life.adult_years
    problems = []
    for i, f in enumerate(s.facts):
        if not isinstance(f, MatedFact | BetrothedFact):
            continue
        for side, name in (("a", f.a), ("b", f.b)):
            age = ages.get(name)
            if age is not None and age < adult:
                problems.append(
                    Problem(
                        f"facts[{i}].{side}",
                        f"names {quoted(name)}, aged {age:g}, but a {f.kind} fact is between "
                        f"adults only (rules.life.adult_years = {adult:g})",
                    )
                )
    return problems


def _check_pair_fact(
    i: int, f: MatedFact | BetrothedFact, cast: dict[str, CastMember]
) -> list[Problem]:
    """Both wolves of a mating or betrothal are cast members, and presented."""
    missing_a = _unknown_name(f"facts[{i}].a", f.a, cast, "cast member")
    missing_b = _unknown_name(f"facts[{i}].b", f.b, cast, "cast member")
    problems = missing_a + missing_b
    for key, name, missing in (("a", f.a, missing_a), ("b", f.b, missing_b)):
        if not missing and cast[name].designation in (None, "unpresented"):
            problems.append(
                Problem(
                    f"facts[{i}].{key}",
                    f"must be a presented wolf to be {f.kind} (got {name!r}, not presented)",
                )
            )
    return problems


def _check_season_promises(s: Scenario, promises: list[tuple[int, str, str]]) -> list[Problem]:
    """A wolf holds at most one season promise, and only from its mate."""
    pairs = {frozenset((f.a, f.b)) for f in s.facts if isinstance(f, MatedFact)}
    holders = Counter(to for _, _, to in promises)
    problems = []
    for i, by, to in promises:
        if holders[to] > 1:
            problems.append(Problem(f"facts[{i}].to", f"holds more than one promise: {to!r}"))
        if frozenset((by, to)) not in pairs:
            problems.append(
                Problem(
                    f"facts[{i}]", f"a season promise needs mates: {by!r} is not mated to {to!r}"
                )
            )
    return problems


def _check_bonded_once(bonds: _Bonds) -> list[Problem]:
    """No wolf is mated twice, or promised to a ceremony while mated or promised."""
    problems = []
    for name, count in bonds.mated.items():
        if count > 1:
            problems.append(Problem("facts", f"mates {name!r} more than once"))
    for name, count in bonds.promised.items():
        if count > 1 or name in bonds.mated:
            problems.append(
                Problem("facts", f"promises {name!r} to a ceremony while mated or promised")
            )
    return problems


def _check_canon_arc(s: Scenario, promises: list[tuple[int, str, str]]) -> list[Problem]:
    """The late-winter arc needs exactly one season promise to follow."""
    if s.canon_arc != "late_winter" or len(promises) == 1:
        return []
    return [
        Problem(
            "canon_arc",
            "the late-winter arc follows the wolf holding a season promise: give exactly one "
            f"'promised' fact (got {len(promises)})",
        )
    ]


def _check_population(s: Scenario) -> list[Problem]:
    """The regions a population is spread over exist."""
    if not (s.population and s.population.regions):
        return []
    regions = {r.name for r in s.regions}
    return [
        problem
        for i, name in enumerate(s.population.regions)
        for problem in _unknown_name(f"population.regions[{i}]", name, regions, "region")
    ]


def _selves_and_sizes(s: Scenario) -> list[Problem]:
    """A pack's grievance against itself, a parent named twice, a pack too big to rank."""
    problems = []
    for i, f in enumerate(s.facts):
        if isinstance(f, GrievanceFact) and f.source == f.to:
            problems.append(Problem(f"facts[{i}].to", f"must name another pack (got {f.to!r})"))
    for i, c in enumerate(s.cast):
        if len(c.parents) == 2 and c.parents[0] == c.parents[1]:
            problems.append(
                Problem(f"cast[{i}].parents[1]", f"names the same parent twice ({c.parents[1]!r})")
            )
    cast_in = Counter(c.pack for c in s.cast)
    for i, p in enumerate(s.packs):
        size = cast_in[p.name] + p.extra_members
        if size > PACK_MAX:
            problems.append(
                Problem(
                    f"packs[{i}].extra_members",
                    f"makes {size:,} members with the cast, more than the {PACK_MAX:,} a pack "
                    "can hold",
                )
            )
    return problems


def _maybe(name: str | None) -> str:
    return "None" if name is None else quoted(name)


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"-]+)\s*\]\]?")


def locate(problem: Problem, text: str) -> Problem:
    """Add the line of a problem's field to it, found by walking the TOML text."""
    if problem.line is not None or not problem.path:
        return problem
    parts = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|\[\d+\]", problem.path)
    lines = text.splitlines()
    lo, hi = 0, len(lines)
    table = ""
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        name = f"{table}.{part}" if table else part
        if nxt is not None and nxt.startswith("["):
            index = int(nxt[1:-1])
            heads = [k for k in range(lo, hi) if _is_header(lines[k], name, array=True)]
            if index < len(heads):
                lo = heads[index]
                later = [
                    k
                    for k in range(lo + 1, hi)
                    if _HEADER.match(lines[k]) and _header_name(lines[k]) in (name, table)
                ]
                hi = later[0] if later else hi
                table = name
                i += 2
                continue
            return problem
        found = _find_key(lines, lo, hi, part, name)
        if found is None:
            break
        lo = found
        table = name
        i += 1
    line = lo + 1 if lo < len(lines) and i > 0 else None
    return Problem(problem.path, problem.message, line)


def _header_name(line: str) -> str:
    m = _HEADER.match(line)
    return m.group(1).replace('"', "") if m else ""


def _is_header(line: str, name: str, array: bool) -> bool:
    stripped = line.strip()
    return stripped.startswith("[[" if array else "[") and _header_name(line) == name


def _find_key(lines: list[str], lo: int, hi: int, key: str, dotted: str) -> int | None:
    key_re = re.compile(rf"(^|[{{,\s.]){re.escape(key)}\s*=")
    for k in range(lo, hi):
        if _is_header(lines[k], dotted, array=False) or key_re.search(lines[k].split("#")[0]):
            return k
    return None
