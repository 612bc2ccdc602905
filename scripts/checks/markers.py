"""Markers (scripts/markers.py) that the hooks would not understand, or that name a section
page the site does not have."""

from __future__ import annotations

from scripts.checks.problems import Problem
from scripts.markers import find_markers


def check_markers(markdown: str, path: str, sections: list[str]) -> list[Problem]:
    good, bad = find_markers(markdown)
    problems = [Problem(path, line, message) for line, message in bad]
    for marker in good:
        if marker.name == "evidence-table" and marker.argument not in sections:
            problems.append(Problem(path, marker.line, f"evidence table for unknown section '{marker.argument}' "
                                                       f"(section pages: {', '.join(sections)})"))
    return problems
