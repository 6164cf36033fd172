"""Courtship, weekly: arranged matings (R14), then mating offers and their answers (R16, R17).

Adults only: every wolf who courts, is courted or is promised is an adult (``rules.life``,
never under 18).

Arranged: where a pack's norm allows it, a parent of an omega who became free to be promised
this week (it presented, or came of age after presenting) may contract it, without its
consent, to the unmated alpha of highest standing in the pack: the child's wellbeing suffers and
his scent is hated from then on (``arranged``).

Offers: an unmated adult makes an offer with a weekly chance raised by loneliness and, for an
alpha whose rank requires a mate (R22), by how far the grace period has run. It looks over a few
packmates (always including the wolf it protects, R52) and asks the one it is most drawn to:
liking, scent likeness, the pull between designations, (for the ambitious) the other's esteem,
less the years between them, and where the rules say so the bond of protection; the offer names
the strongest motive (``mating_offer``). The one asked weighs liking, trust, fear, the scent,
the safety a high-ranked suitor brings, the hope that mating a valued wolf will win the pack's
acceptance and loneliness, against the years between them (``offer_accepted`` with its
strongest reason, or ``offer_refused``); a protector whose protege is still free is slower to
accept another. A coercive suitor presses a refusal, at the cost of the other's trust (R17). A
marked wolf who left its mate rarely mates again (R38). An accepted offer or arrangement sets a
ceremony (see the ceremony system).

Reads: alive, birth_day, present_age, pack, designation, eligible, mate, betrothed, wellbeing,
acceptance, esteem, ambition, kindness, scent, ties, kin, single_since, high_rank, demoted,
marked_by; packs' norms.
Writes: betrothed, ceremony_day, betrothal_event, arranged, hurt, ties.
Emits: ``arranged``, ``mating_offer``, ``offer_accepted``, ``offer_refused``.
Rules: ``courtship``, ``arranged``, ``ceremony``, ``rank.grace_days``, ``life.adult_years``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
