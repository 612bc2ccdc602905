"""The site model: which pages exist, in what order, with what titles, slugs, URLs and front
matter. It is read from MkDocs' own configuration (``nav`` in mkdocs.yml) and from each page's
front matter, and nowhere else: the print edition, the evidence tables and map, the
instructors' page, "Cite this page", the URL manifest and the tests all take the list of pages
from here, so a new page added to ``nav`` reaches all of them.

A *section page* is a chapter of the review (the print edition holds them in nav order, and
the evidence tables are grouped by them). A page says it is one in its own front matter::

    ---
    title: Identifying high-risk patients
    description: ...
    kind: section
    short_title: High-risk patients   # optional: the label in narrow places (evidence map)
    ---
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from scripts.sources import read_text

SECTION_KIND = "section"


@dataclass(frozen=True)
class Page:
    """One page in the navigation."""

    src: str  # path relative to docs_dir, "introduction.md"
    title: str  # the title in the navigation
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def slug(self) -> str:
        """'introduction' for introduction.md, 'index' for the home page."""
        return self.src.removesuffix(".md").removesuffix("/index").replace("/", "-") or "index"

    @property
    def url(self) -> str:
        """The address relative to site_url: '' for the home page, 'about/' for about.md."""
        stem = self.src.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"

    @property
    def is_section(self) -> bool:
        return self.meta.get("kind") == SECTION_KIND

    @property
    def short_title(self) -> str:
        return str(self.meta.get("short_title") or self.title)


@dataclass(frozen=True)
class Site:
    docs_dir: Path
    pages: tuple[Page, ...]

    @property
    def sections(self) -> list[Page]:
        """The section pages, in reading (nav) order."""
        return [p for p in self.pages if p.is_section]

    @property
    def section_slugs(self) -> list[str]:
        return [p.slug for p in self.sections]

    def page(self, slug: str) -> Page | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def by_src(self, src: str) -> Page | None:
        return next((p for p in self.pages if p.src == src), None)

    def markdown(self, page: Page) -> str:
        """The page's Markdown, front matter included."""
        return read_text(self.docs_dir / page.src)


def nav_entries(nav: Iterable | None) -> list[tuple[str | None, str]]:
    """(title, file) for every page in a MkDocs ``nav`` (nested sections flattened, external
    links left out), in order. A title of None means "take it from the page"."""
    found: list[tuple[str | None, str]] = []
    for item in nav or []:
        if isinstance(item, str):
            found.append((None, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if "://" not in value:
                        found.append((title, value))
                elif isinstance(value, list):
                    found.extend(nav_entries(value))
    return found


def front_matter(text: str) -> dict:
    """The page's front matter as MkDocs reads it (``{}`` when there is none)."""
    _, meta = get_data(text)
    return meta if isinstance(meta, dict) else {}


def markdown_files(docs_dir: Path, exclude_docs: str | None = "includes/\n") -> list[str]:
    """Every page file under docs_dir (relative, sorted, home first), without those that
    ``exclude_docs`` in mkdocs.yml leaves out (gitignore patterns, read as MkDocs reads them)."""
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines((exclude_docs or "").splitlines())
    found = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    found = [f for f in found if not spec.match_file(f)]
    return sorted(found, key=lambda f: (f != "index.md", f))


def build_site_model(docs_dir: Path, nav: Iterable | None) -> Site:
    """The model for a docs folder and a ``nav`` list (without one, every page in file order,
    as MkDocs does). Pages whose file is missing are left out (the build's checks report
    them with the mkdocs.yml line)."""
    pages = []
    entries = nav_entries(nav) if nav else [(None, src) for src in markdown_files(docs_dir)]
    for title, src in entries:
        path = docs_dir / src
        if not path.is_file():
            continue
        meta = front_matter(read_text(path))
        pages.append(Page(src=src, title=title or str(meta.get("title") or src), meta=meta))
    return Site(docs_dir=docs_dir, pages=tuple(pages))


def site_from_config(config) -> Site:
    """The model for a loaded MkDocs config (inside hooks: ``config`` of ``on_config``)."""
    return build_site_model(Path(config["docs_dir"]), config["nav"])


def load_site(config_file: Path) -> Site:
    """The model for an mkdocs.yml, loaded by MkDocs itself (tools and tests)."""
    from mkdocs.config import load_config

    return site_from_config(load_config(config_file=str(config_file)))
