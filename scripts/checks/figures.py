"""Figures against their rules: each SVG is well formed, scalable, titled, all text real text in
the page's font, every colour from the theme's figure palette (so both colour schemes keep
their contrast), nothing loaded from another host, small; each figure described, placed once on
its page, referred to from that page's text, with a text alternative that states a finding and
a current PNG for download. ``python -m scripts.checks.figures docs/figures/x.svg`` checks files."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from xml.parsers import expat

from scripts.checks.problems import Problem, report
from scripts.figures import (
    NARROW,
    NARROW_MAX_WIDTH,
    Figure,
    figure_name,
    narrow_svg_path,
    png_path,
    source_hash,
    svg_path,
)
from scripts.sources import SourceError, read_text

MAX_GZIP_BYTES = 40 * 1024
FORBIDDEN_ELEMENTS = {"script", "foreignObject", "image", "iframe", "style", "audio", "video"}
COLOUR_ATTRIBUTES = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")
PALETTE_COLOUR = re.compile(r"^var\(--fig-[a-z0-9-]+, #[0-9a-fA-F]{3,8}\)$")
PLAIN_COLOURS = {"none", "currentColor", "transparent"}
URL_REFERENCE = re.compile(r"^url\(#[\w-]+\)$")
LOOKS_NOT_SHOWS = re.compile(r"^(?:a |an |the )?(?:figure|diagram|image|picture|illustration|chart|graphic|drawing)\b",
                             re.I)


def _colour_ok(value: str) -> bool:
    value = value.strip()
    return value in PLAIN_COLOURS or bool(PALETTE_COLOUR.match(value)) or bool(URL_REFERENCE.match(value))


def check_svg(text: str, path: str, name: str) -> list[Problem]:
    problems: list[Problem] = []
    parser = expat.ParserCreate()
    elements: list[tuple[str, dict, int, int]] = []  # tag, attributes, line, depth
    depth = [0]

    def start(tag, attrs):
        elements.append((tag, attrs, parser.CurrentLineNumber, depth[0]))
        depth[0] += 1

    def end(tag):
        depth[0] -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        return [Problem(path, error.lineno, f"not well-formed SVG: {expat.ErrorString(error.code)}")]
    if not elements or elements[0][0] != "svg":
        return [Problem(path, 1, "the root element must be <svg>")]
    root = elements[0][1]
    if root.get("xmlns") != "http://www.w3.org/2000/svg":
        problems.append(Problem(path, elements[0][2], 'the <svg> needs xmlns="http://www.w3.org/2000/svg"'))
    if not root.get("viewBox"):
        problems.append(Problem(path, elements[0][2], "the <svg> needs a viewBox, so that it scales"))
    for size in ("width", "height"):
        if size in root:
            problems.append(Problem(path, elements[0][2], f"the <svg> must not set {size}: it scales to the column"))
    children = [e for e in elements if e[3] == 1]
    if not children or children[0][0] != "title":
        problems.append(Problem(path, elements[0][2], "the first element inside <svg> must be its <title>"))
    for tag, attrs, line, _ in elements:
        local = tag.split(":")[-1]
        if local in FORBIDDEN_ELEMENTS:
            problems.append(Problem(path, line, f"<{local}> is not allowed in a figure"))
        for key, value in attrs.items():
            leaves = re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) or value.startswith("//")
            if key in ("href", "xlink:href") and leaves:
                problems.append(Problem(path, line, f"link '{value}' leaves the site: figures link only to our pages"))
            if key in COLOUR_ATTRIBUTES and not _colour_ok(value):
                problems.append(Problem(path, line, f"{key}=\"{value}\": use none, currentColor or a figure colour "
                                                    "var(--fig-..., #fallback)"))
            if key == "style":
                for prop in filter(None, (p.strip() for p in value.split(";"))):
                    name_, _, val = prop.partition(":")
                    if name_.strip() in COLOUR_ATTRIBUTES and not _colour_ok(val):
                        problems.append(Problem(path, line, f"style {name_.strip()}: {val.strip()}: use a figure "
                                                            "colour var(--fig-..., #fallback)"))
                    if name_.strip() == "font-family":
                        problems.append(Problem(path, line, "no font-family: figures use the page's font"))
            if key == "font-family" and value != "inherit":
                problems.append(Problem(path, line, "no font-family: figures use the page's font"))
            if key == "id" and not value.startswith(name):
                problems.append(Problem(path, line, f"id '{value}' must start with the figure's name '{name}'"))
    if not any(tag == "text" for tag, _, _, _ in elements):
        problems.append(Problem(path, 1, "a figure has no <text>: labels must be real text"))
    size = len(gzip.compress(text.encode("utf-8")))
    if size > MAX_GZIP_BYTES:
        problems.append(Problem(path, None, f"{size // 1024} KB gzipped; a figure stays under 40 KB"))
    return problems


def check_figure_files(docs_dir: Path, docs_rel: str, figures: dict[str, Figure],
                       placements: dict[str, list[tuple[str, int]]], references: dict[str, set[str]]) -> list[Problem]:
    """``placements``: figure name -> (page slug, line) of each marker; ``references``: page slug
    -> figure anchors the page's text links to."""
    problems: list[Problem] = []
    yml = f"{docs_rel}/figures/figures.yml"
    on_disk = {figure_name(p): p.name for p in sorted((docs_dir / "figures").glob("*.svg"))}
    for name in sorted(set(on_disk) - set(figures)):
        problems.append(Problem(f"{docs_rel}/figures/{on_disk[name]}", 1,
                                f"figure '{name}' has no entry in figures.yml"))
    for name, figure in figures.items():
        svg = svg_path(docs_dir, name)
        rel = f"{docs_rel}/figures/{name}.svg"
        if not svg.is_file():
            problems.append(Problem(yml, figure.line, f"figure '{name}': no file {rel}"))
            continue
        try:
            text = read_text(svg)
        except SourceError as error:
            problems.append(Problem(rel, error.line, error.message))
            continue
        problems += check_svg(text, rel, name)
        narrow = narrow_svg_path(docs_dir, name)
        if narrow.is_file():
            narrow_rel = f"{docs_rel}/figures/{name}{NARROW}.svg"
            try:
                problems += check_phone_layout(read_text(narrow), narrow_rel, name)
            except SourceError as error:
                problems.append(Problem(narrow_rel, error.line, error.message))
        if LOOKS_NOT_SHOWS.match(figure.alt):
            problems.append(Problem(yml, figure.line, f"figure '{name}': the text alternative describes the look "
                                                      f"('{figure.alt[:30]}...'); state what the figure shows"))
        png = png_path(docs_dir, name)
        if not png.is_file():
            problems.append(Problem(yml, figure.line, f"figure '{name}': no PNG for download; run `make figures`"))
        elif png_source(png) != source_hash(text):
            problems.append(Problem(yml, figure.line, f"figure '{name}': the PNG was made from an older SVG; run "
                                                      "`make figures`"))
        places = placements.get(name, [])
        if len(places) != 1:
            problems.append(Problem(yml, figure.line, f"figure '{name}' must be placed once, with "
                                                      f"'<!-- figure: {name} -->' (found {len(places)})"))
        for slug, line in places:
            if slug != figure.page:
                problems.append(Problem(f"{docs_rel}/{slug}.md", line, f"figure '{name}' belongs on '{figure.page}' "
                                                                        "(figures.yml)"))
            if figure.anchor not in references.get(slug, set()):
                problems.append(Problem(f"{docs_rel}/{slug}.md", line, f"figure '{name}' is never referred to: link "
                                                                        f"to it with [Figure](#{figure.anchor})"))
    return problems


VIEWBOX_WIDTH = re.compile(r'<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)')


def check_phone_layout(text: str, path: str, name: str) -> list[Problem]:
    """A phone layout follows every rule of a figure, is narrow enough that a phone shows its
    text at about its size, and names its ids apart from the wide layout's (both are in the page)."""
    problems = []
    width = VIEWBOX_WIDTH.search(text)
    if width and float(width.group(1)) > NARROW_MAX_WIDTH:
        problems.append(Problem(path, 1, f"a phone layout is at most {NARROW_MAX_WIDTH} units wide "
                                         f"(viewBox width {width.group(1)})"))
    return problems + check_svg(text, path, f"{name}-narrow")


PNG_KEY = "Source-SHA256"


def png_source(path: Path) -> str | None:
    """The SVG hash that `make figures` wrote into the PNG's text chunk."""
    data = path.read_bytes()
    marker = PNG_KEY.encode("latin-1") + b"\x00"
    at = data.find(marker)
    if at == -1:
        return None
    start = at + len(marker)
    return data[start:start + 64].decode("latin-1")


def main(argv: list[str] | None = None) -> int:
    problems: list[Problem] = []
    for name in argv if argv is not None else sys.argv[1:]:
        path = Path(name)
        if path.stem.endswith(NARROW):
            problems += check_phone_layout(read_text(path), name, figure_name(path))
        else:
            problems += check_svg(read_text(path), name, path.stem)
    count = report(problems)
    print(f"{count} problem(s)" if count else "OK", file=sys.stderr if count else sys.stdout)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
