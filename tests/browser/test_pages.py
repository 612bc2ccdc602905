"""Every built page, as a reader's browser sees it: loads cleanly, stays on our host, has the
structure assistive technology needs, and fits a phone."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.conftest import DESKTOP_LIGHT, FIGURES, NEXT_FRAMES, PHONE_DARK, Layout, figure_problems, page_html

ROOT = Path(__file__).resolve().parents[2]


def test_page_loads_without_console_errors_or_failed_requests(page, visit):
    for layout in (DESKTOP_LIGHT, PHONE_DARK):
        seen = visit(page, layout)
        assert seen.status == 200, f"{layout.name}: HTTP {seen.status}"
        assert seen.record.console_errors == [], f"{layout.name}: console errors"
        assert seen.record.failed_requests == [], f"{layout.name}: failed requests"


def test_page_requests_nothing_from_other_hosts(page, visit):
    for layout in (DESKTOP_LIGHT, PHONE_DARK):
        assert visit(page, layout).record.foreign_requests == [], layout.name


def test_page_has_one_h1_a_language_and_a_title(page, visit):
    seen = visit(page, DESKTOP_LIGHT)
    assert seen.h1_count == 1
    assert seen.lang.strip() == ("zh" if page.startswith("zh/") else "en")
    assert seen.title.strip()


def test_page_does_not_scroll_sideways_on_a_360px_phone(page, visit):
    # measured with every <details> block open, so their tables count too
    assert visit(page, PHONE_DARK).horizontal_overflow <= 0, "the page is wider than the screen"


def test_figures_fill_their_column_and_keep_their_text_legible(page, visit):
    for layout in (DESKTOP_LIGHT, PHONE_DARK):
        assert figure_problems(visit(page, layout).figures) == [], layout.name


def phone_layout_breakpoint() -> int:
    """The widest screen, in CSS pixels, that gets the phone layouts (docs/assets/extra.css)."""
    css = (ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8")
    found = re.search(r"@media screen and \(max-width: ([\d.]+)em\) \{\s*\.md-typeset \.figure-art--phone", css)
    assert found, "extra.css has no media query for .figure-art--phone"
    return round(float(found.group(1)) * 16)


def test_figures_stay_legible_on_either_side_of_the_phone_layout_breakpoint(site, new_page):
    """At the breakpoint the phone layouts show, drawn larger than on a phone; one pixel wider,
    the wide layouts, drawn smaller than anywhere else."""
    with_layouts = [p for p in site.pages() if "figure-art--phone" in page_html(site, p)]
    assert with_layouts, "no page has a figure with a phone layout"
    breakpoint_px = phone_layout_breakpoint()
    tab, _ = new_page(Layout(f"{breakpoint_px}px", breakpoint_px, 800, "light"))
    for address in with_layouts:
        tab.goto(site.url(address))
        # one load per page: widening the window by a pixel crosses the breakpoint as a load would
        for width in (breakpoint_px, breakpoint_px + 1):
            tab.set_viewport_size({"width": width, "height": 800})
            tab.evaluate(NEXT_FRAMES)
            assert figure_problems(tab.evaluate(FIGURES)) == [], f"{address} at {width} px"



def test_missing_address_shows_the_styled_404_page(site, new_page):
    """As on GitHub Pages: any missing address under the sub-path gets 404.html, whose links are
    absolute (from site_url), so its styles and scripts load from any depth."""
    tab, record = new_page(DESKTOP_LIGHT)
    response = tab.goto(site.url("no/such/page/"), wait_until="networkidle")
    assert response is not None and response.status == 404
    assert tab.locator("h1").count() == 1
    assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    missing = site.url("no/such/page/")
    assert [f for f in record.failed_requests if not f.startswith(missing + ":")] == []
    # The only error allowed is the browser's own report of the missing address itself.
    assert [e for e in record.console_errors if not (e.endswith(" @ " + missing) and "404" in e)] == []
