"""Markdown that MkDocs renders without complaint but wrongly: an unclosed ``<details>`` that
swallows the rest of the page, an image without a text alternative, a citation inside link
text (a link nested in a link), and a citation in the front matter (which reaches
``<meta name="description">`` raw)."""

from __future__ import annotations

import re

from scripts.checks.problems import Problem
from scripts.markdown_text import mask_code

DETAILS_OPEN = re.compile(r"<details\b", re.I)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
# ![alt](src){ attrs }: an image; a decorative one says so with role="presentation" or
# the class .decorative in its attribute list.
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)(?P<attrs>\{[^}]*\})?")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
DECORATIVE = re.compile(r'role=["\']?presentation|\.decorative\b')
LINK_TEXT_CITATION = re.compile(r"\[[^\[\]]*\[@[^\]]*\][^\[\]]*\]\(")
# How we worked belongs in the method section of /about/, never in a reader's page: state the
# limit of the field with the date of the search instead.
PROCESS_LANGUAGE = re.compile(r"\b(?:we (?:could not|couldn't|were unable to|did not manage to) "
                              r"(?:verify|find|confirm|retrieve)|could not be verified|complete author list"
                              r"|not retrieved|we could verify)\b", re.I)


def _front_matter_end(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    return next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)


def check_page_structure(markdown: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    raw_lines = markdown.splitlines()
    end = _front_matter_end(raw_lines)
    for number in range(1, end):
        if "[@" in raw_lines[number - 1]:
            problems.append(Problem(path, number, "citation in the front matter: titles and descriptions are "
                                                  "shown as plain text (search results, link previews)"))
    lines = mask_code(markdown).splitlines()
    stack: list[int] = []
    for number, line in enumerate(lines, start=1):
        if number <= end:
            continue
        for token in re.finditer(r"<details\b|</details\s*>", line, re.I):
            if token.group(0).lower().startswith("<details"):
                stack.append(number)
            elif stack:
                stack.pop()
            else:
                problems.append(Problem(path, number, "</details> without an opening <details>"))
        for match in MD_IMAGE.finditer(line):
            if not match.group("alt").strip() and not DECORATIVE.search(match.group("attrs") or ""):
                problems.append(Problem(path, number, "image without a text alternative: write what it shows in "
                                                      "![...], or mark a decorative image { role=\"presentation\" }"))
        for match in HTML_IMAGE.finditer(line):
            tag = match.group(0)
            alt = re.search(r'\balt\s*=\s*"([^"]*)"', tag)
            if (alt is None or not alt.group(1).strip()) and not DECORATIVE.search(tag):
                problems.append(Problem(path, number, "<img> without a text alternative: give it alt=\"...\", or "
                                                      "role=\"presentation\" if it is decorative"))
        process = PROCESS_LANGUAGE.search(line)
        if process:
            problems.append(Problem(path, number, f"'{process.group(0)}' tells readers how the page was made: "
                                                  "fix the gap, or state the limit of the field with the date "
                                                  "of the search (the method belongs on /about/)"))
        if LINK_TEXT_CITATION.search(line):
            problems.append(Problem(path, number, "citation inside link text: it would become a link inside a "
                                                  "link; cite after the link instead"))
    for number in stack:
        problems.append(Problem(path, number, "<details> is never closed: it would hide the rest of the page"))
    masked = mask_code(markdown)
    for comment in re.finditer(r"<!--.*?-->", masked, re.S):
        if "[@" in comment.group(0):
            number = masked.count("\n", 0, comment.start() + comment.group(0).index("[@")) + 1
            problems.append(Problem(path, number, "citation inside an HTML comment: the citation plugin still "
                                                  "adds its reference, which nothing cites; delete it"))
    return problems
