"""A section page's learning objectives and self-assessment items, from
``docs/assessment/<slug>.yml`` (format: CONTRIBUTING.md, Self-assessment files). Data only: the checks
are in scripts/checks/assessment.py, the Markdown in scripts/render/assessment.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.checks.problems import Problem
from scripts.sources import SourceError, read_text

ASSESSMENT_FOLDER = "assessment"
KINDS = ("concept", "calculation", "appraisal", "vignette")
LETTERS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Option:
    letter: str
    text: str
    why: str
    correct: bool


@dataclass(frozen=True)
class Item:
    id: str
    line: int
    objectives: tuple[str, ...]
    kind: str
    stem: str
    options: tuple[Option, ...] = ()
    answer: str = ""
    rubric: tuple[str, ...] = ()

    @property
    def is_multiple_choice(self) -> bool:
        return bool(self.options)

    @property
    def correct(self) -> Option | None:
        return next((o for o in self.options if o.correct), None)


@dataclass(frozen=True)
class Discussion:
    question: str
    notes: str


@dataclass(frozen=True)
class JournalClub:
    papers: tuple[str, ...]
    prompt: str


@dataclass
class Assessment:
    path: str
    readable: bool = True  # False when the file is not valid YAML (nothing else is checked)
    objectives: dict[str, str] = field(default_factory=dict)
    objective_lines: dict[str, int] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    discussion: list[Discussion] = field(default_factory=list)
    journal_club: list[JournalClub] = field(default_factory=list)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping, so that problems can name it."""


def _mapping_with_line(loader, node):
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


CITATION_GROUP = re.compile(r"\[@[^\]]*\]")


def _text(value) -> str:
    """A text field, with each citation group on one line (YAML block scalars wrap lines, and
    mkdocs-bibtex reads a group only when it is on one line)."""
    text = "" if value is None else str(value).strip()
    return CITATION_GROUP.sub(lambda m: " ".join(m.group(0).split()), text)


def parse_assessment(text: str, path: str) -> tuple[Assessment, list[Problem]]:
    """The objectives and items of one file, and problems with its shape (wrong types, missing
    keys). Content rules are in scripts/checks/assessment.py."""
    found = Assessment(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        found.readable = False
        return found, [Problem(path, mark.line + 1 if mark else None,
                               f"not valid YAML: {getattr(error, 'problem', None) or error}")]
    if not isinstance(data, dict):
        return found, [Problem(path, 1, "must be a mapping with 'objectives' and 'items'")]
    problems: list[Problem] = []
    objectives = data.get("objectives")
    if not isinstance(objectives, dict) or len(objectives) <= 1:
        problems.append(Problem(path, data.get("__line__", 1), "needs 'objectives': a mapping of id to text"))
        objectives = {}
    for key, value in objectives.items():
        if key == "__line__":
            continue
        found.objectives[str(key)] = _text(value)
        found.objective_lines[str(key)] = objectives.get("__line__", 1)
    items = data.get("items")
    if not isinstance(items, list):
        problems.append(Problem(path, data.get("__line__", 1), "needs 'items': a list"))
        items = []
    for raw in items:
        if not isinstance(raw, dict):
            problems.append(Problem(path, None, "every item must be a mapping"))
            continue
        line = raw.get("__line__")
        objective = raw.get("objective")
        objective_ids = tuple(str(o) for o in (objective if isinstance(objective, list) else [objective]) if o)
        options = []
        raw_options = raw.get("options") or {}
        if not isinstance(raw_options, dict):
            problems.append(Problem(path, line, f"item '{raw.get('id')}': 'options' must map A-D to options"))
            raw_options = {}
        for letter, option in raw_options.items():
            if letter == "__line__":
                continue
            if not isinstance(option, dict):
                problems.append(Problem(path, line, f"item '{raw.get('id')}': option {letter} must have "
                                                    "'text' and 'why'"))
                continue
            options.append(Option(str(letter), _text(option.get("text")), _text(option.get("why")),
                                  option.get("correct") is True))
        rubric = raw.get("rubric") or []
        found.items.append(Item(id=_text(raw.get("id")), line=line or 0, objectives=objective_ids,
                                kind=_text(raw.get("kind")), stem=_text(raw.get("stem")),
                                options=tuple(options), answer=_text(raw.get("answer")),
                                rubric=tuple(_text(r) for r in rubric) if isinstance(rubric, list) else ()))
    for raw in data.get("discussion") or []:
        if isinstance(raw, dict) and raw.get("question"):
            found.discussion.append(Discussion(_text(raw.get("question")), _text(raw.get("notes"))))
        else:
            problems.append(Problem(path, None, "every discussion entry needs a 'question' (and 'notes')"))
    for raw in data.get("journal_club") or []:
        papers = raw.get("papers") if isinstance(raw, dict) else None
        if isinstance(papers, list) and papers:
            found.journal_club.append(JournalClub(tuple(str(p) for p in papers), _text(raw.get("prompt"))))
        else:
            problems.append(Problem(path, None, "every journal_club entry needs 'papers' (bib keys) and 'prompt'"))
    return found, problems


def assessment_path(docs_dir: Path, slug: str) -> Path:
    return docs_dir / ASSESSMENT_FOLDER / f"{slug}.yml"


def load_assessment(docs_dir: Path, slug: str, rel: str) -> tuple[Assessment | None, list[Problem]]:
    path = assessment_path(docs_dir, slug)
    if not path.is_file():
        return None, []
    try:
        return parse_assessment(read_text(path), rel)
    except SourceError as error:
        return None, [Problem(rel, error.line, error.message)]
