"""What narrative reads: a stored run's events and snapshots, one replicate at a time.

Chronicles, biographies and sifted stories all come from here, and only from the run's tables,
so nothing is told that the log does not hold.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from ..api import Run, package_version
from ..core.calendar import Calendar
from ..errors import PackbondError
from ..events import registry
from .sentences import Namer

__all__ = ["RunText"]

_EVENT_COLUMNS = "event_id, day, kind, actor, target, other, pack, rival, value, detail, cause"


# Runs already checked, so that the many RunTexts of one sift ask once.
_TELLABLE: weakref.WeakSet[Run] = weakref.WeakSet()


def _check_tellable(run: Run) -> None:
    """A run holding event kinds this packbond has no sentence for (one written by another
    version, or altered) is refused whole rather than told with holes."""
    if run in _TELLABLE:
        return
    kinds = set(run.query("SELECT DISTINCT kind FROM events")["kind"])
    unknown = sorted(kinds - set(registry().kinds))
    if unknown:
        written_by = run.manifest.get("packbond_version", "an unknown version")
        raise PackbondError(
            f"the run holds event kinds this packbond ({package_version()}) cannot tell: "
            f"{', '.join(map(repr, unknown[:5]))}{' …' if len(unknown) > 5 else ''} "
            f"(the run was written by packbond {written_by})"
        )
    _TELLABLE.add(run)


@dataclass
class RunText:
    """One replicate of a run, read for telling."""

    run: Run
    replicate: int = 0

    def __post_init__(self) -> None:
        replicates = int(self.run.manifest.get("replicates", 1))
        if not 0 <= self.replicate < replicates:
            raise PackbondError(
                f"replicate {self.replicate} is not in this run (it has replicates 0 to "
                f"{replicates - 1})"
            )
        _check_tellable(self.run)

    @cached_property
    def seed(self) -> int:
        """The replicate's seed (phrasings are drawn from it)."""
        manifest = self.run.manifest
        seeds = manifest.get("seeds") or [int(manifest.get("seed", 0)) + self.replicate]
        return int(seeds[self.replicate])

    @cached_property
    def calendar(self) -> Calendar:
        """The run's calendar."""
        return self.run.calendar

    @cached_property
    def last_day(self) -> int:
        """The last day the run simulated."""
        return max(int(self.run.manifest.get("days_done", 1)) - 1, 0)

    @cached_property
    def wolves(self) -> pd.DataFrame:
        """The replicate's wolves, indexed by id."""
        frame = self.run.query(f"SELECT * FROM wolves WHERE replicate = {self.replicate}")
        return frame.set_index("wolf_id", drop=False)

    @cached_property
    def packs(self) -> pd.DataFrame:
        """The replicate's packs, indexed by id."""
        frame = self.run.query(f"SELECT * FROM packs WHERE replicate = {self.replicate}")
        return frame.set_index("pack_id", drop=False)

    @cached_property
    def namer(self) -> Namer:
        """Names and sexes for templates."""
        return Namer(self.wolves, self.packs)

    def events(self, where: str = "TRUE") -> pd.DataFrame:
        """The replicate's events matching an SQL condition, in the order they happened."""
        return self.run.query(
            f"SELECT replicate, {_EVENT_COLUMNS} FROM events "
            f"WHERE replicate = {self.replicate} AND ({where}) ORDER BY event_id"
        )

    def events_by_id(self, ids: Any) -> pd.DataFrame:
        """Events by id (an empty frame for no ids)."""
        wanted = sorted({int(i) for i in ids})
        if not wanted:
            return self.events("FALSE")
        return self.events(f"event_id IN ({', '.join(map(str, wanted))})")

    def wolf_id(self, name_or_id: str) -> int:
        """A wolf by name (case-insensitive) or by id; an error names the choices."""
        wolves = self.wolves
        if name_or_id.strip().isdigit():
            wolf = int(name_or_id)
            if wolf in wolves.index:
                return wolf
            raise PackbondError(f"--wolf: no wolf with id {wolf} in replicate {self.replicate}")
        matches = wolves[wolves["name"].str.lower() == name_or_id.strip().lower()]
        if len(matches) == 1:
            return int(matches.index[0])
        if len(matches) > 1:
            ids = ", ".join(str(i) for i in matches.index[:10])
            raise PackbondError(
                f"--wolf: {len(matches)} wolves are called {name_or_id!r}; give an id "
                f"instead ({ids})"
            )
        raise PackbondError(f"--wolf: no wolf called {name_or_id!r} in replicate {self.replicate}")

    def pack_id(self, name_or_id: str) -> int:
        """A pack by name (case-insensitive) or by id."""
        packs = self.packs
        if name_or_id.strip().isdigit() and int(name_or_id) in packs.index:
            return int(name_or_id)
        matches = packs[packs["name"].str.lower() == name_or_id.strip().lower()]
        if len(matches) == 1:
            return int(matches.index[0])
        if len(matches) > 1:
            ids = ", ".join(str(i) for i in matches.index[:10])
            raise PackbondError(
                f"--pack: {len(matches)} packs are called {name_or_id!r}; give an id instead "
                f"({ids})"
            )
        some = ", ".join(sorted(packs["name"].astype(str))[:12])
        raise PackbondError(f"--pack: no pack called {name_or_id!r} (packs include: {some})")
