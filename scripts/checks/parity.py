"""The Chinese edition held to the English one. For every page pair: the same cited reference
keys, the same numbers in the prose, the same explicit heading ids, the same page markers (so
the same evidence tables, figures and questions); for every assessment and figure file: the
same structure (ids, objectives, keys, correct answers) and the same citations and numbers in
every text. The glossary's terms come from the term file, which gives every term a Chinese
name. Chinese typography (full-width punctuation, spaces between Chinese and Latin letters or
digits) follows autocorrect's rules."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml

from scripts.checks.abbreviations import ABBREVIATIONS_FILE
from scripts.checks.problems import Problem
from scripts.markdown_text import mask_code
from scripts.sources import SourceError, read_text
from scripts.studies import (
    STUDIES_FILE,
    TRANSLATED_FIELDS,
    TRANSLATION_FILE,
    Study,
    Translation,
    read_studies,
    read_translations,
    source_of,
)

CITATION = re.compile(r"\[@[^\]]*\]")
EXPLICIT_ID = re.compile(r"\{#([\w-]+)\}|\bid=\"([\w-]+)\"")
MARKER = re.compile(r"^\s*<!--\s*[\w-]+(?::\s*[\w-]+)?\s*-->\s*$", re.M)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
TERMS_FILE = "terms.csv"
# avoid: renderings of the term that the Chinese edition does not use, separated by "|"
TERM_COLUMNS = ("id", "english", "chinese", "abbreviation", "source", "verified", "avoid")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Chinese writes a date in numerals (2028 年 8 月 2 日, GB/T 15835), so in English a month named
# before a year ("2 August 2028", "August and December 2024", "May 2023") counts as its number.
_NAMES = "|".join(MONTHS)
DATED_MONTH = re.compile(rf"\b({_NAMES})\b(?=(?:(?:,?\s+(?:and|or|to)\s+|\s*[-–]\s*)(?:\d{{1,2}}\s+)?(?:{_NAMES}))*"
                         rf"(?:\s+\d{{1,2}},)?\s+\d{{4}}\b)")
# Chinese counts large numbers in 万 (10^4) and 亿 (10^8): 3 million is 300 万, €329 million
# 3.29 亿欧元. A number with its scale word counts as its value in either language.
SCALED = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(million|billion)\b|\s*(万|亿))")
SCALES = {"million": 10**6, "billion": 10**9, "万": 10**4, "亿": 10**8}


def _value(match: re.Match) -> str:
    value = Decimal(match.group(1)) * SCALES[match.group(2) or match.group(3)]
    return f" {value.normalize():f} "


def numbers_of(text: str) -> Counter:
    """The numbers a reader sees in the prose (thousands separators dropped, a month named before
    a year as its number), without those in citations, ids, link targets, markers, addresses,
    code and front matter."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = mask_code(text)
    text = DATED_MONTH.sub(lambda m: f" {MONTHS.index(m.group(1)) + 1} ", text)
    text = SCALED.sub(_value, text)
    for pattern in (CITATION, EXPLICIT_ID, re.compile(r"\]\([^)]*\)"), re.compile(r"<!--.*?-->", re.S),
                    re.compile(r"https?://\S+")):
        text = pattern.sub(" ", text)
    return Counter(n.replace(",", "") if THOUSANDS.fullmatch(n) else n for n in NUMBER.findall(text))


def _difference(kind: str, english: Counter, chinese: Counter) -> str | None:
    if english == chinese:
        return None
    missing = sorted((english - chinese).elements())
    extra = sorted((chinese - english).elements())
    parts = [f"missing {', '.join(missing[:8])}" if missing else "", f"extra {', '.join(extra[:8])}" if extra else ""]
    return f"{kind} differ from the English: " + "; ".join(p for p in parts if p)


LAYOUT_KEYS = ("hide", "search", "template")  # front matter that shapes the page, not its words


def _front_matter(text: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    try:
        data = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return {}  # the build's own front-matter check reports malformed YAML with its line
    return data if isinstance(data, dict) else {}


def compare_layout(english: str, chinese: str, path: str) -> list[Problem]:
    """The Chinese page is laid out like the English one: same template, same hidden parts,
    same place in (or out of) search."""
    a, b = _front_matter(english), _front_matter(chinese)
    return [Problem(path, 2, f"front matter '{key}' differs from the English "
                             f"(English: {_shown(a, key)}; here: {_shown(b, key)})")
            for key in LAYOUT_KEYS if a.get(key) != b.get(key)]


def _shown(data: dict, key: str) -> str:
    return repr(data[key]) if key in data else "none"


def compare_pages(english: str, chinese: str, path: str) -> list[Problem]:
    problems = compare_layout(english, chinese, path)
    checks = [
        ("cited references", Counter(k for g in CITATION.findall(english) for k in re.findall(r"@([\w-]+)", g)),
         Counter(k for g in CITATION.findall(chinese) for k in re.findall(r"@([\w-]+)", g))),
        ("heading ids", Counter(a or b for a, b in EXPLICIT_ID.findall(english)),
         Counter(a or b for a, b in EXPLICIT_ID.findall(chinese))),
        ("numbers", numbers_of(english), numbers_of(chinese)),
    ]
    for kind, a, b in checks:
        message = _difference(kind, a, b)
        if message:
            problems.append(Problem(path, None, message))
    if [m.strip() for m in MARKER.findall(english)] != [m.strip() for m in MARKER.findall(chinese)]:
        problems.append(Problem(path, None, "page markers (evidence tables, figures, questions) differ from the "
                                            "English, or are in another order"))
    return problems


TEXT_KEYS = {"stem", "text", "why", "answer", "question", "notes", "prompt", "caption", "alt", "description",
             "title"}


def _leaves(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, f"{path}[{index}]")
    else:
        yield path, node


def compare_data(english: str, chinese: str, path: str) -> list[Problem]:
    """Two YAML files: the same structure; identical values except translated texts, which keep
    their citations and numbers."""
    try:
        a, b = dict(_leaves(yaml.safe_load(english))), dict(_leaves(yaml.safe_load(chinese)))
    except yaml.YAMLError as error:
        return [Problem(path, None, f"not valid YAML: {error}")]
    problems = []
    if set(a) != set(b):
        missing, extra = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        problems.append(Problem(path, None, f"structure differs from the English: missing {missing[:5]}, "
                                            f"extra {extra[:5]}"))
    for key in sorted(set(a) & set(b)):
        last = re.sub(r"\[\d+\]$", "", key.rsplit("/", 1)[-1])
        translated = last in TEXT_KEYS or key.startswith("/objectives/") or "/rubric" in key
        if translated:
            for kind, found in (("cited references", lambda t: Counter(CITATION.findall(" ".join(str(t).split())))),
                                ("numbers", numbers_of)):
                message = _difference(kind, found(str(a[key])), found(str(b[key])))
                if message:
                    problems.append(Problem(path, None, f"{key}: {message}"))
        elif a[key] != b[key]:
            problems.append(Problem(path, None, f"{key}: must be the same as in the English ({a[key]!r})"))
    return problems


def read_terms(text: str, path: str) -> tuple[dict[str, dict], list[Problem]]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != TERM_COLUMNS:
        return {}, [Problem(path, 1, f"header must be {','.join(TERM_COLUMNS)}")]
    terms, problems = {}, []
    for row in reader:
        if row["id"] in terms:
            problems.append(Problem(path, reader.line_num, f"term '{row['id']}' is listed twice"))
        extra = row.pop(None, [])  # csv.DictReader files surplus fields under None, fills missing ones with None
        fields = sum(value is not None for value in row.values()) + len(extra)
        if fields != len(TERM_COLUMNS):
            problems.append(Problem(path, reader.line_num, f"term '{row['id']}' has {fields} fields, not "
                                                           f"{len(TERM_COLUMNS)} ({','.join(TERM_COLUMNS)})"))
            continue
        if row["verified"] not in ("yes", "no"):
            problems.append(Problem(path, reader.line_num, f"term '{row['id']}': verified must be yes or no, "
                                                           f"not {row['verified']!r}"))
        terms[row["id"]] = dict(row, line=reader.line_num)
        if row.get("verified") == "yes" and not (row.get("source") or "").startswith(("https://", "http://")):
            problems.append(Problem(path, reader.line_num, f"term '{row['id']}' is marked verified without the "
                                                           "address of its source"))
    return terms, problems


GLOSSARY_TERM = re.compile(r'<dt id="(?P<id>[\w-]+)"[^>]*>(?P<term>.*?)</dt>')


def check_glossary_terms(english_glossary: str, chinese_glossary: str, terms: dict[str, dict],
                         path: str, terms_path: str) -> list[Problem]:
    """Every glossary term has a Chinese term in the term file, and the Chinese glossary shows it."""
    problems = []
    shown = {m.group("id"): m.group("term") for m in GLOSSARY_TERM.finditer(chinese_glossary)}
    for match in GLOSSARY_TERM.finditer(english_glossary):
        ident = match.group("id")
        chinese = (terms.get(ident) or {}).get("chinese", "").strip()
        if not chinese:
            problems.append(Problem(terms_path, None, f"glossary term '{ident}' has no Chinese term"))
        elif ident in shown and not shown[ident].startswith(chinese):
            problems.append(Problem(path, None, f"glossary term '{ident}' should read '{chinese}' "
                                                "(terms.csv)"))
    return problems


def check_avoided_terms(text: str, terms: dict[str, dict], path: str, terms_path: str) -> list[Problem]:
    """A term reads the same everywhere: the renderings a term-file row lists under ``avoid`` (a
    synonym the pages once mixed in, or a calque) are named, with their line."""
    avoided = [(variant.strip(), row) for row in terms.values()
               for variant in (row.get("avoid") or "").split("|") if variant.strip()]
    return [Problem(path, number, f"'{variant}' is not this edition's term: write '{row['chinese'].strip()}' "
                                  f"({terms_path}, row {row['id']})")
            for number, line in enumerate(text.splitlines(), start=1)
            for variant, row in avoided if variant in line]


ABBREVIATION_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<expansion>.*)$")


def check_abbreviation_terms(abbreviations: str, terms: dict[str, dict], path: str,
                             terms_path: str) -> list[Problem]:
    """The term file drives the Chinese abbreviation expansions: each one begins with the
    Chinese of its row. A row made for the abbreviation (id ``abbr-...``) wins over a glossary
    term that shares the abbreviation (``ROC`` expands to the characteristic, the glossary
    term is the curve)."""
    by_abbreviation: dict[str, dict] = {}
    for row in terms.values():
        abbreviation = (row.get("abbreviation") or "").strip()
        if abbreviation and (abbreviation not in by_abbreviation or row["id"].startswith("abbr-")):
            by_abbreviation[abbreviation] = row
    problems = []
    for number, line in enumerate(abbreviations.splitlines(), start=1):
        match = ABBREVIATION_LINE.match(line)
        if not match:
            continue
        abbreviation, expansion = match.group("abbr"), match.group("expansion")
        row = by_abbreviation.get(abbreviation)
        if row is None:
            problems.append(Problem(path, number, f"abbreviation '{abbreviation}' has no row in {terms_path}"))
        elif not expansion.startswith(row["chinese"].strip()):
            problems.append(Problem(path, number, f"abbreviation '{abbreviation}' should begin with "
                                                  f"'{row['chinese'].strip()}' ({terms_path}, row {row['id']})"))
    return problems


RULES_FILE = Path(__file__).resolve().parents[2] / ".autocorrectrc"


def load_rules(autocorrect_py) -> None:
    """The project's autocorrect rules (.autocorrectrc at the top of the repository)."""
    if RULES_FILE.is_file():
        autocorrect_py.load_config(RULES_FILE.read_text(encoding="utf-8"))


def check_typography(text: str, path: str) -> list[Problem]:
    """Spacing and punctuation between Chinese and Latin text, as autocorrect formats a Markdown
    file (``python -m scripts.tools.zh_format`` applies it)."""
    import autocorrect_py

    load_rules(autocorrect_py)

    fixed = autocorrect_py.format_for(text, "page.md")
    if fixed == text:
        return []
    problems = []
    for number, (line, good) in enumerate(zip(text.splitlines(), fixed.splitlines(), strict=False), start=1):
        if line != good:
            problems.append(Problem(path, number, f"Chinese typography: write '{good.strip()[:80]}'"))
    return problems or [Problem(path, None, "Chinese typography: run python -m scripts.tools.zh_format")]


# English month names in the study file's dates ("1 Jan-17 Aug 2018") are numbers in Chinese
# ("2018 年 1 月 1 日至 8 月 17 日").
MONTH = re.compile(r"\b(" + "|".join(sorted({*MONTHS, *(m[:3] for m in MONTHS), "Sept"}, key=len, reverse=True))
                   + r")\b\.?")


def _study_numbers(text: str, english: bool) -> Counter:
    if english:
        text = MONTH.sub(lambda m: f" {[n[:3] for n in MONTHS].index(m.group(1)[:3]) + 1} ", text)
    return numbers_of(text)


def compare_studies(studies: list[Study], translations: list[Translation], path: str,
                    english_path: str) -> list[Problem]:
    """The Chinese study text against the English study file: one row per study, made from the
    English row as it is now (its ``source``), with the same numbers in every field and
    autocorrect's Chinese typography."""
    import autocorrect_py

    load_rules(autocorrect_py)
    problems: list[Problem] = []
    english = {s.key: s for s in studies}
    seen: dict[str, int] = {}
    for row in translations:
        name = f"row '{row.key}'"
        if row.key in seen:
            problems.append(Problem(path, row.line, f"{name}: the study is already on line {seen[row.key]}"))
            continue
        seen[row.key] = row.line
        study = english.get(row.key)
        if study is None:
            problems.append(Problem(path, row.line, f"{name}: no such study in {english_path}"))
            continue
        if row.source != source_of(study):
            problems.append(Problem(path, row.line, f"{name}: the English row ({english_path}:{study.line}) has "
                                                    "changed since it was translated; translate it again and set "
                                                    f"source to {source_of(study)}"))
        for field in TRANSLATED_FIELDS:
            chinese = getattr(row, field)
            difference = _difference("numbers", _study_numbers(getattr(study, field), english=True),
                                     _study_numbers(chinese, english=False))
            if difference:
                problems.append(Problem(path, row.line, f"{name} {field}: {difference}"))
            fixed = autocorrect_py.format_for(chinese, "page.md")
            if fixed != chinese:
                problems.append(Problem(path, row.line, f"{name} {field}: Chinese typography: write '{fixed[:80]}'"))
    for study in studies:
        if study.key not in seen:
            problems.append(Problem(path, None, f"has no Chinese text for study '{study.key}' "
                                                f"({english_path}:{study.line})"))
    return problems


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def parity_checks(root: Path, english_docs: Path, chinese_docs: Path) -> list[Problem]:
    problems: list[Problem] = []
    terms_path = chinese_docs / TERMS_FILE
    terms: dict[str, dict] = {}
    if terms_path.is_file():
        terms, term_problems = read_terms(read_text(terms_path), _rel(terms_path, root))
        problems += term_problems
    else:
        problems.append(Problem(_rel(chinese_docs, root), None, f"needs the term file {TERMS_FILE}"))
    pages = sorted(p.relative_to(english_docs).as_posix() for p in english_docs.glob("*.md"))
    for rel in pages:
        zh = chinese_docs / rel
        if not zh.is_file():
            problems.append(Problem(_rel(english_docs / rel, root), None,
                                    f"has no Chinese edition ({_rel(zh, root)})"))
            continue
        try:
            english, chinese = read_text(english_docs / rel), read_text(zh)
        except SourceError as error:
            problems.append(Problem(_rel(error.path, root), error.line, error.message))
            continue
        problems += compare_pages(english, chinese, _rel(zh, root))
        problems += check_typography(chinese, _rel(zh, root))
    for folder, pattern in (("assessment", "*.yml"), ("figures", "figures.yml")):
        for english_file in sorted((english_docs / folder).glob(pattern)):
            zh = chinese_docs / folder / english_file.name
            if not zh.is_file():
                problems.append(Problem(_rel(english_file, root), None, f"has no Chinese edition ({_rel(zh, root)})"))
                continue
            problems += compare_data(read_text(english_file), read_text(zh), _rel(zh, root))
    for svg in sorted((english_docs / "figures").glob("*.svg")):
        if not (chinese_docs / "figures" / svg.name).is_file():
            problems.append(Problem(_rel(svg, root), None, "has no Chinese edition "
                                                           f"({_rel(chinese_docs / 'figures' / svg.name, root)})"))
    english_studies = english_docs / STUDIES_FILE
    if english_studies.is_file():
        chinese_studies = chinese_docs / TRANSLATION_FILE
        studies, _ = read_studies(read_text(english_studies))  # its own problems are reported once, by the build
        if not chinese_studies.is_file():
            problems.append(Problem(_rel(english_studies, root), None,
                                    f"has no Chinese edition ({_rel(chinese_studies, root)})"))
        else:
            translations, row_problems = read_translations(read_text(chinese_studies), _rel(chinese_studies, root))
            problems += row_problems + compare_studies(studies, translations, _rel(chinese_studies, root),
                                                       _rel(english_studies, root))
    # Every Chinese text a reader sees, for the renderings the term file avoids.
    for path in sorted({*chinese_docs.glob("*.md"), *chinese_docs.glob("assessment/*.yml"),
                        *chinese_docs.glob("figures/*.yml"), *chinese_docs.glob("figures/*.svg"),
                        *chinese_docs.glob("includes/*.md"), chinese_docs / TRANSLATION_FILE}):
        if path.is_file():
            try:
                problems += check_avoided_terms(read_text(path), terms, _rel(path, root), _rel(terms_path, root))
            except SourceError:
                continue  # reported, with its line, where the file is read for its own checks
    if terms_path.is_file():
        if (english_docs / "glossary.md").is_file() and (chinese_docs / "glossary.md").is_file():
            problems += check_glossary_terms(read_text(english_docs / "glossary.md"),
                                             read_text(chinese_docs / "glossary.md"), terms,
                                             _rel(chinese_docs / "glossary.md", root), _rel(terms_path, root))
        abbreviations = chinese_docs / ABBREVIATIONS_FILE
        if abbreviations.is_file():
            problems += check_abbreviation_terms(read_text(abbreviations), terms, _rel(abbreviations, root),
                                                 _rel(terms_path, root))
    return problems
