"""Wellbeing (R44), attachment security (R45), withdrawal (R43) and the inner wolf (R3).

Each week a wolf's wellbeing moves part of the way toward a set point made of its life: the
support it felt in contact, being kept out, its mate's trust and liking when the mate is in the
pack (as far as the mate pays attention, R20), hunger, wounds and stress; blows, blame, being
barred from the pups, jealousy, broken promises and a mate's pain felt through the bond this
week take their toll directly. Below ``withdraw_below`` it ``withdrew``: it stays
away from the pack (fewer contacts, so less support and slower acceptance), skips outings and
eats less, which feeds back. Below ``dark_below`` for ``dark_weeks`` weeks it sinks into
``darkness``, where it barely eats and so risks starving. Above ``recover_above`` it
``recovered``. A withdrawn wolf whose inner wolf still wants its mate is ``torn``, at a cost in
stress (R3). Security mends slowly under support (R45); blows take it away (see contact).
Vivid memories of deeds fade week by week unless renewed. Both the week's pass over every living
wolf and the fading are single compiled passes (:mod:`.kernel`); the step
turns what they report into events.

Reads: alive, support, shunned, hurt, hunger, wound, stress, mate, attention, ties.
Writes: wellbeing, withdrawn, dark, low_weeks, security, stress, hurt, tie_weight, tie_memory.
Emits: ``withdrew``, ``darkness``, ``recovered``, ``torn``. Rules: ``wellbeing``, ``contact``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
