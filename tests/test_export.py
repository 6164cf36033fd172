"""Export: the tie network for Gephi or networkx, the tables as Parquet or CSV, and the run's
summary in a notebook."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from packbond import open_run, simulate
from packbond.api import Run
from packbond.cli import app
from packbond.store.export import tie_graph, write_graph, write_tables


def _open(path: Path) -> Run:
    return open_run(path)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "run"
    simulate("seed", seed=2, years=0.3, replicates=2, out=out).close()
    return out


def test_the_tie_network_holds_every_wolf_tie_mate_and_parent(stored: Path) -> None:
    """One node per wolf of the replicate, with its name and pack; an edge per tie in use, and
    mate and parent edges from the family columns."""
    with _open(stored) as run:
        graph = tie_graph(run, replicate=1)
        wolves = run.query("SELECT * FROM wolves WHERE replicate = 1")
        ties = run.query("SELECT * FROM ties WHERE replicate = 1")
    assert graph.number_of_nodes() == len(wolves)
    kinds = [d["kind"] for _, _, d in graph.edges(data=True)]
    assert kinds.count("tie") == len(ties)
    assert kinds.count("mate") == int(wolves["mate"].notna().sum())
    parents = int(wolves["mother"].notna().sum() + wolves["father"].notna().sum())
    assert kinds.count("parent") == parents
    first = wolves.iloc[0]
    node = graph.nodes[str(int(first["wolf_id"]))]
    assert node["label"] == first["name"] and node["designation"] == first["designation"]
    tie = ties.iloc[0]
    data = graph.get_edge_data(str(int(tie["wolf_id"])), str(int(tie["other_id"])))["tie"]
    assert data["affinity"] == pytest.approx(float(tie["affinity"]), abs=1e-6)


def test_graphml_and_gexf_read_back_with_networkx(stored: Path, tmp_path: Path) -> None:
    """Both formats are written and read back by networkx with the same nodes and edges; an
    ensemble's replicates stay apart (``replicate:wolf`` keys)."""
    with _open(stored) as run:
        whole = tie_graph(run)
        write_graph(run, tmp_path / "t.graphml", "graphml")
        write_graph(run, tmp_path / "t.gexf", "gexf")
    back = nx.read_graphml(tmp_path / "t.graphml", force_multigraph=True)
    assert back.number_of_nodes() == whole.number_of_nodes()
    assert back.number_of_edges() == whole.number_of_edges()
    assert all(":" in str(n) for n in whole.nodes)
    gexf = nx.read_gexf(tmp_path / "t.gexf")
    assert gexf.number_of_nodes() == whole.number_of_nodes()


def test_tables_as_parquet_and_csv_keep_every_row(stored: Path, tmp_path: Path) -> None:
    with _open(stored) as run:
        names = run.table_names()
        rows = {name: run.arrow(name).num_rows for name in names}
        parquet = write_tables(run, tmp_path / "pq", "parquet")
        csv = write_tables(run, tmp_path / "csv", "csv")
    assert {p.stem for p in parquet} == set(names) == {p.stem for p in csv}
    for path in parquet:
        assert pq.read_table(path).num_rows == rows[path.stem]
    for path in csv:
        assert pa_csv.read_csv(path).num_rows == rows[path.stem]
    assert "events" in names and rows["events"] > 0


def test_a_run_shows_its_summary_in_a_notebook(stored: Path) -> None:
    with _open(stored) as run:
        page = run._repr_html_()
        events = len(run.events)
    assert "<table>" in page and "seed" in page and f"{events:,}" in page
    assert "<script" not in page


def test_the_export_command_and_its_errors(stored: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    graph = tmp_path / "net.gexf"
    done = runner.invoke(
        app,
        [
            "export",
            str(stored),
            "--graph",
            "gexf",
            "-o",
            str(graph),
            "--tables",
            "csv",
            str(tmp_path / "c"),
        ],
    )
    assert done.exit_code == 0, done.output
    assert graph.exists() and (tmp_path / "c" / "wolves.csv").exists()
    for args in (
        [str(stored)],
        [str(stored), "--graph", "dot"],
        [str(tmp_path / "missing"), "--graph", "gexf"],
        [str(stored), "--graph", "gexf", "-o", str(tmp_path / "no" / "such" / "x.gexf")],
        [str(stored), "--graph", "gexf", "--replicate", "9"],
    ):
        bad = runner.invoke(app, ["export", *args])
        assert bad.exit_code == 2 and "Traceback" not in bad.output, (args, bad.output)
