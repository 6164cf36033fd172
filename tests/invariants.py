"""Invariants of a stored run, as SQL over its tables: what a long run must never show.

Used by the soak test and by ``benchmarks/soak.py`` (the full 200-year valley). Each check is a
query for the rows that break it, so a failure names them.
"""

from __future__ import annotations

import pandas as pd

from packbond import Run

__all__ = ["AFTER_DEATH", "EXAMPLES", "act_after_death", "report", "violations"]

AFTER_DEATH: tuple[tuple[str, str], ...] = (
    ("born", "other"),  # the sire of a litter born after his death
    ("blamed", "target"),  # the victim of the deed, dead of it
    ("ceremony_interrupted", "target"),  # the partner whose death called the ceremony off
    ("scent_soothed", "target"),  # the giver of a garment, which outlives the giver
    ("rumour_passed", "other"),  # the subject of a rumour, which outlives its subject
)
"""(kind, role column) where a wolf may be named after its death: roles it holds without acting
or being acted on as a living wolf."""

EXAMPLES = 5
"""Offending rows kept per check (each row also carries the check's full count, ``n``)."""


def act_after_death(run: Run) -> pd.DataFrame:
    """Events naming a wolf (as actor, target or other) after its ``died`` or ``emigrated``
    event, later that day or on a later day, outside the passive roles of :data:`AFTER_DEATH`
    (a second ``died`` of one wolf among them)."""
    passive = " OR ".join(f"(r.kind = '{k}' AND r.role = '{c}')" for k, c in AFTER_DEATH)
    roles = " UNION ALL ".join(
        f"SELECT event_id, replicate, day, kind, '{c}' AS role, {c} AS wolf FROM events "
        f"WHERE {c} IS NOT NULL"
        for c in ("actor", "target", "other")
    )
    return _rows(
        run,
        f"""
        WITH ends AS (
            SELECT replicate, actor AS wolf, day AS end_day, event_id AS end_event, kind AS ended
            FROM events WHERE kind IN ('died', 'emigrated')
        ), roles AS ({roles})
        SELECT r.*, e.ended, e.end_day, e.end_event
        FROM roles r JOIN ends e USING (replicate, wolf)
        WHERE (r.day > e.end_day OR (r.day = e.end_day AND r.event_id > e.end_event))
          AND NOT ({passive})
        ORDER BY r.replicate, r.event_id
        """,
    )


def violations(run: Run) -> dict[str, pd.DataFrame]:
    """Every check's offending rows (empty when it holds), by the invariant's name."""
    manifest = run.manifest
    max_age = float(manifest["rules"]["lifespan"]["max_age_years"])
    days = int(manifest["days_done"])
    return {
        "no act after death": act_after_death(run),
        "one death event per dead wolf, on its death day": _rows(
            run,
            """
            SELECT w.replicate, w.wolf_id, w.death_day, count(e.event_id) AS died_events,
                   min(e.day) AS first_died_day
            FROM wolves w LEFT JOIN events e
              ON e.kind = 'died' AND e.replicate = w.replicate AND e.actor = w.wolf_id
            GROUP BY ALL
            HAVING (w.death_day IS NULL) <> (count(e.event_id) = 0)
                OR count(e.event_id) > 1 OR min(e.day) <> w.death_day
            """,
        ),
        "a death and a killed leader name their wolf": _rows(
            run,
            """
            SELECT replicate, event_id, day, kind, actor, target FROM events
            WHERE (kind = 'died' AND actor IS NULL) OR (kind = 'leader_killed' AND target IS NULL)
            """,
        ),
        "ages in range": _rows(
            run,
            f"""
            SELECT replicate, wolf_id, alive, birth_day, death_day, gone_day, age_years
            FROM wolves
            WHERE age_years < 0 OR age_years > {max_age}
               OR coalesce(death_day, gone_day, {days}) < birth_day
               OR coalesce(death_day, gone_day, 0) >= {days}
               OR (alive AND (death_day IS NOT NULL OR gone_day IS NOT NULL))
            """,
        ),
        "wolf ids unique": _rows(
            run,
            "SELECT replicate, wolf_id, count(*) AS rows FROM wolves GROUP BY ALL HAVING rows > 1",
        ),
        "a living wolf's pack exists and lives": _rows(
            run,
            """
            SELECT w.replicate, w.wolf_id, w.pack, p.alive AS pack_alive
            FROM wolves w LEFT JOIN packs p ON p.replicate = w.replicate AND p.pack_id = w.pack
            WHERE w.alive AND w.pack IS NOT NULL AND p.alive IS DISTINCT FROM true
            """,
        ),
        "a pack's members are its living wolves": _rows(
            run,
            """
            SELECT p.replicate, p.pack_id, p.alive, p.members, count(w.wolf_id) AS living
            FROM packs p LEFT JOIN wolves w
              ON w.replicate = p.replicate AND w.pack = p.pack_id AND w.alive
            GROUP BY ALL HAVING p.members <> living OR (NOT p.alive AND living > 0)
            """,
        ),
        "a pack alpha is a living member": _rows(
            run,
            """
            SELECT p.replicate, p.pack_id, p.alive, p.leader, w.alive AS leader_alive,
                   w.pack AS leader_pack
            FROM packs p LEFT JOIN wolves w
              ON w.replicate = p.replicate AND w.wolf_id = p.leader
            WHERE p.leader IS NOT NULL
              AND (NOT p.alive OR w.alive IS DISTINCT FROM true
                   OR w.pack IS DISTINCT FROM p.pack_id)
            """,
        ),
        "mates reciprocal among the living": _rows(
            run,
            """
            SELECT a.replicate, a.wolf_id, a.mate, b.alive AS mate_alive, b.mate AS mates_mate
            FROM wolves a LEFT JOIN wolves b ON b.replicate = a.replicate AND b.wolf_id = a.mate
            WHERE a.alive AND a.mate IS NOT NULL
              AND (b.alive IS DISTINCT FROM true OR b.mate IS DISTINCT FROM a.wolf_id)
            """,
        ),
        "no dangling ids": _dangling(run),
    }


def report(found: dict[str, pd.DataFrame]) -> str:
    """The broken checks of :func:`violations` (those with rows), each with its count and its
    first rows, as text for an assertion or a script's output."""
    parts = [
        f"{name}: {int(rows['n'].iloc[0])} rows, first:\n{rows.drop(columns='n').to_string()}"
        for name, rows in found.items()
        if not rows.empty
    ]
    return "\n".join(parts)


_WOLF_REFS: tuple[tuple[str, str], ...] = (
    ("wolves", "mother"),
    ("wolves", "father"),
    ("wolves", "mate"),
    ("wolves", "protector"),
    ("wolves", "marked_by"),
    ("wolves", "betrothed"),
    ("packs", "leader"),
    ("events", "actor"),
    ("events", "target"),
    ("events", "other"),
    ("ties", "wolf_id"),
    ("ties", "other_id"),
)
"""(table, column) of every reference to a wolf by id."""

_PACK_REFS: tuple[tuple[str, str], ...] = (
    ("wolves", "pack"),
    ("wolves", "origin_pack"),
    ("packs", "at_war_with"),
    ("events", "pack"),
    ("events", "rival"),
    ("grievances", "pack_id"),
    ("grievances", "rival_id"),
)
"""(table, column) of every reference to a pack by id."""


def _dangling(run: Run) -> pd.DataFrame:
    """Wolf and pack ids, in any table, that name no wolf or pack of their replicate."""
    parts = [
        f"SELECT '{table}.{column}' AS ref_column, r.replicate, r.{column} AS ref "
        f"FROM {table} r WHERE r.{column} IS NOT NULL AND NOT EXISTS "
        f"(SELECT 1 FROM {to} x WHERE x.replicate = r.replicate AND x.{key} = r.{column})"
        for refs, to, key in ((_WOLF_REFS, "wolves", "wolf_id"), (_PACK_REFS, "packs", "pack_id"))
        for table, column in refs
    ]
    return _rows(run, " UNION ALL ".join(parts))


def _rows(run: Run, sql: str) -> pd.DataFrame:
    """The first :data:`EXAMPLES` rows of a query, each with the query's row count ``n``."""
    return run.query(f"SELECT count(*) OVER () AS n, * FROM ({sql}) LIMIT {EXAMPLES}")
