"""Scenarios: the TOML format, loading and validation, population generation, world building."""

from .build import build_world
from .load import LoadedScenario, builtin_names, builtin_text, load_scenario, parse_scenario
from .names import safe_dir_name
from .schema import Scenario
from .size import check_fits

__all__ = [
    "LoadedScenario",
    "Scenario",
    "build_world",
    "builtin_names",
    "builtin_text",
    "check_fits",
    "load_scenario",
    "parse_scenario",
    "safe_dir_name",
]
