"""Drawn names: two syllables from the shipped pool, never a name of the scenario's cast."""

from __future__ import annotations

import numpy as np

from packbond.state.name_pools import given_names, name_pool

from ..conftest import generated, run_only, world_of


def test_a_drawn_name_is_never_one_the_cast_has() -> None:
    """The names the draws would give are refused while the cast holds them: each is replaced
    by another name of the pool, the same for the same draws."""
    pool = name_pool()
    gen = np.random.default_rng(5)
    sex = (gen.random(2000) < 0.5).astype(np.int8)
    u1, u2 = gen.random(2000), gen.random(2000)
    free = given_names(pool, sex, u1, u2)
    cast = frozenset(free[:40])
    avoided = given_names(pool, sex, u1, u2, cast)
    assert not cast & set(avoided)
    assert avoided == given_names(pool, sex, u1, u2, cast)
    kept = [a == f for a, f in zip(avoided, free, strict=True) if f not in cast]
    assert all(kept) and len(kept) > 1000


def test_newborns_avoid_the_names_of_the_cast() -> None:
    """The same world twice: the names its newborns took the first time, reserved for a cast
    the second time, go to no newborn; the rest are drawn as before."""

    def births(reserved: frozenset[str]) -> list[str]:
        world = world_of(generated(150))
        world.reserved_names = reserved
        run_only(world, ["reproduction"], 364)
        w = world.wolves
        born = np.flatnonzero(w.view("birth_day") > 0)
        return [world.names[i] for i in w.name[born]]

    first = births(frozenset())
    cast = frozenset(first[::2])
    second = births(cast)
    assert len(first) == len(second) > 20
    assert not cast & set(second)
    assert [b for a, b in zip(first, second, strict=True) if a not in cast] == [
        a for a in first if a not in cast
    ]
