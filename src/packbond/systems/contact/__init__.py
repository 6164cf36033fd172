"""Daily contact inside a pack, and everything that can happen in it (R3, R8-R13, R21, R26, R27,
R41, R43, R46, R52).

Every wolf among its pack today (a withdrawn or little-accepted wolf stays away more, R43) seeks
out one packmate at random. If both are about:

- a peer of its own designation may keep an unaccepted wolf out of the clique (R41); being kept
  out often enough is ``excluded`` (shut out of the circle), and hurts more under a protector's
  promise (R52);
- a scent tied to a vivid harm repels (``scent_recoiled``, R10);
- a packmate may strike an unaccepted wolf (``attacked``, R46), less often when a protector or an
  alpha mate stands behind it (R52); a strange or threatening alpha draws the reflex of baring
  the neck (``submitted``, R12), which can stop the blow, at a cost in stress to a bold wolf
  (R3). A kind pack alpha may then take the struck wolf under protection (``protected``);
- an alpha who outranks it may command it with the voice (``alpha_voice``, R13), which costs
  trust and adds fear; an alpha who never does slowly earns trust;
- the contact has a warmth set by the pack's norms toward newcomers and omegas (R26), the
  partner's kindness, its esteem (R27) and how alike their scents are (R8); affection lands
  weakly on an insecure wolf (R45). Ties, support and the week's contact tally move with it;
- a stressed wolf near a liked scent is soothed (``scent_soothed``), close wolves scent each
  other (``scented``, R11);
- a mated wolf seen close to an unmated peer of its mate's designation can make the mate
  ``jealous`` (R21), the more so after a rumour, or become talk; an unkind wolf may make up a
  rumour about one it dislikes; rumours pass on along friendly ties and lower opinions
  (``rumour``, R41).

Routine contacts are metrics (``contacts``, ``contact_sum``), not events.

Reads: alive, pack, designation, mate, acceptance, esteem, traits, security, withdrawn,
protector, scent, ties; packs' norms and leader. Writes: ties, stress, support, shunned,
shut_out, contacts, contact_sum, hurt, security, rumours, protector, wound.
Emits: the events above. Rules: ``contact``, ``gossip``, ``jealousy``, ``violence``,
``submission``, ``voice``, ``scent``, ``wellbeing``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
