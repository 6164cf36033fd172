"""Field types with user-facing messages, and the translation of pydantic errors into Problems.

A number field is pydantic's ``StrictFloat`` or ``StrictInt`` (never text, never true/false) with
its bounds in ``Field(ge=..., le=...)``, so the bounds are in the JSON Schema too. Pydantic's
default messages ("Input should be a valid number") do not say what range was expected: every
type or range error of a bounded field becomes one message that says both, in the project's one
form, with the bounds read from the field's metadata.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
from collections.abc import Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, ValidationError
from pydantic.fields import FieldInfo

from ..errors import Problem, quoted

__all__ = [
    "MAX_NESTING",
    "WHOLE_MAX",
    "Fraction",
    "Strict",
    "WholeRange",
    "format_loc",
    "problems_from_validation",
    "read_toml",
]

WHOLE_MAX = 2**31 - 1
"""The largest whole number a field takes unless it says less: what a 32-bit column holds."""

MAX_NESTING = 16
"""How deep tables and lists may nest in a user's TOML file. The formats nest five deep at most;
a deeper file is a mistake or an attack, and the parser and the validator recurse per level."""


class Strict(BaseModel):
    """Base for every user-written model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def WholeRange(lo: int, hi: int = WHOLE_MAX) -> Any:
    """``Field(strict=True, ge=lo, le=hi)``, for ``Annotated[int, WholeRange(lo, hi)]``: a whole
    number in [lo, hi], at most what a 32-bit column holds unless ``hi`` says less."""
    return Field(strict=True, ge=lo, le=hi)


Fraction = Annotated[StrictFloat, Field(ge=0.0, le=1.0)]
"""A number from 0 to 1: probabilities, levels, shares."""


def format_loc(loc: Iterable[int | str]) -> str:
    """``('packs', 1, 'norms', 'x')`` as ``packs[1].norms.x``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part) if len(str(part)) <= 40 else f"{str(part)[:40]}…"
            out += f".{key}" if out else key
    return out


def _known_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names allowed at ``loc`` (the parent of an unknown key), for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = next(iter(_inner_models(field.annotation)), None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _found(value: Any) -> str:
    if isinstance(value, str):
        return quoted(value)
    text = repr(value)
    if len(text) <= 80:
        return text
    size = f" ({len(value):,} items)" if isinstance(value, list | dict) else ""
    return f"{text[:80]}…{size}"


def problems_from_validation(
    err: ValidationError, model: type[BaseModel], prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    """Every error of a pydantic validation as a :class:`Problem` with a clear message."""
    problems = []
    for e in err.errors(include_url=False):
        loc = prefix + tuple(e["loc"])
        etype = e["type"]
        if etype == "extra_forbidden":
            key = str(loc[-1])
            known = _known_fields(model, tuple(e["loc"])[:-1])
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            if known and not close:
                hint = f"; expected one of: {', '.join(known)}"
            problems.append(Problem(format_loc(loc), f"is not a known key{hint}"))
            continue
        if etype == "missing":
            problems.append(Problem(format_loc(loc), "is required but missing"))
            continue
        msg = str(e["msg"]).removeprefix("Value error, ")
        bounded = _bounds_expected(model, tuple(e["loc"])) if etype in _NUMBER_ERRORS else None
        if bounded is not None:
            msg = bounded
        elif etype == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"must be one of {expected}"
        elif etype.endswith(("_type", "_parsing")) or etype == "finite_number":
            msg = _type_message(etype)
        problems.append(Problem(format_loc(loc), f"{msg} (got {_found(e.get('input'))})"))
    return problems


_NUMBER_ERRORS = frozenset(
    {"float_type", "int_type", "finite_number", "greater_than_equal", "less_than_equal"}
)
"""The errors a bounded ``StrictFloat`` or ``StrictInt`` field can give: not a number of its
kind (text, true/false, a float for a whole number), NaN or infinite, below or above its bounds.
Each is said the same way, with both bounds."""


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:g}"


def _bounds_expected(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """What the bounded number field at ``loc`` expects ("must be a number from 0 to 1"), its
    bounds read from the field's ``ge``/``le``; None if ``loc`` is no such field."""
    field = _field_at(model, loc)
    if field is None:
        return None
    kind, metadata = _number_kind(field.annotation, list(field.metadata))
    lows: list[Any] = [m.ge for m in metadata if isinstance(m, Ge)]  # numbers; typed as comparables
    highs: list[Any] = [m.le for m in metadata if isinstance(m, Le)]
    if kind is None or not lows:
        return None
    noun = "a whole number" if kind is int else "a number"
    if not highs:
        return f"must be {noun} of at least {_fmt(lows[-1])}"
    return f"must be {noun} from {_fmt(lows[-1])} to {_fmt(highs[-1])}"


def _field_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> FieldInfo | None:
    """The field that ``loc`` ends at, through nested models, lists, optionals and tagged unions
    (whose tag is a part of the location, as a dict's key is): None if it ends elsewhere."""
    models: list[type[BaseModel]] = [model]
    field: FieldInfo | None = None
    for part in loc:
        field = None
        if isinstance(part, int):
            continue
        for candidate in models:
            field = next(
                (f for name, f in candidate.model_fields.items() if part in (name, f.alias)), None
            )
            if field is not None:
                models = _inner_models(field.annotation)
                break
    return field


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """Every model class inside ``X``, ``list[X]``, ``X | Y``, ``dict[str, X]`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _inner_models(arg)]


def _number_kind(annotation: Any, metadata: list[Any]) -> tuple[type | None, list[Any]]:
    """``int`` or ``float`` and the metadata of a number field (its own, and that of the
    ``Annotated`` types it is made of, such as ``Fraction | None``); None if it is no number."""
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        for extra in extras:
            metadata = metadata + (extra.metadata if isinstance(extra, FieldInfo) else [extra])
        return _number_kind(base, metadata)
    if annotation in (int, float):
        return annotation, metadata
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            kind, found = _number_kind(arg, metadata)
            if kind is not None:
                return kind, found
    return None, []


def _type_message(etype: str) -> str:
    names = {
        "string_type": "must be text",
        "bool_type": "must be true or false",
        "bool_parsing": "must be true or false",
        "list_type": "must be a list",
        "dict_type": "must be a table",
        "model_type": "must be a table",
        "model_attributes_type": "must be a table",
        "int_type": "must be a whole number",
        "int_parsing": "must be a whole number",
        "float_type": "must be a number",
        "float_parsing": "must be a number",
        "finite_number": "must be a finite number",
    }
    return names.get(etype, f"has the wrong type ({etype})")


def read_toml(text: str, what: str) -> tuple[dict[str, Any], list[Problem]]:
    """TOML text as data, or the problems that keep it from being read: a syntax error (with its
    line), or tables and lists nested deeper than :data:`MAX_NESTING` (``what`` names the kind
    of file in the message). Refusing the depth here keeps the parser's and the validator's
    recursion from ever hitting Python's limit."""
    limit = f"(tables and lists nest at most {MAX_NESTING} levels in {what})"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"\(at line (\d+), column \d+\)", str(err))
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line.*\)$", "", str(err))
        return {}, [Problem("", f"is not valid TOML: {msg}", line)]
    except RecursionError:
        return {}, [Problem("", f"is nested too deeply to read {limit}")]
    deep = _too_deep(data)
    if deep is not None:
        return {}, [Problem(format_loc(deep), f"is nested too deeply {limit}")]
    return data, []


def _too_deep(data: dict[str, Any]) -> tuple[int | str, ...] | None:
    """The location of a value nested deeper than :data:`MAX_NESTING`, if any (walked with a
    stack of its own, since the data may be too deep to recurse over)."""
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if len(loc) > MAX_NESTING:
            return loc
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, inner in items:
            if isinstance(inner, dict | list):
                stack.append(((*loc, key), inner))
    return None
