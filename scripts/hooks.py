"""MkDocs hooks: where MkDocs' events meet the project's code. Each event is a short pipeline
of named steps; the steps live in scripts/render/ (what goes into pages) and read the site
model (scripts/site.py). The checks in scripts/checks/ have already passed when these run
(``python -m scripts.build``); where a hook meets something it cannot handle it raises a
PluginError naming the file and line, never a traceback.

Order of events for a page (mkdocs-bibtex runs its own on_page_markdown at priority 0):

1. ``on_page_markdown`` (priority 100, before mkdocs-bibtex): expand page markers through one
   dispatcher; append "Cite this page"; hide ``@`` inside code from mkdocs-bibtex; end a citing
   page with its References heading.
2. ``on_page_content``: restore code, drop pandoc's span markup, expand each abbreviation at
   its first use, group citations, finish the reference list.
3. ``on_post_page``: citation meta tags in ``<head>``.

MkDocs caches hook modules: after editing this file or anything it imports, restart
``make serve``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts import markers
from scripts.gitdates import fallback_date, git_dates
from scripts.markdown_text import protect_code, restore_code
from scripts.refcache import CACHE_FOLDER, ReferenceCache, fill_registry
from scripts.render import citations, cite, evidence, objectives, print_edition
from scripts.render.abbreviations import focus_first_abbreviations, plain_reference_lists
from scripts.site import Site, site_from_config
from scripts.sources import SourceError, read_text
from scripts.studies import STUDIES_FILE, Study, read_studies


@dataclass
class State:
    """What the hooks read once per build."""

    site: Site | None = None
    bib_path: Path | None = None
    bib_text: str = ""
    pmids: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    studies: list[Study] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    version: str = ""
    citations: dict[str, cite.PageCitation] = field(default_factory=dict)
    cache: ReferenceCache | None = None
    site_url: str = ""


_state = State()


def study_label(entry) -> str:
    """'Surname Year' for a bib entry, as the first column of evidence tables."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surname = " ".join(people[0].prelast_names + people[0].last_names) if people else ""
    surname = surname.replace("{", "").replace("}", "")
    return f"{surname or entry.fields.get('title', '?')[:30]} {entry.fields.get('year', '')}".strip()


def root_of(page) -> str:
    """The relative path from a page to the site root ('' for the home page)."""
    return "../" * page.url.count("/")


# ---- configuration ----------------------------------------------------------------------------

@event_priority(100)
def on_config(config):
    """Before mkdocs-bibtex reads its settings: resolve the CSL style to the installed file;
    read the site model, the bibliography, the study file and the page dates."""
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    try:
        _state.site = site_from_config(config)
        plugin = config.plugins.get("bibtex")
        if plugin is not None:
            plugin.config.csl_file = citations.resolve_style(plugin.config.csl_file)
            _state.bib_path = root / plugin.config.bib_file
            _state.bib_text = read_text(_state.bib_path)
            _state.cache = ReferenceCache(root / CACHE_FOLDER, Path(plugin.config.csl_file))
        studies = docs / STUDIES_FILE
        _state.studies = read_studies(read_text(studies))[0] if studies.is_file() else []
    except SourceError as error:
        raise PluginError(str(error)) from None
    _state.version = str(config.extra.get("version", "0.0.0"))
    folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    _state.dates = {path[len(folder) + 1:]: date for path, date in git_dates(root, folder).items()
                    if path.startswith(folder + "/")}
    _state.citations = {}
    if config.copyright and not config.copyright.startswith("Version "):
        config.copyright = f"Version {_state.version} · {config.copyright}"
    return config


def on_pre_build(config):
    """After mkdocs-bibtex has read the bibliography: take PMIDs and study labels from it, and
    give it every formatted reference from the disk cache (scripts/refcache.py)."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or plugin.registry is None:
        return
    data = plugin.registry.bib_data  # parsed once, by mkdocs-bibtex
    _state.pmids = {k: str(e.fields["pmid"]) for k, e in data.entries.items() if "pmid" in e.fields}
    _state.labels = {k: study_label(e) for k, e in data.entries.items()}
    if _state.cache is not None:
        fill_registry(plugin.registry, _state.cache)


# ---- markers ----------------------------------------------------------------------------------

def full_bibliography() -> str:
    if _state.bib_path is None:
        return ""
    style = citations.STYLES_DIR / citations.FULL_BIBLIOGRAPHY_STYLE
    cache = _state.cache
    ident = "full:" + hashlib.sha256(f"{style.read_text(encoding='utf-8')}\0{_state.bib_text}".encode()).hexdigest()
    text = cache.get(ident) if cache is not None else None
    if text is None:
        text = pypandoc.convert_text("---\nnocite: '@*'\n---\n", to="html", format="markdown",
                                     extra_args=["--citeproc", "--bibliography", str(_state.bib_path),
                                                 "--csl", str(style)])
        if cache is not None:
            cache.put(ident, text)
    return citations.finish_full_bibliography(text, _state.pmids)


def _section_pages(site: Site) -> list[tuple[str, str, str]]:
    """(slug, title, Markdown with its own markers expanded) for every section page."""
    found = []
    for page in site.sections:
        text = site.markdown(page)
        src = f"{site.docs_dir.name}/{page.src}"
        found.append((page.slug, str(page.meta.get("title") or page.title), expand_markers(text, src, "")))
    return found


def render_marker(marker: markers.Marker, src: str, root: str) -> str:
    """The one dispatcher: the content a marker stands for. ``root`` leads from the page being
    built to the site root (for raw HTML links; Markdown links are resolved by MkDocs)."""
    site = _state.site
    assert site is not None
    if marker.name == "evidence-table":
        if marker.argument not in site.section_slugs:
            raise PluginError(f"{src}:{marker.line}: evidence table for unknown section '{marker.argument}'")
        return evidence.evidence_table(_state.studies, marker.argument, _state.labels)
    if marker.name == "evidence-map":
        return evidence.evidence_map_html(_state.studies, _state.labels, site.sections, root)
    if marker.name == "full-bibliography":
        return full_bibliography()
    if marker.name == "print-edition":
        return print_edition.print_markdown(_section_pages(site))
    if marker.name == "learning-objectives":
        return objectives.objectives_markdown([(p.slug, str(p.meta.get("title") or p.title), site.markdown(p))
                                               for p in site.sections])
    if marker.name == "paste-links":
        listed = [(p.slug, p.title) for p in site.pages if p.slug == "index" or p.is_section
                  or p.slug in ("evidence", "glossary", "print")]
        return objectives.paste_links(listed, _state.site_url)
    raise PluginError(f"{src}:{marker.line}: unknown marker '{marker.name}'")


def expand_markers(markdown: str, src: str, root: str) -> str:
    found, bad = markers.find_markers(markdown)
    if bad:
        line, message = bad[0]
        raise PluginError(f"{src}:{line}: {message}")
    lines = markdown.split("\n")
    for marker in found:
        lines[marker.line - 1] = lines[marker.line - 1].replace(marker.text, render_marker(marker, src, root), 1)
    return "\n".join(lines)


# ---- pages ------------------------------------------------------------------------------------

@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    """Before mkdocs-bibtex: markers, "Cite this page", code protected, References heading."""
    _state.site_url = config.site_url or ""
    src = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    root = root_of(page)
    markdown = expand_markers(markdown, src, root)
    citation = cite.PageCitation(
        slug=cite.slug_of(page.file.src_uri), title=page.meta.get("title") or page.title or page.file.src_uri,
        url=(config.site_url or "") + page.url, site_name=config.site_name, version=_state.version,
        updated=_state.dates.get(page.file.src_uri) or fallback_date())
    _state.citations[page.file.src_uri] = citation
    markdown = markdown.rstrip() + "\n\n" + cite.cite_block(citation, root)
    markdown = protect_code(markdown)
    return citations.references_section(markdown, root, files.get_file_from_path("references.md") is not None)


def on_page_content(html, page, config, files):
    html = restore_code(citations.strip_pandoc_spans(html))
    html = focus_first_abbreviations(plain_reference_lists(html))
    return citations.finish_footnotes(citations.group_citations(html), _state.pmids)


def on_post_page(output, page, config):
    citation = _state.citations.get(page.file.src_uri)
    if citation is None or "</head>" not in output:
        return output
    return output.replace("</head>", cite.meta_tags(citation) + "</head>", 1)


# The published references.bib is for readers' reference managers: our "% verified:" notes
# stay in the repository.
BIB_COMMENT = re.compile(r"^%.*\n?", re.M)


def on_post_build(config):
    folder = Path(config.site_dir) / "cite"
    folder.mkdir(exist_ok=True)
    for citation in _state.citations.values():
        (folder / f"{citation.slug}.bib").write_text(cite.bibtex(citation), encoding="utf-8")
        (folder / f"{citation.slug}.ris").write_text(cite.ris(citation), encoding="utf-8")
    if _state.bib_path is not None:
        published = re.sub(r"\n{3,}", "\n\n", BIB_COMMENT.sub("", _state.bib_text)).lstrip()
        (Path(config.site_dir) / "references.bib").write_text(published, encoding="utf-8")
    if _state.cache is not None:
        _state.cache.save()
