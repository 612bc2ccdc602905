"""US spelling for English on the site: the English edition and the English glosses of the
Chinese one (the house style asks for US English). British spellings are found with codespell's
own en-GB to en-US word list, a maintained list that ships with the pinned codespell package,
and with the medical spellings that list leaves out (MEDICAL below).
Only what a reader sees is read: ids, keys, link targets, addresses, citations, code and markup
are left alone, so anchors and data codes never change with the spelling.

``python -m scripts.checks.spelling --fix FILE ...`` rewrites the files in US spelling."""

from __future__ import annotations

import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path

from scripts.checks.problems import Problem, report
from scripts.markdown_text import mask_code

# Medical words codespell's list does not carry (it is written for software text).
MEDICAL = {
    "tumour": "tumor", "tumours": "tumors", "multicentre": "multicenter", "haematoma": "hematoma",
    "haematomas": "hematomas", "haemodynamic": "hemodynamic", "haemodynamics": "hemodynamics",
    "haemorrhagic": "hemorrhagic", "ischaemia": "ischemia", "ischaemic": "ischemic", "coeliac": "celiac",
    "aetiology": "etiology", "aetiologies": "etiologies", "oedema": "edema", "oesophageal": "esophageal",
    "paediatric": "pediatric", "anaesthesia": "anesthesia", "anaesthetic": "anesthetic", "leukaemia": "leukemia",
    "orthopaedic": "orthopedic", "diarrhoea": "diarrhea", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "unlabelled": "unlabeled", "enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment",
    "sub-millimetre": "sub-millimeter",
}
# Spellings codespell's list has only in some forms ("programme" but not "programmes").
MEDICAL.update({
    "programmes": "programs", "counselling": "counseling", "counselled": "counseled", "isocentre": "isocenter",
    "isocentres": "isocenters", "travelled": "traveled", "travelling": "traveling", "rivalling": "rivaling",
    "ageing": "aging",
})
# British stems of medical words, found inside longer words (haemoptysis, hypoxaemia, orthopaedic):
# the list above cannot name every word built on them.
STEMS = {"haem": "hem", "aemi": "emi", "oesoph": "esoph", "oedem": "edem", "oestr": "estr", "foet": "fet",
         "paed": "ped", "aetiol": "etiol", "gynaec": "gynec", "melaen": "melen", "dyspnoe": "dyspne",
         "diarrhoe": "diarrhe", "leucocyt": "leukocyt"}
# -ise, -isation and their forms (catheterisation, personalised, generalisability), which codespell's
# list has only for common software words. US English keeps -ise in the words below and in their
# forms (advised, surprising, improvisation); a stem of one or two letters is not an -ise word
# (crises, rising, wiser).
ISE = re.compile(r"^([a-z]{3,}?)is(e|es|ed|ing|er|ers|ation|ations|able|ability)$")
US_ISE = ("arise", "raise", "wise", "guise", "noise", "poise", "cise", "vise", "prise", "promise", "premise",
          "demise", "surmise", "chemise", "expertise", "franchise", "merchandise", "paradise", "treatise", "chastise",
          "despise", "advertise", "bruise", "cruise", "mortise", "valise", "tortoise", "turquoise")
US_ISE_WORDS = {"rise", "anise", "louise", "denise", "elise"}  # "-rise" and "-anise" are British (categorise)
# Names that are spelled the British way by their owners, as written on the page.
NAMES = ("Organisation of training", "organisation-of-training")

WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# What a reader does not see as prose: citations, ids and attribute lists, HTML tags with their
# attributes, link targets, addresses, comments (page markers), and, in data files, keys and the
# values of fields that are identifiers.
HIDDEN = re.compile(r"\[@[^\]]*\]|\{[#:.][^}]*\}|<!--.*?-->|<[A-Za-z/][^>]*>|\]\([^)]*\)|https?://\S+", re.S)
DATA_KEYS = re.compile(r"^\s*-?\s*(?:id|objective|kind|papers)\s*:.*$|^\s*-?\s*[\w-]+(?=\s*:)", re.M)
INLINE_CODE = re.compile(r"`[^`\n]+`")
STUDY_KEYS = re.compile(r"^[^,\n]*,[^,\n]*,", re.M)  # a study row's bib key and section slugs


@cache
def us_spellings() -> dict[str, str]:
    """British spelling -> US spelling, lower case."""
    text = resources.files("codespell_lib").joinpath("data/dictionary_en-GB_to_en-US.txt").read_text("utf-8")
    words = {}
    for line in text.splitlines():
        british, _, american = line.partition("->")
        if american and "," not in american:
            words[british.strip().lower()] = american.strip()
    return {**words, **MEDICAL}


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _visible(text: str, kind: str = "") -> str:
    """The text with everything a reader does not see blanked out, each line kept in place;
    ``kind``: "yml" (keys and identifier fields are not prose) or "csv" (the study file, whose
    first two columns are a bib key and section slugs)."""
    # Indented lines are code only in Markdown; in a data file they are its structure.
    text = mask_code(text) if kind in ("", "md") else INLINE_CODE.sub(_blank, text)
    for name in NAMES:
        text = text.replace(name, " " * len(name))
    text = HIDDEN.sub(_blank, text)
    pattern = {"yml": DATA_KEYS, "csv": STUDY_KEYS}.get(kind)
    return pattern.sub(_blank, text) if pattern else text


def _by_rule(word: str) -> str | None:
    """The US spelling of a lower-case British word the lists do not name, or None."""
    match = ISE.match(word)
    if match and not ((root := match.group(1) + "ise").endswith(US_ISE) or root in US_ISE_WORDS):
        return f"{match.group(1)}iz{match.group(2)}"
    for british, american in STEMS.items():
        if british in word:
            return word.replace(british, american)
    return None


def _us(word: str) -> str | None:
    american = us_spellings().get(word.lower()) or _by_rule(word.lower())
    if american is None:
        parts = word.split("-")
        fixed = [_us(p) or p for p in parts] if len(parts) > 1 else None
        return "-".join(fixed) if fixed and fixed != parts else None
    if word.isupper():
        return american.upper()
    return american[0].upper() + american[1:] if word[0].isupper() else american


def british_words(text: str, kind: str = "") -> list[tuple[int, int, str, str]]:
    """(line, column, British word, US word) for each British spelling a reader would see."""
    found = []
    for number, line in enumerate(_visible(text, kind).splitlines(), start=1):
        for match in WORD.finditer(line):
            american = _us(match.group(0))
            if american:
                found.append((number, match.start(), match.group(0), american))
    return found


def _kind(path: str) -> str:
    return Path(path).suffix.lstrip(".").replace("yaml", "yml")


def find_british_spellings(text: str, path: str) -> list[Problem]:
    return [Problem(path, line, f"British spelling '{word}': write '{american}' (English on this site is in "
                                "US spelling)") for line, _, word, american in british_words(text, _kind(path))]


def to_us(text: str, kind: str = "") -> str:
    """The text in US spelling (what --fix writes)."""
    lines = text.splitlines(keepends=True)
    for line, column, word, american in sorted(british_words(text, kind), reverse=True):
        old = lines[line - 1]
        lines[line - 1] = old[:column] + american + old[column + len(word):]
    return "".join(lines)


# The English sources a reader sees, besides the pages: questions, figure texts and drawings,
# abbreviation expansions and the study file.
OTHER_SOURCES = ("assessment/*.yml", "figures/figures.yml", "figures/*.svg", "includes/abbreviations.md",
                 "studies.csv")


def spelling_checks(root: Path, docs_dir: Path, pages: dict[str, str]) -> list[Problem]:
    from scripts.sources import SourceError, read_text

    problems = []
    for rel, text in pages.items():
        problems += find_british_spellings(text, rel)
    for pattern in OTHER_SOURCES:
        for path in sorted(docs_dir.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            try:
                problems += find_british_spellings(read_text(path), rel)
            except SourceError as error:
                problems.append(Problem(rel, error.line, error.message))
    return problems


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    fix = "--fix" in args
    problems = []
    for name in (a for a in args if a != "--fix"):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        if fix:
            path.write_text(to_us(text, _kind(name)), encoding="utf-8")
        else:
            problems += find_british_spellings(text, name)
    count = report(problems)
    print(f"{count} problem(s)" if count else "OK", file=sys.stderr if count else sys.stdout)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
