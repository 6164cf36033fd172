"""Acceptance of newcomers (R40): some integrate over time, others stay on the margin.

A wolf born into its pack, or founding it, is accepted (1). A newcomer starts lower: a stranger
whom nobody knows at ``stranger_start`` without stigma; a survivor of an enemy pack lower still,
carrying stigma. Each week acceptance moves toward 1 at the wolf's own pace (a fixed draw per
wolf, spread on a log scale, so that some integrate fast and some hardly at all), as far as it
was among the pack that week (a wolf who stays away is not got used to, R43), and with the
warmth of its contacts; it falls with its stigma, weighed by the pack's outsider hostility, for
an omega with the pack's contempt for omegas (R26), and with envy when its mate is esteemed far
above it (R27). Blame takes acceptance away at once (see blame). Stigma fades slowly. A newcomer
whose acceptance first reaches ``integrated_at`` is ``integrated``; a later fall and rise counts
again. The week's contact tally is then cleared.

Reads: alive, pack, designation, mate, esteem, acceptance, stigma, joined_day, contacts,
contact_sum; packs' norms. Writes: acceptance, stigma, contacts, contact_sum.
Emits: ``integrated``. Rules: ``acceptance``, ``contact``.

In this package: ``system.py`` (the step the engine calls, which writes the events) and
``kernel.py`` (its compiled pass). Its rules are in :mod:`packbond.rules`; its events are in
``events/kinds.toml``.
"""

from .system import step

__all__ = ["step"]
