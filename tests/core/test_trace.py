"""The daily trace of notable wolves: the cast's wellbeing, acceptance, health and rank."""

from __future__ import annotations

import tomllib

import pandas as pd

from packbond import simulate
from packbond.scenario import builtin_text, parse_scenario


def test_the_cast_is_traced_every_day_while_alive() -> None:
    """Each cast member of the seed scenario has one trace row per day it lived, and no other
    wolf has any."""
    cast = tomllib.loads(builtin_text("seed"))["cast"]
    with simulate("seed", seed=3, years=0.25) as run:
        traces = run.traces
        wolves = run.wolves.set_index("wolf_id")
        days = int(run.manifest["days_done"])
    assert set(traces["wolf_id"]) <= set(range(len(cast)))
    names = set(wolves.loc[sorted(set(traces["wolf_id"])), "name"])
    assert names <= {c["name"] for c in cast}
    for wolf, rows in traces.groupby("wolf_id"):
        death = wolves.loc[wolf, "death_day"]
        lived = days if pd.isna(death) else int(death) + 1  # missing: alive at the end
        assert len(rows) in (lived, lived - 1)
        assert rows["day"].is_monotonic_increasing
    assert traces["health"].between(0, 1).all() and traces["wellbeing"].between(0, 1).all()


def test_the_trace_changes_no_event() -> None:
    """A run with the trace off tells exactly the same events, and keeps no trace."""
    with (
        simulate("seed", seed=4, years=0.2) as on,
        simulate("seed", seed=4, years=0.2, trace_every=0) as off,
    ):
        assert on.event_hash() == off.event_hash()
        assert len(on.traces) > 0 and len(off.traces) == 0


def test_a_generated_population_has_no_trace() -> None:
    """Generated wolves are not traced: the trace is bounded by the cast, not the population."""
    text = """
name = "gen"
[[regions]]
name = "Forest"
[population]
packs = 20
size_mean = 8.0
"""
    with simulate(parse_scenario(text), seed=1, years=0.1) as run:
        assert len(run.traces) == 0
