"""Self-assessment files against their rules: every objective assessed, enough items, multiple
choice done properly (four options, one key, a reason for each), open items with a model answer
and a rubric. ``python -m scripts.checks.assessment docs/assessment/x.yml`` checks one file."""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from scripts.assessment import KINDS, LETTERS, Assessment, Item, parse_assessment
from scripts.checks.problems import Problem, report
from scripts.sources import read_text

MIN_ITEMS = 8
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Options that give the answer away. Item-writing guidance (NBME's item-writing guide, Haladyna's
# rules) asks for options of similar length, because test-wise readers pick the longest, and for a
# key that falls on each letter about equally often.
LENGTH_LIMIT = 1.2  # the key may be at most this many times as long as the longest distractor
LONGEST_SHARE = 3   # across a set of items, the key may be the longest option in at most 1/3
LETTER_SPREAD = 0.2  # each letter is the key in an even share of the items, give or take 20%
BALANCED_FROM = 8   # fewer items are too few to ask for an even spread
PLACE_SHARE = 0.4   # the key's place in length order (second longest, ...): at most 40% in one place
PLACE_LEAST = 12    # and every place, the longest to the shortest, in at least one item in 12
PLACES = {1: "longest", 2: "second longest", 3: "third longest", 4: "shortest"}
MARKUP = re.compile(r"\[@[^\]]*\]|[*_`]")


def option_length(text: str) -> int:
    """How long an option looks: its characters without Markdown emphasis and citations, spaces
    collapsed, a Chinese character or full-width punctuation mark counted as two (it is drawn
    twice as wide as a Latin letter, so a Chinese option with Latin abbreviations is not taken
    for a long one)."""
    shown = " ".join(MARKUP.sub("", text).split())
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown)


def find_answer_cues(found: Assessment) -> list[Problem]:
    """Multiple-choice items whose key is much longer than every other option."""
    problems = []
    for item in found.items:
        key = item.correct
        others = [option_length(o.text) for o in item.options if o is not key]
        if key is None or not others:
            continue
        length = option_length(key.text)
        if length > LENGTH_LIMIT * max(others):
            problems.append(Problem(found.path, item.line, f"item '{item.id}': the correct option ({key.letter}) is "
                                    f"{length} characters long, more than {LENGTH_LIMIT} times the longest other "
                                    f"option ({max(others)}): shorten it or lengthen a distractor, so that its length "
                                    "does not give the answer away"))
    return problems


def check_answer_balance(items: list[Item], where: str, whose: str) -> list[Problem]:
    """Across a set of multiple-choice items (``whose``: "the section pages'", "the pre/post
    test's"), the key is on each letter about equally often, and is the longest option in at most
    a third of them."""
    chosen = [item for item in items if item.is_multiple_choice and item.correct is not None]
    if len(chosen) < BALANCED_FROM:
        return []
    problems = []
    count = len(chosen)
    keyed = {letter: sum(item.correct.letter == letter for item in chosen) for letter in LETTERS}
    even = count / len(LETTERS)
    low, high = math.floor(even * (1 - LETTER_SPREAD)), math.ceil(even * (1 + LETTER_SPREAD))
    if any(not low <= n <= high for n in keyed.values()):
        spread = [f"{letter} in {n}" for letter, n in keyed.items()]
        problems.append(Problem(where, None, f"in {whose} {count} multiple-choice items the correct answer is "
                                             f"{', '.join(spread[:-1])} and {spread[-1]}; each letter should be "
                                             f"correct in {low} to {high} of them, so that a reader who always "
                                             "picks one letter gains nothing"))
    places = [place_in_length(item) for item in chosen]
    longest = sum(option_length(item.correct.text) > max(option_length(o.text) for o in item.options
                                                         if o is not item.correct) for item in chosen)
    if longest > count // LONGEST_SHARE:
        problems.append(Problem(where, None, f"in {longest} of {whose} {count} multiple-choice items the correct "
                                             f"option is the longest; at most {count // LONGEST_SHARE} may be (a "
                                             "third), or length gives the answer away"))
    limit, least = math.floor(count * PLACE_SHARE), count // PLACE_LEAST
    for place, name in PLACES.items():
        if places.count(place) < least:
            problems.append(Problem(where, None, f"in only {places.count(place)} of {whose} {count} multiple-choice "
                                                 f"items is the correct option the {name}; at least {least} should "
                                                 f"be (one in {PLACE_LEAST}), or a reader can rule that option out"))
        if place > 1 and places.count(place) > limit:  # the longest has its own, tighter limit above
            problems.append(Problem(where, None, f"in {places.count(place)} of {whose} {count} multiple-choice items "
                                                 f"the correct option is the {name}; at most {limit} may be "
                                                 f"({PLACE_SHARE:.0%}), or the order of lengths still points to the "
                                                 "answer"))
    return problems


def place_in_length(item: Item) -> int:
    """1 when the key is the longest option (or ties with it), 4 when it is the shortest."""
    length = option_length(item.correct.text)
    return 1 + sum(option_length(o.text) > length for o in item.options if o is not item.correct)


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
    problems += find_answer_cues(found)
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
    folder = f"{docs_rel}/{ASSESSMENT_FOLDER}"
    problems += check_answer_balance([i for found in found_by_slug.values() for i in found.items], folder,
                                     "the section pages'")
    pre_post = site.docs_dir / ASSESSMENT_FOLDER / PRE_POST_FILE
    if pre_post.is_file():
        rel = f"{folder}/{PRE_POST_FILE}"
        data = yaml.safe_load(read_text(pre_post)) or {}
        chosen = []
        for number, ref in enumerate(data.get("items", []), start=1):
            slug, _, item_id = str(ref).partition("#")
            if slug not in found_by_slug or found_by_slug[slug].item(item_id) is None:
                problems.append(Problem(rel, None, f"item {number}: no item '{ref}' (write 'page-slug#item-id')"))
            else:
                chosen.append(found_by_slug[slug].item(item_id))
        problems += check_answer_balance(chosen, rel, "the pre/post test's")
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
