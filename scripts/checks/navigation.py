"""``nav`` in mkdocs.yml against the pages in docs/: every entry names a page that exists, and
every page is in ``nav`` (MkDocs would still build an orphan page, reachable by nobody, and
mention it only as an unnamed "info" message)."""

from __future__ import annotations

from pathlib import Path

from scripts.checks.problems import Problem
from scripts.site import nav_entries


def _line_of(config_text: str, src: str) -> int | None:
    lines = config_text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("nav:")), 0)
    for number in range(start, len(lines)):
        value = lines[number].split("#", 1)[0].rstrip()
        if value.endswith(src) and (value.endswith(" " + src) or value.endswith(":" + src)
                                    or value.endswith("- " + src)):
            return number + 1
    return None


def not_in_nav_files(setting: str | None) -> set[str]:
    """Pages that mkdocs.yml's ``not_in_nav`` names, one path per line (``/answer-key.md``);
    only plain paths are supported here."""
    return {line.strip().lstrip("/") for line in (setting or "").splitlines() if line.strip()}


def check_navigation(nav, config_text: str, config_name: str, docs_dir: Path, files: list[str],
                     docs_rel: str = "docs", not_in_nav: str | None = None) -> list[Problem]:
    if not nav:
        return []
    entries = nav_entries(nav)
    problems = []
    for title, src in entries:
        if not (docs_dir / src).is_file():
            name = f"{title}: {src}" if title else src
            problems.append(Problem(config_name, _line_of(config_text, src),
                                    f"nav entry '{name}' names a page that does not exist ({docs_rel}/{src})"))
    listed = {src for _, src in entries} | not_in_nav_files(not_in_nav)
    for src in files:
        if src not in listed:
            problems.append(Problem(f"{docs_rel}/{src}", 1, f"page is not in nav: add it to nav in {config_name} "
                                                            "(or move it out of the docs folder)"))
    return problems
