"""The study file against its vocabulary, the bibliography and the site's section pages."""

from __future__ import annotations

from scripts.checks.problems import Problem
from scripts.studies import DESIGNS, STUDIES_FILE, VALIDATIONS, Study


def check_studies(studies: list[Study], bib_keys: set[str], sections: list[str],
                  path: str = f"docs/{STUDIES_FILE}") -> list[Problem]:
    """Unknown keys, sections, designs and validations; a study listed twice."""
    problems = []
    seen: dict[str, int] = {}
    for study in studies:
        name = f"row '{study.key}'"
        if study.key not in bib_keys:
            problems.append(Problem(path, study.line, f"{name}: unknown bib key '{study.key}'"))
        for section in study.sections:
            if section not in sections:
                problems.append(Problem(path, study.line, f"{name}: unknown section '{section}' "
                                                          f"(one of: {', '.join(sections)})"))
        if len(set(study.sections)) != len(study.sections):
            problems.append(Problem(path, study.line, f"{name}: a section is listed twice"))
        if study.design not in DESIGNS:
            problems.append(Problem(path, study.line, f"{name}: unknown design '{study.design}' "
                                                      f"(one of: {', '.join(DESIGNS)})"))
        if study.validation not in VALIDATIONS:
            problems.append(Problem(path, study.line, f"{name}: unknown validation '{study.validation}' "
                                                      f"(one of: {', '.join(VALIDATIONS)})"))
        if study.key in seen:
            problems.append(Problem(path, study.line, f"{name}: the study is already on line {seen[study.key]}; "
                                                      "list every section in one row"))
        seen.setdefault(study.key, study.line)
    return problems
