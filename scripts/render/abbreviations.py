"""Abbreviations in a rendered page: the ``abbr`` extension wraps every use in
``<abbr title>``; we keep the expansion at the first use on a page and make it reachable by
keyboard there (docs/assets/theme.js shows it on hover and focus). Later uses are plain text:
the reader has already seen the expansion, and a dotted underline and a tab stop on every use
would be noise.

A use inside a link is never made focusable: a focusable element inside ``<a>`` is invalid
HTML and gives a keyboard user two tab stops for one link. It keeps its ``title`` and does not
count as the first use, so the next use outside a link is expanded."""

from __future__ import annotations

import re

TOKENS = re.compile(r'<a\b[^>]*>|</a>|<abbr title="(?P<title>[^"]*)">(?P<text>[^<]*)</abbr>')


def focus_first_abbreviations(page_html: str) -> str:
    seen: set[str] = set()
    depth = 0

    def mark(match: re.Match) -> str:
        nonlocal depth
        token, text = match.group(0), match.group("text")
        if text is None:  # a link opens or closes
            depth = depth + 1 if token != "</a>" else max(0, depth - 1)
            return token
        if depth:
            return token if text not in seen else text
        if text in seen:
            return text
        seen.add(text)
        return f'<abbr title="{match.group("title")}" tabindex="0">{text}</abbr>'

    return TOKENS.sub(mark, page_html)


FOOTNOTES = '<div class="footnote">'
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def plain_reference_lists(page_html: str) -> str:
    """No abbreviations in a page's reference list: there the capitals are authors' initials
    ("Wu CC" is not Creative Commons) and titles as published."""
    start = page_html.find(FOOTNOTES)
    if start == -1:
        return page_html
    return page_html[:start] + ABBR.sub(r"\1", page_html[start:])
