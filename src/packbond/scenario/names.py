"""What a name in a scenario may be, and a folder name made safely from a scenario's name.

A name is one short line: it is printed in chronicles, tables and messages. The scenario's own
name also gives the run's default folder (``runs/<name>-<seed>``), through :func:`safe_dir_name`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["NAME_MAX", "Name", "safe_dir_name"]

NAME_MAX = 80
"""The longest name, in characters."""

_DIR_MAX = 64
_LINE_BREAKING = {"Cc", "Zl", "Zp"}  # control characters, line and paragraph separators


def _name(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > NAME_MAX:
        raise ValueError(f"must be at most {NAME_MAX} characters")
    if any(unicodedata.category(ch) in _LINE_BREAKING for ch in value):
        raise ValueError("must be one line without control characters")
    return value


Name = Annotated[str, BeforeValidator(_name)]
"""A scenario's, region's, pack's or wolf's name: one line of 1 to :data:`NAME_MAX` characters.

A scenario's name may hold ``/``, ``..`` or markup like any other name: it is also shown as a
title, and the run's folder is made from it by :func:`safe_dir_name`, never taken as it is."""


def safe_dir_name(name: str) -> str:
    """One safe path component made from ``name`` (a scenario's name), for a run's folder.

    Anything but letters, digits, ``_``, ``.`` and ``-`` becomes ``-``; runs of dots shrink to
    one, so no ``..`` is left; leading and trailing dots and dashes go (no hidden folder); at
    most 64 characters; ``run`` if nothing is left.

    >>> safe_dir_name("two packs/../../etc")
    'two-packs-.-.-etc'
    >>> safe_dir_name("..")
    'run'
    """
    safe = re.sub(r"[^\w.-]+", "-", name)
    safe = re.sub(r"\.{2,}", ".", safe).strip(".-")[:_DIR_MAX].strip(".-")
    return safe or "run"
