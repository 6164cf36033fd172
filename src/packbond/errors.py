"""The one exception tree of packbond.

Every error a user can cause is a :class:`PackbondError`, so the CLI can report it in one line and
exit with status 2 instead of showing a traceback. Each class also subclasses the matching
built-in exception, so callers who catch ``ValueError`` or ``FileNotFoundError`` keep working.
Messages follow one form: ``'packs[1].norms.outsider_hostility' must be a number from 0 to 1
(got 'very')``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PackbondError",
    "Problem",
    "QueryError",
    "RunNotFoundError",
    "ScenarioError",
    "UnknownScenarioError",
    "quoted",
]


def quoted(value: str, limit: int = 80) -> str:
    """``value`` in quotes as ``repr`` writes it, cut after ``limit`` characters when longer, so
    a message that quotes what a user wrote stays one short line.

    >>> quoted("x" * 100, 5)
    "'xxxxx'… (100 characters)"
    """
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


class PackbondError(Exception):
    """Base of every error packbond raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where it is and what is wrong."""

    path: str
    """Field path such as ``packs[1].norms.outsider_hostility`` (empty for the whole file)."""
    message: str
    """What was expected and what was found, without the path."""
    line: int | None = None
    """1-based line in the scenario file, where it could be found."""

    def describe(self, source: str | None = None) -> str:
        """The problem as one line, prefixed by file and line when known."""
        where = source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        field = f"'{self.path}' " if self.path else ""
        prefix = f"{where}: " if where else ""
        return f"{prefix}{field}{self.message}"


class ScenarioError(PackbondError, ValueError):
    """A scenario (or its rules) is invalid; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = [p.describe(source) for p in problems]
        super().__init__(
            f"{source}: {len(problems)} problem(s)\n" + "\n".join(f"  {x}" for x in lines)
        )


class UnknownScenarioError(PackbondError, FileNotFoundError):
    """The scenario is neither a readable TOML file nor a built-in name."""


class RunNotFoundError(PackbondError, FileNotFoundError):
    """A run directory does not exist or holds no run store."""


class QueryError(PackbondError, ValueError):
    """SQL given to ``packbond query`` could not run."""
