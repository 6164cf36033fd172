"""The wolf table: one row per wolf that ever lived in the run, in every replicate."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from numpy.typing import NDArray

from .table import Col, Table

__all__ = [
    "DESIGNATIONS",
    "FORMS",
    "MEMORIES",
    "SEXES",
    "WOUND_SITES",
    "Designation",
    "Form",
    "Memory",
    "Role",
    "Sex",
    "Wolves",
]

SEXES: tuple[str, ...] = ("F", "M")
DESIGNATIONS: tuple[str, ...] = ("unpresented", "alpha", "beta", "omega")


class Sex:
    """Codes of the ``sex`` column."""

    F = 0
    M = 1


class Designation:
    """Codes of the ``designation`` column (R1)."""

    UNPRESENTED = 0
    ALPHA = 1
    BETA = 2
    OMEGA = 3


class Form:
    """Codes of the ``form`` column (R4)."""

    HUMAN = 0
    WOLF = 1


FORMS: tuple[str, ...] = ("human", "wolf")
WOUND_SITES: tuple[str, ...] = ("paw", "leg", "flank", "shoulder", "neck")
"""Where a wound is, named in wolf form; it carries across forms (paw to hand, flank to side)."""


class Memory:
    """Codes of the ``tie_memory`` column: what one wolf last did to another that is remembered."""

    NONE = 0
    RESCUE = 1
    BLOW = 2
    BLAME = 3
    VOICE = 4
    PROTECTION = 5
    BROKEN_PROMISE = 6
    FORCED = 7


MEMORIES: tuple[str, ...] = (
    "none",
    "rescue",
    "blow",
    "blame",
    "voice",
    "protection",
    "broken promise",
    "forced mating",
)


class Role:
    """Bit flags of the ``roles`` column (R28)."""

    HUNTER = 1
    GATHERER = 2
    CARER = 4


I32 = NDArray[np.int32]
I64 = NDArray[np.int64]
F32 = NDArray[np.float32]
F64 = NDArray[np.float64]


class Wolves(Table):
    """Wolves as columns. Row references (``pack``, ``mate``, ...) are row indices; -1 is none."""

    id: Annotated[I32, Col(np.int32, -1, "stable id within the replicate, never reused")]
    replicate: Annotated[NDArray[np.int16], Col(np.int16, 0, "replicate (realm) of the wolf")]
    alive: Annotated[NDArray[np.bool_], Col(np.bool_, False, "alive now")]
    name: Annotated[I32, Col(np.int32, -1, "index into World.names")]
    sex: Annotated[NDArray[np.int8], Col(np.int8, 0, "Sex code: 0 F, 1 M")]
    designation: Annotated[
        NDArray[np.int8],
        Col(np.int8, 0, "Designation code: 0 unpresented, 1 alpha, 2 beta, 3 omega"),
    ]
    birth_day: Annotated[I32, Col(np.int32, 0, "day of birth; negative before the run began")]
    death_day: Annotated[I32, Col(np.int32, -1, "day of death, -1 while alive")]
    death_clock: Annotated[
        F64,
        Col(
            np.float64,
            np.nan,
            "hazard left before a death of age or background risk (Exp(1) at first sight)",
        ),
    ]
    daily_hazard: Annotated[
        F64, Col(np.float64, np.nan, "background and old-age hazard per day, refreshed weekly")
    ]
    acceptance: Annotated[
        F32, Col(np.float32, 1.0, "how far its pack accepts it (R40), 0 outsider .. 1 one of us")
    ]
    joined_day: Annotated[
        I32, Col(np.int32, -1, "day it joined its current pack, -1 if born or founding there")
    ]
    stigma: Annotated[
        F32, Col(np.float32, 0.0, "stigma it carries in its pack (R40), e.g. an enemy origin")
    ]
    gone_day: Annotated[
        I32, Col(np.int32, -1, "day it left the modelled land for good (emigrated), -1 if not")
    ]
    present_age: Annotated[I32, Col(np.int32, 0, "age in days at which the wolf presents (R2)")]
    eligible: Annotated[
        NDArray[np.bool_],
        Col(np.bool_, False, "eligible for mating (presented; omegas after heat)"),
    ]
    pack: Annotated[I32, Col(np.int32, -1, "row of the wolf's pack, -1 for none")]
    origin_pack: Annotated[
        I32, Col(np.int32, -1, "row of the pack the wolf was born or started in")
    ]
    mate: Annotated[I32, Col(np.int32, -1, "row of the wolf's mate, -1 for none")]
    mother: Annotated[I32, Col(np.int32, -1, "row of the mother (or carrying parent), -1 unknown")]
    father: Annotated[I32, Col(np.int32, -1, "row of the other parent, -1 unknown")]
    kindness: Annotated[F32, Col(np.float32, 0.5, "trait, 0 = cruel .. 1 = kind")]
    ambition: Annotated[F32, Col(np.float32, 0.5, "trait, 0 = content .. 1 = ambitious")]
    boldness: Annotated[F32, Col(np.float32, 0.5, "trait, 0 = timid .. 1 = bold")]
    anxiety: Annotated[F32, Col(np.float32, 0.5, "trait, 0 = calm .. 1 = anxious")]
    hunting_skill: Annotated[F32, Col(np.float32, 0.5, "skill, 0 = hopeless .. 1 = expert")]
    esteem: Annotated[F32, Col(np.float32, 0.5, "how valued by the pack, 0 .. 1")]
    security: Annotated[
        F32, Col(np.float32, 0.5, "attachment security (R45), 0 = none .. 1 = secure")
    ]
    wellbeing: Annotated[F32, Col(np.float32, 0.6, "wellbeing (R44), 0 = despair .. 1 = thriving")]
    form: Annotated[NDArray[np.int8], Col(np.int8, 0, "Form code (R4): 0 human, 1 wolf")]
    wound: Annotated[F32, Col(np.float32, 0.0, "open wound severity (R32), 0 = none .. 1 = mortal")]
    wound_site: Annotated[NDArray[np.int8], Col(np.int8, 0, "site code: index in WOUND_SITES")]
    bleeding: Annotated[NDArray[np.bool_], Col(np.bool_, False, "the open wound is bleeding")]
    wound_event: Annotated[I64, Col(np.int64, -1, "event id of the injury, -1 if unhurt")]
    shift_caution: Annotated[
        F32, Col(np.float32, 0.0, "learned caution (R5), 0 = shifts hurt .. 1 = always waits")
    ]
    familiarity: Annotated[F32, Col(np.float32, 0.8, "knowledge of the home region, 0 .. 1 (R30)")]
    hunger: Annotated[F32, Col(np.float32, 0.0, "hunger, 0 = sated .. 1 = starving (R34)")]
    due_day: Annotated[I32, Col(np.int32, -1, "day pups are due, -1 if not carrying (R6)")]
    sire: Annotated[I32, Col(np.int32, -1, "row of the other parent of the pups carried")]
    conceived_event: Annotated[I64, Col(np.int64, -1, "event id of the conception carried")]
    rest_until: Annotated[I32, Col(np.int32, 0, "day before which the wolf cannot conceive")]
    cycle_next: Annotated[I32, Col(np.int32, -1, "day the next heat or rut starts, -1 none")]
    cycle_until: Annotated[I32, Col(np.int32, -1, "last day of the current heat or rut")]
    roles: Annotated[NDArray[np.uint8], Col(np.uint8, 0, "Role bit flags (R28)")]
    dispersing: Annotated[NDArray[np.bool_], Col(np.bool_, False, "travelling without a pack")]
    tie_other: Annotated[
        I32, Col(np.int32, -1, "row of the wolf each tie slot is about, -1 empty", per_slot=True)
    ]
    tie_affinity: Annotated[
        F32, Col(np.float32, 0.0, "liking per tie slot, -1 .. 1", per_slot=True)
    ]
    tie_trust: Annotated[F32, Col(np.float32, 0.0, "trust per tie slot, 0 .. 1", per_slot=True)]
    tie_fear: Annotated[F32, Col(np.float32, 0.0, "fear per tie slot, 0 .. 1", per_slot=True)]
    tie_memory: Annotated[
        NDArray[np.int8],
        Col(np.int8, 0, "Memory code per tie slot: the deed remembered", per_slot=True),
    ]
    tie_weight: Annotated[
        F32, Col(np.float32, 0.0, "how vivid that memory is, 0 .. 1; fades", per_slot=True)
    ]
    tie_event: Annotated[
        I64, Col(np.int64, -1, "event id of the remembered deed, -1 none", per_slot=True)
    ]
    stress: Annotated[F32, Col(np.float32, 0.0, "stress now (R3, R9), 0 .. 1; fades, soothed")]
    support: Annotated[
        F32, Col(np.float32, 0.0, "recent warmth of its contacts (R44), -1 .. 1, a moving mean")
    ]
    shunned: Annotated[
        F32, Col(np.float32, 0.0, "how often its clique keeps it out lately (R41), 0 .. 1")
    ]
    shut_out: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "its clique keeps it out of their circle (R41)")
    ]
    contacts: Annotated[
        NDArray[np.int16], Col(np.int16, 0, "contacts it had this week (R43), reset weekly")
    ]
    contact_sum: Annotated[
        F32, Col(np.float32, 0.0, "summed quality of this week's contacts, reset weekly")
    ]
    hurt: Annotated[
        F32, Col(np.float32, 0.0, "wellbeing lost to blows, blame and slights this week (R44)")
    ]
    withdrawn: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "keeps away from others, skips outings (R44)")
    ]
    dark: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "in the lasting dark state (R44), eats little")
    ]
    low_weeks: Annotated[
        NDArray[np.int16], Col(np.int16, 0, "weeks in a row its wellbeing was below dark")
    ]
    kept_from_pups: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "parents keep their pups away from it (R41)")
    ]
    protector: Annotated[I32, Col(np.int32, -1, "row of the wolf who promised it safety (R52)")]
    rumour_about: Annotated[I32, Col(np.int32, -1, "row the rumour it carries is about (R41)")]
    rumour_with: Annotated[I32, Col(np.int32, -1, "row of the other wolf in that rumour, -1 none")]
    rumour_true: Annotated[NDArray[np.bool_], Col(np.bool_, False, "the rumour is true")]
    rumour_strength: Annotated[
        F32, Col(np.float32, 0.0, "how fresh the rumour is, 0 .. 1; fades as it passes on")
    ]
    rumour_event: Annotated[I64, Col(np.int64, -1, "event id where the rumour began")]
    scent: Annotated[
        NDArray[np.uint32], Col(np.uint32, 0, "scent notes (R8), bits into the scent vocabulary")
    ]
    keepsake_of: Annotated[
        I32, Col(np.int32, -1, "row whose scent the garment it keeps carries (R9), -1 none")
    ]
    keepsake: Annotated[F32, Col(np.float32, 0.0, "strength of the keepsake's scent; fades")]
    harmed_for: Annotated[
        I32, Col(np.int32, -1, "row of the wolf whose trouble cost it a wound today (R42)")
    ]
    harmed_event: Annotated[I64, Col(np.int64, -1, "event id of the deed that cost the wound")]
    death_event: Annotated[I64, Col(np.int64, -1, "event id of its death, -1 while alive")]
    standing: Annotated[
        F32, Col(np.float32, 0.0, "standing in its pack (R25): designation, skill, esteem, mate")
    ]
    rank: Annotated[
        NDArray[np.int16], Col(np.int16, 0, "place on its pack's ladder, 1 = pack alpha, 0 none")
    ]
    high_rank: Annotated[NDArray[np.bool_], Col(np.bool_, False, "holds high rank (R25)")]
    demoted: Annotated[
        NDArray[np.bool_],
        Col(np.bool_, False, "lost its rank for lack of a mate and has not regained it (R22)"),
    ]
    single_since: Annotated[
        I32, Col(np.int32, -1, "day since which a presented wolf has had no mate, -1 if mated")
    ]
    bond: Annotated[
        F32, Col(np.float32, 0.0, "strength of the bond with its mate (R18, R19), 0 .. 1")
    ]
    attention: Annotated[
        F32, Col(np.float32, 1.0, "attention it pays its mate (R20), 0 .. 1; learned")
    ]
    marked_by: Annotated[I32, Col(np.int32, -1, "row of the wolf whose bite mark it bears")]
    mated_day: Annotated[I32, Col(np.int32, -1, "day of its mating ceremony, -1 none")]
    betrothed: Annotated[I32, Col(np.int32, -1, "row it is promised to in a coming ceremony")]
    ceremony_day: Annotated[I32, Col(np.int32, -1, "day of that ceremony, -1 none")]
    betrothal_event: Annotated[
        I64, Col(np.int64, -1, "event id of the accepted offer or arrangement")
    ]
    arranged: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "the coming mating was arranged, without consent")
    ]
    wish_to_leave: Annotated[F32, Col(np.float32, 0.0, "wish to leave its pack (R40), 0 .. 1")]
    away_from: Annotated[I32, Col(np.int32, -1, "row of the pack it ran away from, -1 none")]
    away_since: Annotated[I32, Col(np.int32, -1, "day it ran away, -1 none")]
    ran_event: Annotated[I64, Col(np.int64, -1, "event id of its running away")]
    runs: Annotated[NDArray[np.int8], Col(np.int8, 0, "times it has run away from a mate")]
    promise_by: Annotated[
        I32, Col(np.int32, -1, "row of the mate who promised to let it go in a season (R36)")
    ]
    promise_event: Annotated[I64, Col(np.int64, -1, "event id of that promise")]
    travelling: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "on the road after leaving its pack (R38)")
    ]
    travel_until: Annotated[I32, Col(np.int32, -1, "day it looks for a new home")]
    travel_with: Annotated[I32, Col(np.int32, -1, "row of the mate it left with, -1 alone")]
    left_event: Annotated[I64, Col(np.int64, -1, "event id of its leaving")]
    restricted_until: Annotated[
        I32, Col(np.int32, -1, "day until which a pledged survivor may not leave (R51)")
    ]
    felt_wound: Annotated[
        I64, Col(np.int64, -1, "event id of the mate's wound it last felt through the bond")
    ]
    felt_dark: Annotated[
        NDArray[np.bool_], Col(np.bool_, False, "it has felt its mate's darkness through the bond")
    ]
