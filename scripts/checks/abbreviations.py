"""Every all-capitals abbreviation on a page must be defined in the shared abbreviation file,
which pymdownx.snippets appends to every page so that the abbr extension can expand it."""

from __future__ import annotations

import re

from scripts.checks.problems import Problem
from scripts.markdown_text import mask_code

ABBREVIATIONS_FILE = "includes/abbreviations.md"
DEFINITION = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>.+)$")
TOKEN = re.compile(r"\b[A-Z][A-Z0-9]+\b")
# Things that are not prose: front matter, comments, tags, link targets, attribute lists,
# citations and bare URLs.
NOT_PROSE = [re.compile(p, re.S) for p in (r"<!--.*?-->", r"<[^>\n]+>", r"\]\([^)\n]*\)",
                                          r"\{[:#.][^}\n]*\}", r"\{ *[\w-]+=[^}\n]*\}",
                                          r"\[@[^\]\n]*\]", r"https?://\S+")]


def read_abbreviations(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = DEFINITION.match(line.strip())
        if match:
            found[match.group("abbr")] = match.group("text")
    return found


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose_of(markdown: str) -> str:
    """The page with code, markup and front matter blanked out, line numbers kept."""
    text = mask_code(markdown)
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            text = re.sub(r"[^\n]", " ", text[: end + 4]) + text[end + 4:]
    for pattern in NOT_PROSE:
        text = pattern.sub(_blank, text)
    return text


def find_undefined_abbreviations(markdown: str, path: str, defined: dict[str, str],
                                 source: str = f"docs/{ABBREVIATIONS_FILE}") -> list[Problem]:
    problems = []
    for number, line in enumerate(prose_of(markdown).splitlines(), start=1):
        for token in TOKEN.findall(line):
            if token not in defined:
                problems.append(Problem(path, number, f"abbreviation '{token}' is not defined in {source}"))
    return problems


def find_conflicting_abbreviations(text: str, path: str) -> list[Problem]:
    """An abbreviation defined twice: the abbr extension silently keeps the last definition,
    on every page."""
    first: dict[str, int] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = DEFINITION.match(line.strip())
        if not match:
            continue
        abbr = match.group("abbr")
        if abbr in first:
            problems.append(Problem(path, number, f"abbreviation '{abbr}' is defined twice (first on line "
                                                  f"{first[abbr]}): keep one definition"))
        first.setdefault(abbr, number)
    return problems
