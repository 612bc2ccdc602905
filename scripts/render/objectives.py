"""What /instructors/ gathers from the section pages' assessment files, so that it can never
drift from the pages it describes: every page's objectives with deep links, discussion
questions with facilitator notes and journal-club pairings, reading times, and the pre/post
test with its answer key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.assessment import ASSESSMENT_FOLDER, Assessment, Item
from scripts.i18n import text
from scripts.render.assessment import answer_markdown, objective_numbers
from scripts.sources import read_text

SECTION = re.compile(r"^## (?P<title>.+?) \{#(?P<id>[\w-]+)\}\s*$", re.M)
SKIP_SECTIONS = {"test-yourself", "cite-this-page", "references"}
PRE_POST_FILE = "pre-post.yml"


def sections_of(markdown: str) -> list[tuple[str, str]]:
    return [(m.group("title"), m.group("id")) for m in SECTION.finditer(markdown)
            if m.group("id") not in SKIP_SECTIONS]


def objectives_markdown(pages: list[tuple[str, str, Assessment]], markdown: dict[str, str], lang: str = "en") -> str:
    """Every section page's objectives, each with the items that assess it, and the page's
    sections (deep links). ``markdown`` is each page's source, by slug."""
    parts = []
    for slug, title, found in pages:
        numbers = objective_numbers(found)
        parts.append(f"### [{title}]({slug}.md) {{#objectives-{slug}}}\n")
        parts.append(text(lang, "instructors.learners") + "\n")
        for key, objective in found.objectives.items():
            items = [f"[{n}]({slug}.md#q-{item.id})" for n, item in enumerate(found.items, start=1)
                     if key in item.objectives]
            parts.append(f"{numbers[key]}. {objective} ({text(lang, 'instructors.questions')} {', '.join(items)})")
        links = " · ".join(f"[{name}]({slug}.md#{anchor})" for name, anchor in sections_of(markdown.get(slug, "")))
        parts.append(f"\n{text(lang, 'instructors.sections')} {links} · [{text(lang, 'quiz.heading')}]"
                     f"({slug}.md#test-yourself) · [{text(lang, 'instructors.guide')}](#discussion-{slug})\n")
    return "\n".join(parts) + "\n"


def _label(key: str, labels: dict[str, str]) -> str:
    return f"[{labels.get(key, key)}](references.md#ref-{key})"


def discussion_markdown(pages: list[tuple[str, str, Assessment]], labels: dict[str, str], lang: str = "en") -> str:
    """Per section page: discussion questions with facilitator notes, and journal-club pairings
    that name their papers and link their full references."""
    parts = []
    for slug, title, found in pages:
        parts.append(f"### {title} {{#discussion-{slug}}}\n")
        # Each page's questions sit in a collapsed block, so the long page lays out ten short
        # summaries rather than sixty questions on load, which cut a phone's blocking time in
        # make bench. The notes stay collapsed inside the block.
        if found.discussion:
            parts.append(f'??? abstract "{text(lang, "instructors.discussion", n=len(found.discussion))}"\n')
        for number, entry in enumerate(found.discussion, start=1):
            parts.append(f"    {number}. {entry.question}\n")
            parts.append(f'        ??? note "{text(lang, "instructors.notes")}"')
            parts.extend("            " + line if line.strip() else "" for line in entry.notes.splitlines())
            parts.append("")
        if found.journal_club:
            parts.append(text(lang, "instructors.journal") + "\n")
            for pair in found.journal_club:
                papers = " and ".join(_label(key, labels) for key in pair.papers)
                parts.append(f"- {papers}: {pair.prompt}")
            parts.append("")
    return "\n".join(parts) + "\n"


def reading_times_markdown(pages: list[tuple[object, int]], lang: str = "en") -> str:
    """A table of every page with its reading time (computed at build time)."""
    rows = [text(lang, "instructors.reading"), "|---|---:|"]
    rows += [f"| [{page.title}]({page.src}) | {text(lang, 'instructors.minutes', n=minutes)} |"
             for page, minutes in pages]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Chosen:
    slug: str
    title: str
    item: Item
    found: Assessment


def pre_post_items(docs_dir: Path, pages: list[tuple[str, str, Assessment]]) -> list[Chosen]:
    """The items named in docs/assessment/pre-post.yml (``- slug#item-id``), in that order.
    Unknown names are reported by the build's checks before this runs."""
    path = docs_dir / ASSESSMENT_FOLDER / PRE_POST_FILE
    if not path.is_file():
        return []
    by_slug = {slug: (title, found) for slug, title, found in pages}
    chosen = []
    for ref in (yaml.safe_load(read_text(path)) or {}).get("items", []):
        slug, _, item_id = str(ref).partition("#")
        if slug in by_slug and (item := by_slug[slug][1].item(item_id)) is not None:
            chosen.append(Chosen(slug, by_slug[slug][0], item, by_slug[slug][1]))
    return chosen


def pre_post_markdown(chosen: list[Chosen], key: bool, lang: str = "en") -> str:
    """The test (questions only, to print or paste), or its answer key (with the reasons and a
    link to the page the question comes from)."""
    parts = []
    for number, c in enumerate(chosen, start=1):
        if key:
            parts.append(f"**{number}.** {text(lang, 'instructors.from')} [{c.title}]({c.slug}.md#q-{c.item.id})"
                         + text(lang, "instructors.from_end") + answer_markdown(c.item, lang))
        else:
            parts.append(f"**{number}.** {c.item.stem}\n")
            parts.extend(f"- **{o.letter}.** {o.text}" for o in c.item.options)
        parts.append("")
    return "\n".join(parts) + "\n"


def paste_links(pages: list[tuple[str, str]], site_url: str) -> str:
    """A plain-text list of full addresses, ready to paste into a syllabus."""
    lines = [f"{title}: {site_url}{'' if slug == 'index' else slug + '/'}" for slug, title in pages]
    return "```text\n" + "\n".join(lines) + "\n```\n"
