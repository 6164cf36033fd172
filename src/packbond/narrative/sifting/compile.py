"""Patterns compiled to SQL over the run's event table (DuckDB does the joining).

Each step takes the first event (in the order of the log) after the step before that fits it: its
kind, its role bindings, its detail, value, cause and time window. So a pattern matches at most
once per way its first step can start, and matching costs a few hash joins per step, however
large the log. A step's "unless" events are then checked between the step before and this one;
as a later candidate would span the same events, checking only the first loses nothing.

The match relation has one row per match: replicate, first_id, last_id, first_day, last_day,
the ids of every event it used (``ids``), and one column per role (``"r:<role>"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from packbond.core.calendar import SEASONS, Calendar
from packbond.events import registry

from .patterns import PACK_SLOTS, Pattern, PatternLibrary, RoleRule, Step

__all__ = ["MatchQuery", "compile_pattern", "quoted", "role_column"]


def role_column(role: str) -> str:
    """The quoted column of a role in a match relation."""
    return quoted(f"r:{role}")


def quoted(name: str) -> str:
    """A name quoted for SQL (pattern names become table names in the query)."""
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(values: str | list[str]) -> str:
    listed = [values] if isinstance(values, str) else values
    return "(" + ", ".join(_lit(v) for v in listed) + ")"


def _slot_column(kind: str, slot: str) -> str:
    if slot in PACK_SLOTS:
        return slot
    return registry()[kind].role_column(slot)


def _role_rule(alias: str, role: str, rule: RoleRule, kind: str) -> list[str]:
    """Conditions that a role's holder (in ``alias``) meets what the snapshot must say."""
    conds = []
    table, key = ("wolves", "wolf_id") if kind == "wolf" else ("packs", "pack_id")
    checks = []
    for name in sorted(rule.model_fields_set):
        value = getattr(rule, name)
        if value is None:
            continue
        if isinstance(value, bool):
            checks.append(f"t.{name} = {'TRUE' if value else 'FALSE'}")
        else:
            checks.append(f"CAST(t.{name} AS VARCHAR) IN {_in(value)}")
    if checks:
        conds.append(
            f"EXISTS (SELECT 1 FROM {table} t WHERE t.replicate = {alias}.replicate AND "
            f"t.{key} = {alias}.{role_column(role)} AND {' AND '.join(checks)})"
        )
    return conds


@dataclass
class MatchQuery:
    """The SQL of one pattern: its common table expressions and the name of its match table."""

    ctes: list[tuple[str, str]] = field(default_factory=list)
    match: str = ""
    stages: list[str] = field(default_factory=list)
    """The table of matches through each step (for partial matches)."""

    def sql(self, select: str) -> str:
        """A statement with every CTE and the given final SELECT."""
        body = ",\n".join(f"{quoted(name)} AS ({sql})" for name, sql in self.ctes)
        return f"WITH {body}\n{select}"


class _Compiler:
    def __init__(self, library: PatternLibrary, calendar: Calendar) -> None:
        self.library = library
        self.calendar = calendar
        self.query = MatchQuery()
        self.done: dict[str, str] = {}
        self.stages: dict[str, list[str]] = {}

    def pattern(self, pattern: Pattern) -> str:
        """The name of the CTE holding every match of ``pattern`` (compiled once per query):
        one stage per step, each joining the matches so far to the step's candidate events."""
        if pattern.name in self.done:
            return self.done[pattern.name]
        at = _Progress(prefix=f"{pattern.name}/", roles=self.library.role_kinds(pattern.name))
        for i, step in enumerate(pattern.steps, start=1):
            source = self._source(at.prefix, i, step)
            new_roles = [r for r in dict.fromkeys(step.bind.values()) if r not in at.bound]
            conds = _new_role_conditions(pattern, at, new_roles)
            early = any(r not in at.bound for u in step.unless for r in u.bind.values())
            if early:
                # The unless names a role this step binds: a later candidate (another wolf) may
                # pass where the first does not, so it is checked before the first is taken.
                conds += self._unless_conditions(step, i, at.bound)
            make = _first_stage if i == 1 else _next_stage
            sql = make(at, i, step, source, new_roles, conds)
            at.stage = f"{at.prefix}m{i}"
            self.query.ctes.append((at.stage, sql))
            if step.unless and not early:
                checked = f"{at.prefix}u{i}"
                clauses = " AND ".join(self._unless_conditions(step, i, at.bound, after=True))
                self.query.ctes.append(
                    (checked, f"SELECT * FROM {quoted(at.stage)} m WHERE {clauses}")
                )
                at.stage = checked
            at.stages.append(at.stage)
            at.bound += new_roles
            if step.name is not None:
                at.named[step.name] = i
        match = f"{at.prefix}match"
        self.query.ctes.append((match, _match_stage(at, len(pattern.steps))))
        self.done[pattern.name] = match
        self.stages[pattern.name] = at.stages
        return match

    @staticmethod
    def _unless_conditions(
        step: Step, i: int, previous_roles: list[str], *, after: bool = False
    ) -> list[str]:
        """NOT EXISTS clauses, one per unless event, between step i-1 and this step's event.

        ``after``: checked on the chosen match (``m`` holds every role and ``fid_i``); else in
        the join, before a candidate ``s`` is chosen.
        """
        upper = f"m.fid_{i}" if after else "s.first_id"
        clauses = []
        for unless in step.unless:
            conds = [
                "x.replicate = m.replicate",
                f"x.kind = {_lit(unless.kind)}",
                f"x.event_id > m.id_{i - 1}",
                f"x.event_id < {upper}",
            ]
            for slot, role in unless.bind.items():
                holder = "m" if after or role in previous_roles else "s"
                conds.append(f"x.{_slot_column(unless.kind, slot)} = {holder}.{role_column(role)}")
            clauses.append(f"NOT EXISTS (SELECT 1 FROM events x WHERE {' AND '.join(conds)})")
        return clauses

    def _source(self, prefix: str, i: int, step: Step) -> str:
        name = f"{prefix}s{i}"
        if step.pattern is not None:
            sub = self.pattern(self.library[step.pattern])
            roles = ", ".join(
                f"{role_column(slot)} AS {role_column(role)}" for slot, role in step.bind.items()
            )
            roles = f", {roles}" if roles else ""
            sql = (
                f"SELECT replicate, last_id AS id, last_day AS day, first_id, first_day, ids, "
                f"NULL::BIGINT AS cause{roles} FROM {quoted(sub)}"
            )
            self.query.ctes.append((name, sql))
            return name
        assert step.kinds
        kind = registry()[step.kinds[0]]  # the kinds share the bound roles' columns
        conds = [f"e.kind IN {_in(list(step.kinds))}"]
        if step.detail is not None:
            conds.append(f"CAST(e.detail AS VARCHAR) IN {_in(step.detail)}")
        if step.value is not None and step.value.min is not None:
            conds.append(f"e.value >= {float(step.value.min)!r}")
        if step.value is not None and step.value.max is not None:
            conds.append(f"e.value <= {float(step.value.max)!r}")
        if step.season is not None:
            wanted = [step.season] if isinstance(step.season, str) else step.season
            cal = self.calendar
            offset = cal.start_season * cal.days_per_season
            seasons = ", ".join(str(SEASONS.index(s)) for s in wanted)
            conds.append(f"((e.day + {offset}) // {cal.days_per_season}) % 4 IN ({seasons})")
        join = ""
        if step.cause_kind is not None:
            join = "JOIN events c ON c.replicate = e.replicate AND c.event_id = e.cause"
            conds.append(f"CAST(c.kind AS VARCHAR) IN {_in(step.cause_kind)}")

        def select(swap: bool) -> str:
            cols = []
            for slot, role in step.bind.items():
                column = _slot_column(kind.name, slot)
                if swap and slot in kind.roles[:2]:
                    other = kind.roles[1 - kind.roles.index(slot)]
                    column = kind.role_column(other)
                cols.append(f"e.{column} AS {role_column(role)}")
            roles = (", " + ", ".join(cols)) if cols else ""
            return (
                f"SELECT e.replicate, e.event_id AS id, e.day, e.event_id AS first_id, "
                f"e.day AS first_day, [e.event_id] AS ids, e.cause{roles} "
                f"FROM events e {join} WHERE {' AND '.join(conds)}"
            )

        sql = select(False)
        if step.symmetric:
            sql = f"{sql} UNION ALL {select(True)}"
        self.query.ctes.append((name, sql))
        return name


def compile_pattern(library: PatternLibrary, name: str, calendar: Calendar) -> MatchQuery:
    """The SQL that finds every match of a pattern (and its stages, for partial matches)."""
    compiler = _Compiler(library, calendar)
    pattern = library[name]
    match = compiler.pattern(pattern)
    compiler.query.match = match
    compiler.query.stages = compiler.stages[name]
    return compiler.query


@dataclass
class _Progress:
    """A pattern's compilation so far: the roles bound by earlier steps, the stages made, the
    steps named (for ``cause``) and the stage the next step joins to."""

    prefix: str
    roles: dict[str, str]
    """Each role's kind: ``wolf`` or ``pack``."""
    bound: list[str] = field(default_factory=list)
    named: dict[str, int] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    stage: str = ""


def _new_role_conditions(pattern: Pattern, at: _Progress, new_roles: list[str]) -> list[str]:
    """The conditions on the roles a step binds first: each role's rule, and, in a pattern of
    distinct wolves, that a new wolf is none of the others."""
    conds: list[str] = []
    for role in new_roles:
        if role in pattern.roles:
            conds += _role_rule("s", role, pattern.roles[role], at.roles[role])
    if pattern.distinct:
        wolves_before = [r for r in at.bound if at.roles[r] == "wolf"]
        new_wolves = [r for r in new_roles if at.roles[r] == "wolf"]
        for j, role in enumerate(new_wolves):
            for other in new_wolves[:j]:
                conds.append(f"s.{role_column(role)} <> s.{role_column(other)}")
            for other in wolves_before:
                conds.append(f"s.{role_column(role)} <> m.{role_column(other)}")
    return conds


def _carried(new_roles: list[str]) -> str:
    """The columns of the roles a step binds first, carried into its stage."""
    carried = ", ".join(f"s.{role_column(r)}" for r in new_roles)
    return f", {carried}" if carried else ""


def _first_stage(
    at: _Progress, i: int, step: Step, source: str, new_roles: list[str], conds: list[str]
) -> str:
    """The first stage: every fitting event starts a match, keyed by a row number."""
    where = " AND ".join(conds) or "TRUE"
    order = ", ".join(["s.replicate", "s.id", *(f"s.{role_column(r)}" for r in new_roles)])
    return (
        f"SELECT s.replicate, row_number() OVER (ORDER BY {order}) AS row_key, "
        f"s.first_id AS start_id, s.first_day AS start_day, s.id AS id_1, "
        f"s.first_id AS fid_1, s.day AS day_1, s.ids AS ids_1{_carried(new_roles)} "
        f"FROM {quoted(source)} s WHERE {where}"
    )


def _next_stage(
    at: _Progress, i: int, step: Step, source: str, new_roles: list[str], conds: list[str]
) -> str:
    """A later stage: each match so far joined to the first fitting event after its last (or,
    for an ``every`` step, to each fitting event, each a match of its own)."""
    on = ["s.replicate = m.replicate"]
    on += [
        f"s.{role_column(r)} = m.{role_column(r)}"
        for r in dict.fromkeys(step.bind.values())
        if r in at.bound
    ]
    conds = [f"s.first_id > m.id_{i - 1}", *conds]
    if step.within is not None:
        conds.append(f"s.first_day <= m.day_{i - 1} + {int(step.within)}")
    if step.cause is not None:
        conds.append(f"s.cause = m.id_{at.named[step.cause]}")
    if step.every:
        head = f"m.* EXCLUDE (row_key), m.row_key AS parent_{i}, "
        head += "row_number() OVER (ORDER BY m.row_key, s.id"
        head += "".join(f", s.{role_column(r)}" for r in new_roles) + ") AS row_key"
        pick = ""
    else:
        head = "m.*"
        pick = " QUALIFY row_number() OVER (PARTITION BY m.row_key ORDER BY s.id, s.ids) = 1"
    return (
        f"SELECT {head}, s.id AS id_{i}, s.first_id AS fid_{i}, s.day AS day_{i}, "
        f"s.ids AS ids_{i}{_carried(new_roles)} FROM {quoted(at.stage)} m "
        f"JOIN {quoted(source)} s ON {' AND '.join(on)} WHERE {' AND '.join(conds)}"
        f"{pick}"
    )


def _match_stage(at: _Progress, n: int) -> str:
    """The matches of a pattern of ``n`` steps: first and last event, every event, the roles."""
    ids = ", ".join(f"ids_{i}" for i in range(1, n + 1))
    role_cols = ", ".join(role_column(r) for r in at.bound)
    return (
        f"SELECT replicate, start_id AS first_id, id_{n} AS last_id, "
        f"start_day AS first_day, day_{n} AS last_day, "
        f"flatten([{ids}]) AS ids, {role_cols} FROM {quoted(at.stage)} "
        # A symmetric step finds a story twice, mirrored: the same events, roles swapped.
        f"QUALIFY row_number() OVER (PARTITION BY replicate, ids ORDER BY {role_cols}) = 1"
    )
