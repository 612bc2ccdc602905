"""The shared study file (``docs/studies.csv``): one row per study, validated against a schema
and rendered as each section's "Evidence at a glance" table and as the evidence map.

A page asks for its table with ``<!-- evidence-table: high-risk-patients -->``; the MkDocs hook
replaces the marker before mkdocs-bibtex runs, so each row's ``[@key]`` becomes a numbered
citation on that page, and the citation check counts it."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

from .problems import Problem

STUDIES_FILE = "studies.csv"
COLUMNS = ("key", "section", "task", "design", "data", "validation", "result")
SECTIONS = ("introduction", "high-risk-patients", "treatment-selection", "augmented-reality",
            "training", "challenges", "outlook")
DESIGNS = ("phantom", "animal", "retrospective single-centre", "retrospective multicentre",
           "prospective", "randomised trial", "meta-analysis", "systematic review")
VALIDATIONS = ("internal", "external", "prospective", "none")
TABLE_MARKER = re.compile(r"<!-- evidence-table: (?P<section>[a-z-]+) -->")


@dataclass(frozen=True)
class Study:
    line: int
    key: str
    section: str
    task: str
    design: str
    data: str
    validation: str
    result: str


def read_studies(text: str, path: str = f"docs/{STUDIES_FILE}") -> tuple[list[Study], list[Problem]]:
    """Parse the CSV; rows with problems are reported and left out."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        return [], [Problem(path, 1, f"header must be {','.join(COLUMNS)} (found {','.join(header) or 'nothing'})")]
    studies, problems = [], []
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            problems.append(Problem(path, line, "row has the wrong number of fields (quote fields that hold commas)"))
            continue
        values = {name: (row[name] or "").strip() for name in COLUMNS}
        missing = [name for name in COLUMNS if not values[name]]
        if missing:
            problems.append(Problem(path, line, f"row '{values['key'] or '?'}' is missing {', '.join(missing)}"))
            continue
        studies.append(Study(line=line, **values))
    return studies, problems


def check_studies(studies: list[Study], bib_keys: set[str], path: str = f"docs/{STUDIES_FILE}") -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str, str], int] = {}
    for study in studies:
        name = f"row '{study.key}'"
        if study.key not in bib_keys:
            problems.append(Problem(path, study.line, f"{name}: unknown bib key '{study.key}'"))
        if study.section not in SECTIONS:
            problems.append(Problem(path, study.line, f"{name}: unknown section '{study.section}' "
                                                      f"(one of: {', '.join(SECTIONS)})"))
        if study.design not in DESIGNS:
            problems.append(Problem(path, study.line, f"{name}: unknown design '{study.design}' "
                                                      f"(one of: {', '.join(DESIGNS)})"))
        if study.validation not in VALIDATIONS:
            problems.append(Problem(path, study.line, f"{name}: unknown validation '{study.validation}' "
                                                      f"(one of: {', '.join(VALIDATIONS)})"))
        ident = (study.key, study.section, study.task)
        if ident in seen:
            problems.append(Problem(path, study.line, f"{name}: duplicate of line {seen[ident]}"))
        seen.setdefault(ident, study.line)
    return problems


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def evidence_table(studies: list[Study], section: str, labels: dict[str, str]) -> str:
    """A Markdown table of one section's studies, each row citing its study."""
    rows = [s for s in studies if s.section == section]
    if not rows:
        return ""
    lines = ["| Study | Task | Design | Data | Validation | Headline result |",
             "|---|---|---|---|---|---|"]
    for s in rows:
        label = labels.get(s.key, s.key)
        lines.append(f"| {_cell(label)} [@{s.key}] | {_cell(s.task)} | {_cell(s.design)} | {_cell(s.data)} "
                     f"| {_cell(s.validation)} | {_cell(s.result)} |")
    note = ("\n\n*Design and validation as reported by each study. "
            "[Download every study as CSV](studies.csv) or open the [evidence map](evidence.md).*")
    return "\n".join(lines) + note


def expand_tables(markdown: str, studies: list[Study], labels: dict[str, str]) -> str:
    return TABLE_MARKER.sub(lambda m: evidence_table(studies, m.group("section"), labels), markdown)


def table_citations(markdown: str, studies: list[Study]) -> str:
    """For the citation check: each marker becomes its rows' citations on the marker's own line,
    so the line numbers of the rest of the page stay right."""
    return TABLE_MARKER.sub(lambda m: " ".join(f"[@{s.key}]" for s in studies
                                               if s.section == m.group("section")), markdown)


def unknown_table_sections(markdown: str, path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(markdown.splitlines(), 1):
        for match in TABLE_MARKER.finditer(line):
            if match.group("section") not in SECTIONS:
                problems.append(Problem(path, number, f"evidence table for unknown section '{match.group('section')}'"))
    return problems


MAP_MARKER = "<!-- evidence-map -->"
SECTION_TITLES = {
    "introduction": "AI primer",
    "high-risk-patients": "High-risk patients",
    "treatment-selection": "Choosing the treatment",
    "augmented-reality": "Augmented reality and guidance",
    "training": "Training",
    "challenges": "Challenges",
    "outlook": "Outlook",
}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{_esc(v)}">{_esc(t)}</option>' for v, t in options)
    return (f'<label for="filter-{name}">{label}</label>'
            f'<select id="filter-{name}" name="{name}"><option value="">All</option>{items}</select>')


def _counts(studies: list[Study], field: str, values: tuple[str, ...], caption: str) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_esc(v)}</th><td data-count-{field}="{_esc(v)}">'
        f'{sum(1 for s in studies if getattr(s, field) == v)}</td></tr>'
        for v in values if any(getattr(s, field) == v for s in studies))
    return (f'<table class="evidence-counts"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{field.capitalize()}</th><th scope="col">Studies</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


# The evidence map first shows this many rows; a button shows the rest. Laying out all 103
# rows of long text cost a phone about 300 ms of main-thread time while the page loaded (make
# bench). docs/assets/extra.css hides the rows after the first FIRST_ROWS with
# `nth-child(n+26)`: keep the two in step (tests/test_studies.py checks it).
FIRST_ROWS = 25


def evidence_map_html(studies: list[Study], labels: dict[str, str]) -> str:
    """The /evidence/ page body: filters, counts and one row per study. Plain HTML that works
    without JavaScript (all rows shown, no form). With JavaScript, a small inline script shows
    the form and the first FIRST_ROWS rows before the table is painted; docs/assets/evidence.js
    adds the filtering and the "Show all" button."""
    total = len(studies)
    sections = [s for s in SECTIONS if any(st.section == s for st in studies)]
    form = ('<form id="evidence-filters" class="evidence-filters" hidden aria-controls="evidence-table">'
            + _select("section", "Section", [(s, SECTION_TITLES[s]) for s in sections])
            + _select("design", "Design", [(d, d) for d in DESIGNS if any(s.design == d for s in studies)])
            + _select("validation", "Validation",
                      [(v, v) for v in VALIDATIONS if any(s.validation == v for s in studies)])
            + '<button type="reset" class="md-button">Clear filters</button></form>'
            '<p id="evidence-status" role="status" aria-live="polite">'
            f"Showing {total} of {total} studies.</p>")
    truncated = total > FIRST_ROWS
    # Runs while the page is parsed, before the table: no flash of 103 rows, no layout shift.
    enhance = ('<script>(function () { var map = document.getElementById("evidence-explorer");'
               ' map.classList.add("is-enhanced");'
               ' document.getElementById("evidence-filters").hidden = false;'
               + (f' document.getElementById("evidence-status").textContent ='
                  f' "Showing the first {FIRST_ROWS} of {total} studies.";' if truncated else "")
               + " })();</script>")
    counts = ('<div class="evidence-count-tables">'
              + _counts(studies, "design", DESIGNS, "Studies by design")
              + _counts(studies, "validation", VALIDATIONS, "Studies by validation")
              + "</div>")
    body = "".join(
        f'<tr data-section="{_esc(s.section)}" data-design="{_esc(s.design)}" '
        f'data-validation="{_esc(s.validation)}">'
        f'<td><a href="../references/#ref-{_esc(s.key)}">{_esc(labels.get(s.key, s.key))}</a></td>'
        f'<td><a href="../{_esc(s.section)}/">{_esc(SECTION_TITLES.get(s.section, s.section))}</a></td>'
        f"<td>{_esc(s.task)}</td><td>{_esc(s.design)}</td><td>{_esc(s.data)}</td>"
        f"<td>{_esc(s.validation)}</td><td>{_esc(s.result)}</td></tr>"
        for s in studies)
    truncate = f' data-first="{FIRST_ROWS}" data-truncated' if truncated else ""
    table = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
             f'<table id="evidence-table"{truncate}>'
             "<caption>Every study in the evidence tables of this site</caption>"
             '<thead><tr><th scope="col">Study</th><th scope="col">Section</th><th scope="col">Task</th>'
             '<th scope="col">Design</th><th scope="col">Data</th><th scope="col">Validation</th>'
             f'<th scope="col">Headline result</th></tr></thead><tbody>{body}</tbody></table></div></div>')
    more = (f'<p class="evidence-more"><button type="button" id="evidence-more" class="md-button" hidden'
            f' aria-controls="evidence-table" aria-expanded="false">Show all {total} studies</button></p>'
            if truncated else "")
    script = '<script src="../assets/evidence.js" defer></script>'
    return ('\n\n<div id="evidence-explorer" class="evidence-explorer">\n'
            + form + enhance + "\n" + counts + "\n" + table + "\n" + more + "\n</div>\n\n" + script + "\n\n")
