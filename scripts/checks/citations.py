"""Citations in the Markdown pages against the bibliography: unknown keys, keys that
mkdocs-bibtex cannot read, and entries that no page cites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.checks.bib import KEY_PATTERN
from scripts.checks.problems import Problem
from scripts.markdown_text import mask_code
from scripts.markers import find_markers
from scripts.studies import Study, studies_of

# A bracketed group holding an "@": [@a], [@a; @b], [see @a, p. 3].
CITATION_GROUP = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
# "@key" not preceded by a word character (so e-mail addresses do not count).
CITATION_KEY = re.compile(r"(?<![\w.])@([^\s;,\[\]]+)")
# What mkdocs-bibtex itself reads as a key; anything longer is cut and the citation lost.
PLUGIN_KEY = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Citation:
    path: str
    line: int
    key: str


def find_citations(markdown: str, path: str) -> list[Citation]:
    """Every cited key in a page, with its line, ignoring code and e-mail addresses."""
    found: list[Citation] = []
    for number, line in enumerate(mask_code(markdown).splitlines(), start=1):
        for group in CITATION_GROUP.finditer(line):
            if group.group(1).startswith("^"):
                continue  # a footnote, not a citation
            for key in CITATION_KEY.finditer(group.group(1)):
                found.append(Citation(path, number, key.group(1)))
    return found


def find_citation_extras(markdown: str, path: str) -> list[Problem]:
    """Text inside a citation group besides the keys ("see", "p. 5"): the numeric AMA style
    prints only the superscript number, so mkdocs-bibtex drops that text without a word."""
    problems = []
    for number, line in enumerate(mask_code(markdown).splitlines(), start=1):
        for group in CITATION_GROUP.finditer(line):
            if group.group(1).startswith("^") or not CITATION_KEY.search(group.group(1)):
                continue
            rest = CITATION_KEY.sub("", group.group(1)).replace(";", " ").strip(" ,")
            if rest:
                problems.append(Problem(path, number, f"text '{rest}' inside the citation '[{group.group(1)}]' "
                                                      "would be dropped (the numbered style shows only the "
                                                      "number): put it in the sentence, e.g. 'on page 5 [@key]'"))
    return problems


def table_citations(markdown: str, studies: list[Study]) -> str:
    """For the citation check: each evidence-table marker becomes its rows' citations on the
    marker's own line, so the line numbers of the rest of the page stay right."""
    lines = markdown.split("\n")
    for marker in find_markers(markdown)[0]:
        if marker.name == "evidence-table" and marker.argument:
            cites = " ".join(f"[@{s.key}]" for s in studies_of(studies, marker.argument))
            lines[marker.line - 1] = lines[marker.line - 1].replace(marker.text, cites)
    return "\n".join(lines)


# "[@key]: text" at the start of a line: once mkdocs-bibtex turns it into "[^key]: text", the
# footnotes extension reads it as a footnote definition and swallows the paragraph.
DEFINITION_TRAP = re.compile(r"^\s*\[@[^\]]*\]:")


def find_definition_traps(markdown: str, path: str) -> list[Problem]:
    return [Problem(path, number, "a citation followed by ':' at the start of a line becomes a footnote "
                                  "definition: reword or rewrap the line")
            for number, line in enumerate(mask_code(markdown).splitlines(), start=1)
            if DEFINITION_TRAP.match(line)]


# "[@a;\n@b]": mkdocs-bibtex reads a citation group on one line only; split, it stays raw.
SPLIT_GROUP = re.compile(r"\[[^\[\]]*@[\w-]+[^\[\]]*$")


def find_split_citations(markdown: str, path: str) -> list[Problem]:
    return [Problem(path, number, "citation group is split across lines: keep '[@a; @b]' on one line")
            for number, line in enumerate(mask_code(markdown).splitlines(), start=1)
            if SPLIT_GROUP.search(line)]


def check_citation_keys(citations: list[Citation], bib_keys: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for cite in citations:
        if PLUGIN_KEY.fullmatch(cite.key) is None or not KEY_PATTERN.match(cite.key):
            problems.append(Problem(cite.path, cite.line,
                                    f"citation key '{cite.key}' has characters mkdocs-bibtex "
                                    f"cannot read (keys must match {KEY_PATTERN.pattern})"))
        elif cite.key not in bib_keys:
            problems.append(Problem(cite.path, cite.line, f"unknown citation key '{cite.key}'"))
    return problems


def check_unused_entries(citations: list[Citation], bib_lines: dict[str, int],
                         bib_path: str = "references.bib") -> list[Problem]:
    cited = {cite.key for cite in citations}
    return [Problem(bib_path, line, f"entry '{key}' is not cited on any page")
            for key, line in bib_lines.items() if key not in cited]


def citations_in_pages(pages: dict[str, str], studies: list[Study] | None = None) -> list[Citation]:
    """Citations on every page ({path: Markdown}), counting the rows of the evidence tables a
    page includes."""
    found: list[Citation] = []
    for rel, text in pages.items():
        found.extend(find_citations(table_citations(text, studies or []), rel))
    return found
