"""Chronicles: varied but reproducible phrasing, names and pronouns, causes, folding, sources,
biographies and obituaries, and the md/html output."""

from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pandas as pd
import pytest

from packbond.events import registry
from packbond.narrative.chronicle import Chronicle, Section, chronicle
from packbond.narrative.formats import to_html, to_markdown
from packbond.narrative.sentences import Namer, fill, phrasing_index
from packbond.narrative.source import RunText
from packbond.narrative.telling import Line, Teller


def _namer() -> Namer:
    wolves = pd.DataFrame(
        {"replicate": [0, 0], "wolf_id": [0, 1], "name": ["Mira", "Tae"], "sex": ["F", "M"]}
    )
    packs = pd.DataFrame({"replicate": [0], "pack_id": [0], "name": ["Kim"]})
    return Namer(wolves, packs)


def _event(kind: str, actor: int, target: int | None = None, **kw: object) -> SimpleNamespace:
    base = dict(
        replicate=0,
        kind=kind,
        actor=actor,
        target=target,
        other=None,
        pack=0,
        rival=None,
        value=float("nan"),
        detail=None,
        cause=None,
        event_id=0,
        day=0,
    )
    return SimpleNamespace(**(base | kw))


def test_pronouns_follow_each_wolfs_sex() -> None:
    namer = _namer()
    ev = _event("promise_made", 0, 1, detail="spring")
    text = fill(registry()["promise_made"].template, ev, namer)
    assert text.startswith("Mira promised Tae: if spring came and he still wanted to go, she")
    assert "him" in text
    assert fill("{wolf.They} and {mate.their}", ev, namer) == "She and his"


def test_phrasings_vary_by_event_but_never_between_readings() -> None:
    ids = list(range(400))
    first = phrasing_index(7, ids, ["hunt"] * 400)
    assert (first == phrasing_index(7, ids, ["hunt"] * 400)).all()
    used = Counter(first.tolist())
    assert len(used) == len(registry()["hunt"].phrasings)
    assert min(used.values()) > 400 / len(used) / 2  # each phrasing is used a fair share
    assert (first != phrasing_index(8, ids, ["hunt"] * 400)).any()


def test_world_chronicle_is_reproducible_and_every_line_has_its_events(seed_run) -> None:
    text = RunText(seed_run)
    told = chronicle(text)
    again = chronicle(RunText(seed_run))
    assert to_markdown(told, sources=True) == to_markdown(again, sources=True)
    assert told.sections and all(
        re.match(r"(Spring|Summer|Autumn|Winter) of year \d+$", s.title) for s in told.sections
    )
    events = seed_run.events.set_index("event_id")
    namer = text.namer
    for line in told.lines:
        assert set(line.sources) <= set(events.index)
        if not line.kind:
            continue
        ev = events.loc[line.sources[-1]]
        assert ev["kind"] == line.kind
        if not pd.isna(ev["actor"]) and registry()[line.kind].roles:
            name = namer.wolf(0, ev["actor"])[0]
            assert name in line.text, (name, line.text)
    # Routine is tallied, not told, in a world chronicle.
    routine = {k.name for k in registry().kinds.values() if k.tier == "routine"}
    assert not {line.kind for line in told.lines} & routine
    assert any("hunt ×" in s.tally for s in told.sections)


def test_causes_are_told_as_causes(seed_run) -> None:
    told = chronicle(RunText(seed_run))
    events = seed_run.events.set_index("event_id")
    caused = [ln for ln in told.lines if "because" in ln.text.lower() or ln.text.startswith("So ")]
    assert caused
    for line in caused:
        cause, effect = line.sources[0], line.sources[-1]
        assert events.loc[effect, "cause"] == cause
        assert registry()[str(events.loc[cause, "kind"])].because


def test_routine_repetition_is_folded(seed_run) -> None:
    text = RunText(seed_run)
    wolf = int(seed_run.events["actor"].value_counts().index[0])
    bio = chronicle(text, wolf=wolf)
    folded = [ln for ln in bio.lines if ln.count > 1]
    assert folded
    events = seed_run.events.set_index("event_id")
    for line in folded:
        group = events.loc[list(line.sources)]
        assert len(group) == line.count
        assert group["kind"].nunique() == 1 and group["actor"].nunique() <= 1
        assert re.search(r"twice|times|\bonce\b", line.text), line.text


def test_a_biography_opens_with_who_and_ends_with_how(seed_run) -> None:
    text = RunText(seed_run)
    wolves = text.wolves
    dead = int(wolves[~wolves["alive"] & wolves["death_day"].notna()].index[0])
    living = int(wolves[wolves["alive"]].index[0])
    for wolf in (dead, living):
        bio = chronicle(text, wolf=wolf)
        name = wolves.loc[wolf, "name"]
        opening = " ".join(ln.text for ln in bio.opening)
        assert opening.startswith(name)
        assert str(wolves.loc[wolf, "designation"]) in opening or "presented" in opening
        assert "scent" in opening
        closing = " ".join(ln.text for ln in bio.closing)
        if wolf == dead:
            assert "had been" in closing  # the obituary
            died = seed_run.events.query("kind == 'died' and actor == @wolf")["event_id"]
            assert sum(int(died.iloc[0]) in ln.sources for ln in bio.lines) == 1  # told once
        else:
            assert "At the end of the chronicle" in closing
        events = seed_run.events.set_index("event_id")
        for line in bio.lines:
            if line.kind:  # the wolf takes part in the event each line tells
                holders = events.loc[line.sources[-1], ["actor", "target", "other"]]
                assert wolf in set(holders.dropna().astype(int))


def test_pack_history_and_window(seed_run) -> None:
    text = RunText(seed_run)
    pack = int(text.packs.index[0])
    history = chronicle(text, pack=pack, start=100, end=300)
    events = seed_run.events.set_index("event_id")
    for line in history.lines:
        if line.kind:
            ev = events.loc[line.sources[-1]]
            assert 100 <= ev["day"] <= 300
            assert pack in (ev["pack"], ev["rival"])


def test_html_escapes_names_and_shows_sources() -> None:
    told = Chronicle(
        title="A chronicle of <script>",
        subject="world",
        sections=[Section("Spring of year 1", [Line('<b>"Bo" & Co</b> went hunting.', (3, 4), 0)])],
    )
    page = to_html(told, sources=True)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;" in page and "&amp; Co" in page
    assert "events #3, #4" in page
    assert "events #3, #4" in to_markdown(told, sources=True)
    assert "#3" not in to_markdown(told)


@pytest.mark.parametrize("teller_period", ["that winter"])
def test_folded_lines_count_in_words(seed_run, teller_period: str) -> None:
    text = RunText(seed_run)
    hunts = text.events("kind = 'hunt'").head(40)
    lines = Teller(text).lines(hunts, period=teller_period)
    assert sum(len(ln.sources) for ln in lines) == len(hunts)
    assert len(lines) < len(hunts)
