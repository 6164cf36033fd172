"""Field types with user-facing messages, and the translation of pydantic errors into Problems.

Why our own types: pydantic's default messages ("Input should be a valid number, unable to parse
string as a number") do not say what range was expected. A bounded type validates type and range
in one step and says both, in the project's one message form.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from .errors import Problem, quoted

__all__ = [
    "MAX_NESTING",
    "WHOLE_MAX",
    "Fraction",
    "Range",
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


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:g}"


def _number_check(lo: float, hi: float, whole: bool) -> Callable[[Any], Any]:
    kind = "a whole number" if whole else "a number"
    if math.isinf(hi):
        expect = f"must be {kind} of at least {_fmt(lo)}"
    else:
        expect = f"must be {kind} from {_fmt(lo)} to {_fmt(hi)}"

    def check(v: Any) -> Any:
        ok_type = isinstance(v, int) if whole else isinstance(v, int | float)
        if isinstance(v, bool) or not ok_type or (isinstance(v, float) and not math.isfinite(v)):
            raise ValueError(expect)
        if not lo <= v <= hi:
            raise ValueError(expect)
        return float(v) if not whole else v

    return check


def Range(lo: float, hi: float = math.inf) -> Any:
    """Metadata for ``Annotated[float, Range(lo, hi)]``: a number in [lo, hi], said so on error."""
    return BeforeValidator(_number_check(lo, hi, whole=False))


def WholeRange(lo: int, hi: int = WHOLE_MAX) -> Any:
    """Metadata for ``Annotated[int, WholeRange(lo, hi)]``: a whole number in [lo, hi]."""
    return BeforeValidator(_number_check(lo, hi, whole=True))


Fraction = Annotated[float, Range(0.0, 1.0)]
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
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``X``, ``list[X]``, ``X | None`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


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
        if etype == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"must be one of {expected}"
        elif etype.endswith(("_type", "_parsing")) or etype == "finite_number":
            msg = _type_message(etype)
        problems.append(Problem(format_loc(loc), f"{msg} (got {_found(e.get('input'))})"))
    return problems


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
