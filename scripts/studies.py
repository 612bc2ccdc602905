"""The shared study file (``docs/studies.csv``): one row per study, its vocabulary and its
reader. Data only: the checks are in scripts/checks/studies.py and the tables and the map in
scripts/render/evidence.py.

Columns: ``key,sections,task,design,data,validation,result``. ``sections`` names the section
pages (their slugs) the study belongs to, separated by ``;``: a study that matters to two pages
is one row. ``design`` and ``validation`` take one value each from the vocabularies below; the
rules for both are on /evidence/ (How the table is built)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, replace

from scripts.checks.problems import Problem

STUDIES_FILE = "studies.csv"
COLUMNS = ("key", "sections", "task", "design", "data", "validation", "result")
# The rules for each value are on /evidence/ (How the table is built). A count of centers is
# part of a design only when the study reports it.
DESIGNS = ("phantom", "animal", "simulation study", "cross-sectional survey", "reader study", "case series",
           "retrospective single-center", "retrospective multicenter", "retrospective",
           "registry or database analysis",
           "prospective single-center", "prospective multicenter", "prospective", "post hoc analysis of a trial",
           "randomized trial", "meta-analysis", "systematic review", "design not reported")
# internal: tested only on data from the development source(s); external: on data from a source
# not used for development; prospective: on patients enrolled after the model was fixed; none: no
# held-out test; not applicable: the study evaluates no model of its own (surveys, reviews and
# meta-analyses, trials of a human intervention, regulatory database analyses).
VALIDATIONS = ("internal", "external", "prospective", "none", "not applicable")
SECTION_SEPARATOR = ";"


@dataclass(frozen=True)
class Study:
    line: int
    key: str
    sections: tuple[str, ...]
    task: str
    design: str
    data: str
    validation: str
    result: str

    def belongs_to(self, section: str) -> bool:
        return section in self.sections


def _csv_rows(text: str, columns: tuple[str, ...], path: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The rows of a CSV file with these columns, each with its line and its fields stripped;
    a wrong header, a row with the wrong number of fields or an empty field is reported and
    the row left out."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != columns:
        return [], [Problem(path, 1, f"header must be {','.join(columns)} (found {','.join(header) or 'nothing'})")]
    rows, problems = [], []
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            problems.append(Problem(path, line, "row has the wrong number of fields (quote fields that hold commas)"))
            continue
        values = {name: (row[name] or "").strip() for name in columns}
        missing = [name for name in columns if not values[name]]
        if missing:
            problems.append(Problem(path, line, f"row '{values['key'] or '?'}' is missing {', '.join(missing)}"))
            continue
        rows.append((line, values))
    return rows, problems


def read_studies(text: str, path: str = f"docs/{STUDIES_FILE}") -> tuple[list[Study], list[Problem]]:
    """Parse the CSV; rows with problems are reported and left out."""
    rows, problems = _csv_rows(text, COLUMNS, path)
    studies = []
    for line, values in rows:
        sections = tuple(s.strip() for s in values.pop("sections").split(SECTION_SEPARATOR) if s.strip())
        studies.append(Study(line=line, sections=sections, **values))
    return studies, problems


def studies_of(studies: list[Study], section: str) -> list[Study]:
    return [s for s in studies if s.belongs_to(section)]


# The Chinese edition's study text (docs/zh/studies-zh.csv): one row per study of the English
# file, with the three free-text fields in Chinese. ``source`` is a fingerprint of the English
# row's text (``source_of``), so that a change to the English row fails the build until the
# translation is brought up to date. Designs and validations are codes, shown in each language
# through scripts/i18n.py.
TRANSLATION_FILE = "studies-zh.csv"
TRANSLATION_COLUMNS = ("key", "source", "task", "data", "result")
TRANSLATED_FIELDS = ("task", "data", "result")


@dataclass(frozen=True)
class Translation:
    line: int
    key: str
    source: str
    task: str
    data: str
    result: str


def source_of(study: Study) -> str:
    """The fingerprint of a study's English text that its translation records."""
    text = "\x1f".join(" ".join(getattr(study, name).split()) for name in TRANSLATED_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def read_translations(text: str, path: str) -> tuple[list[Translation], list[Problem]]:
    rows, problems = _csv_rows(text, TRANSLATION_COLUMNS, path)
    return [Translation(line=line, **{name: " ".join(value.split()) for name, value in values.items()})
            for line, values in rows], problems


def translated(studies: list[Study], translations: list[Translation]) -> list[Study]:
    """The studies with their text in the translation's language (a study without a
    translation keeps its English text; the build's checks make sure there is none)."""
    by_key = {t.key: t for t in translations}
    return [replace(s, **{name: getattr(by_key[s.key], name) for name in TRANSLATED_FIELDS})
            if s.key in by_key else s for s in studies]
