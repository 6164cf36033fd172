"""Story sifting: the pattern format, its matching semantics on hand-written logs, salience and
folding, partial matches, and the built-in library on a real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packbond.errors import PackbondError, ScenarioError
from packbond.narrative.sifting import builtin_patterns, find_matches, load_patterns, sift
from packbond.narrative.sifting.stats import entropy, story_stats

from .conftest import write_pattern

A, B, C, D = 0, 1, 2, 3
KIM, PARK = 0, 1

BROUGHT_BACK = [
    (10, "ran_away", A, B, None, KIM),
    (20, "searched", B, A, None, KIM),
    (30, "returned", A, B, None, KIM),
]


def _cast(run, pattern: str, **kw) -> list[tuple[int, ...]]:  # type: ignore[no-untyped-def]
    library = builtin_patterns()
    frame = find_matches(run, library, pattern, **kw)
    cols = [f"r:{r}" for r in library[pattern].cast]
    return [tuple(int(x) for x in row) for row in frame[cols].itertuples(index=False)]


def test_the_library_covers_the_issues_stories() -> None:
    library = builtin_patterns()
    wanted = {
        "rescue_on_the_hunt",
        "outcast_newcomer",
        "brought_back",
        "promise_kept",
        "promise_broken",
        "leaving_together",
        "rank_bought_with_mating",
        "revenge_war",
        "fallen_pack_alpha",
        "absorbed_pack",
        "jealousy_over_rumours",
        "pup_kept_away",
        "rise_to_pack_alpha",
        "found_family",
        "lost_mate",
    }
    assert wanted <= set(library.patterns)
    assert len(library.patterns) >= 15
    composed = [p for p in library.patterns.values() if any(s.pattern for s in p.steps)]
    assert composed, "some built-in pattern uses another as a step"


def test_a_sequence_with_shared_roles_matches_once(synthetic_run) -> None:
    run = synthetic_run(BROUGHT_BACK)
    assert _cast(run, "brought_back") == [(A, B)]


def test_roles_must_agree_across_steps(synthetic_run) -> None:
    # C, not B, searched: the mate of step 1 is not the searcher of step 2.
    events = [BROUGHT_BACK[0], (20, "searched", C, A, None, KIM), BROUGHT_BACK[2]]
    assert _cast(synthetic_run(events), "brought_back") == []


def test_order_and_time_window(synthetic_run) -> None:
    reordered = [BROUGHT_BACK[1], BROUGHT_BACK[0], BROUGHT_BACK[2]]
    reordered = [(d, *rest) for d, (_, *rest) in zip((10, 20, 30), reordered, strict=True)]
    assert _cast(synthetic_run(reordered), "brought_back") == []
    late = [BROUGHT_BACK[0], (200, "searched", B, A, None, KIM), (210, "returned", A, B, None, KIM)]
    assert _cast(synthetic_run(late), "brought_back") == []  # searched more than 60 days later


def test_not_in_between(synthetic_run) -> None:
    lost = [
        (1, "mated", A, B, None, KIM),
        (50, "died", B, None, None, KIM, None, 9.0, "wounds"),
        (60, "withdrew", A, None, None, KIM),
    ]
    assert _cast(synthetic_run(lost), "lost_mate") == [(A, B)]
    remated = [lost[0], (30, "mated", A, C, None, KIM), *lost[1:]]
    # A mated C before B died: the second mating, not B, is the one A lost... and B's death
    # comes after A re-mated, so the story does not hold for B.
    found = _cast(synthetic_run(remated), "lost_mate")
    assert (A, B) not in found


def test_cause_must_be_the_named_step(synthetic_run) -> None:
    rescue = [
        (5, "hunt", A, None, None, KIM, None, 0.0, "came back empty-handed"),
        (5, "injured", B, None, None, KIM, None, 0.5, "leg", 0),
        (6, "assisted", C, B, None, KIM, None, None, None, 1),
    ]
    assert _cast(synthetic_run(rescue), "rescue_on_the_hunt") == [(B, C)]
    not_caused = [*rescue[:2], (6, "assisted", C, B, None, KIM)]
    assert _cast(synthetic_run(not_caused), "rescue_on_the_hunt") == []
    not_a_hunt = [(5, "attacked", D, B, None, KIM, None, None, "struck"), *rescue[1:]]
    assert _cast(synthetic_run(not_a_hunt), "rescue_on_the_hunt") == []


def test_a_pattern_can_be_a_step(synthetic_run) -> None:
    war = [
        (100, "invasion", A, C, None, KIM, PARK, 2.0, "won"),
        (100, "leader_killed", B, C, None, KIM, PARK, None, None, 0),
        (100, "pack_dissolved", None, None, None, PARK, None, None, None, 1),
        (100, "pledged", D, A, None, KIM, PARK, None, None, 2),
    ]
    run = synthetic_run(war)
    assert _cast(run, "fallen_pack_alpha") == [(C, B)]
    assert _cast(run, "absorbed_pack") == [(C, D, A)]
    lost = [e for e in war if e[1] != "invasion" or True]
    lost[0] = (100, "invasion", A, C, None, KIM, PARK, 2.0, "was beaten back")
    assert _cast(synthetic_run(lost), "absorbed_pack") == []


def test_role_constraints_read_the_snapshot(synthetic_run) -> None:
    rank = [
        (10, "rank_lost_unmated", A, None, None, KIM, None, 70.0),
        (20, "mated", B, A, None, KIM, None, None, "willing"),
        (27, "rank_changed", A, None, None, KIM, None, 2.0, "rose to"),
    ]
    assert _cast(synthetic_run(rank), "rank_bought_with_mating") == [(A, B)]  # mated either way
    betas = synthetic_run(rank, designations={"A": "beta"})
    assert _cast(betas, "rank_bought_with_mating") == []


def test_partial_matches_are_stories_under_way(synthetic_run) -> None:
    under_way = synthetic_run(BROUGHT_BACK[:2], days=40)
    assert _cast(under_way, "brought_back") == []
    frame = find_matches(under_way, builtin_patterns(), "brought_back", partial=True)
    assert list(frame["steps_done"]) == [2]
    over = synthetic_run(BROUGHT_BACK[:2], days=200)  # the window for coming back has closed
    assert find_matches(over, builtin_patterns(), "brought_back", partial=True).empty


def test_near_identical_matches_fold_and_rarer_stories_rank_higher(synthetic_run) -> None:
    events = []
    for start in (10, 100, 190):  # the same pair runs away and comes back three times
        events += [
            (start + d, k, *rest)
            for d, (_, k, *rest) in zip((0, 10, 20), BROUGHT_BACK, strict=True)
        ]
    events += [
        (300, "promise_made", C, D, None, KIM, None, None, "spring"),
        (330, "promise_broken", C, D, None, KIM),
    ]
    result = sift(synthetic_run(events), builtin_patterns(), top=5)
    by_pattern = {s.pattern: s for s in result.stories}
    assert by_pattern["brought_back"].similar == 2
    assert result.counts["brought_back"] == 3
    assert [s.pattern for s in result.stories][:2] == ["promise_broken", "brought_back"]
    story = by_pattern["brought_back"]
    assert any("folded" in reason for reason in story.why)
    assert all(set(line.sources) <= set(story.ids) for line in story.lines)
    assert "per 100 wolf-years" in story.why[0] and "lives" in story.why[1]


def test_user_patterns_load_from_a_folder_and_errors_name_file_and_field(tmp_path: Path) -> None:
    write_pattern(
        tmp_path / "ok",
        "heat_then_rut",
        """
title = "Heat and rut"
summary = "A wolf goes into heat, then another into rut."
cast = ["wolf"]
[[steps]]
kind = "heat_started"
bind = { wolf = "wolf" }
[[steps]]
kind = "healed"
bind = { wolf = "wolf" }
within = 5
""",
    )
    library = load_patterns(tmp_path / "ok")
    assert "heat_then_rut" in library.patterns and "brought_back" in library.patterns
    bad = write_pattern(
        tmp_path / "bad",
        "broken",
        """
title = "Broken"
summary = "x"
cast = ["wolf"]
[[steps]]
kind = "heat_startd"
bind = { wolf = "wolf" }
[[steps]]
kind = "healed"
bind = { patient = "wolf" }
""",
    )
    with pytest.raises(ScenarioError) as err:
        load_patterns(tmp_path / "bad")
    message = str(err.value)
    assert str(bad) in message
    assert "steps[0].kind" in message and "heat_startd" in message
    assert "steps[1].bind.patient" in message


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            '[[steps]]\nkind = "healed"\nbind = { wolf = "w" }\n[[steps]]\nkind = "healed"\n'
            'bind = { wolf = "x" }\n',
            "shares no role",
        ),
        ('[[steps]]\npattern = "me"\nbind = {}\n', "use each other"),
        ('[[steps]]\nkind = "healed"\nbind = { wolf = "w" }\ncause = "nope"\n', "names no earlier"),
        ('[[steps]]\nkind = "healed"\nbind = { wolf = "w" }\nwithin = -3\n', "within"),
        ('[[steps]]\nkind = "healed"\nbind = { pack = "w" }\n', "cast names wolves"),
        ('[[steps]]\nkind = "mated"\nbind = { wolf = "w", partner = "w" }\n', "twice in one"),
        (
            '[[steps]]\nkind = "healed"\nbind = { wolf = "w" }\nunless = [{ kind = "died" }]\n',
            "no step before",
        ),
        (
            '[roles.w]\ndesignation = "alfa"\n[[steps]]\nkind = "healed"\nbind = { wolf = "w" }\n',
            "not a designation",
        ),
        (
            '[[steps]]\nkind = "injured"\nbind = { wolf = "w" }\nvalue = { min = 2, max = 1 }\n',
            "min above",
        ),
    ],
)
def test_pattern_mistakes_are_reported(tmp_path: Path, body: str, field: str) -> None:
    head = 'title = "T"\nsummary = "S"\ncast = ["w"]\n'
    write_pattern(tmp_path, "me", head + body)
    with pytest.raises(ScenarioError, match=field):
        load_patterns(tmp_path)


def test_unknown_folder_and_pattern_name() -> None:
    with pytest.raises(PackbondError, match="not a folder"):
        load_patterns("/no/such/folder")
    with pytest.raises(PackbondError, match="no pattern"):
        builtin_patterns()["no_such_story"]


def test_every_builtin_pattern_runs_on_a_real_run_and_sifting_is_deterministic(seed_run) -> None:
    library = builtin_patterns()
    first = sift(seed_run, library, top=8)
    again = sift(seed_run, library, top=8)
    assert first.counts == again.counts and set(first.counts) == set(library.patterns)
    assert [(s.pattern, s.ids, s.salience) for s in first.stories] == [
        (s.pattern, s.ids, s.salience) for s in again.stories
    ]
    assert first.stories, "a three-year seed run holds stories"
    saliences = [s.salience for s in first.stories]
    assert all(a > 0 for a in saliences)
    logged = set(seed_run.query("SELECT event_id FROM events")["event_id"])
    for story in first.stories:
        assert story.lines and not story.partial
        told = {i for line in story.lines for i in line.sources}
        assert set(story.ids) <= told <= logged  # every step told; causes told come from the log
    partial = sift(seed_run, library, top=5, partial=True)
    assert all(s.partial for s in partial.stories)


def test_story_stats_rates_and_entropy(seed_run) -> None:
    assert entropy([5, 5]) == pytest.approx(1.0)
    assert entropy([7, 0]) == 0.0
    stats = story_stats([("a", seed_run), ("b", seed_run)], builtin_patterns())
    doc = json.loads(json.dumps(stats.as_dict()))
    assert doc["runs"][0]["matches"] == doc["runs"][1]["matches"]
    name = max(stats.patterns, key=stats.matches)
    assert stats.rate(name) == pytest.approx(100 * stats.matches(name) / stats.wolf_years)
    assert 0 < stats.entropy <= stats.max_entropy


def test_a_step_can_require_a_season(synthetic_run, tmp_path: Path) -> None:
    write_pattern(
        tmp_path,
        "winter_rescue",
        """
title = "Winter rescue"
summary = "A wolf hurt in winter is helped."
cast = ["wounded", "helper"]
[[steps]]
kind = "injured"
bind = { wolf = "wounded" }
season = "winter"
[[steps]]
kind = "assisted"
bind = { helper = "helper", wolf = "wounded" }
within = 3
""",
    )
    library = load_patterns(tmp_path)
    spring = [(10, "injured", A, None, None, KIM, None, 0.5, "leg"), (11, "assisted", B, A)]
    winter = [(d + 290, *rest) for d, *rest in spring]  # days 300, 301: the fourth season
    assert find_matches(synthetic_run(spring), library, "winter_rescue").empty
    assert len(find_matches(synthetic_run(winter), library, "winter_rescue")) == 1


def test_every_tries_each_event_that_fits(synthetic_run, tmp_path: Path) -> None:
    write_pattern(
        tmp_path,
        "one_of_them",
        """
title = "One of them"
summary = "Of the wolves who pledged, one who was later integrated."
cast = ["survivor"]
[[steps]]
kind = "pack_dissolved"
bind = { pack = "fallen" }
[[steps]]
kind = "pledged"
bind = { wolf = "survivor", rival = "fallen" }
every = EVERY
[[steps]]
kind = "integrated"
bind = { wolf = "survivor" }
""".replace("EVERY", "true"),
    )
    events = [
        (1, "pack_dissolved", None, None, None, PARK),
        (1, "pledged", A, C, None, KIM, PARK),
        (1, "pledged", B, C, None, KIM, PARK),
        (50, "integrated", B, None, None, KIM, None, 7.0),
    ]
    library = load_patterns(tmp_path)
    frame = find_matches(synthetic_run(events), library, "one_of_them")
    assert list(frame["r:survivor"]) == [B]  # the first pledger, A, never integrated
    under_way = find_matches(
        synthetic_run(events[:3], days=60), library, "one_of_them", partial=True
    )
    assert sorted(under_way["r:survivor"]) == [A, B]
    text = (tmp_path / "one_of_them.toml").read_text().replace("every = true", "every = false")
    (tmp_path / "one_of_them.toml").write_text(text)
    assert find_matches(synthetic_run(events), load_patterns(tmp_path), "one_of_them").empty
