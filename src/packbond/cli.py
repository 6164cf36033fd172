"""The command line: ``packbond run | validate | scenarios | query | ... | report``.

Typer and Rich live here only. Every error a user can cause is a PackbondError: it is printed as
one clear message (or one line per problem) and the command exits with status 2, never with a
traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .api import Run, open_run, simulate
from .bench import BenchReport, bench
from .canon import Rate, canon_check
from .ecology_check import markdown, run_check
from .errors import PackbondError, ScenarioError
from .export import write_graph, write_tables
from .narrative import Namer, render
from .narrative.chronicle import chronicle
from .narrative.formats import to_html, to_markdown
from .narrative.lives import when
from .narrative.sifting import Story, load_patterns, sift
from .narrative.sifting.stats import story_stats
from .narrative.source import RunText
from .report import build_report
from .scenario import builtin_names, builtin_text, load_scenario

__all__ = ["app", "main"]

app = typer.Typer(
    name="packbond",
    help="Simulate omegaverse werewolf-pack societies and tell the stories that emerge.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> typer.Exit:
    # The message is plain text: brackets in it (such as an extra, 'packbond[bench]') are not
    # Rich markup.
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _reports_errors(fn: F) -> F:
    """Turn packbond's own errors into a message and exit status 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ScenarioError as e:
            err.print(
                f"[bold red]error:[/] {e.source}: {len(e.problems)} problem(s)", highlight=False
            )
            for p in e.problems:
                err.print(
                    f"  {p.describe(e.source)}", highlight=False, markup=False, soft_wrap=True
                )
            raise typer.Exit(2) from None
        except PackbondError as e:
            raise _fail(str(e)) from None

    return wrapper  # type: ignore[return-value]


@app.command()
@_reports_errors
def run(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name.")],
    seed: Annotated[int, typer.Option(help="Random seed (replicate i uses seed + i).", min=0)] = 0,
    years: Annotated[float, typer.Option(help="Simulated years to run.", min=0.0)] = 1.0,
    replicates: Annotated[int, typer.Option(help="Independent replicates in one run.", min=1)] = 1,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Run directory (default runs/<scenario>-<seed>)."),
    ] = None,
) -> None:
    """Run a scenario and write it to a run directory.

    Example: `packbond run seed --seed 7 --years 1`
    """
    loaded = load_scenario(scenario)
    target = out_dir or Path("runs") / f"{loaded.scenario.name}-{seed}"
    with _progress_bar(f"{loaded.scenario.name} (seed {seed})") as progress:
        try:
            result = simulate(
                loaded, seed=seed, years=years, replicates=replicates, out=target, progress=progress
            )
        except KeyboardInterrupt:
            err.print(f"interrupted: the run up to its last checkpoint is kept in {target}")
            raise typer.Exit(130) from None
    with result:
        _summary(result, target)


@contextmanager
def _progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr, and the callback that moves it."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("days"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def _summary(result: Run, target: Path) -> None:
    m = result.manifest
    cal = result.calendar
    out.print(
        f"[bold]{m['scenario']}[/]: seed {m['seed']}, {m['replicates']} replicate(s), "
        f"{m['days_done']} days (to {cal.date(max(m['days_done'] - 1, 0))}), "
        f"{m.get('events', 0)} events."
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
        table.add_row(*[str(x) for x in row])
    out.print(table)
    if len(packs) > len(shown):
        out.print(f"… and {len(packs) - len(shown)} more packs.")
    counts = result.query(
        "SELECT kind, count(*) AS n FROM events WHERE replicate = 0 GROUP BY kind ORDER BY n DESC"
    )
    out.print(
        "[bold]What happened[/] (replicate 0): "
        + ", ".join(f"{r.kind} ×{r.n}" for r in counts.itertuples())
    )
    notable = result.query(
        "SELECT * FROM events WHERE replicate = 0 AND kind <> "
        "'season_changed' ORDER BY event_id LIMIT 8"
    )
    if len(notable):
        namer = Namer(result.wolves, result.packs)
        for ev in notable.itertuples():
            out.print(f"  day {ev.day}: {render(ev, namer)}", highlight=False)
    out.print(
        f"[bold]Files[/]: {target}/ (run.duckdb, manifest.json). "
        f'Try: packbond query {target} "SELECT kind, count(*) FROM events GROUP BY kind"',
        highlight=False,
        soft_wrap=True,
    )


@app.command()
@_reports_errors
def validate(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name.")],
) -> None:
    """Check a scenario and report every problem at once.

    Example: `packbond validate my-world.toml`
    """
    loaded = load_scenario(scenario)
    s = loaded.scenario
    generated = f", {s.population.packs} generated packs" if s.population else ""
    out.print(
        f"ok: {loaded.source}: {len(s.regions)} regions, {len(s.packs)} packs, "
        f"{len(s.cast)} named wolves{generated}; rules preset {loaded.rules.preset!r}.",
        highlight=False,
    )


@app.command()
@_reports_errors
def scenarios(
    show: Annotated[str | None, typer.Option(help="Print this built-in scenario's TOML.")] = None,
) -> None:
    """List the built-in scenarios, or print one to copy and change.

    Example: `packbond scenarios --show seed > my-world.toml`
    """
    if show is not None:
        sys.stdout.write(builtin_text(show))
        return
    for name in builtin_names():
        description = tomllib.loads(builtin_text(name)).get("description", "")
        out.print(f"[bold]{name}[/]  {description}", highlight=False)


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
    """Run the valley under the ecology preset and compare it with real gray wolves.

    Prints each figure with its mean and 95% interval over replicates, the field range and
    whether it passes; exits with status 1 if any figure is out of range.

    Example: `packbond validate-ecology --years 50 --replicates 8`
    """
    with _progress_bar(f"valley under ecology, {replicates} replicates") as progress:
        result, outcomes = run_check(
            years=years, replicates=replicates, seed=seed, burn_in_years=burn_in, progress=progress
        )
    result.close()
    table = Table(title=f"ecology vs gray wolves: {years:g} years, {replicates} replicates")
    for col in ("figure", "simulated", "95% interval", "field range", "pass"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    for o in outcomes:
        table.add_row(
            o.check.label,
            f"{o.mean:.3f}",
            f"{o.low:.3f}-{o.high:.3f}",
            o.check.describe_range(),
            "[green]yes[/]" if o.passed else "[bold red]NO[/]",
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

    Example: `packbond query runs/seed-7 "SELECT kind, count(*) FROM events GROUP BY kind"`
    """
    with open_run(run_dir) as result:
        frame = result.query(sql)
    if fmt is Format.csv:
        buf = io.StringIO()
        frame.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
        sys.stdout.write(buf.getvalue())
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(json.loads(frame.to_json(orient="records")), indent=1) + "\n")
    else:
        table = Table()
        for col in frame.columns:
            table.add_column(str(col))
        for row in frame.itertuples(index=False):
            table.add_row(*["" if x is None else str(x) for x in row])
        out.print(table)


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

    Example: `packbond chronicle runs/seed-7 --wolf 0 --sources`
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
        err.print(f"wrote {output}", highlight=False)


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

    Example: `packbond sift runs/seed-7 --top 5`
    """
    library = load_patterns(patterns_dir)
    if list_patterns:
        for name in sorted(library.patterns):
            p = library.patterns[name]
            out.print(f"[bold]{name}[/]  {p.title}: {p.summary}", highlight=False, soft_wrap=True)
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
            sys.stdout.write(json.dumps(doc, indent=1) + "\n")
            return
        if not found.stories:
            what = "stories under way" if partial else "stories"
            out.print(f"No {what} found in {run_dir} ({found.wolf_years:.0f} wolf-years).")
            return
        for i, story in enumerate(found.stories, start=1):
            text = RunText(result, story.replicate)
            progress = (
                f", {story.steps_done} of {story.steps} steps so far" if story.partial else ""
            )
            out.print(
                f"[bold]{i}. {story.title}[/] ({story.pattern}, replicate {story.replicate}, "
                f"{when(text, story.first_day)}{progress}) salience {story.salience:.1f}",
                highlight=False,
                soft_wrap=True,
            )
            cast = ", ".join(
                f"{role}: {'-' if wolf is None else text.namer.wolf(story.replicate, wolf)[0]}"
                for role, wolf in story.cast.items()
            )
            out.print(f"   cast: {cast}", highlight=False, markup=False, soft_wrap=True)
            for line in story.lines:
                out.print(f"   - {line.text}", highlight=False, markup=False, soft_wrap=True)
            out.print(
                f"   why: {'; '.join(story.why)}", highlight=False, markup=False, soft_wrap=True
            )


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

    Example: `packbond stories-stats runs/valley-1 runs/valley-2`
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
        sys.stdout.write(json.dumps(stats.as_dict(), indent=1) + "\n")
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
        out.print(
            f"{one.run}: entropy {one.entropy:.2f} bits, {one.wolf_years:,.0f} wolf-years",
            highlight=False,
        )
    out.print(
        f"All runs: entropy {stats.entropy:.2f} bits of at most {stats.max_entropy:.2f} "
        f"({len(stats.patterns)} patterns).",
        highlight=False,
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

    Example: `packbond export runs/seed-7 --graph graphml --tables csv runs/seed-7/csv`
    """
    if graph is None and tables is None:
        raise PackbondError("export: give --graph FORMAT, --tables FORMAT DIR, or both")
    with open_run(run_dir) as result:
        if graph is not None:
            path = output or Path(run_dir) / f"ties.{graph.value}"
            if not path.parent.is_dir():
                raise PackbondError(f"-o: the folder {str(path.parent)!r} does not exist")
            write_graph(result, path, graph.value, replicate)
            out.print(f"Tie network: {path}", highlight=False)
        if tables is not None:
            fmt, folder = tables
            written = write_tables(result, folder, fmt.value)
            out.print(f"{len(written)} tables ({fmt.value}) in {folder}/", highlight=False)


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

    Example: `packbond report runs/seed-7 -o runs/seed-7/report.html`
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
    out.print(f"Report: {path} ({size / 1e6:.1f} MB, replicate {replicate})", highlight=False)


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

    Example: `packbond canon --runs 1000 --years 2`
    """
    with _progress_bar(f"canon: {runs} tellings of {scenario}") as _:
        report = canon_check(runs=runs, years=years, seed=seed, scenario=scenario)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=1) + "\n")
        return
    table = Table(
        title=f"The seed story's arc in {report.runs} tellings of {report.scenario} "
        f"({years:g} years, seeds {seed}-{seed + runs - 1}; {report.seconds:.0f} s)",
        title_justify="left",
    )
    for col in ("beat", "rate", "95% interval"):
        table.add_column(col, justify="left" if col == "beat" else "right")

    def row(label: str, rate: Rate) -> None:
        low, high = rate.interval
        table.add_row(label, f"{rate.rate:.3f}", f"{low:.3f}-{high:.3f}")

    for beat, rate in report.beats.items():
        row(beat.replace("_", " "), rate)
    row("[bold]core arc, in order[/]", report.core)
    row("[bold]full arc, in order[/]", report.full)
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

    Example: `packbond bench --wolves 10000 --years 1 --repeat 3`
    """
    report = bench(wolves, years, seed=seed, mesa=not no_mesa, repeat=repeat)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
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
    """Entry point of the ``packbond`` command."""
    app()
