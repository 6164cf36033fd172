"""Values derived from a rules object, made once per rules object rather than every day.

Why: a system that flattens its rules for a kernel (a named tuple of floats, a table of codes)
did it every day, and building such a value from the pydantic model costs tens of microseconds,
a fixed cost of every day. Rules objects are frozen, so what is derived from one cannot go
stale; only a new rules object (another run, a test that sets rules) makes it again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar

from .model import Rules

__all__ = ["once_per_rules"]

_P = ParamSpec("_P")
_T = TypeVar("_T")


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
