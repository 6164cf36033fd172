"""Field types with user-facing messages, and the translation of pydantic errors into Problems.

Why our own types: pydantic's default messages ("Input should be a valid number, unable to parse
string as a number") do not say what range was expected. A bounded type validates type and range
in one step and says both, in the project's one message form.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from .errors import Problem

__all__ = [
    "Fraction",
    "Range",
    "Strict",
    "WholeRange",
    "format_loc",
    "problems_from_validation",
]


class Strict(BaseModel):
    """Base for every user-written model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _number_check(lo: float, hi: float, whole: bool) -> Callable[[Any], Any]:
    kind = "a whole number" if whole else "a number"
    if math.isinf(hi):
        expect = f"must be {kind} of at least {_fmt(lo)}"
    else:
        expect = f"must be {kind} from {_fmt(lo)} to {_fmt(hi)}"

    def check(v: Any) -> Any:
        ok_type = isinstance(v, int) if whole else isinstance(v, int | float)
        if isinstance(v, bool) or not ok_type or (isinstance(v, float) and math.isnan(v)):
            raise ValueError(expect)
        if not lo <= v <= hi:
            raise ValueError(expect)
        return float(v) if not whole else v

    return check


def Range(lo: float, hi: float = math.inf) -> Any:
    """Metadata for ``Annotated[float, Range(lo, hi)]``: a number in [lo, hi], said so on error."""
    return BeforeValidator(_number_check(lo, hi, whole=False))


def WholeRange(lo: int, hi: float = math.inf) -> Any:
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
            out += f".{part}" if out else str(part)
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
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
        elif etype.endswith("_type") or etype.endswith("_parsing"):
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
    }
    return names.get(etype, f"has the wrong type ({etype})")
