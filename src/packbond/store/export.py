"""Export a run for other tools: the tie network as GraphML or GEXF (Gephi, networkx), and the
run's tables as Parquet or CSV files.

The network is a directed multigraph per run: one node per wolf that ever lived (its name, sex,
designation, pack, whether alive), one ``tie`` edge per relationship slot in use at the end
(affinity, trust, fear, the remembered deed), and ``mate`` and ``parent`` edges from the
family columns. An ensemble's replicates are separate worlds: nodes are keyed
``replicate:wolf`` so they never merge, unless one replicate is asked for. XML cannot hold
every character a name may have (control characters): the files write each such character as
U+FFFD, the replacement character, and the graph in Python keeps the names as they are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..api import Run
from ..errors import PackbondError, quoted

__all__ = ["GRAPH_FORMATS", "TABLE_FORMATS", "tie_graph", "write_graph", "write_tables"]

GRAPH_FORMATS = ("graphml", "gexf")
TABLE_FORMATS = ("parquet", "csv")


def _key(replicate: int, wolf: int, single: bool) -> str:
    return str(wolf) if single else f"{replicate}:{wolf}"


def tie_graph(run: Run, replicate: int | None = None) -> nx.MultiDiGraph:
    """The run's tie network (of one replicate, if given) as a networkx multigraph."""
    where = "" if replicate is None else f" WHERE replicate = {int(replicate)}"
    wolves = run.query(
        "SELECT w.replicate, w.wolf_id, w.name, w.sex, w.designation, w.alive, w.mate, "
        "w.mother, w.father, coalesce(p.name, '') AS pack_name FROM wolves w LEFT JOIN packs p "
        "ON p.replicate = w.replicate AND p.pack_id = w.pack"
        + ("" if replicate is None else f" WHERE w.replicate = {int(replicate)}")
    )
    if replicate is not None and wolves.empty:
        raise PackbondError(f"the run has no replicate {replicate}")
    single = replicate is not None or run.manifest.get("replicates", 1) == 1
    graph = nx.MultiDiGraph(scenario=str(run.manifest.get("scenario", "")))
    for row in wolves.itertuples(index=False):
        graph.add_node(
            _key(row.replicate, row.wolf_id, single),
            label=str(row.name),
            replicate=int(row.replicate),
            sex=str(row.sex),
            designation=str(row.designation),
            pack=str(row.pack_name),
            alive=bool(row.alive),
        )
    for row in wolves.itertuples(index=False):
        me = _key(row.replicate, row.wolf_id, single)
        if not pd.isna(row.mate):
            graph.add_edge(me, _key(row.replicate, int(row.mate), single), key="mate", kind="mate")
        for parent in (row.mother, row.father):
            if not pd.isna(parent):
                graph.add_edge(
                    _key(row.replicate, int(parent), single), me, key="parent", kind="parent"
                )
    ties = run.query(f"SELECT * FROM ties{where}")
    for row in ties.itertuples(index=False):
        graph.add_edge(
            _key(row.replicate, row.wolf_id, single),
            _key(row.replicate, row.other_id, single),
            key="tie",
            kind="tie",
            affinity=float(row.affinity),
            trust=float(row.trust),
            fear=float(row.fear),
            memory=str(row.memory),
        )
    return graph


def write_graph(
    run: Run,
    path: str | Path,
    fmt: Literal["graphml", "gexf"],
    replicate: int | None = None,
) -> Path:
    """Write the tie network to ``path`` as GraphML or GEXF; returns the path."""
    if fmt not in GRAPH_FORMATS:
        raise PackbondError(f"--graph must be one of {', '.join(GRAPH_FORMATS)} (got {fmt!r})")
    out = Path(path)
    if out.is_dir():
        raise PackbondError(f"-o: {quoted(str(out))} is a directory; give a file name")
    graph = _xml_safe(tie_graph(run, replicate))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            nx.write_graphml(graph, out)
        else:
            nx.write_gexf(graph, out)
    except OSError as e:
        raise PackbondError(f"-o: cannot write {quoted(str(out))}: {e.strerror or e}") from None
    return out


# What XML 1.0 cannot hold: control characters other than tab and the line ends, surrogates,
# and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with every string attribute holding only characters XML can hold."""

    def clean(attrs: dict[str, Any]) -> None:
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = _NOT_XML.sub("\ufffd", value)

    clean(graph.graph)
    for _, attrs in graph.nodes(data=True):
        clean(attrs)
    for _, _, attrs in graph.edges(data=True):
        clean(attrs)
    return graph


def _plain(table: pa.Table) -> pa.Table:
    """Dictionary columns decoded (CSV writers take plain values)."""
    columns = [
        pc.cast(col, col.type.value_type) if pa.types.is_dictionary(col.type) else col
        for col in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def write_tables(run: Run, folder: str | Path, fmt: Literal["parquet", "csv"]) -> list[Path]:
    """Write every table of the run into ``folder`` as ``<table>.parquet`` or ``<table>.csv``."""
    if fmt not in TABLE_FORMATS:
        raise PackbondError(f"--tables must be one of {', '.join(TABLE_FORMATS)} (got {fmt!r})")
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise PackbondError(f"--tables: {quoted(str(out))} is a file, not a folder")
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in run.table_names():
            table = run.arrow(name)
            path = out / f"{name}.{fmt}"
            if fmt == "parquet":
                pq.write_table(table, path)
            else:
                pa_csv.write_csv(_plain(table), path)
            written.append(path)
    except OSError as e:
        raise PackbondError(f"--tables: cannot write into {quoted(str(out))}: {e}") from None
    return written
