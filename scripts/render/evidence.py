"""The study file as pages show it: each section's "Evidence at a glance" table (Markdown, so
that each row's ``[@key]`` becomes a numbered citation on that page) and the /evidence/ map
(HTML from overrides/components/evidence-map.html). Every field of the study file is escaped
here, in one place, for both."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from types import SimpleNamespace

from scripts.i18n import code_label, text
from scripts.render.templates import render
from scripts.site import Page
from scripts.studies import DESIGNS, VALIDATIONS, Study, studies_of

# Characters that Markdown (or a table) would read as syntax, from Python-Markdown's list of
# escapable characters plus "|": backslash-escaped, so a field can never become a link,
# emphasis, code or a new cell. "<", ">" and "&" become entities, and "@" too, so that no
# field reads as a citation.
MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()!|#+])")


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return MARKDOWN_SYNTAX.sub(r"\\\1", escaped).replace("@", "&#64;")


def evidence_table(studies: list[Study], section: str, labels: dict[str, str], lang: str = "en") -> str:
    """A Markdown table of one section's studies, each row citing its study. Its links are
    Markdown links, which MkDocs resolves from the page (all pages sit in docs/ itself)."""
    rows = studies_of(studies, section)
    if not rows:
        return ""
    lines = [text(lang, "table.header"), "|---|---|---|---|---|---|"]
    for s in rows:
        label = labels.get(s.key, s.key)
        cells = [f"{markdown_text(label)} [@{s.key}]"] + [markdown_text(v) for v in
                                                           (s.task, code_label(lang, s.design), s.data,
                                                            code_label(lang, s.validation, validation=True),
                                                            s.result)]
        lines.append("| " + " | ".join(cells) + " |")
    # A collapsed block (pymdownx.details): laying out a whole table of long cells while the
    # page loads cost a phone about 200 ms of main-thread time on the longest pages (make
    # bench); the chart above it shows the same studies. The print edition opens it.
    summary = text(lang, "table.summary", n=len(rows))
    return (f'??? abstract "{summary}"\n' + "\n".join("    " + line for line in lines)
            + "\n\n" + text(lang, "table.note"))


# The evidence map first shows this many rows; a button shows the rest. Laying out all 103
# rows of long text cost a phone about 300 ms of main-thread time while the page loaded (make
# bench). docs/assets/extra.css hides the rows after the first FIRST_ROWS with
# `nth-child(n+26)`: keep the two in step (tests/unit/test_evidence.py checks it).
FIRST_ROWS = 25


# The evidence map's words (the table's columns, filters and status line); docs/assets/evidence.js
# reads the status line's words from the table's data attributes.
MAP = {
    "en": {"section": "Section", "design": "Design", "validation": "Validation", "all": "All",
           "clear": "Clear filters", "study": "Study", "task": "Task", "data": "Data", "result": "Headline result",
           "caption": "Every study in the evidence tables of this site",
           "showing": "Showing {shown} of {total} studies.", "first": "Showing the first {first} of {total} studies.",
           "more": "Show all {total} studies", "fewer": "Show the first {first} only"},
    "zh": {"section": "页面", "design": "设计", "validation": "验证", "all": "全部", "clear": "清除筛选",
           "study": "研究", "task": "任务", "data": "数据", "result": "主要结果", "caption": "本站证据表中的全部研究",
           "showing": "显示 {shown} 项研究，共 {total} 项。", "first": "显示前 {first} 项研究，共 {total} 项。",
           "more": "显示全部 {total} 项研究", "fewer": "只显示前 {first} 项"},
}


@dataclass(frozen=True)
class MapRow:
    study: Study
    label: str
    sections: list[Page]
    design: str
    validation: str


def evidence_map_html(studies: list[Study], labels: dict[str, str], sections: list[Page], root: str,
                      lang: str = "en") -> str:
    """The /evidence/ page body. ``root`` is the relative path from the page to the site root."""
    by_slug = {p.slug: p for p in sections}
    used = [p for p in sections if any(s.belongs_to(p.slug) for s in studies)]
    filters = [
        {"name": "section", "label": MAP[lang]["section"], "options": [(p.slug, p.short_title) for p in used]},
        {"name": "design", "label": MAP[lang]["design"],
         "options": [(d, code_label(lang, d)) for d in DESIGNS if any(s.design == d for s in studies)]},
        {"name": "validation", "label": MAP[lang]["validation"],
         "options": [(v, code_label(lang, v, validation=True)) for v in VALIDATIONS
                     if any(s.validation == v for s in studies)]},
    ]
    rows = [MapRow(s, labels.get(s.key, s.key), [by_slug[x] for x in s.sections if x in by_slug],
                   code_label(lang, s.design), code_label(lang, s.validation, validation=True)) for s in studies]
    return render("evidence-map.html", filters=filters, total=len(studies), rows=rows, root=root,
                  truncated=len(studies) > FIRST_ROWS, first_rows=FIRST_ROWS,
                  # a namespace, not the dict: in Jinja `t.clear` would find dict.clear first
                  t=SimpleNamespace(**MAP[lang]))
