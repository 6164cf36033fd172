"""Fuzzing the command line: mutated built-in scenarios and hostile flags.

Whatever a user writes, ``validate`` and ``run`` end with status 0 or 2 (never a traceback) and
write nothing outside the chosen run directory. Hypothesis draws the mutations from a fixed seed
(``derandomize``) with a fixed budget, so the suite takes the same time and finds the same
things on every machine; ``PACKBOND_FUZZ_EXAMPLES`` raises the budget for a longer hunt.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from packbond.cli import app
from packbond.scenario import builtin_names, builtin_text

EXAMPLES = int(os.environ.get("PACKBOND_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values a careless or hostile user puts in a scenario, as TOML literals.
HOSTILE_VALUES = [
    "-1",
    "0",
    "1",
    "2147483648",
    "9223372036854775807",
    "1e308",
    "-1e308",
    "inf",
    "-inf",
    "nan",
    "0.5",
    '""',
    '"[/]"',
    '"[bold]x"',
    '"../../../elsewhere"',
    '"/tmp/elsewhere"',
    '"a\\u0000b"',
    '"\\u001b[31mred"',
    '"<script>alert(1)</script>"',
    '"' + "x" * 5000 + '"',
    "true",
    "[]",
    "[1, 2]",
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    "{" * 40 + "a = 1" + "}" * 40,
    "[" * 400 + "]" * 400,
]

_ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_][\w.-]*\s*=\s*)(.+)$")


@st.composite
def mutated_scenario(draw: st.DrawFn) -> str:
    """A built-in scenario with one to three of its lines changed, dropped or repeated."""
    lines = builtin_text(draw(st.sampled_from(builtin_names()))).splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["value", "value", "value", "drop", "repeat"]))
        match = _ASSIGNMENT.match(lines[i])
        if how == "value" and match:
            lines[i] = match.group(1) + draw(st.sampled_from(HOSTILE_VALUES))
        elif how == "drop":
            del lines[i]
        elif how == "repeat":
            lines.insert(i, lines[i])
    return "\n".join(lines) + "\n"


def _created(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _assert_clean_exit(result, what: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code in (0, 2), f"{what}: {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output, what


@FUZZ
@given(text=mutated_scenario())
def test_mutated_scenarios_end_in_0_or_2_and_stay_in_their_directory(
    text: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate, then (when valid) a week's run: status 0 or 2, files only in the run dir."""
    work = tmp_path_factory.mktemp("fuzz")
    monkeypatch.chdir(work)
    scenario = work / "s.toml"
    scenario.write_text(text, "utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(scenario)])
    _assert_clean_exit(checked, "validate")
    if checked.exit_code == 0:
        ran = runner.invoke(app, ["run", str(scenario), "--years", "0.02", "--out", "out"])
        _assert_clean_exit(ran, "run")
    outside = _created(work) - _created(work / "out") - {scenario, work / "out"}
    assert not outside


FLAG_VALUES = {
    "--seed": ["0", "7", "-1", "9223372036854775807", "9223372036854775808", "1e3", "x", ""],
    "--years": ["0", "0.01", "-1", "inf", "-inf", "nan", "1e308", "1e9", "x", ""],
    "--replicates": ["1", "2", "0", "-1", "40000", "1.5", "x", ""],
    "--out": ["out", "out/deeper", ".", "", "out/" + "y" * 300, "/proc/x", "s.toml"],
}


@FUZZ
@given(
    flags=st.dictionaries(
        st.sampled_from(sorted(FLAG_VALUES)), st.integers(0, 9), min_size=1, max_size=4
    ),
    extra=st.sampled_from(["", "--force", "--json", "--colour"]),
)
def test_hostile_flags_end_in_0_or_2(
    flags: dict[str, int],
    extra: str,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any mix of odd flag values is a run or a usage error, never a traceback."""
    work = tmp_path_factory.mktemp("flags")
    monkeypatch.chdir(work)
    (work / "s.toml").write_text("not a scenario")
    args = ["run", "seed"]
    for flag, k in flags.items():
        values = FLAG_VALUES[flag]
        args += [flag, values[k % len(values)]]
    if "--years" not in flags:
        args += ["--years", "0.01"]
    args += [extra] if extra else []
    result = CliRunner().invoke(app, args)
    _assert_clean_exit(result, " ".join(args))
    assert (work / "s.toml").read_text() == "not a scenario"
