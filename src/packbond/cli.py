"""The command line: ``packbond run | validate | scenarios | query | ... | report``.

Typer and Rich live here only. Every error a user can cause is a PackbondError (or an OSError or
a usage error): it is printed as one clear message (or one line per problem) and the command
exits with status 2, never with a traceback. Everything printed from a run or a user (names,
paths, query results) is printed as plain text: the consoles interpret no markup and no emoji
codes, and styles are applied with Rich's Text, never by formatting markup around a value.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import signal
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .analysis.canon import Rate, canon_check
from .analysis.ecology_check import markdown, run_check
from .analysis.plausibility import WorldCheck, check_world
from .analysis.plausibility import markdown as plausibility_markdown
from .api import (
    MAX_REPLICATES,
    MAX_SEED,
    MAX_YEARS,
    Run,
    RunInterrupted,
    open_run,
    package_version,
    simulate,
)
from .benchmarking.bench import BenchReport, bench
from .core import allocator
from .errors import PackbondError, ScenarioError, quoted
from .kernels.cache import kernels_compiled
from .narrative import Namer, render
from .narrative.chronicle import chronicle
from .narrative.formats import to_html, to_markdown
from .narrative.lives import when
from .narrative.sifting import Story, load_patterns, sift
from .narrative.sifting.stats import story_stats
from .narrative.source import RunText
from .report import build_report
from .scenario import builtin_names, builtin_text, check_fits, load_scenario, safe_dir_name
from .store.export import write_graph, write_tables

__all__ = ["app", "main"]

# Plain help (click's): flags show no value, defaults and ranges show as they are.
app = typer.Typer(
    name="packbond",
    help="Simulate omegaverse werewolf-pack societies and tell the stories that emerge.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
out = Console(markup=False, emoji=False, highlight=False)
err = Console(stderr=True, markup=False, emoji=False, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])


def _bold(text: str) -> Text:
    return Text(text, style="bold")


def _say(*parts: str | Text, console: Console = out) -> None:
    """Print one line of plain text, some parts of it styled (``Text``), none of it markup."""
    console.print(Text.assemble(*parts), soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    _say(Text("error:", style="bold red"), " ", message, console=err)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"packbond {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and stop.", callback=_version),
    ] = False,
    keep_freed_memory: Annotated[
        bool,
        typer.Option(
            "--keep-freed-memory",
            help="Have malloc keep the memory a day frees for the next (glibc; faster for big "
            "worlds, the process keeps that memory).",
        ),
    ] = False,
) -> None:
    """Simulate omegaverse werewolf-pack societies and tell the stories that emerge."""
    if keep_freed_memory:
        allocator.keep_freed_memory()


def _reports_errors(fn: F) -> F:
    """Turn packbond's own errors into a message and exit status 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ScenarioError as e:
            _say(
                Text("error:", style="bold red"),
                f" {e.source}: {len(e.problems)} problem(s)",
                console=err,
            )
            for p in e.problems:
                _say(f"  {p.describe(e.source)}", console=err)
            raise typer.Exit(2) from None
        except PackbondError as e:
            raise _fail(str(e)) from None
        except RecursionError:
            raise _fail("the input is nested too deeply to read") from None
        except MemoryError:
            raise _fail(
                "this machine ran out of memory; try a smaller world or fewer replicates"
            ) from None
        except OSError as e:
            where = f" {quoted(str(e.filename))}" if e.filename else ""
            raise _fail(f"cannot use{where}: {e.strerror or e}") from None

    return wrapper  # type: ignore[return-value]


@app.command()
@_reports_errors
def run(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name.")],
    seed: Annotated[
        int, typer.Option(help="Random seed (replicate i uses seed + i).", min=0, max=MAX_SEED)
    ] = 0,
    years: Annotated[
        float, typer.Option(help="Simulated years to run.", min=0.0, max=float(MAX_YEARS))
    ] = 1.0,
    replicates: Annotated[
        int, typer.Option(help="Independent replicates in one run.", min=1, max=MAX_REPLICATES)
    ] = 1,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Run directory  [default: runs/SCENARIO-SEED]"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a run already in the run directory.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run a scenario and write it to a run directory.

    Example: packbond run seed --seed 7 --years 1
    """
    loaded = load_scenario(scenario)
    target = out_dir or Path("runs") / f"{safe_dir_name(loaded.scenario.name)}-{seed}"
    if not as_json:
        _note_compiling()
    with _progress_bar(f"{loaded.scenario.name} (seed {seed})", quiet=as_json) as progress:
        try:
            result = simulate(
                loaded,
                seed=seed,
                years=years,
                replicates=replicates,
                out=target,
                overwrite=force,
                progress=progress,
            )
        except KeyboardInterrupt as e:
            # A signal during the days is a RunInterrupted that names it; a Ctrl-C before the
            # days began is a plain KeyboardInterrupt.
            signum = e.signum if isinstance(e, RunInterrupted) else int(signal.SIGINT)
            what = f" ({e})" if isinstance(e, RunInterrupted) else ""
            _say(
                f"interrupted{what}: the run up to its last checkpoint is kept in {target}",
                console=err,
            )
            raise typer.Exit(128 + signum) from None
    with result:
        if as_json:
            _print_json({"run": str(target), **_manifest_summary(result)})
        else:
            _summary(result, target)


def _note_compiling() -> None:
    """Say that the first run compiles the kernels, when it will, rather than go quiet."""
    if not kernels_compiled():
        _say("compiling kernels (once after an install; about half a minute) ...", console=err)


def _manifest_summary(result: Run) -> dict[str, Any]:
    m = result.manifest
    keys = ("scenario", "seed", "replicates", "years", "days", "days_done", "status", "events")
    return {k: m.get(k) for k in keys}


def _print_json(doc: Any, indent: int | None = 1) -> None:
    """One JSON document on stdout, as every ``--json`` and ``--format json`` prints it."""
    sys.stdout.write(json.dumps(doc, indent=indent) + "\n")


@contextmanager
def _progress_bar(description: str, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr, and the callback that moves it."""
    columns = (
        TextColumn("{task.description}", style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("days"),
        TimeElapsedColumn(),
    )
    # Off the terminal a bar is noise (and leaves an empty line behind).
    shown = not quiet and err.is_terminal
    with Progress(*columns, console=err, transient=True, disable=not shown) as bar:
        task = bar.add_task(description, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def _summary(result: Run, target: Path) -> None:
    m = result.manifest
    cal = result.calendar
    _say(
        _bold(str(m["scenario"])),
        f": seed {m['seed']}, {m['replicates']} replicate(s), "
        f"{m['days_done']} days (to {cal.date(max(m['days_done'] - 1, 0))}), "
        f"{m.get('events', 0)} events.",
    )
    packs = result.query("""
        SELECT p.name AS pack, p.region, coalesce(l.name, '-') AS leader,
          count(w.wolf_id) AS members,
          count(*) FILTER (WHERE w.designation = 'alpha') AS alphas,
          count(*) FILTER (WHERE w.designation = 'beta') AS betas,
          count(*) FILTER (WHERE w.designation = 'omega') AS omegas,
          count(*) FILTER (WHERE w.designation = 'unpresented') AS young
        FROM packs p
        LEFT JOIN wolves w ON w.replicate = p.replicate AND w.pack = p.pack_id AND w.alive
        LEFT JOIN wolves l ON l.replicate = p.replicate AND l.wolf_id = p.leader
        WHERE p.replicate = 0 AND p.alive
        GROUP BY ALL ORDER BY members DESC, pack""")
    table = Table(title="Who lives where (replicate 0)", title_justify="left")
    for col in packs.columns:
        table.add_column(col, justify="right" if packs[col].dtype.kind in "iu" else "left")
    shown = packs.head(12)
    for row in shown.itertuples(index=False):
        table.add_row(*[Text(str(x)) for x in row])
    out.print(table)
    if len(packs) > len(shown):
        out.print(f"… and {len(packs) - len(shown)} more packs.")
    counts = result.query(
        "SELECT kind, count(*) AS n FROM events WHERE replicate = 0 GROUP BY kind ORDER BY n DESC"
    )
    _say(
        _bold("What happened"),
        " (replicate 0): " + ", ".join(f"{r.kind} ×{r.n}" for r in counts.itertuples()),
    )
    notable = result.query(
        "SELECT * FROM events WHERE replicate = 0 AND kind <> "
        "'season_changed' ORDER BY event_id LIMIT 8"
    )
    if len(notable):
        namer = Namer(result.wolves, result.packs)
        for ev in notable.itertuples():
            _say(f"  day {ev.day}: {render(ev, namer)}")
    _say(
        _bold("Files"),
        f": {target}/ (run.duckdb, manifest.json). "
        f'Try: packbond query {target} "SELECT kind, count(*) FROM events GROUP BY kind"',
    )


@app.command()
@_reports_errors
def validate(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Check a scenario and report every problem at once.

    Example: packbond validate my-world.toml
    """
    try:
        loaded = load_scenario(scenario)
        check_fits(loaded)
    except ScenarioError as e:
        if not as_json:
            raise
        problems = [{"field": p.path, "line": p.line, "problem": p.message} for p in e.problems]
        _print_json({"source": e.source, "ok": False, "problems": problems})
        raise typer.Exit(2) from None
    s = loaded.scenario
    if as_json:
        _print_json(
            {
                "source": loaded.source,
                "ok": True,
                "name": s.name,
                "regions": len(s.regions),
                "packs": len(s.packs),
                "named_wolves": len(s.cast),
                "generated_packs": s.population.packs if s.population else 0,
                "preset": loaded.rules.preset,
            }
        )
        return
    generated = f", {s.population.packs} generated packs" if s.population else ""
    _say(
        f"ok: {loaded.source}: {len(s.regions)} regions, {len(s.packs)} packs, "
        f"{len(s.cast)} named wolves{generated}; rules preset {loaded.rules.preset!r}."
    )


@app.command()
@_reports_errors
def scenarios(
    show: Annotated[str | None, typer.Option(help="Print this built-in scenario's TOML.")] = None,
) -> None:
    """List the built-in scenarios, or print one to copy and change.

    Example: packbond scenarios --show seed > my-world.toml
    """
    if show is not None:
        sys.stdout.write(builtin_text(show))
        return
    for name in builtin_names():
        description = tomllib.loads(builtin_text(name)).get("description", "")
        _say(_bold(name), f"  {description}")


@app.command("validate-ecology")
@_reports_errors
def validate_ecology(
    years: Annotated[float, typer.Option(help="Simulated years, burn-in included.")] = 50.0,
    replicates: Annotated[int, typer.Option(help="Replicates to average over.", min=2)] = 8,
    seed: Annotated[int, typer.Option(help="Seed of the first replicate.", min=0)] = 1,
    burn_in: Annotated[
        float, typer.Option(help="Years left out at the start, while the world settles.", min=0.0)
    ] = 10.0,
    markdown_out: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the table here as Markdown.")
    ] = None,
) -> None:
    """Run the valley under the ecology preset and compare it with wolf packs and human lives.

    The ecology preset keeps the pack ecology of gray wolves (pack size, a breeding pair,
    spring dispersal) with the shifters' human life history (adults from 18, old age from the
    fifties). Prints each figure with its mean and 95% interval over replicates, the field range
    (wolf packs, or hunter-gatherer demography) and whether it passes; exits with status 1 if
    any figure is out of range.

    Example: packbond validate-ecology --years 50 --replicates 8
    """
    _note_compiling()
    with _progress_bar(f"valley under ecology, {replicates} replicates") as progress:
        result, outcomes = run_check(
            years=years, replicates=replicates, seed=seed, burn_in_years=burn_in, progress=progress
        )
    result.close()
    table = Table(title=f"ecology vs the field: {years:g} years, {replicates} replicates")
    for col in ("figure", "simulated", "95% interval", "field range", "pass"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    for o in outcomes:
        table.add_row(
            o.check.label,
            f"{o.mean:.3f}",
            f"{o.low:.3f}-{o.high:.3f}",
            o.check.describe_range(),
            Text("yes", style="green") if o.passed else Text("NO", style="bold red"),
        )
    out.print(table)
    if markdown_out is not None:
        command = (
            f"packbond validate-ecology --years {years:g} --replicates {replicates} "
            f"--seed {seed} --burn-in {burn_in:g}"
        )
        markdown_out.write_text(markdown(outcomes, command), encoding="utf-8")
    if not all(o.passed for o in outcomes):
        raise typer.Exit(1)


@app.command("check-world")
@_reports_errors
def check_world_command(
    runs: Annotated[list[Path], typer.Argument(metavar="RUN...", help="Run directories.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    markdown_out: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the tables here as Markdown.")
    ] = None,
) -> None:
    """Is each run's world plausible? Its figures against human and wolf demography and the genre.

    Per run: each figure's mean over replicates with its 95% interval, the range it should be
    in, the range's source and whether it passes; exits with status 1 if any figure fails.

    Example: packbond check-world runs/plaus-seed --markdown plausibility.md
    """
    if markdown_out is not None and not markdown_out.parent.is_dir():
        raise PackbondError(f"--markdown: the folder {str(markdown_out.parent)!r} does not exist")
    opened: list[tuple[str, Run]] = []
    try:
        for path in runs:  # every path is opened (and refused) before any is measured
            opened.append((str(path), open_run(path)))
        checks = [check_world(run_, name) for name, run_ in opened]
    finally:
        for _, run_ in opened:
            run_.close()
    if as_json:
        _print_json(
            {"passed": all(c.passed for c in checks), "runs": [c.as_dict() for c in checks]}
        )
    else:
        for check in checks:
            _world_table(check)
    if markdown_out is not None:
        command = "packbond check-world " + " ".join(str(p) for p in runs)
        try:
            markdown_out.write_text(plausibility_markdown(checks, command), encoding="utf-8")
        except OSError as e:
            where = repr(str(markdown_out))
            raise PackbondError(f"--markdown: cannot write {where}: {e.strerror}") from None
    if not all(c.passed for c in checks):
        raise typer.Exit(1)


def _world_table(check: WorldCheck) -> None:
    """One run's figures as a table, then the notes that explain them."""
    table = Table(title=check.title, title_justify="left")
    for col in ("figure", "value", "95% interval", "range", "source", "pass"):
        table.add_column(col, justify="right" if col in ("value", "95% interval") else "left")
    verdicts = {"pass": Text("yes", style="green"), "fail": Text("NO", style="bold red")}
    for f in check.figures:
        table.add_row(
            f.label,
            f.value_text(),
            f.interval_text(),
            f.range_text(),
            f.source,
            verdicts.get(f.verdict, Text("-")),
        )
    out.print(table)
    for f in check.figures:
        if f.note:
            _say(f"  {f.label}: {f.note}")


class Format(StrEnum):
    """Output formats of ``query``."""

    table = "table"
    csv = "csv"
    json = "json"


@app.command()
@_reports_errors
def query(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN", help="A run directory.")],
    sql: Annotated[str, typer.Argument(help="SQL over the run's tables.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Run SQL over a run's tables (events, wolves, packs, ties, metrics, grievances, ...).

    Example: packbond query runs/seed-7 "SELECT kind, count(*) FROM events GROUP BY kind"
    """
    with open_run(run_dir) as result:
        frame = result.query(sql)
    if fmt is Format.csv:
        buf = io.StringIO()
        frame.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
        sys.stdout.write(buf.getvalue())
    elif fmt is Format.json:
        _print_json(_records(frame))
    else:
        table = Table()
        for col in frame.columns:
            table.add_column(Text(str(col)))
        for row in frame.itertuples(index=False, name=None):
            table.add_row(*[Text("" if _missing(x) else str(x)) for x in row])
        out.print(table)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON objects: a repeated column name gets a suffix (``n``, ``n_2``), a missing
    value or NaN is null, and a value JSON has no type for (an interval, a date) is a string."""
    names: list[str] = []
    for col in map(str, frame.columns):
        name, k = col, 1
        while name in names:
            k += 1
            name = f"{col}_{k}"
        names.append(name)

    def plain(value: Any) -> Any:
        if _missing(value) or (isinstance(value, float) and math.isinf(value)):
            return None
        if isinstance(value, bool | int | float | str):
            return value
        if hasattr(value, "item") and not isinstance(value, bytes):  # a NumPy scalar
            return plain(value.item())
        return str(value)

    return [
        dict(zip(names, map(plain, row), strict=True))
        for row in frame.itertuples(index=False, name=None)
    ]


class TextFormat(StrEnum):
    """Output formats of ``chronicle``."""

    md = "md"
    html = "html"


@app.command("chronicle")
@_reports_errors
def chronicle_command(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN", help="A run directory.")],
    wolf: Annotated[
        str | None, typer.Option(help="Tell this wolf's life (a name or a wolf id).")
    ] = None,
    pack: Annotated[str | None, typer.Option(help="Tell this pack's history (a name).")] = None,
    start: Annotated[int | None, typer.Option("--from", help="First day to tell.", min=0)] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last day to tell.", min=0)] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", help="md or html.")] = TextFormat.md,
    sources: Annotated[
        bool, typer.Option("--sources", help="Follow each sentence with the events it tells.")
    ] = False,
    replicate: Annotated[int, typer.Option(help="Which replicate to tell.", min=0)] = 0,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Tell a run as prose: the world by season, a pack's history, or a wolf's biography.

    Example: packbond chronicle runs/seed-7 --wolf 0 --sources
    """
    if wolf is not None and pack is not None:
        raise PackbondError("--wolf and --pack: give one of them, not both")
    if start is not None and end is not None and end < start:
        raise PackbondError(f"--to ({end}) is before --from ({start})")
    if output is not None and not output.parent.is_dir():
        raise PackbondError(f"-o: the folder {str(output.parent)!r} does not exist")
    with open_run(run_dir) as result:
        text = RunText(result, replicate)
        told = chronicle(
            text,
            wolf=None if wolf is None else text.wolf_id(wolf),
            pack=None if pack is None else text.pack_id(pack),
            start=start,
            end=end,
        )
        page = (to_html if fmt is TextFormat.html else to_markdown)(told, sources=sources)
    if output is None:
        sys.stdout.write(page)
    else:
        try:
            output.write_text(page, encoding="utf-8")
        except OSError as e:
            raise PackbondError(f"-o: cannot write {str(output)!r}: {e.strerror}") from None
        _say(f"wrote {output}", console=err)


def _span(text: RunText, first: int, last: int) -> str:
    start, end = when(text, first), when(text, last)
    return start if start == end else f"{start} to {end.removeprefix('in ')}"


def _story_json(run: Run, story: Story) -> dict[str, Any]:
    text = RunText(run, story.replicate)
    return {
        "pattern": story.pattern,
        "title": story.title,
        "replicate": story.replicate,
        "first_day": story.first_day,
        "last_day": story.last_day,
        "when": _span(text, story.first_day, story.last_day),
        "cast": {
            role: None
            if wolf is None
            else {"id": wolf, "name": text.namer.wolf(story.replicate, wolf)[0]}
            for role, wolf in story.cast.items()
        },
        "steps": [{"text": line.text, "events": list(line.sources)} for line in story.lines],
        "salience": round(story.salience, 4),
        "why": story.why,
        "similar": story.similar,
        "steps_done": story.steps_done,
        "steps_total": story.steps,
        "partial": story.partial,
    }


@app.command("sift")
@_reports_errors
def sift_command(
    run_dir: Annotated[
        Path | None, typer.Argument(metavar="[RUN]", help="A run directory.")
    ] = None,
    pattern: Annotated[
        list[str] | None, typer.Option(help="Only this pattern (repeat for several).")
    ] = None,
    top: Annotated[int, typer.Option(help="How many stories to show.", min=1)] = 10,
    partial: Annotated[
        bool, typer.Option("--partial", help="Stories still under way instead of finished ones.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    list_patterns: Annotated[
        bool, typer.Option("--list", help="List the patterns, a line each, and stop.")
    ] = False,
    patterns_dir: Annotated[
        Path | None, typer.Option("--patterns", help="A folder of pattern TOML files to add.")
    ] = None,
) -> None:
    """Find the stories in a run: pattern matches ranked by salience, with cast, steps and why.

    Example: packbond sift runs/seed-7 --top 5
    """
    library = load_patterns(patterns_dir)
    if list_patterns:
        for name in sorted(library.patterns):
            p = library.patterns[name]
            _say(_bold(name), f"  {p.title}: {p.summary}")
        return
    if run_dir is None:
        raise PackbondError("RUN: give a run directory to sift (or --list to see the patterns)")
    names = [library[name].name for name in pattern] if pattern else None
    with open_run(run_dir) as result:
        found = sift(result, library, patterns=names, top=top, partial=partial)
        if as_json:
            doc = {
                "run": str(run_dir),
                "wolf_years": round(found.wolf_years, 2),
                "counts": found.counts,
                "stories": [_story_json(result, s) for s in found.stories],
            }
            _print_json(doc)
            return
        if not found.stories:
            what = "stories under way" if partial else "stories"
            _say(f"No {what} found in {run_dir} ({found.wolf_years:.0f} wolf-years).")
            return
        for i, story in enumerate(found.stories, start=1):
            text = RunText(result, story.replicate)
            progress = (
                f", {story.steps_done} of {story.steps} steps so far" if story.partial else ""
            )
            _say(
                _bold(f"{i}. {story.title}"),
                f" ({story.pattern}, replicate {story.replicate}, "
                f"{when(text, story.first_day)}{progress}) salience {story.salience:.1f}",
            )
            cast = ", ".join(
                f"{role}: {'-' if wolf is None else text.namer.wolf(story.replicate, wolf)[0]}"
                for role, wolf in story.cast.items()
            )
            _say(f"   cast: {cast}")
            for line in story.lines:
                _say(f"   - {line.text}")
            _say(f"   why: {'; '.join(story.why)}")


@app.command("stories-stats")
@_reports_errors
def stories_stats(
    runs: Annotated[list[Path], typer.Argument(metavar="RUN...", help="Run directories.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    patterns_dir: Annotated[
        Path | None, typer.Option("--patterns", help="A folder of pattern TOML files to add.")
    ] = None,
) -> None:
    """Per pattern, matches per 100 wolf-years; and how varied the stories are (entropy).

    Example: packbond stories-stats runs/valley-1 runs/valley-2
    """
    library = load_patterns(patterns_dir)
    opened: list[tuple[str, Run]] = []
    try:
        for path in runs:
            opened.append((str(path), open_run(path)))
        stats = story_stats(opened, library)
    finally:
        for _, run_ in opened:
            run_.close()
    if as_json:
        _print_json(stats.as_dict())
        return
    table = Table(
        title=f"Stories in {len(runs)} run(s), {stats.wolf_years:,.0f} wolf-years",
        title_justify="left",
    )
    for col in ("pattern", "matches", "per 100 wolf-years", "runs with one"):
        table.add_column(col, justify="left" if col == "pattern" else "right")
    for name in stats.patterns:
        table.add_row(
            name,
            str(stats.matches(name)),
            f"{stats.rate(name):.3f}",
            f"{sum(1 for one in stats.runs if one.counts[name])}/{len(stats.runs)}",
        )
    out.print(table)
    for one in stats.runs:
        _say(f"{one.run}: entropy {one.entropy:.2f} bits, {one.wolf_years:,.0f} wolf-years")
    _say(
        f"All runs: entropy {stats.entropy:.2f} bits of at most {stats.max_entropy:.2f} "
        f"({len(stats.patterns)} patterns)."
    )


class GraphFormat(StrEnum):
    """Formats of ``export --graph``."""

    graphml = "graphml"
    gexf = "gexf"


class TableFormat(StrEnum):
    """Formats of ``export --tables``."""

    parquet = "parquet"
    csv = "csv"


@app.command("export")
@_reports_errors
def export_command(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN", help="A run directory.")],
    graph: Annotated[
        GraphFormat | None, typer.Option("--graph", help="Write the tie network: graphml or gexf.")
    ] = None,
    tables: Annotated[
        tuple[TableFormat, Path] | None,
        typer.Option(
            "--tables", metavar="FORMAT DIR", help="Write every table: parquet or csv, into DIR."
        ),
    ] = None,
    replicate: Annotated[
        int | None, typer.Option(help="Only this replicate's network (default: all).", min=0)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The network's file (default: RUN/ties.FORMAT)."),
    ] = None,
) -> None:
    """Export a run: its tie network for Gephi or networkx, its tables as Parquet or CSV.

    Example: packbond export runs/seed-7 --graph graphml --tables csv runs/seed-7/csv
    """
    if graph is None and tables is None:
        raise PackbondError("export: give --graph FORMAT, --tables FORMAT DIR, or both")
    with open_run(run_dir) as result:
        if graph is not None:
            path = output or Path(run_dir) / f"ties.{graph.value}"
            if not path.parent.is_dir():
                raise PackbondError(f"-o: the folder {str(path.parent)!r} does not exist")
            write_graph(result, path, graph.value, replicate)
            _say(f"Tie network: {path}")
        if tables is not None:
            fmt, folder = tables
            written = write_tables(result, folder, fmt.value)
            _say(f"{len(written)} tables ({fmt.value}) in {folder}/")


@app.command("report")
@_reports_errors
def report_command(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN", help="A run directory.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The report's file (default: RUN/report.html)."),
    ] = None,
    replicate: Annotated[int, typer.Option(help="Which replicate to report.", min=0)] = 0,
) -> None:
    """Write the run's report: one self-contained HTML file (overview, packs, wolves, stories).

    It opens from disk in any browser and needs no network.

    Example: packbond report runs/seed-7 -o runs/seed-7/report.html
    """
    path = output or Path(run_dir) / "report.html"
    with open_run(run_dir) as result:
        RunText(result, replicate)  # an unknown replicate is an error before any work
        if not path.parent.is_dir():
            raise PackbondError(f"-o: the folder {str(path.parent)!r} does not exist")
        try:
            build_report(result, path, replicate)
        except OSError as e:
            raise PackbondError(f"-o: cannot write {str(path)!r}: {e.strerror}") from None
    size = path.stat().st_size
    _say(f"Report: {path} ({size / 1e6:.1f} MB, replicate {replicate})")


@app.command("canon")
@_reports_errors
def canon_command(
    runs: Annotated[int, typer.Option(help="Replicates in the ensemble.", min=1)] = 1000,
    years: Annotated[float, typer.Option(help="Simulated years per replicate.", min=0.1)] = 2.0,
    seed: Annotated[int, typer.Option(help="Seed of the first replicate.", min=0)] = 1,
    scenario: Annotated[
        str, typer.Option(help="The seed scenario, a variant of it (TOML), or seed-winter.")
    ] = "seed",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """How often an ensemble of the seed scenario retells the story's arc, and how it ends.

    Example: packbond canon --runs 1000 --years 2
    """
    _note_compiling()
    with _progress_bar(f"canon: {runs} tellings of {scenario}") as _:
        report = canon_check(runs=runs, years=years, seed=seed, scenario=scenario)
    if as_json:
        _print_json(report.as_dict())
        return
    table = Table(
        title=f"The seed story's arc in {report.runs} tellings of {report.scenario} "
        f"({years:g} years, seeds {seed}-{seed + runs - 1}; {report.seconds:.0f} s)",
        title_justify="left",
    )
    for col in ("beat", "rate", "95% interval"):
        table.add_column(col, justify="left" if col == "beat" else "right")

    def row(label: str | Text, rate: Rate) -> None:
        low, high = rate.interval
        table.add_row(label, f"{rate.rate:.3f}", f"{low:.3f}-{high:.3f}")

    for beat, rate in report.beats.items():
        row(beat.replace("_", " "), rate)
    row(_bold("core arc, in order"), report.core)
    row(_bold("full arc, in order"), report.full)
    out.print(table)
    endings = Table(title="How the tellings end", title_justify="left")
    for col in ("ending", "rate", "95% interval"):
        endings.add_column(col, justify="left" if col == "ending" else "right")
    for name, rate in sorted(report.endings.items(), key=lambda kv: -kv[1].count):
        low, high = rate.interval
        endings.add_row(name, f"{rate.rate:.3f}", f"{low:.3f}-{high:.3f}")
    out.print(endings)


@app.command("bench")
@_reports_errors
def bench_command(
    wolves: Annotated[int, typer.Option(help="Wolves in the benchmark world.")] = 10_000,
    years: Annotated[float, typer.Option(help="Simulated years.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Seed of the world and of both runs.", min=0)] = 1,
    no_mesa: Annotated[
        bool, typer.Option("--no-mesa", help="Run packbond only (Mesa need not be installed).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    repeat: Annotated[
        int,
        typer.Option(
            help="Runs of each side, alternating; each side is reported by its median run."
        ),
    ] = 1,
) -> None:
    """Time packbond against its Mesa 3 reference on the benchmark rule set, one after the other.

    Example: packbond bench --wolves 10000 --years 1 --repeat 3
    """
    report = bench(wolves, years, seed=seed, mesa=not no_mesa, repeat=repeat)
    if as_json:
        _print_json(report.as_dict(), indent=None)
        return
    out.print(_bench_table(report))


def _bench_table(report: BenchReport) -> Table:
    d = report.as_dict()
    table = Table(
        title=f"The benchmark rule set: {d['wolves']:,} wolves, {d['days']} days, seed "
        f"{d['seed']} (load {d['load_before']:.2f} before)",
        title_justify="left",
    )
    for col in ("", "steps", "build", "wolf-days / s", "peak memory"):
        table.add_column(col, justify="left" if not col else "right")
    for side in ("packbond", "mesa"):
        if d[f"{side}_s"] is None:
            continue
        table.add_row(
            "packbond" if side == "packbond" else "Mesa reference",
            f"{d[f'{side}_s']:.2f} s",
            f"{d[f'{side}_build_s']:.2f} s",
            f"{d[f'{side}_wolf_days_per_s']:,}",
            f"{d[f'{side}_peak_rss_mb']:,.0f} MB",
        )
    runs = ""
    if d["repeat"] > 1:
        times = ", ".join(f"{t:.2f}" for t in d["packbond_runs_s"])
        runs = f"median of {d['repeat']} runs each, alternating (packbond: {times} s)"
        if d["mesa_runs_s"] is not None:
            runs += f"; Mesa: {', '.join(f'{t:.2f}' for t in d['mesa_runs_s'])} s"
    if d["ratio"] is not None:
        table.caption = f"packbond is {d['ratio']:g} times as fast as the Mesa reference"
        table.caption += f"\n{runs}" if runs else ""
    elif runs:
        table.caption = runs
    return table


def main() -> None:
    """Entry point of the ``packbond`` command.

    An error that reaches this far is a bug in packbond, not the user's doing: it is reported in
    one line with status 1 and a request to report it; ``PACKBOND_DEBUG=1`` shows its traceback.
    """
    try:
        app()
    except Exception as e:
        if os.environ.get("PACKBOND_DEBUG"):
            raise
        _say(
            Text("internal error:", style="bold red"),
            f" {type(e).__name__}: {quoted(str(e), 300)} (this is a bug in packbond; "
            "PACKBOND_DEBUG=1 shows where it happened)",
            console=err,
        )
        sys.exit(1)
