"""Gathering (R33): berries and herbs by season, a smaller food source and a social outing.

About once every ``interval_days`` a pack's able members who are not out hunting may go picking
(a share of them), bringing food by season. Who goes is one compiled pass
(:func:`packbond.kernel.gathering_parties`). Going out with an open wound may reopen it (R32).
The ``gathered`` event names one of the party and marks an occasion later social systems use.

Reads: alive, pack, designation, form, wound. Writes: packs' food, roles, bleeding.
Emits: ``gathered``, ``wound_reopened``. Rules: ``gathering``, ``wounds``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
