"""The evidence map filters its table by section, design and validation, with the keyboard,
and keeps the counts and the status line in step with what is shown."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP_LIGHT, PHONE_DARK

VISIBLE_ROWS = "() => [...document.querySelectorAll('#evidence-table tbody tr')].filter(r => !r.hidden)"
COUNT_VISIBLE = f"() => ({VISIBLE_ROWS})().length"
ALL_MATCH = f"""(f) => ({VISIBLE_ROWS})().every(r =>
    Object.entries(f).every(([k, v]) => r.getAttribute('data-' + k) === v))"""
COUNT_ROWS = """(f) => [...document.querySelectorAll('#evidence-table tbody tr')].filter(r =>
    Object.entries(f).every(([k, v]) => r.getAttribute('data-' + k) === v)).length"""
SUM_COUNTS = """(name) => [...document.querySelectorAll('[data-count-' + name + ']')]
    .reduce((sum, cell) => sum + Number(cell.textContent), 0)"""


def status(page) -> str:
    return page.locator("#evidence-status").inner_text().strip()


def test_evidence_map_filters_correctly_and_counts_follow(site, new_page):
    page, record = new_page(DESKTOP_LIGHT)
    page.goto(site.url("evidence/"))
    rows = page.locator("#evidence-table tbody tr")
    total = rows.count()
    assert total >= 60
    assert page.locator("#evidence-filters").is_visible(), "the script shows the filter form"
    assert status(page) == f"Showing {total} of {total} studies."

    page.select_option("#filter-section", "training")
    expected = page.evaluate(COUNT_ROWS, {"section": "training"})
    assert 0 < expected < total
    assert page.evaluate(COUNT_VISIBLE) == expected
    assert page.evaluate(ALL_MATCH, {"section": "training"})
    assert status(page) == f"Showing {expected} of {total} studies."
    assert page.evaluate(SUM_COUNTS, "design") == expected
    assert page.evaluate(SUM_COUNTS, "validation") == expected

    page.select_option("#filter-design", "randomised trial")
    both = {"section": "training", "design": "randomised trial"}
    expected = page.evaluate(COUNT_ROWS, both)
    assert expected > 0 and page.evaluate(COUNT_VISIBLE) == expected
    assert page.evaluate(ALL_MATCH, both)

    page.select_option("#filter-validation", "none")  # no training trial has no validation
    assert page.evaluate(COUNT_VISIBLE) == page.evaluate(COUNT_ROWS, {**both, "validation": "none"})

    page.click("#evidence-filters button[type=reset]")
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() === {total}")
    assert status(page) == f"Showing {total} of {total} studies."
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
    page.wait_for_function(f"() => ({COUNT_VISIBLE})() === {total}")


def test_every_study_links_to_its_reference_and_section(site):
    html = (site.site_dir / "evidence" / "index.html").read_text(encoding="utf-8")
    refs = (site.site_dir / "references" / "index.html").read_text(encoding="utf-8")
    import re

    keys = re.findall(r'href="\.\./references/#ref-([\w-]+)"', html)
    assert len(keys) >= 60
    assert all(f'id="ref-{key}"' in refs for key in set(keys))
    assert 'href="../studies.csv"' in html and (site.site_dir / "studies.csv").is_file()
