"""The shared study file: schema errors name the row; tables render with citations."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.sitecheck.studies import FIRST_ROWS, check_studies, evidence_map_html, evidence_table, read_studies

ROOT = Path(__file__).resolve().parent.parent

HEADER = "key,section,task,design,data,validation,result\n"
ROW = 'alpha2020first,high-risk-patients,LVO detection,retrospective multicentre,"CTA; 100 scans",external,AUC 0.9\n'


def messages(problems):
    return [str(p) for p in problems]


def test_valid_rows_have_no_problems():
    studies, problems = read_studies(HEADER + ROW)
    assert problems == [] and check_studies(studies, {"alpha2020first"}) == []
    assert studies[0].line == 2 and studies[0].data == "CTA; 100 scans"


def test_unknown_bib_key_names_the_row():
    studies, _ = read_studies(HEADER + ROW)
    assert messages(check_studies(studies, set())) == [
        "docs/studies.csv:2: row 'alpha2020first': unknown bib key 'alpha2020first'"]


def test_unknown_section_and_design_and_validation_are_reported():
    row = ROW.replace("high-risk-patients", "cardiology").replace("retrospective multicentre", "case report")
    row = row.replace(",external,", ",somewhat,")
    studies, _ = read_studies(HEADER + ROW + row)
    found = messages(check_studies(studies, {"alpha2020first"}))
    assert found[0].startswith("docs/studies.csv:3: row 'alpha2020first': unknown section 'cardiology' (one of: ")
    assert found[1].startswith("docs/studies.csv:3: row 'alpha2020first': unknown design 'case report' (one of: ")
    assert found[2].startswith("docs/studies.csv:3: row 'alpha2020first': unknown validation 'somewhat' (one of: ")
    assert len(found) == 3


def test_missing_field_is_reported():
    studies, problems = read_studies(HEADER + ROW.replace("LVO detection", ""))
    assert studies == []
    assert messages(problems) == ["docs/studies.csv:2: row 'alpha2020first' is missing task"]


def test_unquoted_comma_is_reported():
    _, problems = read_studies(HEADER + ROW.replace('"CTA; 100 scans"', "CTA, 100 scans"))
    assert messages(problems) == [
        "docs/studies.csv:2: row has the wrong number of fields (quote fields that hold commas)"]


def test_wrong_header_is_reported():
    _, problems = read_studies("key,section\n")
    assert messages(problems) == [
        "docs/studies.csv:1: header must be key,section,task,design,data,validation,result (found key,section)"]


def test_duplicate_row_is_reported():
    studies, _ = read_studies(HEADER + ROW + ROW)
    assert messages(check_studies(studies, {"alpha2020first"})) == [
        "docs/studies.csv:3: row 'alpha2020first': duplicate of line 2"]


def test_table_cites_each_study_and_escapes_pipes():
    studies, _ = read_studies(HEADER + ROW.replace("AUC 0.9", "AUC 0.9 | 0.8"))
    table = evidence_table(studies, "high-risk-patients", {"alpha2020first": "Alpha 2020"})
    assert "| Alpha 2020 [@alpha2020first] | LVO detection |" in table
    assert "AUC 0.9 \\| 0.8" in table
    assert evidence_table(studies, "training", {}) == ""


def test_project_renders_the_evidence_table_with_numbered_citations(project):
    project.write("docs/studies.csv", HEADER + ROW)
    project.write("docs/evidence.md", "---\ntitle: E\ndescription: E.\n---\n# E\n")
    marker = "<!-- evidence-table: high-risk-patients -->\n\n## A section"
    page = (project.docs / "index.md").read_text().replace("## A section", marker)
    project.write("docs/index.md", page)
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 studies" in result.stdout
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table>"):html.index("</table>")]
    assert "Alpha 2020" in table and 'href="#fn:alpha2020first"' in table
    assert (project.root / "site" / "studies.csv").read_text() == HEADER + ROW


def test_project_with_a_bad_study_row_fails_before_building(project):
    project.write("docs/studies.csv", HEADER + ROW.replace("alpha2020first", "nobody2020x"))
    result = project.build()
    assert result.returncode == 1
    assert "docs/studies.csv:2: row 'nobody2020x': unknown bib key 'nobody2020x'" in result.stderr
    assert "Traceback" not in result.stderr


def rows(count: int) -> str:
    return HEADER + "".join(ROW.replace("alpha2020first", f"alpha2020n{i}") for i in range(count))


def test_evidence_map_shows_the_first_rows_with_a_button_for_the_rest():
    studies, _ = read_studies(rows(FIRST_ROWS + 1))
    html = evidence_map_html(studies, {})
    assert f'<table id="evidence-table" data-first="{FIRST_ROWS}" data-truncated>' in html
    assert f"Show all {FIRST_ROWS + 1} studies" in html
    assert f"Showing the first {FIRST_ROWS} of {FIRST_ROWS + 1} studies." in html  # set by the inline script
    assert f"Showing {FIRST_ROWS + 1} of {FIRST_ROWS + 1} studies." in html  # without JavaScript
    assert html.count("<tr data-section=") == FIRST_ROWS + 1  # every row is in the page


def test_a_short_evidence_map_shows_every_row_and_no_button():
    studies, _ = read_studies(rows(3))
    html = evidence_map_html(studies, {})
    assert '<table id="evidence-table">' in html and "evidence-more" not in html
    assert "Showing the first" not in html


def test_the_stylesheet_hides_the_rows_after_first_rows():
    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    hidden_from = re.findall(r"#evidence-table\[data-truncated\] tbody tr:nth-child\(n\+(\d+)\)", css)
    assert hidden_from == [str(FIRST_ROWS + 1)], "extra.css and FIRST_ROWS disagree"


def test_pages_that_describe_the_first_rows_give_the_right_number():
    for page in ("evidence.md", "about.md"):
        text = " ".join((ROOT / "docs" / page).read_text(encoding="utf-8").split())
        assert f"first {FIRST_ROWS} studies" in text, f"docs/{page} does not say 'first {FIRST_ROWS} studies'"
