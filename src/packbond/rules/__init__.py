"""Rules as data: the validated rules model and its presets (``seed``, ``ecology``, ``classic``)."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from pydantic import ValidationError

from ..core.validation import problems_from_validation
from ..errors import Problem, ScenarioError
from .model import Rules

__all__ = ["PRESETS", "Rules", "deep_merge", "load_rules", "preset_overrides"]

PRESETS: tuple[str, ...] = ("seed", "ecology", "classic")
"""Built-in presets: the story's world, real gray wolves, and a classic-omegaverse variant."""


def preset_overrides(name: str) -> dict[str, Any]:
    """The overrides a preset makes on the model's defaults."""
    text = resources.files(__package__).joinpath("presets", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid onto ``base`` table by table (neither is modified)."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def load_rules(
    preset: str = "seed", overrides: dict[str, Any] | None = None, source: str = "rules"
) -> Rules:
    """Rules from a preset plus overrides; every problem is reported at once.

    >>> load_rules("ecology").life.adult_years
    18.0
    """
    if preset not in PRESETS:
        raise ScenarioError(
            source,
            [Problem("rules.preset", f"must be one of {', '.join(PRESETS)} (got {preset!r})")],
        )
    data = deep_merge(preset_overrides(preset), overrides or {})
    data["preset"] = preset
    try:
        return Rules.model_validate(data)
    except ValidationError as err:
        problems = problems_from_validation(err, Rules, prefix=("rules", "overrides"))
        raise ScenarioError(source, problems) from None
