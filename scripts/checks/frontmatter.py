"""Every page starts with YAML front matter holding a non-empty title and description:
MkDocs itself ignores broken front matter silently, and search engines and course
platforms show the description."""

from __future__ import annotations

import yaml

from scripts.checks.problems import Problem

REQUIRED = ("title", "description")


def check_front_matter(text: str, path: str) -> list[Problem]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return [Problem(path, 1, "page must start with YAML front matter ('---' line) "
                                 "holding title and description")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        return [Problem(path, 1, "front matter is not closed by a '---' line")]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        return [Problem(path, line, f"invalid front matter: {reason}")]
    if not isinstance(meta, dict):
        return [Problem(path, 2, "front matter must be a mapping of keys to values")]
    problems = []
    for key in REQUIRED:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(path, 1, f"front matter needs a non-empty '{key}'"))
    return problems
