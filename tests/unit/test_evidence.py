"""The study file and what is rendered from it: schema errors name the row; the tables and the
map escape every field; the first-rows number agrees everywhere."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.checks.studies import check_studies
from scripts.render.evidence import FIRST_ROWS, evidence_map_html, evidence_table, markdown_text
from scripts.site import Page
from scripts.studies import read_studies

ROOT = Path(__file__).resolve().parents[2]
HEADER = "key,sections,task,design,data,validation,result\n"
ROW = 'alpha2020first,high-risk-patients,LVO detection,retrospective multicenter,"CTA; 100 scans",external,AUC 0.9\n'
SECTIONS = ["high-risk-patients", "training"]
PAGES = [Page("high-risk-patients.md", "Identifying high-risk patients",
              {"kind": "section", "short_title": "High-risk"}),
         Page("training.md", "Training", {"kind": "section"})]
PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))"]


def messages(problems):
    return [str(p) for p in problems]


def test_valid_rows_have_no_problems():
    studies, problems = read_studies(HEADER + ROW)
    assert problems == [] and check_studies(studies, {"alpha2020first"}, SECTIONS) == []
    assert studies[0].line == 2 and studies[0].data == "CTA; 100 scans"
    assert studies[0].sections == ("high-risk-patients",)


def test_a_study_can_belong_to_several_sections():
    studies, _ = read_studies(HEADER + ROW.replace(",high-risk-patients,", ",high-risk-patients; training,"))
    assert studies[0].sections == ("high-risk-patients", "training")
    assert check_studies(studies, {"alpha2020first"}, SECTIONS) == []
    assert "alpha2020first" in evidence_table(studies, "training", {})


def test_unknown_bib_key_names_the_row():
    studies, _ = read_studies(HEADER + ROW)
    assert messages(check_studies(studies, set(), SECTIONS)) == [
        "docs/studies.csv:2: row 'alpha2020first': unknown bib key 'alpha2020first'"]


def test_unknown_section_and_design_and_validation_are_reported():
    row = ROW.replace("high-risk-patients", "cardiology").replace("retrospective multicenter", "case report")
    row = row.replace(",external,", ",somewhat,").replace("alpha2020first", "beta2020")
    studies, _ = read_studies(HEADER + row)
    found = messages(check_studies(studies, {"beta2020"}, SECTIONS))
    assert found == [
        "docs/studies.csv:2: row 'beta2020': unknown section 'cardiology' (one of: high-risk-patients, training)",
        f"docs/studies.csv:2: row 'beta2020': unknown design 'case report' (one of: {found[1].split('(one of: ')[1]}",
        f"docs/studies.csv:2: row 'beta2020': unknown validation 'somewhat' (one of: {found[2].split('(one of: ')[1]}",
    ]
    assert "prospective single-center" in found[1] and "not applicable" in found[2]


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
        "docs/studies.csv:1: header must be key,sections,task,design,data,validation,result (found key,section)"]


def test_a_study_listed_twice_is_reported():
    studies, _ = read_studies(HEADER + ROW + ROW.replace("high-risk-patients", "training"))
    assert messages(check_studies(studies, {"alpha2020first"}, SECTIONS)) == [
        "docs/studies.csv:3: row 'alpha2020first': the study is already on line 2; list every section in one row"]


def test_table_cites_each_study_and_escapes_pipes():
    studies, _ = read_studies(HEADER + ROW.replace("AUC 0.9", "AUC 0.9 | 0.8"))
    table = evidence_table(studies, "high-risk-patients", {"alpha2020first": "Alpha 2020"})
    assert "| Alpha 2020 [@alpha2020first] | LVO detection |" in table
    assert "AUC 0.9 \\| 0.8" in table
    assert evidence_table(studies, "training", {}) == ""


def test_markdown_text_neutralises_markup_links_and_citations():
    assert markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert markdown_text("[click](javascript:alert(1))") == "\\[click\\]\\(javascript:alert\\(1\\)\\)"
    assert markdown_text("see [@alpha2020first]") == "see \\[&#64;alpha2020first\\]"
    assert markdown_text("*bold* `code` a_b") == "\\*bold\\* \\`code\\` a\\_b"


def test_the_map_escapes_every_field():
    for payload in PAYLOADS:
        studies, _ = read_studies(HEADER + ROW.replace("AUC 0.9", '"' + payload.replace('"', '""') + '"'))
        html = evidence_map_html(studies, {"alpha2020first": payload}, PAGES, "../")
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript' not in html


def test_evidence_map_shows_the_first_rows_with_a_button_for_the_rest():
    studies, _ = read_studies(rows(FIRST_ROWS + 1))
    html = evidence_map_html(studies, {}, PAGES, "../")
    assert f'<table id="evidence-table" data-first="{FIRST_ROWS}" data-truncated data-words-showing=' in html
    assert f"Show all {FIRST_ROWS + 1} studies" in html
    assert f"Showing the first {FIRST_ROWS} of {FIRST_ROWS + 1} studies." in html  # set by the inline script
    assert f"Showing {FIRST_ROWS + 1} of {FIRST_ROWS + 1} studies." in html  # without JavaScript
    assert html.count("<tr data-section=") == FIRST_ROWS + 1  # every row is in the page
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_the_map_lets_a_line_break_after_a_slash_between_words():
    """Browsers do not break "Jiangsu/Zhejiang/Fujian" by themselves; such a run set a column's
    width. A slash next to anything but a letter or digit is left as it was, and so is escaping."""
    row = (ROW.replace("AUC 0.9", "deterioration/bailout <b>/x</b>")
           .replace('"CTA; 100 scans"', "Jiangsu/Zhejiang/Fujian"))
    studies, _ = read_studies(HEADER + row)
    html = evidence_map_html(studies, {}, PAGES, "../")
    assert '<td data-label="Data">Jiangsu/<wbr>Zhejiang/<wbr>Fujian</td>' in html
    assert '<td data-label="Headline result">deterioration/<wbr>bailout &lt;b&gt;/x&lt;/b&gt;</td>' in html


def test_the_map_links_each_section_of_a_study_with_its_short_title():
    studies, _ = read_studies(HEADER + ROW.replace(",high-risk-patients,", ",high-risk-patients; training,"))
    html = evidence_map_html(studies, {}, PAGES, "../")
    assert '<tr data-section="high-risk-patients training"' in html
    assert '<a href="../high-risk-patients/">High-risk</a>; <a href="../training/">Training</a>' in html


def test_a_short_evidence_map_shows_every_row_and_no_button():
    studies, _ = read_studies(rows(3))
    html = evidence_map_html(studies, {}, PAGES, "../")
    assert '<table id="evidence-table" data-words-showing=' in html and "evidence-more" not in html
    assert 'getElementById("evidence-status").textContent' not in html, "no first-rows status line"


def test_the_stylesheet_hides_the_rows_after_first_rows():
    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    hidden_from = re.findall(r"#evidence-table\[data-truncated\] tbody tr:nth-child\(n\+(\d+)\)", css)
    assert hidden_from == [str(FIRST_ROWS + 1)], "extra.css and FIRST_ROWS disagree"


def test_pages_that_describe_the_first_rows_give_the_right_number():
    for page in ("evidence.md", "about.md"):
        text = " ".join((ROOT / "docs" / page).read_text(encoding="utf-8").split())
        assert f"first {FIRST_ROWS} studies" in text, f"docs/{page} does not say 'first {FIRST_ROWS} studies'"


def rows(count: int) -> str:
    return HEADER + "".join(ROW.replace("alpha2020first", f"alpha2020n{i}") for i in range(count))


def test_the_map_writes_its_words_in_each_language_and_shows_codes_by_name():
    """Every word of the form comes from the language's table (the reset button once showed
    Python's dict.clear, which Jinja found before the 'clear' key)."""
    studies, _ = read_studies(HEADER + ROW)
    english = evidence_map_html(studies, {}, PAGES, "../")
    assert '<button type="reset" class="md-button">Clear filters</button>' in english
    assert "built-in method" not in english
    chinese = evidence_map_html(studies, {}, PAGES, "../", lang="zh")
    assert '<button type="reset" class="md-button">清除筛选</button>' in chinese
    assert '<option value="retrospective multicenter">回顾性多中心</option>' in chinese
    assert 'data-design="retrospective multicenter" data-validation="external"' in chinese
    assert '<td data-label="验证">外部验证</td>' in chinese


def test_section_tables_show_codes_by_name_in_chinese():
    studies, _ = read_studies(HEADER + ROW)
    table = evidence_table(studies, "high-risk-patients", {}, lang="zh")
    assert "| 回顾性多中心 | CTA; 100 scans | 外部验证 |" in table


def test_a_section_table_is_a_collapsed_block_that_prints_open():
    """On a phone, laying out a section's whole evidence table while the page loads blocked
    the main thread (Lighthouse); the table sits in a collapsed block named by its size, and
    the print edition opens it (its `???` becomes `!!!`)."""
    from scripts.render.print_edition import page_for_print

    studies, _ = read_studies(rows(3).replace(",training,", ",high-risk-patients,"))
    table = evidence_table(studies, "high-risk-patients", {})
    lines = table.splitlines()
    assert lines[0] == '??? abstract "The 3 studies in a table"'
    assert lines[1] == "    | Study | Task | Design | Data | Validation | Headline result |"
    assert all(line.startswith("    |") for line in lines[1:6])
    assert lines[-1].startswith("*Design and validation"), "the note and its links stay outside the block"
    chinese = evidence_table(studies, "high-risk-patients", {}, lang="zh").splitlines()
    assert chinese[0] == '??? abstract "3 项研究一览表"'
    printed = page_for_print("high-risk-patients", "High-risk", "# T\n\n" + table, {"high-risk-patients"})
    assert '!!! abstract "The 3 studies in a table"' in printed
