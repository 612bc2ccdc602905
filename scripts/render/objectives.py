"""Gather every section page's learning objectives and deep links for /instructors/, so the
instructors' page can never drift from the pages it describes."""

from __future__ import annotations

import re

OBJECTIVES_BOX = re.compile(r'^!!! abstract "Learning objectives"\n(?P<body>(?:(?:    .*)?\n)+)', re.M)
BULLET = re.compile(r"^    - (?P<text>.+)$", re.M)
SECTION = re.compile(r"^## (?P<title>.+?) \{#(?P<id>[\w-]+)\}\s*$", re.M)
SKIP_SECTIONS = {"test-yourself", "cite-this-page", "references"}


def objectives_of(markdown: str) -> list[str]:
    match = OBJECTIVES_BOX.search(markdown)
    return [m.group("text").strip() for m in BULLET.finditer(match.group("body"))] if match else []


def sections_of(markdown: str) -> list[tuple[str, str]]:
    return [(m.group("title"), m.group("id")) for m in SECTION.finditer(markdown)
            if m.group("id") not in SKIP_SECTIONS]


def objectives_markdown(pages: list[tuple[str, str, str]]) -> str:
    """``pages`` is (slug, title, markdown); returns a Markdown block for the instructors' page."""
    parts = []
    for slug, title, markdown in pages:
        parts.append(f"### [{title}]({slug}.md) {{#objectives-{slug}}}\n")
        parts.append("After reading the page, learners can:\n")
        parts.extend(f"- {text}" for text in objectives_of(markdown))
        links = " · ".join(f"[{name}]({slug}.md#{anchor})" for name, anchor in sections_of(markdown))
        if links:
            parts.append(f"\nSections: {links} · [Test yourself]({slug}.md#test-yourself)\n")
    return "\n".join(parts) + "\n"


def paste_links(pages: list[tuple[str, str]], site_url: str) -> str:
    """A plain-text list of full addresses, ready to paste into a syllabus."""
    lines = [f"{title}: {site_url}{'' if slug == 'index' else slug + '/'}" for slug, title in pages]
    return "```text\n" + "\n".join(lines) + "\n```\n"
