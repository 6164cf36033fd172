"""Loading a scenario: find it, parse it, validate it whole, and report every problem at once."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, ScenarioError, UnknownScenarioError, quoted
from ..rules import PRESETS, Rules, load_rules
from ..validation import problems_from_validation, read_toml
from .schema import PACK_MAX, BetrothedFact, GrievanceFact, MatedFact, PromisedFact, Scenario

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
    problems: list[Problem] = []
    regions = {r.name for r in s.regions}
    packs = {p.name for p in s.packs}
    cast = {c.name: c for c in s.cast}

    def dupes(kind: str, names: list[str]) -> None:
        for name, count in Counter(names).items():
            if count > 1:
                i = [j for j, n in enumerate(names) if n == name][1]
                problems.append(Problem(f"{kind}[{i}].name", f"repeats the name {name!r}"))

    def known(path: str, value: str, pool: set[str] | dict[str, Any], what: str) -> bool:
        if value in pool:
            return True
        close = difflib.get_close_matches(value, list(pool), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(
            Problem(path, f"must name a {what} of the scenario (got {quoted(value)}){hint}")
        )
        return False

    dupes("regions", [r.name for r in s.regions])
    dupes("packs", [p.name for p in s.packs])
    dupes("cast", [c.name for c in s.cast])
    for i, p in enumerate(s.packs):
        if p.region is not None:
            known(f"packs[{i}].region", p.region, regions, "region")
        if p.leader is not None and known(f"packs[{i}].leader", p.leader, cast, "cast member"):
            leader = cast[p.leader]
            if leader.pack != p.name:
                problems.append(
                    Problem(
                        f"packs[{i}].leader",
                        f"must be a member of the pack "
                        f"(got {p.leader!r}, of pack {_maybe(leader.pack)})",
                    )
                )
    for i, c in enumerate(s.cast):
        if c.pack is not None:
            known(f"cast[{i}].pack", c.pack, packs, "pack")
        for j, parent in enumerate(c.parents):
            if known(f"cast[{i}].parents[{j}]", parent, cast, "cast member") and (
                cast[parent].age <= c.age
            ):
                problems.append(
                    Problem(
                        f"cast[{i}].parents[{j}]",
                        f"must be older than {c.name!r} "
                        f"(got {parent!r}, aged {cast[parent].age:g})",
                    )
                )
    for i, r in enumerate(s.relations):
        known(f"relations[{i}].from", r.source, cast, "cast member")
        known(f"relations[{i}].to", r.to, cast, "cast member")
        if r.source == r.to:
            problems.append(
                Problem(f"relations[{i}].to", f"must name another wolf (got {quoted(r.to)})")
            )
    mated: Counter[str] = Counter()
    promised: Counter[str] = Counter()
    promises: list[tuple[int, str, str]] = []
    pairs = {frozenset((f.a, f.b)) for f in s.facts if isinstance(f, MatedFact)}
    for i, f in enumerate(s.facts):
        if isinstance(f, MatedFact | BetrothedFact):
            ok_a = known(f"facts[{i}].a", f.a, cast, "cast member")
            ok_b = known(f"facts[{i}].b", f.b, cast, "cast member")
            for key, name, ok in (("a", f.a, ok_a), ("b", f.b, ok_b)):
                if ok and cast[name].designation in (None, "unpresented"):
                    problems.append(
                        Problem(
                            f"facts[{i}].{key}",
                            f"must be a presented wolf to be {f.kind} "
                            f"(got {name!r}, not presented)",
                        )
                    )
            (mated if f.kind == "mated" else promised).update([f.a, f.b])
        elif isinstance(f, PromisedFact):
            ok_by = known(f"facts[{i}].by", f.by, cast, "cast member")
            ok_to = known(f"facts[{i}].to", f.to, cast, "cast member")
            if ok_by and ok_to:
                promises.append((i, f.by, f.to))
        else:
            known(f"facts[{i}].from", f.source, packs, "pack")
            known(f"facts[{i}].to", f.to, packs, "pack")
    holders = Counter(to for _, _, to in promises)
    for i, by, to in promises:
        if holders[to] > 1:
            problems.append(Problem(f"facts[{i}].to", f"holds more than one promise: {to!r}"))
        if frozenset((by, to)) not in pairs:
            problems.append(
                Problem(
                    f"facts[{i}]", f"a season promise needs mates: {by!r} is not mated to {to!r}"
                )
            )
    for name, count in mated.items():
        if count > 1:
            problems.append(Problem("facts", f"mates {name!r} more than once"))
    for name, count in promised.items():
        if count > 1 or name in mated:
            problems.append(
                Problem("facts", f"promises {name!r} to a ceremony while mated or promised")
            )
    if s.canon_arc == "late_winter" and len(promises) != 1:
        problems.append(
            Problem(
                "canon_arc",
                "the late-winter arc follows the wolf holding a season promise: give exactly one "
                f"'promised' fact (got {len(promises)})",
            )
        )
    if s.population and s.population.regions:
        for i, name in enumerate(s.population.regions):
            known(f"population.regions[{i}]", name, regions, "region")
    return problems + _selves_and_sizes(s)


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
