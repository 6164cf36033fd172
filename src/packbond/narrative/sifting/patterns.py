"""Story patterns: declarative data (TOML), checked against the event registry when loaded.

A pattern is a sequence of steps. A step is an event kind (or another pattern) whose roles are
bound to the pattern's roles; a role bound in two steps must be the same wolf (or pack) in both.
Steps may require a detail, a value range, a cause (another step, or a kind), a time window
after the step before, and that some event does not happen in between. Roles may be constrained
by what the run's snapshot says of them (designation, sex, alive).

Why data: a writer adds a story shape by writing a file (``--patterns DIR``), and the same
declarations drive sifting, statistics and the canon check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from packbond.core.validation import Strict, WholeRange, problems_from_validation, read_toml
from packbond.errors import PackbondError, Problem, ScenarioError, quoted
from packbond.events import registry
from packbond.state import DESIGNATIONS

__all__ = [
    "PACK_SLOTS",
    "Pattern",
    "PatternLibrary",
    "RoleRule",
    "Step",
    "Unless",
    "builtin_patterns",
    "canon_patterns",
    "load_patterns",
]

PACK_SLOTS: tuple[str, ...] = ("pack", "rival")
"""Event columns that hold packs; binding one makes a pack role."""

_PACK_FIELDS = {"alive"}
_NAME = re.compile(r"[a-z0-9_]+")

Season = Literal["spring", "summer", "autumn", "winter"]


class Bounds(Strict):
    """A number range; either end may be left open."""

    min: float | None = None
    max: float | None = None


class Unless(Strict):
    """An event that must not happen between the step before and this one."""

    kind: str
    bind: dict[str, str] = Field(default_factory=dict)
    """Kind role (or ``pack``/``rival``) to pattern role; every role must already be bound."""


class Step(Strict):
    """One step of a pattern: an event kind, or another pattern used as a step."""

    kind: str | list[str] | None = None
    """An event kind, or several whose shared roles sit in the same columns (either will do)."""
    pattern: str | None = None
    name: str | None = None
    """A label other steps can name as their ``cause``."""
    bind: dict[str, str] = Field(default_factory=dict)
    """The kind's role (or ``pack``/``rival``, or the sub-pattern's role) to this pattern's role."""
    symmetric: bool = False
    """The kind's first two roles may be bound either way round (``mated``: who bit whom)."""
    every: bool = False
    """Try every event that fits, not only the first (one of several survivors who pledged)."""
    detail: str | list[str] | None = None
    value: Bounds | None = None
    cause: str | None = None
    """The step (by name) whose event caused this one."""
    cause_kind: str | list[str] | None = None
    """The kind(s) of event that caused this one."""
    within: Annotated[int, WholeRange(0)] | None = None
    """At most this many days after the step before (no limit if absent)."""
    season: Season | list[Season] | None = None
    """The season(s) the event must happen in."""
    unless: list[Unless] = Field(default_factory=list)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The step's event kinds (empty for a pattern step)."""
        if self.kind is None:
            return ()
        return (self.kind,) if isinstance(self.kind, str) else tuple(self.kind)

    @model_validator(mode="after")
    def _one_source(self) -> Step:
        if (self.kind is None) == (self.pattern is None):
            raise ValueError("a step needs either 'kind' or 'pattern', not both")
        return self


class RoleRule(Strict):
    """What the run's snapshot must say of a role's holder."""

    designation: str | list[str] | None = None
    sex: Literal["M", "F"] | None = None
    alive: bool | None = None
    high_rank: bool | None = None


class Pattern(Strict):
    """A story shape."""

    name: str = ""
    title: str
    summary: str
    cast: list[str] = Field(min_length=1)
    """The principal roles, in the order a story names them; near-identical matches share them."""
    roles: dict[str, RoleRule] = Field(default_factory=dict)
    steps: list[Step] = Field(min_length=1)
    distinct: bool = True
    """Different wolf roles are different wolves."""


@dataclass(frozen=True)
class PatternLibrary:
    """Patterns by name, checked together (sub-patterns resolve within the library)."""

    patterns: dict[str, Pattern]

    def __getitem__(self, name: str) -> Pattern:
        try:
            return self.patterns[name]
        except KeyError:
            known = ", ".join(sorted(self.patterns))
            raise PackbondError(f"--pattern: no pattern {name!r} (known: {known})") from None

    def role_kinds(self, name: str) -> dict[str, str]:
        """Each role of a pattern: ``wolf`` or ``pack``."""
        return _role_kinds(self, self.patterns[name])


def _role_kinds(library: PatternLibrary, pattern: Pattern) -> dict[str, str]:
    out: dict[str, str] = {}
    for step in pattern.steps:
        if step.kinds:
            for slot, role in step.bind.items():
                out.setdefault(role, "pack" if slot in PACK_SLOTS else "wolf")
        elif step.pattern in library.patterns:
            sub = _role_kinds(library, library.patterns[step.pattern])
            for slot, role in step.bind.items():
                out.setdefault(role, sub.get(slot, "wolf"))
    return out


@dataclass
class _Bindings:
    """What the steps checked so far have bound: each role's kind, the roles, the step names."""

    kinds: dict[str, str] = field(default_factory=dict)
    bound: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def _check(library: PatternLibrary, pattern: Pattern) -> list[Problem]:
    """Problems that need the registry or the other patterns."""
    seen = _Bindings()
    problems: list[Problem] = []
    for i, step in enumerate(pattern.steps):
        problems += _check_step(library, seen, i, step)
    problems += _check_cast(pattern, seen.kinds)
    problems += _check_role_rules(pattern, seen.kinds)
    return problems


def _check_step(library: PatternLibrary, seen: _Bindings, i: int, step: Step) -> list[Problem]:
    """One step's problems; a step whose kind or pattern is unknown is checked no further."""
    where = f"steps[{i}]"
    if step.kinds:
        slots, problems = _check_kind_step(where, step)
    else:
        slots, problems = _check_pattern_step(library, where, step)
    if slots is None:
        return problems
    problems += _check_binds(where, step, slots, seen.kinds)
    problems += _check_placement(i, where, step)
    problems += _check_links(i, where, step, seen)
    seen.bound |= set(step.bind.values())
    problems += _check_unless(where, step, seen)
    if step.name is not None:
        seen.names.add(step.name)
    return problems


def _check_kind_step(where: str, step: Step) -> tuple[dict[str, str] | None, list[Problem]]:
    """The slots a kind's step can bind (None if a kind is unknown), and its detail's problems."""
    reg = registry()
    unknown = [k for k in step.kinds if k not in reg.kinds]
    if unknown:
        return None, [Problem(f"{where}.kind", f"is not an event kind (got {unknown[0]!r})")]
    listed = [reg[k] for k in step.kinds]
    shared = [
        r
        for r in listed[0].roles
        if all(r in k.roles and k.role_column(r) == listed[0].role_column(r) for k in listed)
    ]
    slots = {r: "wolf" for r in shared} | {p: "pack" for p in PACK_SLOTS}
    details = [label for k in listed for label in reg.detail_labels(k)]
    wanted = [step.detail] if isinstance(step.detail, str) else step.detail or []
    problems = [
        Problem(
            f"{where}.detail",
            f"is not a detail of {' or '.join(step.kinds)} (got {label!r}; "
            f"expected one of {details})",
        )
        for label in wanted
        if label not in details
    ]
    if step.symmetric and len(shared) < 2:
        problems.append(Problem(f"{where}.symmetric", "needs a kind with two roles"))
    return slots, problems


def _check_pattern_step(
    library: PatternLibrary, where: str, step: Step
) -> tuple[dict[str, str] | None, list[Problem]]:
    """The roles a pattern step can bind (None if the pattern is unknown), and its problems."""
    if step.pattern not in library.patterns:
        return None, [Problem(f"{where}.pattern", f"is not a known pattern (got {step.pattern!r})")]
    problems = []
    kind_only = (step.cause, step.cause_kind, step.detail, step.value, step.season)
    if any(x is not None for x in kind_only):
        problems.append(Problem(where, "a pattern step cannot have cause, detail, value or season"))
    return _role_kinds(library, library.patterns[step.pattern]), problems


def _check_binds(
    where: str, step: Step, slots: dict[str, str], kinds: dict[str, str]
) -> list[Problem]:
    """Each bound slot exists and keeps its role one kind (recorded in ``kinds``); no role twice."""
    problems = []
    for slot, role in step.bind.items():
        if slot not in slots:
            problems.append(
                Problem(
                    f"{where}.bind.{slot}",
                    f"is not a role of {' or '.join(step.kinds) or step.pattern} "
                    f"(expected one of {sorted(slots)})",
                )
            )
            continue
        if kinds.setdefault(role, slots[slot]) != slots[slot]:
            problems.append(
                Problem(f"{where}.bind.{slot}", f"binds {role!r} as both a wolf and a pack")
            )
    values = list(step.bind.values())
    for role in sorted({r for r in values if values.count(r) > 1}):
        problems.append(Problem(f"{where}.bind", f"binds {role!r} twice in one step"))
    return problems


def _check_placement(i: int, where: str, step: Step) -> list[Problem]:
    """The first step counts from nothing; only a kind is symmetric; a value range is in order."""
    problems = []
    if i == 0:
        for key in ("unless", "within"):
            if getattr(step, key):
                problems.append(Problem(f"{where}.{key}", "has no step before it to count from"))
    if step.pattern is not None and step.symmetric:
        problems.append(Problem(f"{where}.symmetric", "only a kind's step can be symmetric"))
    low, high = (step.value.min, step.value.max) if step.value else (None, None)
    if low is not None and high is not None and low > high:
        problems.append(Problem(f"{where}.value", "has its min above its max"))
    return problems


def _check_links(i: int, where: str, step: Step, seen: _Bindings) -> list[Problem]:
    """The step shares a role with those before it, and its causes name earlier steps or kinds."""
    problems = []
    if i > 0 and not set(step.bind.values()) & seen.bound:
        problems.append(Problem(f"{where}.bind", "shares no role with the steps before it"))
    if step.cause is not None and step.cause not in seen.names:
        problems.append(Problem(f"{where}.cause", f"names no earlier step (got {step.cause!r})"))
    cause_kinds = [step.cause_kind] if isinstance(step.cause_kind, str) else step.cause_kind or []
    for kind_name in cause_kinds:
        if kind_name not in registry().kinds:
            problems.append(
                Problem(f"{where}.cause_kind", f"is not an event kind (got {kind_name!r})")
            )
    return problems


def _check_unless(where: str, step: Step, seen: _Bindings) -> list[Problem]:
    """Each ``unless`` names a kind and binds its slots to roles already bound, of the same kind."""
    reg = registry()
    problems = []
    for j, unless in enumerate(step.unless):
        at = f"{where}.unless[{j}]"
        if unless.kind not in reg.kinds:
            problems.append(Problem(f"{at}.kind", f"is not an event kind (got {unless.kind!r})"))
            continue
        allowed = set(reg[unless.kind].roles) | set(PACK_SLOTS)
        for slot, role in unless.bind.items():
            slot_kind = "pack" if slot in PACK_SLOTS else "wolf"
            if slot not in allowed:
                problems.append(Problem(f"{at}.bind.{slot}", f"is not a role of {unless.kind}"))
            elif role in seen.kinds and seen.kinds[role] != slot_kind:
                problems.append(
                    Problem(
                        f"{at}.bind.{slot}",
                        f"binds the {seen.kinds[role]} role {role!r} to a {slot_kind}",
                    )
                )
            elif role not in seen.bound:
                problems.append(Problem(f"{at}.bind.{slot}", f"{role!r} is not bound yet"))
    return problems


def _check_cast(pattern: Pattern, kinds: dict[str, str]) -> list[Problem]:
    """Every cast role is bound by some step, and is a wolf."""
    problems = []
    for role in pattern.cast:
        if role not in kinds:
            problems.append(Problem("cast", f"{role!r} is not bound by any step"))
        elif kinds[role] != "wolf":
            problems.append(Problem("cast", f"{role!r} is a pack; the cast names wolves"))
    return problems


def _check_role_rules(pattern: Pattern, kinds: dict[str, str]) -> list[Problem]:
    """Every constrained role is bound, a pack role asks only 'alive', designations exist."""
    problems = []
    for role, rule in pattern.roles.items():
        if role not in kinds:
            problems.append(Problem(f"roles.{role}", "is not bound by any step"))
        elif kinds[role] == "pack" and set(rule.model_fields_set) - _PACK_FIELDS:
            problems.append(Problem(f"roles.{role}", "a pack role can only require 'alive'"))
        labels = [rule.designation] if isinstance(rule.designation, str) else rule.designation
        for label in labels or []:
            if label not in DESIGNATIONS:
                problems.append(
                    Problem(
                        f"roles.{role}.designation",
                        f"is not a designation (got {label!r}; "
                        f"expected one of {list(DESIGNATIONS)})",
                    )
                )
    return problems


def _cycle(library: PatternLibrary, name: str, seen: tuple[str, ...] = ()) -> tuple[str, ...]:
    if name in seen:
        return (*seen, name)
    for step in library.patterns[name].steps:
        if step.pattern in library.patterns:
            found = _cycle(library, step.pattern, (*seen, name))
            if found:
                return found
    return ()


def _parse(path: str, text: str) -> tuple[Pattern | None, list[Problem]]:
    data, unread = read_toml(text, "a pattern file")
    if unread:
        return None, unread
    try:
        return Pattern.model_validate(data), []
    except ValidationError as e:
        return None, problems_from_validation(e, Pattern)


def _library(sources: list[tuple[str, str]]) -> PatternLibrary:
    parsed: dict[str, Pattern] = {}
    origin: dict[str, str] = {}
    for path, text in sources:
        pattern, problems = _parse(path, text)
        if problems:
            raise ScenarioError(path, problems)
        assert pattern is not None
        name = pattern.name or Path(path).stem
        if not _NAME.fullmatch(name):
            where = "name" if pattern.name else ""
            raise ScenarioError(
                path,
                [
                    Problem(
                        where,
                        f"a pattern's name is lower-case letters, digits and _ (got {name!r})",
                    )
                ],
            )
        pattern = pattern.model_copy(update={"name": name})
        if name in parsed:
            raise ScenarioError(
                path, [Problem("name", f"{name!r} is also the name of {origin[name]}")]
            )
        parsed[name], origin[name] = pattern, path
    library = PatternLibrary(parsed)
    for name in parsed:
        loop = _cycle(library, name)
        if loop:
            raise ScenarioError(
                origin[name], [Problem("steps", f"patterns use each other: {' -> '.join(loop)}")]
            )
    for name, pattern in parsed.items():
        problems = _check(library, pattern)
        if problems:
            raise ScenarioError(origin[name], problems)
    return library


def _builtin_sources(name: str = "library") -> list[tuple[str, str]]:
    folder = resources.files(__package__).joinpath(name)
    return sorted(
        (f"patterns/{name}/{f.name}", f.read_text("utf-8"))
        for f in folder.iterdir()
        if f.name.endswith(".toml")
    )


def builtin_patterns() -> PatternLibrary:
    """The patterns shipped with packbond."""
    return _library(_builtin_sources())


def canon_patterns() -> PatternLibrary:
    """The built-in patterns and the seed story's beats (``canon_*``), for the canon check."""
    return _library(_builtin_sources() + _builtin_sources("canon"))


def load_patterns(folder: str | Path | None = None) -> PatternLibrary:
    """The built-in patterns, plus (and overridden by name by) those in ``folder``."""
    sources = _builtin_sources()
    if folder is not None:
        path = Path(folder)
        shown = quoted(str(path))
        try:
            mine = sorted(path.glob("*.toml")) if path.is_dir() else None
        except (OSError, ValueError) as e:  # a name too long for the system, or with a NUL
            why = e.strerror if isinstance(e, OSError) else "a NUL in its name"
            raise PackbondError(f"--patterns: {shown} cannot be read: {why}") from None
        if mine is None:
            raise PackbondError(f"--patterns: {shown} is not a folder")
        if not mine:
            raise PackbondError(f"--patterns: {shown} holds no .toml pattern files")
        names = {p.stem for p in mine}
        own: list[tuple[str, str]] = []
        for p in mine:
            try:
                own.append((str(p), p.read_text("utf-8")))
            except (OSError, UnicodeDecodeError) as e:
                raise PackbondError(f"{p}: cannot be read ({e})") from None
        sources = [s for s in sources if Path(s[0]).stem not in names] + own
    return _library(sources)
