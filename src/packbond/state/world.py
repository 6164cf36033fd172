"""The world: every table of one run, all replicates side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .. import kernels
from ..core.arrays import take_ids
from ..core.calendar import Calendar
from ..rules import Rules
from .packs import GRIEVANCE_SLOTS, Packs
from .regions import Regions
from .wolves import Wolves

__all__ = ["World"]

_GROUPED = "living grouped by pack"
"""The key the living grouped by pack are kept under in the wolves' table."""


@dataclass
class World:
    """State of a run. Replicates are realms that share tables but never touch each other."""

    rules: Rules
    calendar: Calendar
    regions: Regions
    seeds: NDArray[np.int64]
    """The random seed of each replicate."""
    wolves: Wolves = field(init=False)
    packs: Packs = field(init=False)
    names: list[str] = field(default_factory=list)
    """Interned names of wolves and packs; columns hold indices into it."""
    traced: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Rows of the wolves whose daily state is traced for the report (the scenario's cast,
    bounded per replicate); rows never shift, so they stay valid as wolves are born."""
    day: int = 0
    reserved_names: frozenset[str] = frozenset()
    """Names no drawn wolf takes (the scenario's cast), so a name in the telling is one wolf."""
    next_wolf_id: NDArray[np.int64] = field(init=False)
    next_pack_id: NDArray[np.int64] = field(init=False)
    _name_index: dict[str, int] = field(default_factory=dict, repr=False)
    seed_keys: NDArray[np.uint64] = field(init=False, repr=False, compare=False)
    """The seeds as the unsigned words the compiled draws take."""

    def __post_init__(self) -> None:
        self.wolves = Wolves(capacity=1024, slots=self.rules.ties.slots)
        self.packs = Packs(capacity=64, slots=GRIEVANCE_SLOTS)
        self.next_wolf_id = np.zeros(len(self.seeds), dtype=np.int64)
        self.next_pack_id = np.zeros(len(self.seeds), dtype=np.int64)
        self.seed_keys = np.asarray(self.seeds).astype(np.uint64)

    @property
    def replicates(self) -> int:
        """How many replicates live in this world."""
        return len(self.seeds)

    def intern(self, names: list[str]) -> NDArray[np.int32]:
        """Indices of names in :attr:`names`, adding those not seen yet."""
        out = np.empty(len(names), dtype=np.int32)
        for i, name in enumerate(names):
            idx = self._name_index.get(name)
            if idx is None:
                idx = len(self.names)
                self.names.append(name)
                self._name_index[name] = idx
            out[i] = idx
        return out

    def new_ids(
        self, counter: NDArray[np.int64], replicate: NDArray[np.int16]
    ) -> NDArray[np.int32]:
        """Fresh ids for new rows of these replicates (:func:`packbond.core.arrays.take_ids`)."""
        return take_ids(counter, replicate).astype(np.int32)

    def pack_sizes(self) -> NDArray[np.float64]:
        """Living members of each pack row."""
        w = self.wolves
        return kernels.pack_counts(w.view("alive"), w.view("pack"), self.packs.size)

    def beside(self, rows: NDArray[np.integer], others: NDArray[np.integer]) -> NDArray[np.bool_]:
        """Whether each of ``others`` (a row, or -1) is a living wolf in the pack of ``rows``.

        Shapes broadcast: pass ``rows[:, None]`` to test a row of slots per wolf. A wolf without
        a pack has no one beside it.
        """
        w = self.wolves
        safe = np.maximum(others, 0)
        home = w.pack[rows]
        return (np.asarray(others) >= 0) & w.alive[safe] & (w.pack[safe] == home) & (home >= 0)

    def members_of(self, pack_mask: NDArray[np.bool_]) -> NDArray[np.intp]:
        """Rows of living wolves whose pack row is set in ``pack_mask``."""
        w = self.wolves
        return kernels.members_of(w.view("alive"), w.view("pack"), pack_mask)

    def members_by_pack(
        self, among: NDArray[np.bool_] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """Rows of living pack members (those set in ``among``, a mask over wolf rows, if
        given) grouped by pack row in row order, with each pack row's ``start`` and ``count``."""
        if among is None:
            return self._living_members()
        w = self.wolves
        return kernels.members_by_pack(
            w.view("alive"), w.view("pack"), among[: w.size], self.packs.size
        )

    def move(self, rows: NDArray[np.integer], packs: NDArray[np.integer] | int) -> None:
        """Wolves ``rows`` now belong to ``packs`` (a pack row each, or -1 for none).

        The one way a wolf changes pack during a run, so that the living grouped by pack are
        grouped again when next asked (:meth:`regroup`)."""
        self.wolves.pack[rows] = packs
        self.regroup()

    def regroup(self) -> None:
        """Someone died, left the world or changed pack, or a pack was founded: the living are
        grouped by pack again when next asked. (A birth adds rows, which forgets it by itself.)"""
        self.wolves.forget(_GROUPED)

    def _living_members(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """:meth:`members_by_pack` of every living member, kept (read-only) until someone is
        born, dies or changes pack.

        Why kept: hunting and contact both group the living by pack every day, and on most days
        of a small world no one has been born, died or moved since the day before. Deaths
        (``Context.kill``), moves (:meth:`move`) and new packs (``add_packs``) say so through
        :meth:`regroup`; births add rows.
        """
        return self.wolves.kept(_GROUPED, self._group_living)

    def _group_living(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """The living grouped by pack, read-only."""
        alive = self.wolves.view("alive")
        grouped = kernels.members_by_pack(alive, self.wolves.view("pack"), alive, self.packs.size)
        for part in grouped:
            part.flags.writeable = False
        return grouped

    def pick_members(
        self, packs: NDArray[np.integer], u: NDArray[np.floating], among: NDArray[np.bool_]
    ) -> NDArray[np.int64]:
        """For each pack row, a living member drawn with ``u`` from those set in ``among`` (a
        mask over wolf rows), or -1 if it has none. ``u`` may carry extra trailing axes (several
        draws per pack row); the result has the shape of ``u``."""
        pool, start, count = self.members_by_pack(among)
        packs = np.asarray(packs, dtype=np.int64)
        packs = packs.reshape(packs.shape + (1,) * (np.ndim(u) - packs.ndim))
        n = count[packs]
        at = start[packs] + np.minimum((np.asarray(u) * n).astype(np.int64), np.maximum(n - 1, 0))
        return np.where(n > 0, pool[np.minimum(at, max(len(pool) - 1, 0))] if len(pool) else -1, -1)
