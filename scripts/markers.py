"""Page markers: the one syntax by which a page asks the hooks for generated content.

    <!-- name -->            e.g. <!-- evidence-map -->
    <!-- name: argument -->  e.g. <!-- evidence-table: training -->

A marker stands alone on its line. Any HTML comment that starts like one (a single word,
optionally followed by a colon) is read as a marker, so a misspelt or malformed marker is an
error rather than a comment that silently drops a table. Markers inside code are left alone.
scripts/checks/markers.py reports bad markers before the build; scripts/hooks.py expands good
ones through one dispatcher."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.markdown_text import mask_code

# Names, and whether each takes an argument. The hooks' dispatcher must handle exactly these
# (a test checks it).
MARKERS: dict[str, bool] = {
    "evidence-table": True,
    "evidence-map": False,
    "evidence-charts": False,  # /evidence/: the study file in two charts
    "figure": True,  # a figure from docs/figures/ (figures.yml)
    "figures-index": False,  # /instructors/: every figure with its page and downloads, for slides
    "full-bibliography": False,
    "print-edition": False,
    "learning-objectives": False,  # a section page's objectives (docs/assessment/<slug>.yml)
    "test-yourself": False,  # a section page's items
    "objectives-index": False,  # /instructors/: every section page's objectives with deep links
    "discussion-guide": False,  # /instructors/: discussion questions, facilitator notes, journal club
    "reading-times": False,  # /instructors/: reading time of every page
    "pre-post-test": False,  # the pre/post test (docs/assessment/pre-post.yml), without answers
    "pre-post-key": False,  # its answer key, on a page instructors find from /instructors/
    "paste-links": False,
}
VALID = re.compile(r"^<!-- (?P<name>[A-Za-z_][\w-]*)(?:: (?P<arg>[a-z0-9]+(?:-[a-z0-9]+)*))? -->$")
# What starts like a marker: a comment holding one word, optionally followed by ":".
CANDIDATE = re.compile(r"<!--\s*[A-Za-z_][\w-]*\s*(?::[^\n]*?)?-->")


@dataclass(frozen=True)
class Marker:
    line: int
    name: str
    argument: str | None
    text: str


def find_markers(markdown: str) -> tuple[list[Marker], list[tuple[int, str]]]:
    """Well-formed markers, and (line, message) for everything that starts like a marker but
    is not one we know, with its argument when it needs one."""
    good: list[Marker] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(mask_code(markdown).splitlines(), start=1):
        for match in CANDIDATE.finditer(line):
            text = match.group(0)
            valid = VALID.match(line.strip()) if line.strip() == text else None
            if valid is None:
                bad.append((number, f"malformed marker '{text}': write '<!-- name -->' or "
                                    "'<!-- name: argument -->' alone on its line"))
                continue
            name, arg = valid.group("name"), valid.group("arg")
            if name not in MARKERS:
                bad.append((number, f"unknown marker '{name}' (known: {', '.join(sorted(MARKERS))})"))
            elif MARKERS[name] and arg is None:
                bad.append((number, f"marker '{name}' needs an argument: '<!-- {name}: ... -->'"))
            elif not MARKERS[name] and arg is not None:
                bad.append((number, f"marker '{name}' takes no argument"))
            else:
                good.append(Marker(number, name, arg, text))
    return good, bad
