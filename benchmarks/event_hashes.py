"""Event hashes of a fixed set of runs, to show that a speed-up changes no event.

An optimisation of the step must leave every event bit-identical. Run this before and after
the change and compare the lines: the seed scenario as a 40-replicate ensemble, the valley,
generated ``ecology`` and ``classic`` worlds, and a generated world of 20,000 wolves under the
seed preset (large enough for every system's compiled path to run on many packs at once).
The last line hashes every wolf and pack column of a generated two-replicate world after 200
days: a change can leave the events alone and still move a wolf's stress by one unit in the
last place, which later changes events elsewhere. The benchmark rule set's world (``packbond
bench``'s, 10,000 wolves) is hashed apart, events and columns after 200 days: several of its
rules are off, and a kernel may take another path with them off.
Run: ``.venv/bin/python benchmarks/event_hashes.py`` (about two minutes).
"""

from __future__ import annotations

import argparse
import hashlib
from typing import Any

import packbond
from bench_world import SCENARIO
from packbond.benchmarking import subset
from packbond.core.engine import Engine
from packbond.scenario import build_world, parse_scenario
from packbond.state import World


def main() -> None:
    """Print one line per run: its name and its event hash."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="skip the valley and the big world")
    quick = ap.parse_args().quick
    seed = packbond.simulate("seed", seed=1, years=1, replicates=40, trace_every=0)
    for i in (0, 7, 39):
        print(f"seed replicate {i}: {seed.event_hash(replicate=i)}")
    for preset in ("ecology", "classic"):
        loaded = parse_scenario(SCENARIO.format(preset=preset, packs=30))
        print(f"{preset} 30 packs: {packbond.simulate(loaded, seed=3, years=3).event_hash()}")
    if quick:
        return
    print(f"valley: {packbond.simulate('valley', seed=3, years=8, trace_every=0).event_hash()}")
    big = parse_scenario(SCENARIO.format(preset="seed", packs=2500))
    print(f"seed 2500 packs: {packbond.simulate(big, seed=5, years=0.5).event_hash()}")
    print(f"state after 200 days: {_state_hash()}")
    print(f"benchmark subset after 200 days: {_subset_hash()}")


def _state_hash() -> str:
    """One hash of every column of the wolf and pack tables after a generated run."""
    world = build_world(parse_scenario(SCENARIO.format(preset="seed", packs=800)), [1, 2])
    Engine(world, metrics_every=7).run(200)
    return _columns_hash(world, hashlib.sha256())


def _subset_hash() -> str:
    """One hash of the events and every column of the benchmark rule set's world of 10,000
    wolves after 200 days."""
    world = subset.build(10_000, 1)
    engine = Engine(world, schedule=subset.schedule(), metrics_every=7)
    engine.run(200)
    digest = hashlib.sha256()
    for column in engine.log.drain().values():
        digest.update(column.tobytes())
    return _columns_hash(world, digest)


def _columns_hash(world: World, digest: Any) -> str:
    """``digest`` updated with every column of the world's wolf and pack tables, as hex."""
    for table in (world.wolves, world.packs):
        for name in type(table).columns():
            digest.update(table.view(name).tobytes())
    return str(digest.hexdigest())


if __name__ == "__main__":
    main()
