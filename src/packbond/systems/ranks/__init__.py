"""The rank ladder (R22, R23, R25) and challenges for the lead, weekly.

Every presented member of a pack gets a standing (see :mod:`packbond.shared.standing`) and a place
on the pack's ladder: the pack alpha first, then by standing. The top ``high_share`` of a pack's
presented members hold high rank; entering or leaving it is ``rank_changed``. Where the pack's norm
makes rank require a mate (R22), an alpha unmated past the grace period falls out of high rank
(``rank_lost_unmated``) and stays out until it mates again. An ambitious, bold wolf whose standing
passes the pack alpha's by a margin may challenge; the fight is won by standing and luck, the loser
is wounded, and a winner takes the lead (``challenged``, ``became_pack_alpha``). Standing, the
challengers and the ladder are compiled passes (:mod:`packbond.systems.ranks.kernel`): the ladder
orders each pack on its own instead of sorting every presented wolf at once.

Reads: alive, pack, designation, standing's columns, ambition, boldness; packs' leader.
Writes: standing, rank, high_rank, demoted, single_since, wound; packs' leader.
Emits: ``rank_changed``, ``rank_lost_unmated``, ``challenged``, ``became_pack_alpha``,
``injured``. Rules: ``rank``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
