"""The Mesa reference runs the benchmark rule set: its statistics match packbond's over seeds."""

from __future__ import annotations

import statistics

import pytest

from packbond.benchmarking import subset

mesa_reference = pytest.importorskip("packbond.benchmarking.mesa_reference")

WOLVES, DAYS, SEEDS = 300, 364, tuple(range(1, 11))


def _paired_runs() -> dict[str, list[tuple[float, float]]]:
    """Per statistic, (packbond, Mesa) for each seed, both from the same starting world."""
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in subset.STATISTICS}
    for seed in SEEDS:
        world = subset.build(WOLVES, seed)
        start = subset.start_state(world)
        model = mesa_reference.BenchmarkModel(start, world.rules, seed=seed)
        ours = subset.run_packbond(world, DAYS)
        for _ in range(DAYS):
            model.step()
        theirs = model.summary(len(start.wolves))
        for k in out:
            out[k].append((ours[k], theirs[k]))
    return out


def test_mesa_reference_matches_packbond_within_three_standard_errors() -> None:
    """Every summary statistic's mean over ten seeds agrees between the two within three
    standard errors of the paired difference (or 1% of the mean, for nearly exact ones)."""
    misses = []
    for name, pairs in _paired_runs().items():
        diffs = [a - b for a, b in pairs]
        mean = statistics.mean(a for a, _ in pairs)
        se = statistics.stdev(diffs) / len(diffs) ** 0.5
        tolerance = max(3.0 * se, 0.01 * abs(mean))
        if abs(statistics.mean(diffs)) > tolerance:
            misses.append(f"{name}: packbond {mean:.4g}, diff {statistics.mean(diffs):.4g}")
    assert not misses, misses


def test_the_comparison_can_fail() -> None:
    """A Mesa side with a different rule (hunting injuries tripled) is told apart."""
    world = subset.build(WOLVES, 1)
    start = subset.start_state(world)
    hunting = world.rules.hunting.model_copy(
        update={"injury_base": 3 * world.rules.hunting.injury_base}
    )
    rules = world.rules.model_copy(update={"hunting": hunting})
    model = mesa_reference.BenchmarkModel(start, rules, seed=1)
    for _ in range(DAYS):
        model.step()
    ours = subset.run_packbond(world, DAYS)
    assert model.summary(len(start.wolves))["injuries"] > 2 * ours["injuries"]


def test_start_state_is_the_packbond_world() -> None:
    """The Mesa model starts from packbond's wolves, mates, ties and packs."""
    world = subset.build(200, 3)
    start = subset.start_state(world)
    model = mesa_reference.BenchmarkModel(start, world.rules, seed=3)
    assert len(model.wolves) == world.wolves.size == len(start.wolves)
    mated = sum(w.mate is not None for w in model.wolves)
    assert mated == int((world.wolves.view("mate") >= 0).sum()) > 0
    assert sum(len(w.ties) for w in model.wolves) == int(
        (world.wolves.view("tie_other") >= 0).sum()
    )
    newcomers = sum(w.acceptance < 1 for w in model.wolves)
    assert newcomers == int((world.wolves.view("acceptance") < 1).sum()) > 0
