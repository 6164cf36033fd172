"""Every phrasing of every event kind can be filled: its fields name the kind's roles."""

from __future__ import annotations

import pytest

from packbond.events import TIERS, registry
from packbond.narrative.sentences import PRONOUNS, template_fields

_COMMON = {"pack", "rival", "detail", "value"}
_FOLDED = {"times", "tally", "period"}


def _problems(kind_name: str, template: str, allowed_extra: set[str]) -> list[str]:
    kind = registry()[kind_name]
    problems = []
    for name, attr, fmt in template_fields(template):
        if name in kind.roles:
            if attr is not None and attr.lower() not in PRONOUNS["M"]:
                problems.append(f"{{{name}.{attr}}} is not a pronoun")
        elif name in _COMMON or name in allowed_extra:
            if attr is not None:
                problems.append(f"{{{name}.{attr}}}: only roles have pronouns")
            if name == "detail" and kind.detail is None:
                problems.append("{detail} but the kind has no detail")
            if name == "value" and kind.value is None:
                problems.append("{value} but the kind has no value")
        else:
            problems.append(f"{{{name}}} is not a role of {kind_name} ({', '.join(kind.roles)})")
        if fmt not in (None, "an", "age"):
            problems.append(f"unknown format :{fmt}")
    return problems


@pytest.mark.parametrize("kind_name", registry().names)
def test_every_phrasing_names_only_the_kinds_roles(kind_name: str) -> None:
    kind = registry()[kind_name]
    problems = []
    for template in kind.phrasings:
        problems += _problems(kind_name, template, set())
        assert template.endswith((".", "!", "?")), f"{template!r} does not end a sentence"
    if kind.because:
        problems += _problems(kind_name, kind.because, set())
        assert not kind.because.endswith("."), "a 'because' clause is part of a sentence"
    if kind.folded:
        problems += _problems(kind_name, kind.folded, _FOLDED)
    assert not problems, problems
    assert kind.tier in TIERS
    assert len(set(kind.phrasings)) == len(kind.phrasings), "repeated phrasing"


def test_most_kinds_have_several_phrasings() -> None:
    kinds = [k for k in registry().kinds.values() if k.roles]
    varied = [k for k in kinds if len(k.phrasings) >= 3]
    assert len(varied) == len(kinds), [k.name for k in kinds if k not in varied]
