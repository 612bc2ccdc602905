"""Tooltips (docs/assets/theme.js): abbreviations show their expansion and citations show their
reference, on hover and on keyboard focus; screen readers get the text as a description; Escape
dismisses the tooltip and the pointer can move onto it (WCAG 1.4.13); on a phone it stays
inside the screen."""

from __future__ import annotations

from scripts.checks.abbreviations import read_abbreviations
from tests.browser.conftest import DESKTOP_LIGHT, PHONE_DARK, ROOT

TOOLTIP = "#tooltip"
SHOWN = "() => { const t = document.getElementById('tooltip'); return !!t && !t.hidden; }"
HIDDEN = "() => { const t = document.getElementById('tooltip'); return !t || t.hidden; }"
INSIDE_SCREEN = """() => { const r = document.getElementById('tooltip').getBoundingClientRect();
    return r.left >= 0 && r.right <= document.documentElement.clientWidth; }"""
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def defined_abbreviations() -> dict[str, str]:
    return read_abbreviations((ROOT / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8"))


def tooltip_text(page) -> str:
    return page.locator(TOOLTIP).inner_text().strip()


def test_abbreviation_expands_on_focus_and_on_hover(site, new_page):
    page, record = new_page(DESKTOP_LIGHT)
    page.goto(site.url("treatment-selection/"))
    defined = defined_abbreviations()
    first = page.locator("article abbr[tabindex='0']").first
    first.focus()
    page.wait_for_function(SHOWN)
    assert tooltip_text(page) == defined[first.inner_text().strip()]
    assert first.get_attribute("aria-describedby") == "tooltip", "not linked for screen readers"
    assert first.get_attribute("title") is None, "the browser's own title tip would show as well"

    page.keyboard.press("Escape")
    page.wait_for_function(HIDDEN)
    assert first.get_attribute("aria-describedby") is None
    assert first.get_attribute("title") == defined[first.inner_text().strip()], "title not restored"

    page.keyboard.press("Tab")
    page.mouse.move(0, 0)
    other = page.locator("article abbr").nth(2)
    other.hover()
    page.wait_for_function(SHOWN)
    assert tooltip_text(page) == defined[other.inner_text().strip()]
    # the pointer can move onto the tooltip without it closing
    page.locator(TOOLTIP).hover()
    page.wait_for_timeout(400)
    assert page.evaluate(SHOWN)
    # and it closes once the pointer leaves both
    page.mouse.move(0, 0)
    page.locator("article h1").hover()
    page.wait_for_function(HIDDEN)
    assert record.console_errors == []


def test_citation_shows_its_reference_on_hover_and_focus(site, new_page):
    page, record = new_page(DESKTOP_LIGHT)
    page.goto(site.url("training/"))
    citation = page.locator("article sup[id^='fnref'] > a.footnote-ref").first
    target = citation.get_attribute("href")[1:]  # fn:key
    reference = page.locator(f"li[id='{target}'] p").first.inner_text()
    expected = reference.replace("↩", "").split("PMID")[0].strip()[:60]

    citation.hover()
    page.wait_for_function(SHOWN)
    text = tooltip_text(page)
    assert text.startswith(expected), f"tooltip {text[:80]!r} is not the reference {expected!r}"
    # inert copy: no links to tab into, no duplicated ids, no back-link arrows
    assert page.locator(f"{TOOLTIP} a, {TOOLTIP} [id]").count() == 0
    assert "↩" not in text

    page.mouse.move(0, 0)
    page.locator("article h1").hover()
    page.wait_for_function(HIDDEN)
    citation.focus()
    page.wait_for_function(SHOWN)
    assert citation.get_attribute("aria-describedby") == "tooltip"
    page.keyboard.press("Escape")
    page.wait_for_function(HIDDEN)
    assert record.console_errors == []


def test_tooltips_stay_inside_a_phone_screen(site, new_page):
    page, _ = new_page(PHONE_DARK)
    page.goto(site.url("challenges/"))
    citations = page.locator("article sup[id^='fnref'] > a.footnote-ref")
    visible = citations.evaluate_all("as => as.map((a, i) => [i, a.checkVisibility()])"
                                     ".filter(([, v]) => v).map(([i]) => i)")
    assert visible, "no visible citation"
    for index in sorted({visible[0], visible[-1]}):
        citations.nth(index).focus()
        page.wait_for_function(SHOWN)
        assert page.evaluate(INSIDE_SCREEN), "the tooltip runs off the screen"
        assert page.evaluate(NO_SIDEWAYS_SCROLL), "the tooltip makes the page scroll sideways"
        page.keyboard.press("Escape")
        page.wait_for_function(HIDDEN)
