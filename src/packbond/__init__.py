"""packbond: simulate omegaverse werewolf-pack societies and tell the stories that emerge.

>>> import packbond
>>> run = packbond.simulate("seed", seed=7, years=0.25)
>>> "season_changed" in set(run.events["kind"])
True
"""

from .api import Run, open_run, package_version, simulate
from .errors import (
    PackbondError,
    Problem,
    QueryError,
    RunNotFoundError,
    ScenarioError,
    UnknownScenarioError,
)
from .rules import Rules, load_rules
from .scenario import load_scenario

__version__ = package_version()

__all__ = [
    "PackbondError",
    "Problem",
    "QueryError",
    "Rules",
    "Run",
    "RunNotFoundError",
    "ScenarioError",
    "UnknownScenarioError",
    "__version__",
    "load_rules",
    "load_scenario",
    "open_run",
    "simulate",
]
