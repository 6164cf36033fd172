"""Generated and hand-written docs stay in step with the code."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from packbond.rules.reference import rules_reference
from packbond.scenario import schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_rules_reference_is_current() -> None:
    """docs/rules.md is exactly what the rules model generates."""
    assert (DOCS / "rules.md").read_text("utf-8") == rules_reference()


def test_scenario_format_mentions_every_field() -> None:
    """docs/scenario-format.md documents every field of every scenario table."""
    text = (DOCS / "scenario-format.md").read_text("utf-8")
    for name in schema.__all__:
        model = getattr(schema, name)
        if isinstance(model, type) and issubclass(model, BaseModel):
            for field, info in model.model_fields.items():
                assert f"`{info.alias or field}`" in text, f"{name}.{field} is not documented"


def test_narrative_doc_lists_every_builtin_pattern() -> None:
    """docs/narrative.md has a row for every built-in story pattern, with its title."""
    from packbond.narrative.sifting import builtin_patterns

    text = (DOCS / "narrative.md").read_text("utf-8")
    for name, pattern in builtin_patterns().patterns.items():
        assert f"| `{name}` | {pattern.title} |" in text, name
