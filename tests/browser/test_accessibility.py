"""axe-core on every page, in both colour schemes and both layouts: WCAG 2.0, 2.1 and 2.2 at
levels A and AA, and axe's best practices (what each visit checks: ``axe_runs`` in conftest.py).
Theme problems are fixed in overrides/ and docs/assets/extra.css, never by disabling a rule."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP_LIGHT, PHONE_DARK, describe_violations, page_html


def test_axe_finds_no_violations_on_a_desktop_in_the_light_scheme(page, visit):
    seen = visit(page, DESKTOP_LIGHT)
    assert seen.color_scheme == "default"
    assert seen.axe_violations == [], "\n" + describe_violations(seen.axe_violations)


def test_axe_finds_no_violations_on_a_phone_in_the_dark_scheme(page, visit):
    seen = visit(page, PHONE_DARK)
    assert seen.color_scheme == "slate"
    assert seen.axe_violations == [], "\n" + describe_violations(seen.axe_violations)


def test_about_page_has_an_accessibility_statement_with_a_way_to_report(site):
    html = page_html(site, "about/")
    match = re.search(r'<h2 id="accessibility">(.*?)(?=<h2 |</article>)', html, re.S)
    assert match, "no '## Accessibility {#accessibility}' section on /about/"
    section = match.group(1)
    assert "WCAG" in section and "2.2" in section, "the statement names the standard"
    assert re.search(r"report|tell us", section, re.I) and "issue" in section, \
        "the statement says how to report a problem"
