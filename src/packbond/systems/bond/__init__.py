"""The bond between mates (R19, R20, R17): feelings and pain carried both ways, daily.

Every day, over any distance, a bonded wolf feels its mate: part of the gap between their
wellbeing closes, scaled by the bond's strength; a mate badly wounded costs it wellbeing and
stress in proportion to the wound (``bond_pain``, once per wound, caused by it), and a mate sunk
into darkness is felt as sorrow (``bond_pain``). Weekly, the bond grows with good weeks shared
in the same pack, as fast as the two mates' attention allows (R20), and fades a little while
they are apart, never below the mark's floor. A consentful mate earns trust and mends security
week by week; a coercive one wears both away (R17).

Reads: alive, mate, bond, attention, wound, wound_event, dark, wellbeing, kindness, pack.
Writes: wellbeing, hurt, stress, bond, felt_wound, felt_dark, security, ties.
Emits: ``bond_pain``. Rules: ``bond``, ``courtship.coercive_below``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
