"""Scenarios: the TOML format, loading and validation, population generation, world building."""

from .build import build_world
from .load import LoadedScenario, builtin_names, builtin_text, load_scenario, parse_scenario
from .schema import Scenario

__all__ = [
    "LoadedScenario",
    "Scenario",
    "build_world",
    "builtin_names",
    "builtin_text",
    "load_scenario",
    "parse_scenario",
]
