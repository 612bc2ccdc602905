"""Abbreviations show their expansion on hover and on keyboard focus (Material tooltips)."""

from __future__ import annotations

from scripts.sitecheck.abbreviations import read_abbreviations
from tests.browser.conftest import DESKTOP_LIGHT, ROOT

ACTIVE_TOOLTIP = """() => [...document.querySelectorAll('.md-tooltip2--active')]
    .filter(t => getComputedStyle(t).visibility === 'visible').map(t => t.textContent.trim())"""


def test_abbreviation_expands_on_focus_and_on_hover(site, new_page):
    page, _ = new_page(DESKTOP_LIGHT)
    page.goto(site.url("treatment-selection/"))
    first = page.locator("article abbr[tabindex='0']").first
    defined = read_abbreviations((ROOT / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8"))
    expansion = defined[first.inner_text().strip()]
    first.focus()
    page.wait_for_function(f"() => ({ACTIVE_TOOLTIP})().length > 0")
    assert expansion in page.evaluate(ACTIVE_TOOLTIP)
    assert first.evaluate("a => a.getAttribute('aria-describedby')"), "tooltip is linked for screen readers"
    page.keyboard.press("Tab")
    page.mouse.move(0, 0)
    other = page.locator("article abbr").nth(2)
    other.hover()
    expansion = defined[other.inner_text().strip()]
    page.wait_for_function(f"(e) => ({ACTIVE_TOOLTIP})().includes(e)", arg=expansion)
