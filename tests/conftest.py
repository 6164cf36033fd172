"""Shared fixtures: small scenario texts and a helper to build worlds from them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from packbond.core.engine import Engine
from packbond.events import registry
from packbond.scenario import build_world, parse_scenario
from packbond.state import World

MINIMAL = """
name = "mini"
[[regions]]
name = "Forest"

[[packs]]
name = "Ash"
region = "Forest"
leader = "Rowan"

[[cast]]
name = "Rowan"
sex = "M"
age = 30
designation = "alpha"
pack = "Ash"
"""


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str], Path]:
    """Write scenario text (dedented) to a file and return its path."""

    def write(text: str, name: str = "scenario.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), "utf-8")
        return path

    return write


def world_of(text: str, seeds: list[int] | None = None) -> World:
    """A world built from scenario text."""
    return build_world(parse_scenario(textwrap.dedent(text)), seeds or [0])


def generated(packs: int, preset: str = "seed", size_mean: float = 8.0, extra: str = "") -> str:
    """Scenario text for a generated world of ``packs`` packs."""
    return f"""
name = "gen"
start_season = "spring"
[rules]
preset = "{preset}"
{extra}
[[regions]]
name = "Forest"
[[regions]]
name = "Hills"
[population]
packs = {packs}
size_mean = {size_mean}
size_sd = 2.0
"""


def run_days(world: World, days: int) -> Engine:
    """Step a world ``days`` days and return its engine."""
    engine = Engine(world)
    engine.run(days)
    return engine


def run_only(world: World, systems: list[str], days: int) -> Engine:
    """Step a world ``days`` days with only the named systems, and return its engine."""
    engine = Engine(world)
    engine.schedule = [s for s in engine.schedule if s.name in systems]
    engine.run(days)
    return engine


def set_rules(world: World, section: str, **values: object) -> None:
    """Change rules of one section of a built world (rules are frozen, so a copy replaces them)."""
    part = getattr(world.rules, section).model_copy(update=values)
    world.rules = world.rules.model_copy(update={section: part})


def events_of(log: dict[str, np.ndarray], kind: str) -> dict[str, np.ndarray]:
    """The columns of a drained event log, kept to the events of one kind."""
    keep = log["kind"] == registry()[kind].code
    return {col: values[keep] for col, values in log.items()}


def rows_of(world: World, replicate: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Wolf rows of (replicate, id) pairs."""
    w = world.wolves
    key = w.replicate[: w.size].astype(np.int64) * 10**7 + w.id[: w.size]
    order = np.argsort(key)
    want = np.asarray(replicate, dtype=np.int64) * 10**7 + np.asarray(ids, dtype=np.int64)
    return order[np.searchsorted(key[order], want)]
