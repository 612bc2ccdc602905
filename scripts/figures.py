"""Figures: hand-written SVG sources in ``docs/figures/<name>.svg`` described in
``docs/figures/figures.yml`` (title, text alternative, caption, optional long description, the
page it belongs to). Data only: the checks are in scripts/checks/figures.py, the page output in
scripts/render/figures.py, the charts drawn from the study file in scripts/render/charts.py.

A figure may also have a phone layout, ``<name>.narrow.svg``: the same content laid out for a
phone's width, so that its text stays legible there (the page carries both and shows one).

A page shows a figure where it says ``<!-- figure: <name> -->`` and refers to it with a link
whose text is ``Figure``: ``[Figure](#fig-<name>)``; the build numbers figures per page and
writes the number into every such link."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.checks.problems import Problem
from scripts.sources import SourceError, read_text

FIGURES_FOLDER = "figures"
FIGURES_FILE = "figures.yml"
PNG_FOLDER = "png"
NARROW = ".narrow"  # <name>.narrow.svg: the figure's phone layout (optional)
NARROW_MAX_WIDTH = 400  # viewBox units: drawn at about one unit per CSS pixel on a phone
REQUIRED = ("page", "title", "alt", "caption")
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


@dataclass(frozen=True)
class Figure:
    name: str
    line: int
    page: str
    title: str
    alt: str
    caption: str
    description: str = ""

    @property
    def anchor(self) -> str:
        return f"fig-{self.name}"


def figures_folder(docs_dir: Path) -> Path:
    return docs_dir / FIGURES_FOLDER


def svg_path(docs_dir: Path, name: str) -> Path:
    return figures_folder(docs_dir) / f"{name}.svg"


def narrow_svg_path(docs_dir: Path, name: str) -> Path:
    return figures_folder(docs_dir) / f"{name}{NARROW}.svg"


def figure_name(svg: Path) -> str:
    """The figure a file draws: ``loop`` for both ``loop.svg`` and ``loop.narrow.svg``."""
    return svg.stem.removesuffix(NARROW)


def png_path(docs_dir: Path, name: str) -> Path:
    return figures_folder(docs_dir) / PNG_FOLDER / f"{name}.png"


def source_hash(svg_text: str) -> str:
    """What a figure's PNG records of the SVG it was made from (make figures), so a stale PNG
    is caught by the build."""
    return hashlib.sha256(svg_text.encode("utf-8")).hexdigest()


def read_figures(docs_dir: Path, rel: str) -> tuple[dict[str, Figure], list[Problem]]:
    """Every figure described in figures.yml, by name; problems with the file's shape."""
    path = figures_folder(docs_dir) / FIGURES_FILE
    if not path.is_file():
        return {}, []
    try:
        text = read_text(path)
    except SourceError as error:
        return {}, [Problem(rel, error.line, error.message)]
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(rel, mark.line + 1 if mark else None, f"not valid YAML: {error}")]
    lines = {key.value: key.start_mark.line + 1 for key, _ in (node.value if node is not None else [])}
    figures: dict[str, Figure] = {}
    problems: list[Problem] = []
    for name, entry in data.items():
        line = lines.get(name)
        if not isinstance(entry, dict):
            problems.append(Problem(rel, line, f"figure '{name}' must be a mapping"))
            continue
        missing = [key for key in REQUIRED if not str(entry.get(key) or "").strip()]
        if missing:
            problems.append(Problem(rel, line, f"figure '{name}' is missing {', '.join(missing)}"))
            continue
        figures[str(name)] = Figure(str(name), line or 0, str(entry["page"]).strip(),
                                    " ".join(str(entry["title"]).split()), " ".join(str(entry["alt"]).split()),
                                    str(entry["caption"]).strip(), str(entry.get("description") or "").strip())
    return figures, problems
