"""Hunting (R29-R31): pack hunts, volunteers in scarcity, injuries, and help that can hurt.

About once every ``interval_days`` a pack sends a party of its able hunters (by default its alphas;
never the young, the disabled, a carrier, or a wolf past ``life.retire_years``) out in wolf form
(R4). When food per head is short, or (a rule) the season's prey is scarce, it
takes volunteers, on places of their own for the keenest where the rules keep some; an unskilled
volunteer with something to prove may chase prey alone (R30), and a poor hunter whose mate hunts may
go out, even withdrawn, to prove himself to that mate, beside him, alone after prey (a rule); a
hungry wolf volunteers the readier (a rule). A kill brings food per hunter, or one carcass shared by
the party (``kill_party_exponent``). Success grows with party size and skill and follows prey
abundance by region and season; snow makes it harder or easier (a rule). Injury risk grows with
snow, unfamiliar ground, lack of skill and chasing alone. A hurt hunter may be helped by a close
packmate in the party (its mate the readier, and first, by the bond, where the rules say so), who
can be hurt doing so (R31). Hunting with an open wound may reopen it (R32). The helped wolf
remembers the rescue; a helper's wound is marked as suffered for the helped wolf, for the pack to
blame (R42). A withdrawn wolf stays home (R44).

Reads: alive, birth_day, pack, designation, wound, due_day, hunting_skill, boldness, esteem,
familiarity, withdrawn, hunger, mate, bond, attention, ties, cycle_until; packs' food and region.
Writes: food, form, wound, familiarity, roles, ties, harmed_for, harmed_event.
Emits: ``hunt``, ``injured``, ``assisted``, ``wound_reopened``, ``shifted``, ``wound_torn``.
Rules: ``hunting``, ``seasons``, ``wounds``, ``rut``, ``food``, ``life.retire_years``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
