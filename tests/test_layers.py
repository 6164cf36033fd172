"""The layers hold: a mechanic never imports another, and what they share never imports one.

Systems talk only through the world's columns and the event log, so any one of them can be
read, tested, switched off or reordered alone. What two mechanics share lives below them: in
``packbond.shared`` (for example ``care``, read by childcare and mortality) or, compiled, in
``packbond.kernels``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import packbond

ROOT = Path(packbond.__file__).parent


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(path: Path, here: list[str] | None = None) -> set[str]:
    """Every module ``path`` imports, as an absolute dotted name (``here``: its module's name)."""
    here = here or _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            names |= {".".join([*module, a.name]) for a in node.names} | {".".join(module)}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


def _mechanic(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["packbond", "systems"] else None


def test_no_mechanic_imports_another() -> None:
    """No module under ``packbond/systems/<m>`` imports ``packbond.systems.<other>``."""
    leaks = {}
    for path in (ROOT / "systems").rglob("*.py"):
        own = _mechanic(".".join(_module(path)))
        found = sorted(n for n in _imported(path) if _mechanic(n) not in (None, own))
        if found:
            leaks[str(path.relative_to(ROOT))] = found
    assert leaks == {}


def test_what_is_shared_imports_no_mechanic() -> None:
    """``packbond.shared``, ``packbond.kernels`` and ``packbond.state`` import no mechanic."""
    leaks = {}
    for folder in ("shared", "kernels", "state"):
        for path in (ROOT / folder).rglob("*.py"):
            found = sorted(n for n in _imported(path) if _mechanic(n) is not None)
            if found:
                leaks[str(path.relative_to(ROOT))] = found
    assert leaks == {}


def test_the_layer_check_sees_a_leak(tmp_path: Path) -> None:
    """The check is not blind: a relative import of a sibling mechanic is resolved and caught."""
    path = ROOT / "systems" / "hunting" / "system.py"
    names = _imported(path)
    assert "packbond.systems.hunting.kernel" in names
    probe = tmp_path / "probe.py"
    probe.write_text("from ..gathering import kernel\n", "utf-8")
    found = _imported(probe, ["packbond", "systems", "hunting", "probe"])
    assert "packbond.systems.gathering.kernel" in found
    assert _mechanic("packbond.systems.gathering.kernel") == "gathering"
