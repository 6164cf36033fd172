"""Mating ceremonies (R15) and the bite that makes mates (R18), daily.

On its day, a ceremony set by an accepted offer or an arrangement completes the mating: the
alpha of the pair (else the beta) bites, the other bears the mark for life, and a bond begins,
weaker without consent (``ceremony``, then ``mated``). A ceremony never happens if, before or on
its day, one of the pair dies or leaves the pack (an invasion that night is the war system's to
interrupt): it is ``ceremony_interrupted``, caused by that death or leaving, and no mating
happens.

Reads: alive, pack, betrothed, ceremony_day, betrothal_event, arranged, death_event,
left_event, ran_event.
Writes: betrothal columns, mate, bond, marked_by, mated_day, single_since, attention.
Emits: ``ceremony``, ``mated``, ``ceremony_interrupted``. Rules: ``bond``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
