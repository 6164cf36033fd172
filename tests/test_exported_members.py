"""The public API is exactly the documented one."""

from __future__ import annotations

import packbond


def test_public_names() -> None:
    """packbond exports these names and no others."""
    assert set(packbond.__all__) == {
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
    }
    for name in packbond.__all__:
        assert hasattr(packbond, name)


def test_errors_subclass_the_matching_builtins() -> None:
    """Each error is also the built-in exception callers would expect."""
    assert issubclass(packbond.ScenarioError, ValueError)
    assert issubclass(packbond.RunNotFoundError, FileNotFoundError)
    assert issubclass(packbond.QueryError, ValueError)
    assert issubclass(packbond.UnknownScenarioError, FileNotFoundError)
