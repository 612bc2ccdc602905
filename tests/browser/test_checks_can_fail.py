"""Every browser check is shown to fail: each is run on a small page made for it with one known
fault, served like the real site, and must report exactly that fault. A check that passes here
would pass a broken site too."""

from __future__ import annotations

import random
import string
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.tools.localsite import LocalSite
from tests.browser.conftest import (
    DESKTOP_LIGHT,
    PHONE_DARK,
    TABLE_LAYOUT,
    Visitor,
    axe_runs,
    citation_round_trip,
    figure_problems,
    first_visit_bytes,
    open_context,
    table_problems,
)
from tests.browser.test_evidence_map import ALL_MATCH
from tests.browser.test_page_weight import BUDGET_BYTES

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{name}</title></head><body><main><h1>{name}</h1>
{body}
</main></body></html>
"""


def _noise(size: int) -> str:
    """Text that gzip cannot shrink much, so that the page really is heavy on the wire."""
    rng = random.Random(7)
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(size))


BAD_PAGES = {
    "console-error.html": "<script>console.error('planted console error')</script>",
    "foreign.html": '<img src="https://example.org/pixel.png" alt="a pixel from another host">',
    "missing-asset.html": '<img src="missing.png" alt="an image that is not there">',
    # like the search worker's index, fetched a while after the page has loaded
    "late-request.html": ("<script>addEventListener('load', () => setTimeout(() => "
                          "fetch('late-missing.json').catch(() => {}), 300))</script>"),
    "wide.html": '<div style="width:1200px">a block wider than a phone</div>',
    "axe.html": ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                 '<p style="color:#c8c8c8;background:#ffffff">faint text</p>'
                 '<p><button style="width:10px;height:10px;padding:0;margin:0;border:0">a</button>'
                 '<button style="width:10px;height:10px;padding:0;margin:0;border:0">b</button></p>'),
    "heavy.html": f"<script>/* {_noise(260_000)} */</script>",
    "heavy-script.html": '<script src="heavy.js"></script>',
    # an image without alt text in a part of the page template, faint text outside it
    "template.html": ('<div class="md-footer"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>'
                      '<p style="color:#c8c8c8;background:#ffffff">faint text</p>'),
    # like the print edition: its own text, then a section repeated from another page
    "repeats.html": ('<article class="md-content__inner"><p id="own" style="color:#c8c8c8;background:#fff">'
                     'faint text of its own</p><h2>A section</h2><p id="repeated" style="color:#c8c8c8;'
                     'background:#fff">faint repeated text</p>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></article>'),
    "citation.html": ('<p>A claim<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup>.</p>'
                      '<div style="height:3000px"></div><div class="footnote"><ol>'
                      '<li id="fn:a"><p>A reference without a link back.</p></li></ol></div>'),
    # a chart narrower than its column (the theme's fit-content figure), and a chart whose text a
    # phone shrinks to about 5 px (drawn 640 units wide with 10-unit text)
    "figures.html": ('<style>figure { width: fit-content; margin: 0 }</style>'
                     '<figure class="figure figure--chart" id="narrow"><div class="figure-art">'
                     '<svg viewBox="0 0 200 100" width="200" role="img" aria-label="narrow">'
                     '<text x="10" y="50" font-size="12">twelve</text></svg></div>'
                     '<figcaption>Short.</figcaption></figure>'
                     '<figure class="figure figure--chart" id="tiny" style="width:auto"><div class="figure-art">'
                     '<svg viewBox="0 0 640 100" style="width:100%" role="img" aria-label="tiny">'
                     '<text x="10" y="50" font-size="10">ten</text></svg></div>'
                     '<figcaption>Tiny text on a phone.</figcaption></figure>'
                     # a chart in a collapsed block counts too
                     '<details><summary>More</summary><figure class="figure figure--chart" id="folded" '
                     'style="width:auto"><div class="figure-art"><svg viewBox="0 0 2528 100" style="width:100%" '
                     'role="img" aria-label="folded"><text x="10" y="50" font-size="10">ten</text></svg></div>'
                     '<figcaption>Tiny text everywhere.</figcaption></figure></details>'
                     # a drawing whose text is 8 px wherever it is shown
                     '<figure class="figure" id="drawing" style="width:auto"><div class="figure-art">'
                     '<svg viewBox="0 0 344 100" style="width:344px" role="img" aria-label="drawing">'
                     '<text x="10" y="50" font-size="8">eight</text></svg></div>'
                     '<figcaption>A drawing.</figcaption></figure>'
                     # two layouts, as extra.css shows them: only the one on screen is measured
                     '<style>.figure-layout--narrow { display: none } @media (max-width: 34em) {'
                     ' .figure-art--phone .figure-layout--wide { display: none }'
                     ' .figure-art--phone .figure-layout--narrow { display: block } }</style>'
                     '<figure class="figure" id="layouts" style="width:auto"><div class="figure-art figure-art--phone">'
                     '<div class="figure-layout figure-layout--wide"><svg viewBox="0 0 640 100" style="width:100%" '
                     'role="img" aria-label="wide"><text x="10" y="50" font-size="15">wide</text></svg></div>'
                     '<div class="figure-layout figure-layout--narrow"><svg viewBox="0 0 344 100" style="width:344px" '
                     'role="img" aria-label="narrow"><text x="10" y="50" font-size="8">eight</text></svg></div></div>'
                     '<figcaption>Two layouts.</figcaption></figure>'),
    # a table wider than the column, and one that splits words to fit a narrow column
    "tables.html": ('<table id="wide" style="width:2000px"><tr><td>wide</td></tr></table>'
                    '<table id="splitting" style="width:60px"><tr><td style="overflow-wrap:anywhere">'
                    'Validation and applicable</td></tr></table>'),
    "evidence.html": ('<table id="evidence-table"><tbody>'
                      '<tr data-section="training" data-design="phantom" data-validation="none"><td>a</td></tr>'
                      '<tr data-section="challenges" data-design="phantom" data-validation="none"><td>b</td></tr>'
                      "</tbody></table>"),
}


@pytest.fixture
def bad_page(browser, bad_site):
    """A fresh tab that treats the bad site's host as its own."""
    context, page, _ = open_context(browser, DESKTOP_LIGHT, urlsplit(bad_site.base_url).netloc)
    yield page
    context.close()


@pytest.fixture(scope="module")
def bad_visit(browser, bad_site, axe_source):
    """Visits the bad pages as the real pages are visited: one tab per layout, page after page."""
    visitor = Visitor(browser, bad_site, axe_source)
    yield visitor
    visitor.close()


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("bad-site")
    for name, body in BAD_PAGES.items():
        (folder / name).write_text(TEMPLATE.format(name=name, body=body), encoding="utf-8")
    (folder / "heavy.js").write_text(f"/* {_noise(260_000)} */", encoding="utf-8")
    site = LocalSite(folder, build=False).start()
    yield site
    site.stop()


def test_a_console_error_is_caught(bad_visit):
    seen = bad_visit("console-error.html", DESKTOP_LIGHT)
    assert [e for e in seen.record.console_errors if e.startswith("planted console error @ ")] != []


def test_a_request_to_another_host_is_blocked_and_reported(bad_visit):
    seen = bad_visit("foreign.html", DESKTOP_LIGHT)
    assert seen.record.foreign_requests == ["https://example.org/pixel.png"]


def test_a_failed_request_is_reported(bad_site, bad_visit):
    seen = bad_visit("missing-asset.html", DESKTOP_LIGHT)
    assert seen.record.failed_requests == [bad_site.url("missing.png") + ": HTTP 404"]


def test_a_request_made_after_load_is_recorded_too(bad_site, bad_visit):
    seen = bad_visit("late-request.html", DESKTOP_LIGHT)
    assert seen.record.failed_requests == [bad_site.url("late-missing.json") + ": HTTP 404"]


def test_sideways_scrolling_on_a_phone_is_measured(bad_visit):
    seen = bad_visit("wide.html", PHONE_DARK)
    assert seen.horizontal_overflow > 0


def test_axe_reports_wcag_2_2_and_older_failures(bad_visit):
    """image-alt (WCAG 2.0 A), color-contrast (2.0 AA) and target-size (2.2 AA): the rule sets we
    ask for really run."""
    seen = bad_visit("axe.html", DESKTOP_LIGHT)
    assert {"image-alt", "color-contrast", "target-size"} <= {v["id"] for v in seen.axe_violations}


def test_a_figure_narrower_than_its_column_or_with_tiny_text_is_reported(bad_visit):
    desktop = figure_problems(bad_visit("figures.html", DESKTOP_LIGHT).figures)
    drawing = "#drawing: its smallest text is 8.0 px (at least 10 px)"
    assert desktop == ["#narrow: 200 px wide in a column of 1264 px",
                       "#folded: its smallest text is 5.0 px (at least 10 px)", drawing], desktop
    phone = figure_problems(bad_visit("figures.html", PHONE_DARK).figures)
    assert phone == ["#narrow: 200 px wide in a column of 344 px",
                     "#tiny: its smallest text is 5.4 px (at least 10 px)",
                     "#folded: its smallest text is 1.4 px (at least 10 px)", drawing,
                     "#layouts: its smallest text is 8.0 px (at least 10 px)"], phone


def test_a_table_wider_than_its_column_or_splitting_words_is_reported(bad_site, bad_page):
    bad_page.goto(bad_site.url("tables.html"))
    assert table_problems("#wide", bad_page.evaluate(TABLE_LAYOUT, "#wide")) == [
        "#wide: 2000 px wide in a column of 1264 px"]
    assert table_problems("#splitting", bad_page.evaluate(TABLE_LAYOUT, "#splitting")) == [
        "#splitting: splits 2 words across lines: Validation, applicable"]


def test_a_heavy_page_is_over_the_budget(bad_visit):
    seen = bad_visit("heavy.html", DESKTOP_LIGHT)
    total, _ = first_visit_bytes(seen)
    assert total > BUDGET_BYTES


def test_a_tab_shared_by_visits_records_each_page_alone_and_from_an_empty_cache(bad_site, bad_visit):
    """The real pages are visited one after another in the same tab: what one page did must not
    show in the next page's record, and a page loaded again must transfer everything again."""
    first = bad_visit("console-error.html", DESKTOP_LIGHT)
    second = bad_visit("missing-asset.html", DESKTOP_LIGHT)
    assert first.record.console_errors != [] and first.record.failed_requests == []
    assert [e for e in second.record.console_errors if "planted" in e] == []
    heavy, again = bad_visit("heavy-script.html", DESKTOP_LIGHT), bad_visit("heavy-script.html", DESKTOP_LIGHT)
    assert first_visit_bytes(heavy)[0] == first_visit_bytes(again)[0] > BUDGET_BYTES
    # in the visits' tab, the script comes over the network again, not from the cache (which
    # the server allows)
    tab, _ = bad_visit.tabs.blank(DESKTOP_LIGHT)
    tab.goto(bad_site.url("heavy-script.html"))
    sent = tab.evaluate("() => performance.getEntriesByType('resource')"
                        ".filter(e => e.name.endsWith('/heavy.js')).map(e => e.transferSize)")
    assert len(sent) == 1 and sent[0] > BUDGET_BYTES, sent


def test_a_shared_tab_comes_to_the_next_test_without_what_the_last_one_stored(site, shared_page):
    tab = shared_page(DESKTOP_LIGHT)
    tab.goto(site.url(""))
    tab.evaluate("() => { localStorage.setItem('planted', '1'); sessionStorage.setItem('planted', '1'); }")
    tab = shared_page(DESKTOP_LIGHT)
    assert tab.url == "about:blank"
    tab.goto(site.url(""))
    assert tab.evaluate("() => [localStorage.getItem('planted'), sessionStorage.getItem('planted')]") == [None, None]


def axe_found(seen) -> dict[str, list[str]]:
    """rule id -> the targets of the nodes axe reported."""
    return {v["id"]: [node.split(": ")[0] for node in v["nodes"]] for v in seen.axe_violations}


def test_axe_leaves_out_the_template_parts_only_when_told(bad_visit):
    """Outside the pages that axe checks whole, it skips the page template's parts; only those."""
    whole = axe_found(bad_visit("template.html", DESKTOP_LIGHT, axe_runs(DESKTOP_LIGHT, True, False)))
    skipping = axe_found(bad_visit("template.html", DESKTOP_LIGHT, axe_runs(DESKTOP_LIGHT, False, False)))
    assert {"image-alt", "color-contrast"} <= set(whole)
    assert "image-alt" not in skipping and "color-contrast" in skipping


def test_on_a_phone_axe_runs_again_only_the_rules_the_layout_changes(bad_visit):
    """The phone visit of a page runs the rules that read colours and sizes; the rules that read
    the markup ran on the desktop, except on the template's parts of a layout page."""
    desktop = axe_found(bad_visit("axe.html", DESKTOP_LIGHT, axe_runs(DESKTOP_LIGHT, False, False)))
    phone = axe_found(bad_visit("axe.html", PHONE_DARK, axe_runs(PHONE_DARK, False, False)))
    assert {"image-alt", "color-contrast", "target-size"} <= set(desktop)
    assert "image-alt" not in phone and {"color-contrast", "target-size"} <= set(phone)
    template = axe_found(bad_visit("template.html", PHONE_DARK, axe_runs(PHONE_DARK, True, False)))
    assert "image-alt" in template and "color-contrast" in template


def test_axe_reads_a_repeating_page_whole_for_markup_and_its_own_parts_for_colours(bad_visit):
    """On a page that repeats the others (the print edition), a fault in the markup of the
    repeated text is found; for colours and sizes, only the page's own parts are read."""
    for layout in (DESKTOP_LIGHT, PHONE_DARK):
        found = axe_found(bad_visit("repeats.html", layout, axe_runs(layout, False, True)))
        assert found["color-contrast"] == ["#own"], layout
    assert "image-alt" in axe_found(bad_visit("repeats.html", DESKTOP_LIGHT, axe_runs(DESKTOP_LIGHT, False, True)))


def test_a_reference_without_a_link_back_fails_the_citation_check(bad_site, bad_page):
    page = bad_page
    page.goto(bad_site.url("citation.html"))
    problem = citation_round_trip(page, page.locator("a.footnote-ref").first)
    assert problem == "#fn:a has no link back to #fnref:a"


def test_the_evidence_map_predicate_catches_a_row_that_should_be_hidden(bad_site, bad_page):
    page = bad_page
    page.goto(bad_site.url("evidence.html"))
    assert page.evaluate(ALL_MATCH, {"section": "training"}) is False
    assert page.evaluate(ALL_MATCH, {"design": "phantom"}) is True
