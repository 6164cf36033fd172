"""No child left alone: a pack left with only children is taken in by a pack with adults."""

from __future__ import annotations

import numpy as np

from packbond.events import registry
from packbond.shared import life

from ..conftest import generated, rows_of, run_only, world_of

TAKEN_IN = registry().kinds["taken_in"].code


def test_children_left_without_an_adult_are_taken_in_together() -> None:
    """The grown members of a few packs are gone: the next day each of those packs' children
    lives in another pack, all of one pack's children in the same one, which has adults;
    packs that kept an adult are left alone."""
    world = world_of(generated(40))
    w = world.wolves
    adult = life.adults(world, 0)
    living = w.view("alive") & (w.view("pack") >= 0)
    young_packs = np.unique(w.view("pack")[living & ~adult])
    orphaned = young_packs[:5]
    gone = np.flatnonzero(living & adult & np.isin(w.view("pack"), orphaned))
    w.alive[gone] = False
    world.regroup()
    children = np.flatnonzero(w.view("alive") & np.isin(w.view("pack"), orphaned))
    before = w.pack[children].copy()
    others = np.flatnonzero(living & ~np.isin(w.view("pack"), orphaned))
    kept = w.pack[others].copy()
    log = run_only(world, ["aging"], 1).log.drain()
    assert len(children) >= 5
    moved = rows_of(
        world, log["replicate"][log["kind"] == TAKEN_IN], log["actor"][log["kind"] == TAKEN_IN]
    )
    assert set(moved) == set(children)
    now = w.pack[children]
    assert (now >= 0).all() and not np.isin(now, orphaned).any()
    for pack in np.unique(before):
        assert len(np.unique(now[before == pack])) == 1
    home_adults = living & adult & ~np.isin(np.arange(len(living)), gone)
    assert np.isin(now, w.view("pack")[home_adults]).all()
    assert np.array_equal(w.pack[others], kept)
