"""The evidence map filters its table by section, design and validation, with the keyboard,
and keeps the status line in step with what is shown. Unfiltered, it shows the
first rows and a button for the rest; without JavaScript it shows every row."""

from __future__ import annotations

from scripts.render.evidence import FIRST_ROWS
from tests.browser.conftest import DESKTOP_LIGHT, PHONE_DARK, TABLE_LAYOUT, table_problems

VISIBLE_ROWS = ("() => [...document.querySelectorAll('#evidence-table tbody tr')]"
                ".filter(r => r.getClientRects().length)")
COUNT_VISIBLE = f"() => ({VISIBLE_ROWS})().length"
# A row's data-section lists every section of its study, separated by spaces.
MATCHES = """(r, f) => Object.entries(f).every(([k, v]) => k === 'section'
    ? r.getAttribute('data-section').split(' ').includes(v) : r.getAttribute('data-' + k) === v)"""
ALL_MATCH = f"""(f) => ({VISIBLE_ROWS})().every(r => ({MATCHES})(r, f))"""
COUNT_ROWS = f"""(f) => [...document.querySelectorAll('#evidence-table tbody tr')]
    .filter(r => ({MATCHES})(r, f)).length"""


def status(page) -> str:
    return page.locator("#evidence-status").inner_text().strip()


def test_the_whole_table_fits_the_column_without_splitting_words(site, shared_page):
    """On a desktop the table wraps its long cells within the text column; on a phone each study
    is a card. In neither does a word break in two."""
    for layout in (DESKTOP_LIGHT, PHONE_DARK):
        for address in ("evidence/", "zh/evidence/"):
            tab = shared_page(layout)
            tab.goto(site.url(address))
            tab.locator("#evidence-more").click()  # every row
            problems = table_problems("#evidence-table", tab.evaluate(TABLE_LAYOUT, "#evidence-table"))
            assert problems == [], f"{address}, {layout.name}"


def test_evidence_map_filters_correctly_and_counts_follow(site, new_page):
    page, record = new_page(DESKTOP_LIGHT)
    page.goto(site.url("evidence/"))
    rows = page.locator("#evidence-table tbody tr")
    total = rows.count()
    assert total >= 60
    assert page.locator("#evidence-filters").is_visible(), "the script shows the filter form"
    assert page.evaluate(COUNT_VISIBLE) == FIRST_ROWS
    assert status(page) == f"Showing the first {FIRST_ROWS} of {total} studies."
    more = page.locator("#evidence-more")
    assert more.is_visible() and more.inner_text() == f"Show all {total} studies"
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert page.evaluate(COUNT_VISIBLE) == total
    assert status(page) == f"Showing {total} of {total} studies."
    assert more.get_attribute("aria-expanded") == "true"
    more.click()
    assert page.evaluate(COUNT_VISIBLE) == FIRST_ROWS

    page.select_option("#filter-section", "training")
    expected = page.evaluate(COUNT_ROWS, {"section": "training"})
    assert 0 < expected < total
    assert page.evaluate(COUNT_VISIBLE) == expected
    assert page.evaluate(ALL_MATCH, {"section": "training"})
    assert status(page) == f"Showing {expected} of {total} studies."

    assert not more.is_visible(), "filters show every match: nothing more to show"

    page.select_option("#filter-design", "randomized trial")
    both = {"section": "training", "design": "randomized trial"}
    expected = page.evaluate(COUNT_ROWS, both)
    assert expected > 0 and page.evaluate(COUNT_VISIBLE) == expected
    assert page.evaluate(ALL_MATCH, both)

    # a third filter that keeps some rows: the validation of one of the rows still shown
    validation = page.evaluate(f"() => ({VISIBLE_ROWS})()[0].getAttribute('data-validation')")
    page.select_option("#filter-validation", validation)
    three = {**both, "validation": validation}
    expected = page.evaluate(COUNT_ROWS, three)
    assert expected > 0 and page.evaluate(COUNT_VISIBLE) == expected
    assert page.evaluate(ALL_MATCH, three)

    page.click("#evidence-filters button[type=reset]")
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() === {FIRST_ROWS}")
    assert status(page) == f"Showing the first {FIRST_ROWS} of {total} studies."
    assert record.console_errors == [] and record.failed_requests == []


def test_evidence_map_works_with_the_keyboard_alone(site, new_page):
    page, _ = new_page(PHONE_DARK)
    page.goto(site.url("evidence/"))
    total = page.locator("#evidence-table tbody tr").count()
    page.focus("#filter-design")
    page.keyboard.press("ArrowDown")  # first design in the list
    design = page.eval_on_selector("#filter-design", "s => s.value")
    assert design != ""
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() < {total}")
    assert page.evaluate(ALL_MATCH, {"design": design})
    page.keyboard.press("Tab")  # validation
    page.keyboard.press("Tab")  # the reset button
    assert page.evaluate("() => document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() === {FIRST_ROWS}")
    page.focus("#evidence-more")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() === {total}")
    assert page.evaluate("() => document.activeElement.id") == "evidence-more", "focus is kept"


def test_evidence_map_without_javascript_shows_every_row_and_no_form(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("evidence/"))
        total = page.locator("#evidence-table tbody tr").count()
        assert page.evaluate(COUNT_VISIBLE) == total
        assert not page.locator("#evidence-filters").is_visible()
        assert not page.locator("#evidence-more").is_visible()
        assert status(page) == f"Showing {total} of {total} studies."
    finally:
        context.close()


def test_evidence_map_prints_every_row(site, new_page):
    page, _ = new_page(DESKTOP_LIGHT)
    page.goto(site.url("evidence/"))
    page.emulate_media(media="print")
    total = page.locator("#evidence-table tbody tr").count()
    assert page.evaluate(COUNT_VISIBLE) == total


def test_every_study_links_to_its_reference_and_section(site):
    html = (site.site_dir / "evidence" / "index.html").read_text(encoding="utf-8")
    refs = (site.site_dir / "references" / "index.html").read_text(encoding="utf-8")
    import re

    keys = re.findall(r'href="\.\./references/#ref-([\w-]+)"', html)
    assert len(keys) >= 60
    assert all(f'id="ref-{key}"' in refs for key in set(keys))
    assert 'href="../studies.csv"' in html and (site.site_dir / "studies.csv").is_file()
