"""One version for the edition. Readers meet it in three places: the footer and "Cite this page"
(``extra.version`` in mkdocs.yml), the changelog's newest entry, and CITATION.cff (what reference
managers import, with its release date). A release that changes one of them and not the others
gives a course two versions of the same text; the build holds them together."""

from __future__ import annotations

import re

import yaml

from scripts.checks.problems import Problem

RELEASE_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d\d-\d\d)\b")


def newest_release(changelog: str) -> tuple[int, str, str] | None:
    """(line, version, date) of the changelog's first release heading."""
    for number, line in enumerate(changelog.splitlines(), 1):
        match = RELEASE_HEADING.match(line)
        if match:
            return number, match.group(1), match.group(2)
    return None


def _line_of(text: str, key: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")), 1)


def check_release(version: str, config_rel: str, changelog: str, changelog_rel: str,
                  cff: str | None = None, cff_rel: str = "CITATION.cff") -> list[Problem]:
    release = newest_release(changelog)
    if release is None:
        return [Problem(changelog_rel, 1, "no release heading '## X.Y.Z — YYYY-MM-DD' found")]
    line, newest, date = release
    problems = []
    if newest != version:
        problems.append(Problem(changelog_rel, line, f"the newest release is {newest}, but {config_rel} sets "
                                                     f"extra.version to {version}: add a '## {version} — "
                                                     "YYYY-MM-DD' entry or correct the version"))
    if cff is None:
        return problems
    try:
        meta = yaml.safe_load(cff)
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        return problems + [Problem(cff_rel, 1, "cannot be read as YAML")]
    if str(meta.get("version")) != version:
        problems.append(Problem(cff_rel, _line_of(cff, "version"), f"version is {meta.get('version')}, but "
                                                                   f"{config_rel} sets extra.version to {version}"))
    elif str(meta.get("date-released")) != date:
        problems.append(Problem(cff_rel, _line_of(cff, "date-released"),
                                f"date-released is {meta.get('date-released')}, but {changelog_rel} dates "
                                f"{newest} {date}"))
    return problems
