"""Leaving, weekly (R24, R35-R38): the wish to leave, running away and being searched for,
promises tied to a season, pleas, mates who leave together, and new homes.

A wolf's wish to leave moves toward what its life in the pack gives it: low acceptance, low
wellbeing and being kept out raise it, as does a crowded pack for an ambitious alpha with no lead
of its own; a liked and trusted mate in the pack lowers it. Past
``leave_at`` (and free to go: pledged survivors are not, for a while, R51, and a wolf gives a
new home ``settle_days`` before it leaves again):

- an unmated wolf tells the pack alpha (``notified_leader``) and leaves (``left_pack``);
- an insecure mated wolf who never ran runs away without a word (``ran_away``), by anxiety
  and insecurity (where the rules say so, even while still restricted: the restriction bars
  asking leave, not fleeing); its mate learns to pay attention (R20) and may search
  (``searched``), by bond and attention, finding it by tracking skill; a runaway found comes
  back by bond, trust and hunger against its wish (``returned``) and is promised that if the
  season of ``promise_season`` comes and it still wants to go, it will not be stopped
  (``promise_made``). A runaway nobody brings back makes
  a life elsewhere;
- a mated wolf who is secure, or ran before, and holds no promise asks its mate to leave with
  it (``asked_to_leave``).

When the promised season begins, a promisee who still wants to go is let go by a kind, bonded
mate (``promise_kept``: trust rises) or held back (``promise_broken``: trust falls hard, a
remembered deed). A mate let go or pleaded with weighs its bond against its rank (R37): it tells
the pack alpha and leaves with its mate, giving up its place (``left_together``, caused by the
kept promise or the plea; ``rank_changed``), or the other leaves alone, and they part.

Travellers settle when their journey ends (R38): a new household or pack of their own in a
free territory (``founded_pack``), or a pack drawn at random where nobody knows them
(``joined_pack``), starting as strangers there without stigma.

Reads: alive, pack, designation, acceptance, wellbeing, shunned, mate, bond, attention, ties,
anxiety, security, kindness, ambition, high_rank, hunting_skill, restricted_until, betrothed.
Writes: wish_to_leave, pack, away_*, runs, promise_*, travel_*, mate, attention, ties, hurt.
Emits: ``ran_away``, ``searched``, ``returned``, ``promise_made``, ``promise_kept``,
``promise_broken``, ``asked_to_leave``, ``notified_leader``, ``left_pack``, ``left_together``,
``rank_changed``, ``founded_pack``, ``joined_pack``. Rules: ``leaving``, ``acceptance``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
