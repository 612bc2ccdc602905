"""Self-assessment files against their rules: every objective assessed, enough items, multiple
choice done properly (four options, one key, a reason for each), open items with a model answer
and a rubric. ``python -m scripts.checks.assessment docs/assessment/x.yml`` checks one file."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from scripts.assessment import KINDS, LETTERS, Assessment, parse_assessment
from scripts.checks.problems import Problem, report
from scripts.sources import read_text

MIN_ITEMS = 8
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_assessment(found: Assessment) -> list[Problem]:
    path = found.path
    if not found.readable:
        return []
    problems: list[Problem] = []
    for key in found.objectives:
        if not ID.match(key):
            problems.append(Problem(path, found.objective_lines[key], f"objective id '{key}' must be lower-case "
                                                                      "words joined by hyphens"))
    seen: dict[str, int] = {}
    assessed: set[str] = set()
    for item in found.items:
        name = f"item '{item.id or '?'}'"
        if not ID.match(item.id):
            problems.append(Problem(path, item.line, f"{name}: 'id' must be lower-case words joined by hyphens"))
        elif item.id in seen:
            problems.append(Problem(path, item.line, f"{name}: id already used on line {seen[item.id]}"))
        seen.setdefault(item.id, item.line)
        if not item.objectives:
            problems.append(Problem(path, item.line, f"{name}: names no objective"))
        for objective in item.objectives:
            if objective not in found.objectives:
                problems.append(Problem(path, item.line, f"{name}: unknown objective '{objective}'"))
            assessed.add(objective)
        if item.kind not in KINDS:
            problems.append(Problem(path, item.line, f"{name}: 'kind' must be one of {', '.join(KINDS)}"))
        if not item.stem:
            problems.append(Problem(path, item.line, f"{name}: has no 'stem'"))
        if item.options:
            letters = tuple(o.letter for o in item.options)
            if letters != LETTERS:
                problems.append(Problem(path, item.line, f"{name}: options must be exactly A, B, C, D "
                                                         f"(found {', '.join(letters)})"))
            keys = [o.letter for o in item.options if o.correct]
            if len(keys) != 1:
                problems.append(Problem(path, item.line, f"{name}: exactly one option must be 'correct: true' "
                                                         f"(found {len(keys)})"))
            for option in item.options:
                if not option.text or not option.why:
                    problems.append(Problem(path, item.line, f"{name}: option {option.letter} needs 'text' and "
                                                             "'why'"))
        else:
            if not item.answer:
                problems.append(Problem(path, item.line, f"{name}: an open item needs an 'answer'"))
            if not 3 <= len(item.rubric) <= 5:
                problems.append(Problem(path, item.line, f"{name}: an open item needs a 'rubric' of 3 to 5 points"))
    for key, line in found.objective_lines.items():
        if key not in assessed:
            problems.append(Problem(path, line, f"objective '{key}' is assessed by no item"))
    if len(found.items) < MIN_ITEMS:
        problems.append(Problem(path, 1, f"has {len(found.items)} items; a section page needs at least {MIN_ITEMS}"))
    choice = sum(1 for i in found.items if i.is_multiple_choice)
    if found.items and choice * 2 < len(found.items):
        problems.append(Problem(path, 1, f"{choice} of {len(found.items)} items are multiple choice; at least "
                                         "half must be"))
    return problems


# Across the site, at least this many items of each kind (issue: calculation, appraisal of a
# mock abstract, case vignette).
SITE_MINIMUM = {"calculation": 6, "appraisal": 6, "vignette": 6}


def check_site_mix(found_by_slug: dict[str, Assessment], folder: str) -> list[Problem]:
    if not found_by_slug:
        return []
    kinds = [item.kind for found in found_by_slug.values() for item in found.items]
    return [Problem(folder, None, f"the site has {kinds.count(kind)} {kind} items; it needs at least {least}")
            for kind, least in SITE_MINIMUM.items() if kinds.count(kind) < least]


def check_section_assessments(site, docs_rel: str, bib_keys: set[str]) -> tuple[list[Problem], dict[str, str]]:
    """Every section page has an assessment file that passes, and shows it through both
    markers; journal-club papers are known; the pre/post test names existing items. Returns the
    problems and the assessment files' text by path (their citations are checked with the
    pages')."""
    from scripts.assessment import ASSESSMENT_FOLDER, assessment_path, load_assessment
    from scripts.markers import find_markers
    from scripts.render.objectives import PRE_POST_FILE

    problems: list[Problem] = []
    texts: dict[str, str] = {}
    found_by_slug: dict[str, Assessment] = {}
    for page in site.sections:
        rel = f"{docs_rel}/{ASSESSMENT_FOLDER}/{page.slug}.yml"
        page_rel = f"{docs_rel}/{page.src}"
        if not assessment_path(site.docs_dir, page.slug).is_file():
            problems.append(Problem(page_rel, 1, f"a section page needs its objectives and items in {rel}"))
            continue
        found, shape = load_assessment(site.docs_dir, page.slug, rel)
        problems += shape
        if found is None:
            continue
        texts[rel] = read_text(assessment_path(site.docs_dir, page.slug))
        found_by_slug[page.slug] = found
        problems += check_assessment(found)
        for entry in found.journal_club:
            for key in entry.papers:
                if key not in bib_keys:
                    problems.append(Problem(rel, None, f"journal club: unknown bib key '{key}'"))
        names = [m.name for m in find_markers(site.markdown(page))[0]]
        for name in ("learning-objectives", "test-yourself"):
            if names.count(name) != 1:
                problems.append(Problem(page_rel, 1, f"a section page shows its '{name}' marker exactly once "
                                                     f"(found {names.count(name)})"))
    pre_post = site.docs_dir / ASSESSMENT_FOLDER / PRE_POST_FILE
    if pre_post.is_file():
        rel = f"{docs_rel}/{ASSESSMENT_FOLDER}/{PRE_POST_FILE}"
        data = yaml.safe_load(read_text(pre_post)) or {}
        for number, ref in enumerate(data.get("items", []), start=1):
            slug, _, item_id = str(ref).partition("#")
            if slug not in found_by_slug or found_by_slug[slug].item(item_id) is None:
                problems.append(Problem(rel, None, f"item {number}: no item '{ref}' (write 'page-slug#item-id')"))
    return problems, texts


def main(argv: list[str] | None = None) -> int:
    problems: list[Problem] = []
    for name in argv if argv is not None else sys.argv[1:]:
        found, shape = parse_assessment(read_text(Path(name)), name)
        problems += shape + check_assessment(found)
    count = report(problems)
    print(f"{count} problem(s)" if count else "OK", file=sys.stderr if count else sys.stdout)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
