"""The study file in a built project: tables with numbered citations, escaped data, bad rows
that stop the build."""

from __future__ import annotations

from tests.conftest import assert_clean_failure, out
from tests.unit.test_assessment import good_file

HEADER = "key,sections,task,design,data,validation,result\n"
ROW = 'alpha2020first,high-risk-patients,LVO detection,retrospective multicenter,"CTA; 100 scans",external,AUC 0.9\n'
SECTION_PAGE = """\
---
title: High-risk patients
description: A section page.
kind: section
---

# High-risk patients

<!-- learning-objectives -->

Text [@gamma2021second].

<!-- evidence-table: high-risk-patients -->

## A section {#a-section}

<!-- test-yourself -->
"""


def add_linked_pages(project) -> None:
    """The table's note links the evidence map and its coding rules; a section page shows its
    objectives and questions."""
    project.write("docs/assessment/high-risk-patients.yml", good_file())
    project.write("docs/about.md", "---\ntitle: About\ndescription: A.\n---\n# About\n")
    project.write("docs/evidence.md", "---\ntitle: Evidence\ndescription: E.\n---\n# Evidence\n\n## Method {#method}\n")


def test_project_renders_the_evidence_table_with_numbered_citations(project):
    project.write("docs/studies.csv", HEADER + ROW)
    project.write("docs/high-risk-patients.md", SECTION_PAGE)
    add_linked_pages(project)
    result = project.build()
    assert result.returncode == 0, out(result)
    assert "1 studies" in result.stdout
    html = (project.root / "site" / "high-risk-patients" / "index.html").read_text(encoding="utf-8")
    start = html.index("<table>")
    table = html[start:html.index("</table>", start)]
    assert "Alpha 2020" in table and 'href="#fn:alpha2020first"' in table
    assert (project.root / "site" / "studies.csv").read_text() == HEADER + ROW


def test_unsafe_study_data_is_shown_as_text_on_the_page(project):
    row = ('alpha2020first,high-risk-patients,<script>alert(1)</script>,retrospective multicenter,'
           '"<img src=x onerror=alert(1)>",external,[x](javascript:alert(1))\n')
    project.write("docs/studies.csv", HEADER + row)
    project.write("docs/high-risk-patients.md", SECTION_PAGE)
    add_linked_pages(project)
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "high-risk-patients" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "[x](javascript:alert(1))" in html


def test_project_with_a_bad_study_row_fails_before_building(project):
    project.write("docs/studies.csv", HEADER + ROW.replace("alpha2020first", "nobody2020x"))
    project.write("docs/high-risk-patients.md", SECTION_PAGE)
    add_linked_pages(project)
    assert_clean_failure(project.build(), "docs/studies.csv:2: row 'nobody2020x': unknown bib key 'nobody2020x'")


def test_an_evidence_table_for_a_page_that_is_not_a_section_fails(project):
    project.write("docs/studies.csv", HEADER + ROW)
    project.write("docs/high-risk-patients.md", SECTION_PAGE.replace("kind: section\n", ""))
    assert_clean_failure(project.build(), "docs/high-risk-patients.md:12: evidence table for unknown section "
                                          "'high-risk-patients' (section pages: )")
