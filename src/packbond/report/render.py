"""The report as one self-contained HTML file: Jinja2 templates shipped as package data.

Every name is escaped (autoescape; a scenario may name a wolf ``<script>``), and the search index
embedded in a ``<script>`` element is JSON whose ``<``, ``>`` and ``&`` are written as ``\\u``
escapes, so no name can close the element. Every mention of a wolf or pack with a page of its
own in told text links to it (``#wolf-12``, ``#pack-3``); the pages are sections of the one
file, shown one at a time by a small inline script, all of them in print.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..narrative.telling import Line
from .gather import ReportData
from .plots import (
    births_deaths_svg,
    designations_svg,
    ego_svg,
    pack_members_svg,
    population_svg,
    timeline_svg,
    wars_svg,
)

__all__ = ["Linker", "render_report", "script_json", "write_report"]


def script_json(value: Any) -> Markup:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class Linker:
    """Turns told text into HTML where each name with a page links to it.

    A name given to two pages (two wolves called alike, a wolf named as a pack) links to
    neither: a link must not guess. Names are matched whole (not inside a longer word), the
    longest first, in one pass over the escaped text.
    """

    def __init__(self, targets: dict[str, str]) -> None:
        self.targets = {str(escape(name)): href for name, href in targets.items() if name}
        names = sorted(self.targets, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names)
        self._pattern = re.compile(rf"(?<![\w&#])({alternatives})(?!\w)") if names else None

    def __call__(self, text: str) -> Markup:
        escaped = str(escape(text))
        if self._pattern is None:
            return Markup(escaped)

        def link(match: re.Match[str]) -> str:
            return f'<a href="{self.targets[match.group(1)]}">{match.group(1)}</a>'

        return Markup(self._pattern.sub(link, escaped))


def _targets(data: ReportData) -> dict[str, str]:
    """Names of the pages, each to its anchor; a name used twice is dropped."""
    seen: dict[str, list[str]] = {}
    wolf_names = data.text.wolves["name"].astype(str)
    for wolf in data.wolves:
        seen.setdefault(wolf.name, []).append(f"#wolf-{wolf.wolf_id}")
    for pack in data.packs:
        seen.setdefault(pack.name, []).append(f"#pack-{pack.pack_id}")
    counts = wolf_names.value_counts()
    pack_counts = data.text.packs["name"].astype(str).value_counts()
    out = {}
    for name, hrefs in seen.items():
        if len(hrefs) == 1 and counts.get(name, 0) + pack_counts.get(name, 0) == 1:
            out[name] = hrefs[0]
    return out


def _search_index(data: ReportData) -> list[dict[str, str]]:
    items = [{"label": "Overview", "kind": "page", "href": "#overview"}]
    items += [
        {"label": f"{p.name} ({p.designation})", "kind": "wolf", "href": f"#wolf-{p.wolf_id}"}
        for p in data.wolves
    ]
    items += [
        {"label": f"{p.name} pack", "kind": "pack", "href": f"#pack-{p.pack_id}"}
        for p in data.packs
    ]
    items += [
        {"label": v.story.title, "kind": "story", "href": f"#story-{v.number}"}
        for v in data.stories
    ]
    return items


def _plots(data: ReportData) -> dict[str, Any]:
    cal = data.text.calendar
    last = data.text.last_day
    names = data.pack_names
    wars = [
        (
            f"{names.get(w.pack, w.pack)} on {names.get(w.rival, w.rival)}",
            w.declared,
            w.end,
            "conquered" in w.outcome,
        )
        for w in data.wars
    ]
    return {
        "population": population_svg(data.population, cal),
        "designations": designations_svg(data.designations, cal),
        "seasons": births_deaths_svg(data.seasons),
        "wars": wars_svg(wars, cal, last) if wars else None,
        "packs": {
            p.pack_id: pack_members_svg(p.series, p.name, cal, f"pack-{p.pack_id}-members")
            for p in data.packs
        },
        "timelines": {
            w.wolf_id: timeline_svg(
                w.trace,
                [(m.day, m.kind, m.major) for m in w.marks],
                w.name,
                cal,
                (0, max(last, 1)),
                f"wolf-{w.wolf_id}-timeline",
            )
            for w in data.wolves
        },
        "egos": {
            w.wolf_id: ego_svg(w.name, w.ties, w.kin, f"wolf-{w.wolf_id}-ties")
            for w in data.wolves
            if w.ties or w.kin
        },
    }


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("packbond.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["script_json"] = script_json
    return env


def render_report(data: ReportData) -> str:
    """The report of the gathered data as one HTML page."""
    linker = Linker(_targets(data))
    wolf_pages = {w.wolf_id for w in data.wolves}
    pack_pages = {p.pack_id for p in data.packs}

    def told(line: Line) -> Markup:
        return linker(line.text)

    def wolf_link(wolf: int | None, name: str | None = None) -> Markup:
        if wolf is None:
            return Markup("-")
        label = name if name is not None else data.text.namer.wolf(data.text.replicate, wolf)[0]
        if wolf in wolf_pages:
            return Markup('<a href="#wolf-{}">{}</a>').format(wolf, label)
        return Markup("{}").format(label)

    def pack_link(pack: int | None) -> Markup:
        if pack is None:
            return Markup("no pack")
        label = data.pack_names.get(pack, str(pack))
        if pack in pack_pages:
            return Markup('<a href="#pack-{}">{}</a>').format(pack, label)
        return Markup("{}").format(label)

    template = _environment().get_template("report.html.j2")
    return template.render(
        data=data,
        plots=_plots(data),
        search=_search_index(data),
        told=told,
        linked=linker,
        wolf_link=wolf_link,
        pack_link=pack_link,
        when=lambda day: data.text.calendar.date(int(day)),
    )


def write_report(data: ReportData, path: str | Path) -> Path:
    """Write the report to ``path``; returns the path."""
    out = Path(path)
    out.write_text(render_report(data), encoding="utf-8")
    return out
