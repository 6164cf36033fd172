"""The layers hold: a system never imports another system.

Systems talk only through the world's columns and the event log, so any one of them can be
read, tested, switched off or reordered alone; what two systems share lives in a helper module
outside ``systems/`` (for example ``packbond.care``, read by childcare and mortality).
"""

from __future__ import annotations

import ast
from pathlib import Path

import packbond.systems

SYSTEMS = Path(packbond.systems.__file__).parent


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names |= {f"{base}.{a.name}" if node.module is None else base for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


def test_no_system_imports_another() -> None:
    """No module of ``packbond.systems`` imports a sibling (``.x``) or ``packbond.systems``."""
    leaks = {
        path.name: sorted(
            n
            for n in _imported(path)
            if (n.startswith(".") and not n.startswith("..")) or n.startswith("packbond.systems")
        )
        for path in SYSTEMS.glob("*.py")
        if path.name != "__init__.py"
    }
    assert {name: found for name, found in leaks.items() if found} == {}
