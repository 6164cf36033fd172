"""The daily contact kernel: every wolf among its pack seeks out one packmate (R26, R27, R41-R46,
R8-R13, R21).

Why one compiled pass: contact is the only mechanic that touches every wolf and a partner every
day, with a tie lookup on both sides; in NumPy it would be dozens of passes and gathers. The
kernel does the routine part (who meets whom, how warm it was, ties, support, stress, exclusion,
rumours passing) and flags the notable outcomes; the contact system turns flags into events and
applies their heavier effects. Draws are keyed (seed, day, wolf id, purpose, k), so results do
not depend on row order, batch or worker count.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange
from numpy.typing import NDArray

from packbond.kernels import parallel
from packbond.kernels.bits import popcount
from packbond.kernels.daily import day_keys, keyed_draw
from packbond.kernels.ties import TieColumns, claim_slot_in, find_slot
from packbond.state.wolves import Designation, Memory

__all__ = [
    "ATTACKED",
    "COMPLIED",
    "EXCLUDED",
    "GOSSIPED",
    "JEALOUS",
    "RECOILED",
    "RUMOUR_STARTED",
    "SCENTED",
    "SHUT_OUT",
    "SKIPPED",
    "SOOTHED",
    "SUBMITTED",
    "THREATENED",
    "VOICE",
    "ContactColumns",
    "ContactOutcomes",
    "ContactRules",
    "MoodColumns",
    "PackColumns",
    "PackMembers",
    "RumourColumns",
    "daily_contacts",
]

SKIPPED = 1
"""Stayed away from the pack today."""
EXCLUDED = 2
"""Its clique kept it out today."""
SHUT_OUT = 4
"""Being kept out crossed the shut-out level today."""
ATTACKED = 8
"""Its partner struck it."""
SUBMITTED = 16
"""It bared its neck to its partner."""
VOICE = 32
"""Its partner commanded it with the alpha voice."""
COMPLIED = 64
"""It obeyed the voice."""
SCENTED = 128
"""It and its partner scented each other."""
SOOTHED = 256
"""Its partner's liked scent soothed it."""
RECOILED = 512
"""It recoiled from its partner's scent, tied to a harm."""
GOSSIPED = 1024
"""It passed a rumour to its partner."""
RUMOUR_STARTED = 2048
"""A rumour began with it today (its own invention, or something it saw)."""
JEALOUS = 4096
"""It saw its mate close to an unmated peer and grew jealous."""
THREATENED = 8192
"""Its partner was about to strike it (whether or not the blow fell)."""

# Draw slots (``k`` of ``day_keys``): one uniform per wolf per purpose per day, all keyed by the
# wolf that seeks the contact.
_DRAW_ATTEND = 0
"""Whether it comes among its pack today."""
_DRAW_PARTNER = 1
"""Which packmate it seeks out."""
_DRAW_KEPT_OUT = 2
"""Whether a peer keeps it out of the clique."""
_DRAW_RECOIL = 3
"""Whether it recoils from a scent tied to a harm."""
_DRAW_STRIKE = 4
"""Whether its partner is about to strike it."""
_DRAW_BARE_NECK = 5
"""Whether fear makes it bare its neck."""
_DRAW_CALMS = 6
"""Whether baring the neck stops the blow."""
_DRAW_VOICE = 7
"""Whether an alpha commands it with the voice."""
_DRAW_OBEY = 8
"""Whether it obeys the voice."""
_DRAW_WARMTH = 9
"""The noise in how warmly its partner treats it."""
_DRAW_WARMTH_BACK = 10
"""The noise in how warmly it treats its partner."""
_DRAW_SCENTING = 11
"""Whether close wolves scent each other."""
_DRAW_SEEN = 12
"""Whether its partner's mate sees them close."""
_DRAW_JEALOUS = 13
"""Whether the mate who saw grows jealous."""
_DRAW_SIGHTING = 14
"""Whether someone else saw them close."""
_DRAW_WITNESS = 15
"""Which packmate saw them."""
_DRAW_INVENT = 16
"""Whether it makes up a rumour about its partner."""
_DRAW_SPREAD = 17
"""Whether it passes its rumour on to its partner."""
_DRAWS = 18
"""Draws per wolf per day, each keyed once per replicate by ``day_keys``."""

# Codes as plain ints: compiled code reads module constants, not class attributes.
_UNPRESENTED = Designation.UNPRESENTED
_ALPHA = Designation.ALPHA
_OMEGA = Designation.OMEGA
_BLOW = Memory.BLOW
_VOICE = Memory.VOICE
_FORCED = Memory.FORCED


class ContactColumns(NamedTuple):
    """Wolf columns the kernel reads."""

    alive: NDArray[np.bool_]
    replicate: NDArray[np.int16]
    id: NDArray[np.int32]
    pack: NDArray[np.int32]
    designation: NDArray[np.int8]
    mate: NDArray[np.int32]
    acceptance: NDArray[np.float32]
    esteem: NDArray[np.float32]
    kindness: NDArray[np.float32]
    boldness: NDArray[np.float32]
    anxiety: NDArray[np.float32]
    security: NDArray[np.float32]
    withdrawn: NDArray[np.bool_]
    protector: NDArray[np.int32]
    scent: NDArray[np.uint32]
    birth_day: NDArray[np.int32]


class MoodColumns(NamedTuple):
    """Wolf columns the kernel writes."""

    stress: NDArray[np.float32]
    support: NDArray[np.float32]
    shunned: NDArray[np.float32]
    shut_out: NDArray[np.bool_]
    contacts: NDArray[np.int16]
    contact_sum: NDArray[np.float32]


class RumourColumns(NamedTuple):
    """The rumour each wolf carries."""

    rumour_about: NDArray[np.int32]
    rumour_with: NDArray[np.int32]
    rumour_true: NDArray[np.bool_]
    rumour_strength: NDArray[np.float32]
    rumour_event: NDArray[np.int64]


class PackColumns(NamedTuple):
    """Pack columns: the norms contact depends on (R26) and the pack alpha."""

    omega_status_penalty: NDArray[np.float32]
    violence_tolerance: NDArray[np.float32]
    outsider_hostility: NDArray[np.float32]
    leader: NDArray[np.int32]


class PackMembers(NamedTuple):
    """Living pack members grouped by pack: their rows in ``order``, and per pack row where its
    members start there and how many they are (``size``)."""

    order: NDArray[np.int64]
    start: NDArray[np.int64]
    size: NDArray[np.int64]


class ContactOutcomes(NamedTuple):
    """Per wolf row, every row set by the kernel: its partner (-1 none), its flags, and for the
    jealous the mate (``jealous_of``) and the peer (``jealous_with``), -1 for the others."""

    partner: NDArray[np.int32]
    flags: NDArray[np.uint16]
    jealous_of: NDArray[np.int32]
    jealous_with: NDArray[np.int32]


class ContactRules(NamedTuple):
    """The rules the kernel applies, flattened (see :mod:`packbond.rules.social`); a switched-off
    mechanic reads off, and its weights 0."""

    attend: float
    attend_acceptance: float
    attend_withdrawn: float
    warmth: float
    kindness_weight: float
    esteem_weight: float
    hostility_weight: float
    omega_weight: float
    scent_weight: float
    noise: float
    learning: float
    trust_learning: float
    support_fade: float
    cliques: bool
    clique_exclusion: float
    exclusion_sting: float
    shunned_fade: float
    excluded_at: float
    security_floor: float
    gossip: bool
    invent: float
    dislike_at: float
    sighting: float
    spread: float
    keep: float
    opinion_harm: float
    rumour_fade: float
    forget_below: float
    jealousy: bool
    see: float
    jealousy_base: float
    rumour_weight: float
    violence: bool
    attack: float
    mate_protection: float
    protection: float
    submission: bool
    anxiety_weight: float
    stranger_fear: float
    threat_fear: float
    fear_at: float
    calms: float
    inner_conflict: float
    voice: bool
    voice_use: float
    comply: NDArray[np.float64]
    rank_weight: float
    restraint_trust: float
    scent: bool
    stressed_at: float
    like_at: float
    soothe: float
    recoil_stress: float
    scenting: float
    scenting_soothe: float
    scenting_bond: float
    social_days: int
    """Age in days from which a wolf acts in its pack's social life (``rules.life``)."""
    adult_days: int
    """Age in days of adulthood: only an adult is commanded by the voice, and only an adult's
    closeness to another's mate is noticed."""


@njit(cache=True, inline="always")
def _clip(x: float, lo: float, hi: float) -> float:  # pragma: no cover - compiled
    return min(hi, max(lo, x))


@njit(cache=True, inline="always")
def _quality(
    kindness_by: float,
    esteem_to: float,
    acceptance_to: float,
    omega_to: bool,
    hostility: float,
    omega_penalty: float,
    scent_to: np.uint32,
    scent_by: np.uint32,
    u: float,
    r: ContactRules,
) -> float:  # pragma: no cover - compiled
    """How warmly one wolf treats another in a contact: pack norms, traits, esteem, scent."""
    q = r.warmth + r.kindness_weight * 2.0 * (kindness_by - 0.5)
    q += r.esteem_weight * 2.0 * (esteem_to - 0.5)
    q -= r.hostility_weight * hostility * (1.0 - acceptance_to)
    q -= r.omega_weight * omega_penalty if omega_to else 0.0
    if r.scent_weight != 0.0:  # no scent rule: no division by the bits for nothing
        either = popcount(scent_to | scent_by)
        if either > 0:
            q += r.scent_weight * popcount(scent_to & scent_by) / either
    q += r.noise * (2.0 * u - 1.0)
    return _clip(q, -1.0, 1.0)


@njit(cache=True, inline="always")
def _learn(
    t_aff: NDArray[np.float32],
    t_trust: NDArray[np.float32],
    i: int,
    s: int,
    felt: float,
    r: ContactRules,
) -> None:  # pragma: no cover - compiled
    """Move ``i``'s tie in slot ``s`` toward how the contact felt."""
    t_aff[i, s] += r.learning * (felt - t_aff[i, s])
    t = t_trust[i, s]
    # Both rooms computed and one selected, not a branch: whether a contact felt warm is a coin
    # the processor cannot foresee (a day's draws are new), and a wrong guess costs more.
    room = (1.0 - t) if felt > 0.0 else np.float64(t)
    t_trust[i, s] = t + r.trust_learning * felt * room


@njit(cache=True, inline="always")
def _protection(
    alive: NDArray[np.bool_],
    pack: NDArray[np.int32],
    designation: NDArray[np.int8],
    mate: NDArray[np.int32],
    esteem: NDArray[np.float32],
    protector: NDArray[np.int32],
    r: ContactRules,
    i: int,
    pk: int,
) -> float:  # pragma: no cover - compiled
    """Share of blows kept off ``i`` by its protector's promise and its alpha mate's standing."""
    shield = 0.0
    pr = protector[i]
    if pr >= 0 and alive[pr] and pack[pr] == pk:
        shield = r.protection * esteem[pr]
    m = mate[i]
    if m >= 0 and alive[m] and pack[m] == pk and designation[m] == _ALPHA:
        shield = max(shield, r.mate_protection * esteem[m])
    return shield


@njit(cache=True, inline="always")
def attendance(
    withdrawn: bool, acceptance: float, r: ContactRules
) -> float:  # pragma: no cover - compiled
    """Chance a wolf seeks company today: lower for the unaccepted, fixed for the withdrawn."""
    if withdrawn:
        return r.attend_withdrawn
    return r.attend * (1.0 - r.attend_acceptance * (1.0 - acceptance))


@njit(cache=True, inline="always")
def keep_out_chance(
    acceptance: float, liked_back: float, r: ContactRules
) -> float:  # pragma: no cover - compiled
    """R41: chance a peer keeps an unaccepted wolf out of the clique, less if it likes it."""
    return r.clique_exclusion * (1.0 - acceptance) * (1.0 - max(liked_back, 0.0))


@njit(cache=True, inline="always")
def strike_chance(
    acceptance: float,
    violence: float,
    kindness_by: float,
    shield: float,
    liked_back: float,
    r: ContactRules,
) -> float:  # pragma: no cover - compiled
    """R46: chance an unaccepted wolf is struck: the pack's tolerance of violence, the striker's
    unkindness and dislike, less what its protection keeps off (R52)."""
    return (
        r.attack
        * violence
        * (1.0 - acceptance)
        * 2.0
        * (1.0 - kindness_by)
        * (1.0 - shield)
        * (1.0 + max(-liked_back, 0.0))
    )


@njit(cache=True, inline="always")
def alpha_fear(
    anxiety: float, fear_of: float, strange: bool, threatened: bool, r: ContactRules
) -> float:  # pragma: no cover - compiled
    """R12: how much a wolf fears an alpha: its anxiety, its remembered fear, more if the alpha
    is a stranger or threatens it."""
    fear = r.anxiety_weight * anxiety + fear_of
    if strange:
        fear += r.stranger_fear
    if threatened:
        fear += r.threat_fear
    return fear


@njit(cache=True, inline="always")
def outranks(i: int, j: int, di: int, leader: int) -> bool:  # pragma: no cover - compiled
    """R13: alpha ``j`` may command ``i``: ``j`` leads, or ``i`` is a presented non-alpha;
    nobody commands the pack alpha."""
    return (leader == j or (di != _ALPHA and di != _UNPRESENTED)) and leader != i


@njit(cache=True, inline="always")
def obey_chance(
    comply: float, esteem_by: float, esteem_to: float, r: ContactRules
) -> float:  # pragma: no cover - compiled
    """R13: chance the voice is obeyed: the designation's compliance, raised by the gap in
    standing."""
    return comply * (1.0 + r.rank_weight * (esteem_by - esteem_to))


@njit(cache=True, inline="always")
def lifted(felt: float, security: float, r: ContactRules) -> float:  # pragma: no cover - compiled
    """R45: affection lands weakly on an insecure wolf; a cold contact lands whole. Both lifts
    are read and the felt value selected, not branched on: whether a contact was warm is
    unforeseeable."""
    lift = r.security_floor + (1.0 - r.security_floor) * security
    return felt * lift if felt > 0 else felt


@njit(cache=True, inline="always")
def jealousy_chance(
    security: float, trust: float, heard_of: bool, r: ContactRules
) -> float:  # pragma: no cover - compiled
    """R21: chance a mate who saw its mate close to a peer grows jealous: insecurity, distrust,
    and a rumour about its mate already heard."""
    fuel = 1.0 + (r.rumour_weight if heard_of else 0.0)
    return r.jealousy_base * (1.0 - security) * fuel * (1.5 - trust)


def _contacts(
    day: int,
    seeds: NDArray[np.uint64],
    purpose: np.uint64,
    wolves: ContactColumns,
    moods: MoodColumns,
    rumours: RumourColumns,
    ties: TieColumns,
    packs: PackColumns,
    members: PackMembers,
    r: ContactRules,
    out: ContactOutcomes,
) -> None:  # pragma: no cover - compiled
    """One day of contact: every row's outcomes set in ``out``; moods, rumours and ties moved."""
    # Unpacked once: reading an array out of a bundle inside the loop costs reference counting.
    (
        alive,
        replicate,
        ids,
        pack,
        designation,
        mate,
        acceptance,
        esteem,
        kindness,
        boldness,
        anxiety,
        security,
        withdrawn,
        protector,
        scent,
        birth_day,
    ) = wolves
    stress, support, shunned, shut_out, contacts, contact_sum = moods
    r_about, r_other, r_true, r_strength, r_event = rumours
    t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event = ties
    omega_penalty, violence, hostility, leader = packs
    order, start, count = members
    partner, flags, jealous_of, jealous_with = out
    comply = r.comply
    n = len(alive)
    present = np.zeros(n, dtype=np.bool_)
    keys = day_keys(seeds, day, purpose, _DRAWS)
    for i in prange(n):
        flags[i] = 0
        partner[i] = -1
        jealous_of[i] = -1
        jealous_with[i] = -1
        if not alive[i]:
            continue
        support[i] *= 1.0 - r.support_fade
        shunned[i] *= 1.0 - r.shunned_fade
        if shut_out[i] and shunned[i] < 0.5 * r.excluded_at:
            shut_out[i] = False
        if r_strength[i] > 0.0:
            r_strength[i] *= 1.0 - r.rumour_fade
            if r_strength[i] < r.forget_below:
                r_about[i] = -1
                r_other[i] = -1
                r_event[i] = -1
                r_strength[i] = 0.0
        pk = pack[i]
        if pk < 0 or count[pk] < 2:
            continue
        chance = attendance(withdrawn[i], acceptance[i], r)
        # Stored, not branched on: whether a wolf comes today is a coin the processor cannot
        # foresee.
        comes = keyed_draw(keys[replicate[i], _DRAW_ATTEND], ids[i]) < chance
        present[i] = comes
        flags[i] |= 0 if comes else SKIPPED

    # Packs are independent (a contact reads and writes only its own pack's rows), so they run
    # in parallel; within a pack, members meet in row order, so the result is the same on any
    # number of threads.
    for p in prange(len(count)):
        for at in range(start[p], start[p] + count[p]):
            i = order[at]
            if not present[i]:
                continue
            pk = pack[i]
            rep = replicate[i]
            wid = ids[i]
            # Drawn itself, it takes the next member (the first after the last): selected, not
            # branched on, as the draw lands on itself unforeseeably.
            k = int(keyed_draw(keys[rep, _DRAW_PARTNER], wid) * count[pk])
            k = k + 1 if order[start[pk] + k] == i else k
            j = order[start[pk] + (k if k < count[pk] else 0)]
            partner[i] = j
            if not present[j]:
                continue
            di, dj = designation[i], designation[j]
            acc = acceptance[i]
            # Only wolves of the social age strike, are struck, command, are commanded, bare the
            # neck and make or pass talk (rules.life); the young still meet and learn to like.
            grown_i = day - birth_day[i] >= r.social_days
            grown_j = day - birth_day[j] >= r.social_days
            grown = grown_i and grown_j
            # Tie lookups only the mechanics that read them pay for: the partner's liking (cliques,
            # violence), the wolf's own tie (scent, submission, the voice). -1 / 0 when not read.
            aff_ji = 0.0
            s_ji = -1
            if r.cliques or r.violence:
                s_ji = find_slot(t_other, j, i)
                aff_ji = t_aff[j, s_ji] if s_ji >= 0 else 0.0

            # R41: a peer of its designation may keep an unaccepted wolf out of the clique.
            # (Tests in order of how foreseeable they are: most wolves are accepted, while
            # whether two share a designation is a coin.)
            if r.cliques and acc < 1.0 and di == dj and di != _UNPRESENTED:
                keep_out = keep_out_chance(acc, aff_ji, r)
                if keyed_draw(keys[rep, _DRAW_KEPT_OUT], wid) < keep_out:
                    flags[i] |= EXCLUDED
                    shunned[i] += r.shunned_fade
                    contact_sum[i] -= r.exclusion_sting
                    if not shut_out[i] and shunned[i] >= r.excluded_at:
                        shut_out[i] = True
                        flags[i] |= SHUT_OUT
                    continue
            contacts[i] += 1

            # R10: a scent tied to a vivid harm repels.
            s_ij = -1
            if r.scent or r.submission or r.voice:
                s_ij = find_slot(t_other, i, j)
            harm = 0.0
            if s_ij >= 0 and (
                t_mem[i, s_ij] == _BLOW or t_mem[i, s_ij] == _VOICE or t_mem[i, s_ij] == _FORCED
            ):
                harm = t_weight[i, s_ij]
            recoiled = False
            if r.scent and harm > 0.0 and keyed_draw(keys[rep, _DRAW_RECOIL], wid) < harm:
                recoiled = True
                flags[i] |= RECOILED
                stress[i] = min(1.0, stress[i] + r.recoil_stress * harm)

            # R46: an unaccepted wolf may be struck, less so under protection (R52).
            threatened = False
            if r.violence and grown and acc < 1.0:
                shield = _protection(alive, pack, designation, mate, esteem, protector, r, i, pk)
                strike = strike_chance(acc, violence[pk], kindness[j], shield, aff_ji, r)
                threatened = keyed_draw(keys[rep, _DRAW_STRIKE], wid) < strike
                if threatened:
                    flags[i] |= THREATENED

            # R12: fear of a strange or threatening alpha bares the neck; R3: against a bold will.
            fear_ij = t_fear[i, s_ij] if s_ij >= 0 else 0.0
            strange = s_ij < 0 and acc < 1.0
            subdued = threatened or strange or fear_ij > r.fear_at
            if r.submission and grown and subdued and dj == _ALPHA:
                fear = alpha_fear(anxiety[i], fear_ij, strange, threatened, r)
                if fear > r.fear_at and keyed_draw(keys[rep, _DRAW_BARE_NECK], wid) < fear:
                    flags[i] |= SUBMITTED
                    stress[i] = min(1.0, stress[i] + r.inner_conflict * boldness[i])
                    if threatened and keyed_draw(keys[rep, _DRAW_CALMS], wid) < r.calms:
                        threatened = False
            if threatened:
                flags[i] |= ATTACKED

            # R13: an alpha who outranks an adult may command it; one who never does earns trust.
            if (
                r.voice
                and day - birth_day[i] >= r.adult_days
                and dj == _ALPHA
                and not threatened
                and outranks(i, j, di, leader[pk])
            ):
                use = r.voice_use * 2.0 * (1.0 - kindness[j])
                if keyed_draw(keys[rep, _DRAW_VOICE], wid) < use:
                    flags[i] |= VOICE
                    obey = obey_chance(comply[di], esteem[j], esteem[i], r)
                    if keyed_draw(keys[rep, _DRAW_OBEY], wid) < obey:
                        flags[i] |= COMPLIED
                        stress[i] = min(1.0, stress[i] + r.inner_conflict * boldness[i])
                elif s_ij >= 0 and t_mem[i, s_ij] != _VOICE:
                    t_trust[i, s_ij] += r.restraint_trust * (1.0 - t_trust[i, s_ij])

            # R26, R27, R45: how warm the contact was, as each side feels it.
            q = _quality(
                kindness[j],
                esteem[i],
                acceptance[i],
                di == _OMEGA,
                hostility[pk],
                omega_penalty[pk],
                scent[i],
                scent[j],
                keyed_draw(keys[rep, _DRAW_WARMTH], wid),
                r,
            )
            q_back = _quality(
                kindness[i],
                esteem[j],
                acceptance[j],
                dj == _OMEGA,
                hostility[pk],
                omega_penalty[pk],
                scent[j],
                scent[i],
                keyed_draw(keys[rep, _DRAW_WARMTH_BACK], wid),
                r,
            )
            if recoiled:
                q = min(q, -harm)
            if threatened:
                q = -1.0
            # R45: affection lands weakly on an insecure wolf.
            felt, felt_back = lifted(q, security[i], r), lifted(q_back, security[j], r)
            # From here on both ties exist, in these slots (nothing below claims in row i, and
            # row j's only claim, a rumour's target, comes after its last use).
            if s_ij < 0:
                s_ij = claim_slot_in(
                    t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event, i, j
                )
            if s_ji < 0:
                s_ji = claim_slot_in(
                    t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event, j, i
                )
            _learn(t_aff, t_trust, i, s_ij, felt, r)
            _learn(t_aff, t_trust, j, s_ji, felt_back, r)
            support[i] += r.support_fade * felt
            support[j] += r.support_fade * felt_back
            contact_sum[i] += q

            # R9, R11: a stressed wolf near a liked scent is soothed; close wolves scent each other.
            if r.scent and not recoiled and not threatened and stress[i] > r.stressed_at:
                like = t_aff[i, s_ij]
                mates = mate[i] == j
                if mates or like > r.like_at:
                    close = mates or t_aff[j, s_ji] > r.like_at
                    if close and keyed_draw(keys[rep, _DRAW_SCENTING], wid) < r.scenting:
                        flags[i] |= SCENTED
                        stress[i] = max(0.0, stress[i] - r.scenting_soothe)
                        stress[j] = max(0.0, stress[j] - r.scenting_soothe)
                        t_aff[i, s_ij] = min(1.0, t_aff[i, s_ij] + r.scenting_bond)
                        t_trust[i, s_ij] = min(1.0, t_trust[i, s_ij] + r.scenting_bond)
                        t_aff[j, s_ji] = min(1.0, t_aff[j, s_ji] + r.scenting_bond)
                        t_trust[j, s_ji] = min(1.0, t_trust[j, s_ji] + r.scenting_bond)
                    else:
                        flags[i] |= SOOTHED
                        stress[i] = max(0.0, stress[i] - r.soothe * max(like, 0.5))

            # R21: its mate may see it close to an unmated adult peer; R41: or it becomes talk.
            # Whether it was seen: each test is a coin, so all are taken together with no
            # branch between them (a partner without a mate reads row -1, the last, in vain).
            m = mate[j]
            if (r.jealousy or r.gossip) and (
                (q > 0.0)
                & (day - birth_day[i] >= r.adult_days)
                & (mate[i] < 0)
                & (di != _UNPRESENTED)
                & (m >= 0)
                & (m != i)
                & alive[m]
                & (pack[m] == pk)
                & (designation[m] == di)
            ):
                if r.jealousy and present[m] and keyed_draw(keys[rep, _DRAW_SEEN], wid) < r.see:
                    s_mj = find_slot(t_other, m, j)
                    trust = t_trust[m, s_mj] if s_mj >= 0 else 0.0
                    chance = jealousy_chance(security[m], trust, r_about[m] == j, r)
                    if keyed_draw(keys[rep, _DRAW_JEALOUS], wid) < chance:
                        flags[m] |= JEALOUS
                        jealous_of[m] = j
                        jealous_with[m] = i
                elif r.gossip and keyed_draw(keys[rep, _DRAW_SIGHTING], wid) < r.sighting:
                    w = order[
                        start[pk] + int(keyed_draw(keys[rep, _DRAW_WITNESS], wid) * count[pk])
                    ]
                    of_age = day - birth_day[w] >= r.social_days
                    if of_age and w != i and w != j and w != m and r_about[w] < 0:
                        r_about[w] = j
                        r_other[w] = i
                        r_true[w] = True
                        r_strength[w] = 1.0
                        r_event[w] = -1
                        flags[w] |= RUMOUR_STARTED

            if not r.gossip or not grown:
                continue
            # R41: an unkind wolf may make up a rumour about one it dislikes.
            if (
                r_about[i] < 0
                and t_aff[i, s_ij] < r.dislike_at
                and keyed_draw(keys[rep, _DRAW_INVENT], wid) < r.invent * 2.0 * (1.0 - kindness[i])
            ):
                r_about[i] = j
                r_other[i] = -1
                r_true[i] = False
                r_strength[i] = 1.0
                r_event[i] = -1
                flags[i] |= RUMOUR_STARTED
            # R41: a rumour passes along a friendly tie and lowers the listener's opinion.
            t = r_about[i]
            if (
                r_event[i] >= 0
                and t != j
                and r_event[j] != r_event[i]
                and r_strength[j] < r_strength[i] * r.keep
                and keyed_draw(keys[rep, _DRAW_SPREAD], wid) < r.spread * max(t_aff[i, s_ij], 0.0)
            ):
                r_about[j] = t
                r_other[j] = r_other[i]
                r_true[j] = r_true[i]
                r_strength[j] = r_strength[i] * r.keep
                r_event[j] = r_event[i]
                flags[i] |= GOSSIPED
                if alive[t]:
                    s_jt = claim_slot_in(
                        t_other, t_aff, t_trust, t_fear, t_mem, t_weight, t_event, j, t
                    )
                    t_aff[j, s_jt] = max(-1.0, t_aff[j, s_jt] - r.opinion_harm)
                    t_trust[j, s_jt] = max(0.0, t_trust[j, s_jt] - 0.5 * r.opinion_harm)


# One body, two compilations (see :mod:`packbond.kernels.parallel`).
_contacts_serial = njit(cache=True)(_contacts)
_contacts_inlined = njit(inline="always")(_contacts)


@njit(cache=True, parallel=True)
def _contacts_parallel(
    day: int,
    seeds: NDArray[np.uint64],
    purpose: np.uint64,
    wolves: ContactColumns,
    moods: MoodColumns,
    rumours: RumourColumns,
    ties: TieColumns,
    packs: PackColumns,
    members: PackMembers,
    r: ContactRules,
    out: ContactOutcomes,
) -> None:  # pragma: no cover - compiled
    _contacts_inlined(day, seeds, purpose, wolves, moods, rumours, ties, packs, members, r, out)


def daily_contacts(
    day: int,
    seeds: NDArray[np.uint64],
    purpose: np.uint64,
    wolves: ContactColumns,
    moods: MoodColumns,
    rumours: RumourColumns,
    ties: TieColumns,
    packs: PackColumns,
    members: PackMembers,
    r: ContactRules,
    out: ContactOutcomes,
) -> None:
    """One day of contact for every pack (see ``_meet``), in parallel over packs for a big world
    when that is the faster way on this machine now (see :mod:`packbond.kernels.parallel`)."""
    args = (day, seeds, purpose, wolves, moods, rumours, ties, packs, members, r, out)
    parallel.run(
        len(members.order),
        lambda: _contacts_serial(*args),
        lambda: _contacts_parallel(*args),
        parallel.PARALLEL_FROM,
    )
