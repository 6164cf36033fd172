"""The command line: ``packbond run | validate | scenarios | query``.

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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .api import Run, open_run, simulate
from .ecology_check import markdown, run_check
from .errors import PackbondError, ScenarioError
from .narrative import Namer, render
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
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
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


def main() -> None:
    """Entry point of the ``packbond`` command."""
    app()
