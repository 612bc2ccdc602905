"""Citations in the Markdown pages against the bibliography: unknown keys, keys that
mkdocs-bibtex cannot read, and entries that no page cites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .bib import KEY_PATTERN
from .markdown_text import mask_code
from .problems import Problem
from .studies import Study, table_citations

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


def citations_in_docs(docs_dir: Path, root: Path, studies: list[Study] | None = None) -> list[Citation]:
    """Citations on every page, counting the rows of the evidence tables a page includes."""
    found: list[Citation] = []
    for page in sorted(p for p in docs_dir.rglob("*.md") if p.relative_to(docs_dir).parts[0] != "includes"):
        rel = page.relative_to(root).as_posix()
        text = table_citations(page.read_text(encoding="utf-8"), studies or [])
        found.extend(find_citations(text, rel))
    return found
