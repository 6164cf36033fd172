"""Wounds and healing (R32): bleeding, healing with a hospital and healer, death of wounds.

A bleeding wound worsens until the bleeding stops; a wound that is not bleeding heals each day,
faster where the pack has a hospital and healer. A wound that closes is ``healed``. A wound
above the deadly severity may kill (less often under a healer's care, where the rules say so),
and the death names the injury as its cause. (Wounds reopen when a wolf hunts or gathers too
soon: see those systems.)

Reads: alive, wound, bleeding, wound_event, pack; packs' hospital. Writes: wound, bleeding,
wound_event. Kills (at once). Emits: ``healed``, ``died`` (cause wounds).
Rules: ``wounds``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
