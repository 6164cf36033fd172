"""Setting out and settling: parents take their young, who settle where the parents do."""

from __future__ import annotations

import numpy as np

from packbond.shared.departure import depart
from packbond.state import Designation
from packbond.systems.leaving import system as leaving

from ..conftest import generated, run_only, world_of


def _family(world):  # type: ignore[no-untyped-def]
    """A mated pair of a pack with an unpresented child of theirs living beside them."""
    w = world.wolves
    young = np.flatnonzero(
        w.view("alive")
        & (w.view("designation") == Designation.UNPRESENTED)
        & (w.view("mother") >= 0)
    )
    for child in young:
        mother = w.mother[child]
        mate = w.mate[mother]
        if mate >= 0 and w.pack[mother] == w.pack[child] == w.pack[mate]:
            return int(mother), int(mate), child
    raise AssertionError("no family in the generated world")


def test_a_couple_takes_its_young_on_the_road_and_home_with_them() -> None:
    """R37, R38: a pair who leave together take their unpresented young; when the journey
    ends the young settle in the pack their parents settle in. A runaway goes alone."""
    world = world_of(generated(30))
    w = world.wolves
    mother, father, child = _family(world)
    siblings = np.flatnonzero(
        w.view("alive") & (w.view("mother") == mother) & (w.view("pack") == w.pack[mother])
    )
    siblings = siblings[w.designation[siblings] == Designation.UNPRESENTED]
    event = np.array([7])
    depart(world, np.array([mother]), 0, event, partner=np.array([father]))
    depart(world, np.array([father]), 0, event, partner=np.array([mother]))
    assert (w.pack[siblings] == -1).all() and w.travelling[siblings].all()
    assert (w.left_event[siblings] == 7).all()

    class _Ctx:
        day = 10**6

        def draw(self, purpose: str, rows: np.ndarray) -> np.ndarray:
            return np.full(len(rows), 0.99 if purpose == "found_home" else 0.5)

        def emit(self, *args: object, **kwargs: object) -> np.ndarray:
            return np.zeros(1, dtype=np.int64)

    leaving._settle(world, _Ctx())  # type: ignore[arg-type]
    home = w.pack[mother]
    assert home >= 0 and w.pack[father] == home
    assert (w.pack[siblings] == home).all() and not w.travelling[siblings].any()
    assert child in siblings


def test_a_runaway_leaves_its_young_behind_in_the_pack() -> None:
    """Running away is flight, not a move: the young stay with the pack."""
    world = world_of(generated(30))
    w = world.wolves
    mother, _, child = _family(world)
    pack = w.pack[child]
    depart(world, np.array([mother]), 0, np.array([3]), with_young=False)
    assert w.pack[child] == pack and not w.travelling[child]


def test_a_pup_born_on_the_road_travels_and_settles_with_its_mother() -> None:
    """A carrier who gives birth while travelling: her pups are on the road with her, not
    left packless, and come home where she does."""
    world = world_of(generated(30))
    w = world.wolves
    mother, father, _ = _family(world)
    depart(world, np.array([mother]), 0, np.array([1]), partner=np.array([father]))
    depart(world, np.array([father]), 0, np.array([1]), partner=np.array([mother]))
    w.due_day[mother] = 0
    w.sire[mother] = father
    run_only(world, ["reproduction"], 1)
    pups = np.flatnonzero(
        w.view("alive") & (w.view("mother") == mother) & (w.view("birth_day") == 0)
    )
    assert len(pups) >= 1
    assert w.travelling[pups].all() and (w.travel_with[pups] == mother).all()
    assert (w.pack[pups] == -1).all()
