"""The report's plots, drawn at build time as inline SVG with matplotlib (no raster backend).

Text stays text (``svg.fonttype = none``) in a generic sans-serif family, so the file needs no
font and reads in print; every figure has a title, axis labels and a legend where it has more
than one series. Each figure gets its own hash salt so that the ids inside one SVG never clash
with another's in the same page, and no date, so the same run always gives the same file.
"""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..core.calendar import Calendar

__all__ = [
    "births_deaths_svg",
    "designations_svg",
    "ego_svg",
    "pack_members_svg",
    "population_svg",
    "timeline_svg",
    "wars_svg",
]

_PALETTE = (
    "#4c72b0",
    "#dd8452",
    "#55a868",
    "#c44e52",
    "#8172b3",
    "#937860",
    "#da8bc3",
    "#8c8c8c",
    "#ccb974",
    "#64b5cd",
)
_DESIGNATION_COLOURS = {
    "alphas": "#c44e52",
    "betas": "#4c72b0",
    "omegas": "#55a868",
    "unpresented": "#ccb974",
}
_STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "legend.fontsize": 8,
    "legend.frameon": False,
}


def _plain(text: str) -> str:
    """A label as plain text: a ``$`` in a name would start mathtext."""
    return text.replace("$", r"\$")


def _svg(fig: Figure, salt: str) -> Markup:
    """The figure as an inline ``<svg>`` element (no XML prolog, no fixed size)."""
    buf = io.StringIO()
    style: dict[Any, Any] = {**_STYLE, "svg.hashsalt": salt}
    with matplotlib.rc_context(style):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    # Scale with the page: drop the fixed width and height, keep the viewBox.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    # A generic family last, so any browser without the named fonts still has one.
    svg = svg.replace("font-family: 'DejaVu Sans'", "font-family: 'DejaVu Sans', sans-serif")
    return Markup(svg.replace("<svg", f'<svg class="plot" role="img" aria-label="{salt}"', 1))


def _figure(width: float, height: float, rows: int = 1) -> tuple[Figure, list[Axes]]:
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(rows, 1, sharex=True, squeeze=False)[:, 0]
    return fig, list(axes)


def _days_axis(ax: Axes, calendar: Calendar) -> None:
    ax.set_xlabel(f"day of the run ({calendar.days_per_year} days a year)")


def population_svg(frame: pd.DataFrame, calendar: Calendar) -> Markup:
    """Living wolves over time, stacked by pack."""
    fig, (ax,) = _figure(8, 3.2)
    if len(frame):
        colours = [_PALETTE[i % len(_PALETTE)] for i in range(len(frame.columns))]
        ax.stackplot(
            frame.index.to_numpy(),
            frame.to_numpy().T,
            labels=[_plain(str(c)) for c in frame.columns],
            colors=colours,
            alpha=0.85,
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Population by pack")
    ax.set_ylabel("living wolves")
    _days_axis(ax, calendar)
    return _svg(fig, "population-by-pack")


def designations_svg(frame: pd.DataFrame, calendar: Calendar) -> Markup:
    """Living wolves over time by designation."""
    fig, (ax,) = _figure(8, 2.8)
    for col in frame.columns:
        ax.plot(frame.index, frame[col], label=col, color=_DESIGNATION_COLOURS.get(col), lw=1.6)
    ax.set_title("Designations")
    ax.set_ylabel("living wolves")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _days_axis(ax, calendar)
    return _svg(fig, "designations")


def births_deaths_svg(frame: pd.DataFrame) -> Markup:
    """Births and deaths per season, side by side."""
    fig, (ax,) = _figure(8, 2.8)
    x = np.arange(len(frame))
    ax.bar(x - 0.2, frame["births"], width=0.4, label="births", color="#55a868")
    ax.bar(x + 0.2, frame["deaths"], width=0.4, label="deaths", color="#8c8c8c")
    step = max(1, len(frame) // 16)
    ax.set_xticks(x[::step], [str(s) for s in frame.index[::step]], rotation=45, ha="right")
    ax.set_title("Births and deaths per season")
    ax.set_ylabel("wolves")
    ax.set_xlabel("season")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig, "births-and-deaths")


def wars_svg(wars: list[tuple[str, int, int, bool]], calendar: Calendar, last_day: int) -> Markup:
    """Each war as a bar from its declaration to its end, a conquest in red."""
    shown = wars[:30]
    fig, (ax,) = _figure(8, 0.9 + 0.28 * max(len(shown), 1))
    for i, (_, start, end, conquered) in enumerate(shown):
        colour = "#c44e52" if conquered else "#8172b3"
        ax.barh(i, max(end - start, 1), left=start, height=0.6, color=colour)
    ax.set_yticks(range(len(shown)), [_plain(w[0]) for w in shown])
    ax.invert_yaxis()
    ax.set_xlim(0, max(last_day, 1))
    ax.set_title("Wars: declared to conquest (red) or last invasion")
    _days_axis(ax, calendar)
    return _svg(fig, "wars")


def pack_members_svg(frame: pd.DataFrame, name: str, calendar: Calendar, salt: str) -> Markup:
    """A pack's members over time, stacked by designation."""
    fig, (ax,) = _figure(7, 2.6)
    if len(frame):
        cols = [c for c in _DESIGNATION_COLOURS if c in frame.columns]
        ax.stackplot(
            frame.index.to_numpy(),
            frame[cols].to_numpy().T,
            labels=cols,
            colors=[_DESIGNATION_COLOURS[c] for c in cols],
            alpha=0.85,
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(_plain(f"Members of the {name} pack"))
    ax.set_ylabel("living members")
    _days_axis(ax, calendar)
    return _svg(fig, salt)


_TRACE_PANELS = (
    ("wellbeing", "wellbeing", "#4c72b0"),
    ("acceptance", "acceptance", "#55a868"),
    ("health", "health", "#c44e52"),
    ("rank", "rank (1 = pack alpha)", "#8172b3"),
)


def timeline_svg(
    trace: pd.DataFrame,
    marks: list[tuple[int, str, bool]],
    name: str,
    calendar: Calendar,
    span: tuple[int, int],
    salt: str,
) -> Markup:
    """A wolf's wellbeing, acceptance, health and rank by day, with its events marked.

    Without a trace (only the cast is traced) the marks are drawn on a strip of their own.
    """
    traced = len(trace) > 0
    panels = _TRACE_PANELS if traced else (("events", "events", "#444"),)
    fig, axes = _figure(8, 1.25 * len(panels) + 1.0, rows=len(panels))
    for ax, (col, label, colour) in zip(axes, panels, strict=True):
        if traced:
            ax.plot(trace["day"], trace[col], color=colour, lw=1.4, label=label)
            if col == "rank":
                ranks = trace["rank"].to_numpy()
                lo, hi = int(ranks.min()), int(ranks.max())
                if hi - lo <= 5:
                    ax.set_yticks(range(lo, hi + 1))
                else:
                    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
                ax.set_ylim(float(ranks.max()) + 0.5, max(float(ranks.min()) - 0.5, -0.5))
            else:
                ax.set_ylim(-0.02, 1.02)
        else:
            ax.set_yticks([])
        ax.set_ylabel(label)
        if marks:
            # NOTE: one collection per panel rather than a line per event: one artist to draw,
            # not one per mark.
            ax.vlines(
                [m[0] for m in marks],
                0,
                1,
                transform=ax.get_xaxis_transform(),
                colors=["#c44e52" if m[2] else "#bbbbbb" for m in marks],
                lw=0.8,
                linestyles="--",
                zorder=0,
            )
    top = axes[0]
    for i, (day, label) in enumerate(_labels(marks, span)):
        top.annotate(
            label,
            (day, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2 + 9 * (i % 3)),
            textcoords="offset points",
            fontsize=7,
            color="#8b2f2f",
        )
    axes[-1].set_xlim(*span)
    title = f"{name}: wellbeing, acceptance, health and rank" if traced else f"{name}: events"
    top.set_title(_plain(title), pad=30)
    _days_axis(axes[-1], calendar)
    return _svg(fig, salt)


def _labels(marks: list[tuple[int, str, bool]], span: tuple[int, int]) -> list[tuple[int, str]]:
    """Labels of the turning points, those close in time joined into one (so none overlap)."""
    near = max((span[1] - span[0]) / 40, 1)
    groups: list[tuple[int, list[str]]] = []
    for day, kind, major in marks:
        if not major:
            continue
        said = kind.replace("_", " ")
        if groups and day - groups[-1][0] <= near:
            if said not in groups[-1][1]:
                groups[-1][1].append(said)
        else:
            groups.append((day, [said]))
    out = []
    for day, kinds in groups:
        more = f" +{len(kinds) - 2}" if len(kinds) > 2 else ""
        out.append((day, ", ".join(kinds[:2]) + more))
    return out


def ego_svg(
    name: str,
    ties: list[dict[str, Any]],
    kin: list[tuple[str, int, str]],
    salt: str,
) -> Markup:
    """The wolf at the centre, the wolves they feel for around them: an edge coloured by what
    dominates (love, trust or fear), its width by its strength; mates and kin dashed."""
    others: dict[int, str] = {t["other"]: t["name"] for t in ties}
    for _, wolf, who in kin:
        others.setdefault(wolf, who)
    fig, (ax,) = _figure(5.2, 5.2)
    ax.set_axis_off()
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    angles = np.linspace(0, 2 * np.pi, max(len(others), 1), endpoint=False) + np.pi / 2
    place = {w: (float(np.cos(a)), float(np.sin(a))) for w, a in zip(others, angles, strict=False)}
    feelings = {"love": "#da3b8a", "trust": "#4c72b0", "fear": "#c44e52"}
    segments, colours, widths = [], [], []
    for t in ties:
        strength = {"love": max(t["affinity"], 0.0), "trust": t["trust"], "fear": t["fear"]}
        what = max(strength, key=lambda k: strength[k])
        segments.append([(0.0, 0.0), place[t["other"]]])
        colours.append(feelings[what])
        widths.append(0.6 + 4 * strength[what])
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths, alpha=0.75))
    kin_colours = {"mate": "#da8bc3", "parent": "#937860", "pup": "#ccb974"}
    if kin:
        ax.add_collection(
            LineCollection(
                [[(0.0, 0.0), place[wolf]] for _, wolf, _ in kin],
                colors=[kin_colours[relation] for relation, _, _ in kin],
                linewidths=2.2,
                linestyles=(0, (3, 2)),
                zorder=2,
            )
        )
    ax.scatter([0], [0], s=500, color="#333", zorder=3)
    if place:
        xs, ys = zip(*place.values(), strict=True)
        ax.scatter(xs, ys, s=120, color="#eee", edgecolors="#555", zorder=3)
    for wolf, label in others.items():
        x, y = place[wolf]
        ax.annotate(
            _plain(label),
            (x, y),
            xytext=(0, -13 if y < 0 else 8),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    ax.annotate(
        _plain(name),
        (0, 0),
        xytext=(0, -20),
        textcoords="offset points",
        ha="center",
        fontsize=9,
        fontweight="bold",
    )
    handles = [Line2D([], [], color=c, lw=3, label=k) for k, c in feelings.items()] + [
        Line2D([], [], color=c, lw=2, ls="--", label=k) for k, c in kin_colours.items()
    ]
    ax.legend(handles=handles, loc="lower center", ncols=3, bbox_to_anchor=(0.5, -0.12))
    ax.set_title(_plain(f"{name}'s ties and kin"))
    return _svg(fig, salt)
