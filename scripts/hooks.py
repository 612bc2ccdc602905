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
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from scripts import markers
from scripts.assessment import Assessment, load_assessment
from scripts.figures import NARROW, Figure, narrow_svg_path, read_figures, svg_path
from scripts.gitdates import fallback_date, git_dates
from scripts.i18n import text
from scripts.markdown_text import protect_code, restore_code
from scripts.refcache import CACHE_FOLDER, ReferenceCache, fill_registry
from scripts.render import assessment as quiz
from scripts.render import charts, citations, cite, evidence, objectives, print_edition, reading
from scripts.render import figures as figure_render
from scripts.render.abbreviations import focus_first_abbreviations, plain_reference_lists
from scripts.site import Site, site_from_config
from scripts.sources import SourceError, read_text
from scripts.studies import STUDIES_FILE, TRANSLATION_FILE, Study, read_studies, read_translations, translated


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
    lang: str = "en"
    assessments: dict[str, Assessment | None] = field(default_factory=dict)
    reading_words: dict[str, int] = field(default_factory=dict)
    years: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    figure_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)
    root: Path = Path(".")


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
        if not studies.is_file():  # the Chinese edition shares the English study file
            studies = root / "docs" / STUDIES_FILE
        _state.studies = read_studies(read_text(studies))[0] if studies.is_file() else []
        words = docs / TRANSLATION_FILE  # and shows its text in Chinese (checked in scripts/checks/parity.py)
        if words.is_file():
            _state.studies = translated(_state.studies, read_translations(read_text(words), TRANSLATION_FILE)[0])
    except SourceError as error:
        raise PluginError(str(error)) from None
    _state.version = str(config.extra.get("version", "0.0.0"))
    folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    _state.dates = {path[len(folder) + 1:]: date for path, date in git_dates(root, folder).items()
                    if path.startswith(folder + "/")}
    _state.citations = {}
    _state.assessments = {}
    _state.reading_words = {}
    _state.root = root
    _state.lang = str(config.theme["language"] or "en").split("_")[0].split("-")[0]
    _state.figures = read_figures(docs, "figures.yml")[0]
    _state.figure_numbers = figure_render.number_figures(
        {p.slug: [m.argument for m in markers.find_markers(_state.site.markdown(p))[0] if m.name == "figure"]
         for p in _state.site.pages})
    if config.copyright and not config.copyright.startswith("Version "):
        config.copyright = f"Version {_state.version} · {config.copyright}"
    return config


def on_files(files, config):
    """The Chinese edition (docs/zh/) shares the English edition's stylesheet, scripts and study
    file (docs/assets/, docs/studies.csv): they are added to its files from docs/."""
    shared = _state.root / "docs"
    docs = Path(config.docs_dir)
    if docs.resolve() == shared.resolve():
        return files
    for path in sorted((shared / "assets").rglob("*")) + [shared / STUDIES_FILE]:
        if path.is_file():
            rel = path.relative_to(shared).as_posix()
            if files.get_file_from_path(rel) is None:
                files.append(File(rel, str(shared), config.site_dir, config.use_directory_urls))
    return files


def counterpart(src_uri: str) -> tuple[str, str, Path] | None:
    """The same page in the other edition: (language, name, source file), or None."""
    root = _state.root
    if _state.lang == "en":
        other = root / "docs" / "zh" / src_uri
        return ("zh", "中文", other) if other.is_file() else None
    other = root / "docs" / src_uri
    return ("en", "English", other) if other.is_file() else None


def on_page_context(context, page, config, nav):
    """Tell the templates where this page is in the other language (the header's language
    link, and <link rel="alternate" hreflang> in main.html)."""
    found = counterpart(page.file.src_uri)
    if found is None:
        page.alternates = []
        return context
    lang, name, _ = found
    here = config.site_url or ""
    base = here[: -len("zh/")] if _state.lang == "zh" and here.endswith("zh/") else here
    other = (base + "zh/" if lang == "zh" else base) + page.url
    step = "zh/" if lang == "zh" else "../"
    # The theme's script fetches sitemap.xml next to every <link rel="alternate">, expecting an
    # edition's home; written without the trailing slash, a page's address resolves it to its
    # edition's sitemap (the server adds the slash when the link is followed).
    page.alternates = [
        {"lang": _state.lang, "name": text(_state.lang, "language.name"), "href": (here + page.url).rstrip("/")
         if page.url else here},
        {"lang": lang, "name": name, "href": other.rstrip("/") if page.url else other,
         "relative": root_of(page) + step + page.url, "label": text(lang, "language.switch")},
    ]
    return context


def on_pre_build(config):
    """After mkdocs-bibtex has read the bibliography: take PMIDs and study labels from it, and
    give it every formatted reference from the disk cache (scripts/refcache.py)."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or plugin.registry is None:
        return
    data = plugin.registry.bib_data  # parsed once, by mkdocs-bibtex
    _state.pmids = {k: str(e.fields["pmid"]) for k, e in data.entries.items() if "pmid" in e.fields}
    _state.labels = {k: study_label(e) for k, e in data.entries.items()}
    _state.years = {k: str(e.fields.get("year", "?")) for k, e in data.entries.items()}
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


def assessment_of(slug: str) -> Assessment | None:
    """A section page's objectives and items (checked before the build; read once)."""
    if slug not in _state.assessments:
        site = _state.site
        assert site is not None
        _state.assessments[slug] = load_assessment(site.docs_dir, slug, slug)[0]
    return _state.assessments[slug]


def _section_pages(site: Site, root: str) -> list[tuple[str, str, str]]:
    """(slug, title, Markdown with its own markers expanded) for every section page, as the
    print edition shows them: items without their answers, which go to an appendix."""
    found = []
    for page in site.sections:
        text = site.markdown(page)
        src = f"{site.docs_dir.name}/{page.src}"
        found.append((page.slug, str(page.meta.get("title") or page.title),
                      expand_markers(text, Where(src, root, page.slug, answers=False))))
    return found


def _titled_assessments(site: Site) -> list[tuple[str, str, Assessment]]:
    return [(p.slug, str(p.meta.get("title") or p.title), a) for p in site.sections
            if (a := assessment_of(p.slug)) is not None]


@dataclass(frozen=True)
class Where:
    """Where a marker stands: the page's source path (for messages), the relative path to the
    site root (for raw HTML links; Markdown links are resolved by MkDocs), the page's slug, and
    whether answers are shown with their questions (not in the print edition, where they go
    to an appendix)."""

    src: str
    root: str
    slug: str = ""
    answers: bool = True


def _site() -> Site:
    assert _state.site is not None
    return _state.site


def _own_assessment(marker: markers.Marker, where: Where) -> Assessment:
    found = assessment_of(where.slug)
    if found is None:
        raise PluginError(f"{where.src}:{marker.line}: marker '{marker.name}' needs "
                          f"docs/assessment/{where.slug}.yml")
    return found


def _evidence_table(marker: markers.Marker, where: Where) -> str:
    if marker.argument not in _site().section_slugs:
        raise PluginError(f"{where.src}:{marker.line}: evidence table for unknown section '{marker.argument}'")
    lang = _state.lang
    chart = charts.section_chart(_state.studies, marker.argument, lang)
    caption = text(lang, "chart.section.caption", n=chart.total)
    return (charts.chart_html(chart, _state.root, caption, lang) + "\n\n"
            + evidence.evidence_table(_state.studies, marker.argument, _state.labels, lang))


def _evidence_charts(marker: markers.Marker, where: Where) -> str:
    lang = _state.lang
    by_year = charts.year_chart(_state.studies, _state.years, lang)
    by_page = charts.sections_chart(_state.studies, [(p.slug, p.short_title) for p in _site().sections], lang)
    return (charts.chart_html(by_year, _state.root, text(lang, "chart.years.caption", n=by_year.total), lang)
            + "\n\n" + charts.chart_html(by_page, _state.root, text(lang, "chart.sections.caption"), lang) + "\n")


def _figure(marker: markers.Marker, where: Where) -> str:
    figure = _state.figures.get(marker.argument or "")
    if figure is None:
        raise PluginError(f"{where.src}:{marker.line}: no figure '{marker.argument}' in docs/figures/figures.yml")
    number = _state.figure_numbers.get(figure.name, ("", 0))[1]
    return figure_render.figure_markdown(figure, number, where.root, _state.lang)


def _figures_index(marker: markers.Marker, where: Where) -> str:
    """Every figure, for slides: its title, the page it explains and its downloads."""
    rows = [text(_state.lang, "figures.table"), "|---|---|---|"]
    for name, figure in _state.figures.items():
        page = _site().page(figure.page)
        if page is None:
            continue
        rows.append(f"| {figure.title} | [{page.title}]({page.src}#{figure.anchor}) | "
                    f'<a href="{where.root}figures/{name}.svg" download>SVG</a> · '
                    f'<a href="{where.root}figures/{name}.png" download>PNG</a> |')
    return "\n".join(rows) + "\n"


def _paste_links(marker: markers.Marker, where: Where) -> str:
    listed = [(p.slug, p.title) for p in _site().pages if p.slug == "index" or p.is_section
              or p.slug in ("evidence", "glossary", "print")]
    return objectives.paste_links(listed, _state.site_url)


def _pre_post(marker: markers.Marker, where: Where) -> str:
    chosen = objectives.pre_post_items(_site().docs_dir, _titled_assessments(_site()))
    return objectives.pre_post_markdown(chosen, key=marker.name == "pre-post-key", lang=_state.lang)


# The one dispatcher: each marker name (scripts/markers.py) and the function that renders it.
DISPATCH = {
    "evidence-table": _evidence_table,
    "evidence-map": lambda m, w: evidence.evidence_map_html(_state.studies, _state.labels, _site().sections, w.root,
                                                            _state.lang),
    "evidence-charts": _evidence_charts,
    "figure": _figure,
    "figures-index": _figures_index,
    "full-bibliography": lambda m, w: full_bibliography(),
    "print-edition": lambda m, w: (print_edition.print_markdown(_section_pages(_site(), w.root)) + "\n\n"
                                   + quiz.answers_appendix(_titled_assessments(_site()), _state.lang)),
    "learning-objectives": lambda m, w: quiz.objectives_box(_own_assessment(m, w), _state.lang),
    "test-yourself": lambda m, w: quiz.items_section(_own_assessment(m, w), answers=w.answers,
                                                     prefix="" if w.answers else f"{w.slug}-", lang=_state.lang),
    "objectives-index": lambda m, w: objectives.objectives_markdown(
        _titled_assessments(_site()), {p.slug: _site().markdown(p) for p in _site().sections}, _state.lang),
    "discussion-guide": lambda m, w: objectives.discussion_markdown(_titled_assessments(_site()), _state.labels,
                                                                    _state.lang),
    "reading-times": lambda m, w: objectives.reading_times_markdown(
        [(p, reading.minutes(_reading_words(p))) for p in _site().pages], _state.lang),
    "pre-post-test": _pre_post,
    "pre-post-key": _pre_post,
    "paste-links": _paste_links,
}


def render_marker(marker: markers.Marker, where: Where) -> str:
    """The content a marker stands for."""
    handler = DISPATCH.get(marker.name)
    if handler is None:
        raise PluginError(f"{where.src}:{marker.line}: unknown marker '{marker.name}'")
    return handler(marker, where)


def _reading_words(page) -> int:
    if page.src not in _state.reading_words:
        assert _state.site is not None
        _state.reading_words[page.src] = reading.word_count(_state.site.markdown(page))
    return _state.reading_words[page.src]


def expand_markers(markdown: str, where: Where) -> str:
    found, bad = markers.find_markers(markdown)
    if bad:
        line, message = bad[0]
        raise PluginError(f"{where.src}:{line}: {message}")
    lines = markdown.split("\n")
    for marker in found:
        content = render_marker(marker, where)
        lines[marker.line - 1] = lines[marker.line - 1].replace(marker.text, content, 1)
    return "\n".join(lines)


# ---- pages ------------------------------------------------------------------------------------

@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    """Before mkdocs-bibtex: markers, "Cite this page", code protected, References heading."""
    _state.site_url = config.site_url or ""
    src = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    root = root_of(page)
    model = _state.site.by_src(page.file.src_uri) if _state.site else None
    if model is not None:
        markdown = reading.with_reading_time(markdown, _reading_words(model), _state.lang)
    slug = model.slug if model is not None else cite.slug_of(page.file.src_uri)
    markdown = expand_markers(markdown, Where(src, root, slug))
    markdown = stale_translation_note(markdown, page)
    citation = cite.PageCitation(
        slug=cite.slug_of(page.file.src_uri), title=page.meta.get("title") or page.title or page.file.src_uri,
        url=(config.site_url or "") + page.url, site_name=config.site_name, version=_state.version,
        updated=_state.dates.get(page.file.src_uri) or fallback_date(), lang=_state.lang)
    _state.citations[page.file.src_uri] = citation
    markdown = markdown.rstrip() + "\n\n" + cite.cite_block(citation, root, _state.lang)
    markdown = protect_code(markdown)
    return citations.references_section(markdown, root, files.get_file_from_path("references.md") is not None,
                                        _state.lang)


def stale_translation_note(markdown: str, page) -> str:
    """On a Chinese page that translates an older version of its English page, a visible note
    under the title, linking the English page (scripts/tools/translations.py)."""
    found = counterpart(page.file.src_uri)
    if _state.lang != "zh" or found is None:
        return markdown
    from scripts.tools.translations import revision

    if page.meta.get("source_revision") == revision(found[2]):
        return markdown
    english = root_of(page) + "../" + page.url
    note = ('!!! warning "英文版已更新"\n'
            f'    本页译自较早的英文版，<a href="{english}" lang="en">English</a> 版此后已有修改；'
            "译文将随后更新。\n")
    match = re.search(r"^# .+$", markdown, re.M)
    if not match:
        return markdown
    return markdown[:match.end()] + "\n\n" + note + markdown[match.end():]


def _figure_svgs() -> dict[str, str]:
    return {name: read_text(svg_path(_site().docs_dir, name)) for name in _state.figures}


def _phone_layouts() -> dict[str, str]:
    docs = _site().docs_dir
    return {name: read_text(narrow_svg_path(docs, name)) for name in _state.figures
            if narrow_svg_path(docs, name).is_file()}


def on_page_content(html, page, config, files):
    html = restore_code(citations.strip_pandoc_spans(html))
    if 'class="figure-art" data-figure=' in html:
        html = figure_render.place_figures(html, _figure_svgs(), _state.figures, root_of(page), _phone_layouts())
    html = figure_render.number_references(html, _state.figure_numbers, _state.lang)
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
    if _state.figures:
        out = Path(config.site_dir) / "figures"
        out.mkdir(exist_ok=True)
        attribution = (f'Suggested attribution: "{config.site_name}", AI in IR Web Edition Team, '
                       f"{config.site_url or ''}, licensed under CC BY 4.0.")
        phone_layouts = _phone_layouts()
        for name, svg in _figure_svgs().items():
            figure = _state.figures[name]
            (out / f"{name}.svg").write_text(figure_render.standalone_svg(svg, figure, attribution), encoding="utf-8")
            narrow = phone_layouts.get(name)
            if narrow is not None:
                (out / f"{name}{NARROW}.svg").write_text(figure_render.standalone_svg(narrow, figure, attribution),
                                                         encoding="utf-8")
            png = _site().docs_dir / "figures" / "png" / f"{name}.png"
            if png.is_file():
                shutil.copyfile(png, out / f"{name}.png")
