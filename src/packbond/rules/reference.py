"""The rules reference (``docs/rules.md``), written from the rules model and its presets.

Why generated: the reference then cannot drift from the model; a test compares the file with
this output. Regenerate with ``python -m packbond.rules.reference > docs/rules.md``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import PRESETS, load_rules
from .model import Rules

__all__ = ["rules_reference"]


def _rows(model: type[BaseModel], prefix: str, presets: dict[str, Any]) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rows += _rows(annotation, f"{path}.", presets)
            continue
        if name == "preset":
            continue
        values = []
        for rules in presets.values():
            value: Any = rules
            for part in path.split("."):
                value = getattr(value, part)
            values.append(f"{value:g}" if isinstance(value, float) else str(value).lower())
        doc = field.description or ""
        rows.append(f"| `{path}` | {' | '.join(values)} | {doc} |")
    return rows


def rules_reference() -> str:
    """The rules reference as Markdown."""
    presets = {name: load_rules(name) for name in PRESETS}
    head = " | ".join(f"`{p}`" for p in PRESETS)
    lines = [
        "# Rules reference",
        "",
        "Every tunable number and genre switch of packbond, with its value in each preset and a",
        "one-line description. R-numbers refer to the rule book (`world-rules.md`). A scenario",
        "picks a preset under `[rules]` and may override any field under `[rules.overrides]`,",
        "for example:",
        "",
        "```toml",
        "[rules]",
        'preset = "seed"',
        "[rules.overrides.presenting]",
        "age_years_min = 13.0",
        "```",
        "",
        "Presets: `seed` behaves like the seed story; `ecology` keeps the pack ecology of real",
        "wolves with the human life history of the shifters (see `docs/validation.md`); `classic`",
        "is a classic-omegaverse variant. In every preset, `life.adult_years` is 18 or more.",
        "",
        "This file is generated: `python -m packbond.rules.reference > docs/rules.md`.",
        "",
    ]
    for section, field in Rules.model_fields.items():
        annotation = field.annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            continue
        lines += [f"## `{section}`", "", (annotation.__doc__ or "").strip().splitlines()[0], ""]
        lines += [f"| field | {head} | meaning |", "|---|" + "---|" * len(PRESETS) + "---|"]
        lines += _rows(annotation, f"{section}.", presets)
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(rules_reference(), end="")
