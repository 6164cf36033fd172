"""Values derived from a rules object, made once per rules object rather than every day.

Why: a system that flattens its rules for a kernel (a named tuple of floats, a table of codes)
did it every day, and building such a value from the pydantic model costs tens of microseconds,
a fixed cost of every day. Rules objects are frozen, so what is derived from one cannot go
stale; only a new rules object (another run, a test that sets rules) makes it again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from pydantic import BaseModel

from .model import Rules

__all__ = ["kernel_rules", "once_per_rules"]

_P = ParamSpec("_P")
_T = TypeVar("_T")
_Tuple = TypeVar("_Tuple", bound=NamedTuple)


def kernel_rules(kind: type[_Tuple], *sections: BaseModel, **given: Any) -> _Tuple:
    """A compiled kernel's parameters, a ``kind`` named tuple, filled by name: each field from
    ``given`` where named there, else from the first rules section with a field of that name.

    The one way a kernel's rules are built, so a kernel's parameter is a rule of the same name
    (or a value the step derives and names). A field found nowhere is a mistake in the code and
    raises ``TypeError``, as does a name in ``given`` that ``kind`` does not have.
    """
    plan = _plan(kind, tuple(type(s) for s in sections), frozenset(given))
    make: Callable[..., _Tuple] = kind
    return make(*(given[name] if at < 0 else getattr(sections[at], name) for name, at in plan))


@functools.cache
def _plan(
    kind: type[tuple[Any, ...]], sections: tuple[type[BaseModel], ...], given: frozenset[str]
) -> tuple[tuple[str, int], ...]:
    """Where :func:`kernel_rules` finds each field of ``kind``: the index of the section that
    has it, or -1 for a given value. Made once per tuple, section types and given names, as
    a step builds its kernel's rules every day."""
    fields: tuple[str, ...] = getattr(kind, "_fields", ())
    name = getattr(kind, "__name__", str(kind))
    unknown = given - set(fields)
    if unknown:
        raise TypeError(f"{name} has no fields {sorted(unknown)}")
    plan = []
    for field in fields:
        if field in given:
            plan.append((field, -1))
            continue
        at = next((i for i, s in enumerate(sections) if field in s.model_fields), None)
        if at is None:
            raise TypeError(f"{name}.{field} is neither given nor a rule")
        plan.append((field, at))
    return tuple(plan)


def once_per_rules(
    derive: Callable[Concatenate[Rules, _P], _T],
) -> Callable[Concatenate[Rules, _P], _T]:
    """``derive(rules, *key)`` kept for the last rules object seen, per ``key`` (the further
    arguments, which must be hashable): called again only for another rules object."""
    kept: dict[tuple[Hashable, ...], tuple[Rules, _T]] = {}

    @functools.wraps(derive)
    def derived(rules: Rules, *key: _P.args, **no_keywords: _P.kwargs) -> _T:
        last = kept.get(key)
        if last is None or last[0] is not rules:
            last = (rules, derive(rules, *key, **no_keywords))
            kept[key] = last
        return last[1]

    return derived
