"""Reproduction (R6): conception for mated pairs under the rules, gestation, litters, births.

A carrier (by sex and designation, a rule: male omegas can carry in the ``seed`` preset) who is
an adult within its fertile years (``life.adult_years`` to ``fertile_until_years``), eligible,
mated to a living mate, rested since its last litter and, where the rule says so, the
pack alpha or its mate, conceives with a daily chance: higher during a heat, lower in a hungry
pack or (a rule) while withdrawn, and only in breeding seasons if the rule names any. After
``gestation_days`` it gives birth to a litter of 1 + Poisson(``litter_mean``) pups, who join its
pack (or, born on the road, travel with it and settle where it settles).

Scheduled last: births append rows, and appending never moves the rows other systems hold.

Reads: alive, birth_day, eligible, sex, designation, mate, pack, due_day, rest_until, cycle_until,
withdrawn, travelling, travel_until; packs' leader, hungry. Writes: due_day, sire, conceived_event,
rest_until; new wolves (travelling with a mother on the road).
Emits: ``conceived``, ``born``. Rules: ``reproduction``, ``heat``, ``life``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
