"""Runs to tell and sift: a real seed run, and tiny hand-written logs whose stories are known."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from packbond.api import Run, open_run, simulate
from packbond.store import RunStore


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """The seed scenario, seed 7, three years, stored on disk."""
    out = tmp_path_factory.mktemp("narrative") / "seed-7"
    simulate("seed", seed=7, years=3, out=out).close()
    with open_run(out) as run:
        yield run


Event = tuple[Any, ...]
"""(day, kind, actor, target, other, pack, rival, value, detail, cause), ids in order from 0."""


def _wolves(names: list[str], designations: dict[str, str]) -> pa.Table:
    n = len(names)
    return pa.table(
        {
            "wolf_id": pa.array(range(n), pa.int64()),
            "replicate": pa.array([0] * n, pa.int32()),
            "name": names,
            "sex": ["F" if i % 2 else "M" for i in range(n)],
            "designation": [designations.get(name, "alpha") for name in names],
            "alive": [True] * n,
            "high_rank": [False] * n,
            "birth_day": pa.array([-3650] * n, pa.int64()),
            "death_day": pa.array([None] * n, pa.int64()),
            "gone_day": pa.array([None] * n, pa.int64()),
            "age_years": pa.array([10.0] * n, pa.float32()),
            "pack": pa.array([0] * n, pa.int64()),
            "origin_pack": pa.array([0] * n, pa.int64()),
            "mate": pa.array([None] * n, pa.int64()),
            "mother": pa.array([None] * n, pa.int64()),
            "father": pa.array([None] * n, pa.int64()),
            "scent": ["pine"] * n,
        }
    )


def _events(events: list[Event]) -> pa.Table:
    cols: dict[str, list[Any]] = {
        c: []
        for c in (
            "day",
            "kind",
            "actor",
            "target",
            "other",
            "pack",
            "rival",
            "value",
            "detail",
            "cause",
        )
    }
    for ev in events:
        padded = list(ev) + [None] * (10 - len(ev))
        for col, value in zip(cols, padded, strict=True):
            cols[col].append(value)
    n = len(events)
    return pa.table(
        {
            "event_id": pa.array(range(n), pa.int64()),
            "replicate": pa.array([0] * n, pa.int32()),
            "day": pa.array(cols["day"], pa.int32()),
            "kind": pa.array(cols["kind"], pa.string()),
            **{
                c: pa.array(cols[c], pa.int64())
                for c in ("actor", "target", "other", "pack", "rival")
            },
            "value": pa.array(cols["value"], pa.float32()),
            "detail": pa.array(cols["detail"], pa.string()),
            "cause": pa.array(cols["cause"], pa.int64()),
        }
    )


@pytest.fixture
def synthetic_run() -> Iterator[Callable[..., Run]]:
    """A factory of in-memory runs from a list of events, wolves named A, B, C, ... by default."""
    opened: list[Run] = []

    def make(
        events: list[Event],
        *,
        names: str = "ABCDEFGH",
        designations: dict[str, str] | None = None,
        days: int | None = None,
    ) -> Run:
        store = RunStore.create(None)
        last = max((e[0] for e in events), default=0)
        manifest = {
            "scenario": "synthetic",
            "seed": 1,
            "seeds": [1],
            "replicates": 1,
            "days": days or last + 1,
            "days_done": days or last + 1,
            "start_season": "spring",
            "days_per_season": 91,
            "status": "complete",
        }
        store.write_manifest(manifest)
        packs = pa.table(
            {
                "pack_id": pa.array([0, 1, 2], pa.int64()),
                "replicate": pa.array([0, 0, 0], pa.int32()),
                "name": ["Kim", "Park", "Seo"],
                "alive": [True, True, True],
            }
        )
        store.checkpoint(
            _events(events),
            None,
            {"wolves": _wolves(list(names), designations or {}), "packs": packs},
            manifest,
        )
        run = Run(store)
        opened.append(run)
        return run

    yield make
    for run in opened:
        run.close()


def write_pattern(folder: Path, name: str, text: str) -> Path:
    """A pattern file in a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, "utf-8")
    return path
