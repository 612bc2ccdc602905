"""Charts drawn from the study file at build time with matplotlib: on /evidence/, studies by
year and design and by section and validation; on each section page, its own studies by design
and validation. SVG with text kept as text, the theme's font and the figure palette's colours
(so both colour schemes work), each chart followed by its numbers as a table for screen readers.

Drawing is cached in ``.cache/charts/`` by the chart's data, so a rebuild with an unchanged
study file does not import matplotlib (about a second)."""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts.i18n import code_label, text
from scripts.studies import DESIGNS, VALIDATIONS, Study

CACHE_FOLDER = Path(".cache") / "charts"
DRAWING = "v3"  # part of a cached drawing's name: change it when the drawing code changes
WIDTH = 4.5  # inches: 324 points, drawn as 324 px before the page scales the chart
FONT_PT = 11
# Matplotlib draws with these stand-in colours; they become the figure palette's variables.
TEXT = "#000001"
GRID = "#000002"
SERIES = ["#0000a1", "#0000a2", "#0000a3", "#0000a4", "#0000a5", "#0000a6", "#0000a7"]
PALETTE = {
    TEXT: "var(--fig-fg, #1f1f1f)",
    GRID: "var(--fig-line, #9aa0b8)",
    SERIES[0]: "var(--fig-c1, #3949ab)",
    SERIES[1]: "var(--fig-c2, #00838f)",
    SERIES[2]: "var(--fig-c3, #2e7d32)",
    SERIES[3]: "var(--fig-c4, #c62828)",
    SERIES[4]: "var(--fig-c5, #757575)",
    SERIES[5]: "var(--fig-c6, #8e24aa)",
    SERIES[6]: "var(--fig-c7, #ef6c00)",
}
VALIDATION_COLOURS = dict(zip(VALIDATIONS, [SERIES[1], SERIES[0], SERIES[2], SERIES[3], SERIES[4]], strict=True))
# Designs grouped into tiers of evidence for the year chart (18 designs would need 18 colours).
DESIGN_GROUPS = {
    "Bench (phantom, animal, simulation)": ("phantom", "animal", "simulation study"),
    "Surveys and reader studies": ("cross-sectional survey", "reader study"),
    "Retrospective and case series": ("case series", "retrospective single-center", "retrospective multicenter",
                                      "retrospective", "design not reported"),
    "Registries and post hoc analyses": ("registry or database analysis", "post hoc analysis of a trial"),
    "Prospective": ("prospective single-center", "prospective multicenter", "prospective"),
    "Randomized trials": ("randomized trial",),
    "Reviews and meta-analyses": ("systematic review", "meta-analysis"),
}
GROUP_OF = {design: group for group, designs in DESIGN_GROUPS.items() for design in designs}


@dataclass(frozen=True)
class Chart:
    """What a chart shows: row labels, series labels and counts[row][series]."""

    kind: str
    title: str
    row_heading: str
    rows: tuple[str, ...]
    series: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    colours: tuple[str, ...]
    horizontal: bool = True
    axis: str = "Studies"

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    def key(self) -> str:
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:24]


def section_chart(studies: list[Study], section: str, lang: str = "en") -> Chart:
    mine = [s for s in studies if s.belongs_to(section)]
    designs = [d for d in DESIGNS if any(s.design == d for s in mine)]
    validations = [v for v in VALIDATIONS if any(s.validation == v for s in mine)]
    counts = Counter((s.design, s.validation) for s in mine)
    return Chart("section", text(lang, "chart.section.title"), text(lang, "chart.design"),
                 tuple(code_label(lang, d) for d in designs),
                 tuple(code_label(lang, v, validation=True) for v in validations),
                 tuple(tuple(counts[(d, v)] for v in validations) for d in designs),
                 tuple(VALIDATION_COLOURS[v] for v in validations), axis=text(lang, "chart.studies"))


def year_chart(studies: list[Study], years: dict[str, str], lang: str = "en") -> Chart:
    by_year = Counter((years.get(s.key, "?"), GROUP_OF[s.design]) for s in studies)
    all_years = sorted({y for y, _ in by_year})
    groups = [g for g in DESIGN_GROUPS if any(g == grp for _, grp in by_year)]
    return Chart("years", text(lang, "chart.years.title"), text(lang, "chart.year"), tuple(all_years),
                 tuple(code_label(lang, g) for g in groups),
                 tuple(tuple(by_year[(y, g)] for g in groups) for y in all_years),
                 tuple(SERIES[list(DESIGN_GROUPS).index(g)] for g in groups), horizontal=False,
                 axis=text(lang, "chart.studies"))


def sections_chart(studies: list[Study], sections: list[tuple[str, str]], lang: str = "en") -> Chart:
    """``sections`` is (slug, label) in reading order. A study discussed on two pages counts on
    each."""
    validations = [v for v in VALIDATIONS if any(s.validation == v for s in studies)]
    rows = [(slug, label) for slug, label in sections if any(s.belongs_to(slug) for s in studies)]
    counts = Counter((sec, s.validation) for s in studies for sec in s.sections)
    return Chart("sections", text(lang, "chart.sections.title"), text(lang, "chart.page"),
                 tuple(label for _, label in rows), tuple(code_label(lang, v, validation=True) for v in validations),
                 tuple(tuple(counts[(slug, v)] for v in validations) for slug, _ in rows),
                 tuple(VALIDATION_COLOURS[v] for v in validations), axis=text(lang, "chart.studies"))


def _draw(chart: Chart) -> str:
    """Drawn about as wide as a phone's text column (WIDTH inches, one point per CSS pixel), so
    that its text stays legible there: a chart only ever shrinks a little. On wider screens the
    stylesheet caps its width (``.figure--chart`` in extra.css), so its text grows a little."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "ai-in-ir", "font.size": FONT_PT,
                                "text.color": TEXT, "axes.labelcolor": TEXT, "xtick.color": TEXT,
                                "ytick.color": TEXT, "axes.edgecolor": GRID})
    rows = len(chart.rows)
    # constrained layout keeps the labels inside the drawing's width; the legend goes under it,
    # one entry a line, since two columns of long labels would not fit a phone's width
    if chart.horizontal:
        figure, axes = plt.subplots(figsize=(WIDTH, 0.3 * rows + 0.3 * len(chart.series) + 0.9),
                                    layout="constrained")
        left = [0] * rows
        for index, (label, colour) in enumerate(zip(chart.series, chart.colours, strict=True)):
            values = [row[index] for row in chart.counts]
            axes.barh(range(rows), values, left=left, color=colour, label=label, height=0.7)
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(range(rows), labels=list(chart.rows))
        axes.invert_yaxis()
        axes.set_xlabel(chart.axis)
        axes.xaxis.grid(True, color=GRID, linewidth=0.5)
    else:
        figure, axes = plt.subplots(figsize=(WIDTH, 3.4 + 0.3 * len(chart.series)), layout="constrained")
        bottom = [0] * rows
        for index, (label, colour) in enumerate(zip(chart.series, chart.colours, strict=True)):
            values = [row[index] for row in chart.counts]
            axes.bar(range(rows), values, bottom=bottom, color=colour, label=label, width=0.75)
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        axes.set_xticks(range(rows), labels=list(chart.rows), rotation=90 if rows > 8 else 0)
        axes.set_ylabel(chart.axis)
        axes.yaxis.grid(True, color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.legend(loc="outside lower left", ncol=1, frameon=False)
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", transparent=True, metadata={"Date": None})
    plt.close(figure)
    return out.getvalue()


def _themed(svg: str) -> str:
    """Stand-in colours become the palette's variables; matplotlib's font becomes the page's;
    the fixed size becomes a scalable one."""
    svg = svg[svg.index("<svg"):]
    for stand_in, variable in PALETTE.items():
        svg = svg.replace(stand_in, variable)
    svg = re.sub(r"font: (\d+(?:\.\d+)?)px '[^']*'", r"font-size: \1px", svg)
    svg = re.sub(r'font-family="[^"]*"', "", svg)
    svg = re.sub(r"font-family: [^;\"]*;? ?", "", svg)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)  # a page-wide "*" rule otherwise
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return "\n".join(line for line in svg.splitlines() if line.strip())


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


def _slim(svg: str) -> str:
    """Matplotlib wraps every tick, label and bar in a ``<g id="...">`` (or a bare ``<g>``)
    that carries nothing else; a phone lays each one out. Unwrap those (their children take
    their place) unless something refers to them."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    referred = set(re.findall(r"(?:url\(#|href=\"#)([^)\"]+)", svg))

    def unwrap(parent) -> None:
        children = []
        for child in list(parent):
            unwrap(child)
            if child.tag == f"{{{SVG_NS}}}g" and set(child.attrib) <= {"id"} and child.get("id") not in referred:
                children.extend(list(child))
            else:
                children.append(child)
        parent[:] = children

    unwrap(root)
    return ET.tostring(root, encoding="unicode")


SVG_ID = re.compile(r'\bid="([^"]+)"')


def unique_ids(svg: str, prefix: str) -> str:
    """Matplotlib names its elements axes_1, patch_1...: prefix every id, and every reference
    to one, so that several charts can share a page."""
    ids = set(SVG_ID.findall(svg))
    for ident in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}-{ident}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{prefix}-{ident})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{prefix}-{ident}"')
    return svg


def chart_svg(chart: Chart, cache_root: Path | None) -> str:
    path = cache_root / CACHE_FOLDER / f"{chart.kind}-{DRAWING}-{chart.key()}.svg" if cache_root else None
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    svg = _slim(_themed(_draw(chart)))
    if path is not None:
        try:  # written whole, then renamed: the two editions build at the same time
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                             suffix=".tmp") as handle:
                handle.write(svg)
            os.replace(handle.name, path)
        except OSError:
            pass
    return svg


def data_table(chart: Chart, lang: str = "en") -> str:
    head = "".join(f'<th scope="col">{html.escape(s)}</th>' for s in chart.series)
    body = "".join(f'<tr><th scope="row">{html.escape(row)}</th>'
                   + "".join(f"<td>{n}</td>" for n in counts) + f"<td>{sum(counts)}</td></tr>"
                   for row, counts in zip(chart.rows, chart.counts, strict=True))
    return (f'<table class="chart-data"><caption>{html.escape(chart.title)}</caption>'
            f'<thead><tr><th scope="col">{html.escape(chart.row_heading)}</th>{head}'
            f'<th scope="col">{text(lang, "chart.all")}</th></tr>'
            f"</thead><tbody>{body}</tbody></table>")


def chart_html(chart: Chart, cache_root: Path | None, caption: str, lang: str = "en") -> str:
    """A chart as a figure: the drawing (one image for assistive technology, named by its
    title), a caption, and its numbers as a table in a collapsible block."""
    svg = unique_ids(chart_svg(chart, cache_root), f"chart-{chart.kind}-{chart.key()[:8]}")
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(chart.title)}: '
                              f'{chart.total}" focusable="false" class="chart"', 1)
    return ('<figure class="figure figure--chart">'
            f'<div class="figure-art">{svg}</div>'
            f'<details class="chart-table"><summary>{text(lang, "chart.numbers")}</summary>'
            f"{data_table(chart, lang)}"
            f"</details><figcaption>{html.escape(caption)}</figcaption></figure>")
