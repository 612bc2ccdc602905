"""Readers are on phones: what a first visit to a page transfers stays within a budget.

Counted: everything the page loads on a first visit (empty cache) — HTML, CSS, JavaScript,
fonts, images, icons — in bytes on the wire (gzip, as GitHub Pages serves them). Not counted:
figures that a page deliberately shows (images in the content), and the search index, which
the search worker fetches after the page has loaded and which grows with the whole site rather
than the page (its size is listed when the test fails; ``make bench`` reports Lighthouse's total
bytes, index included)."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP_LIGHT, first_visit_bytes

BUDGET_BYTES = 150 * 1024
# Pages allowed a bigger budget, each with the reason. The print edition (about 330 KB) holds the
# whole book since the figures, the questions and their answers joined it.
LARGER_BUDGETS: dict[str, tuple[int, str]] = {
    "print/": (400 * 1024, "the print edition: every section page, figure and question, and every answer, "
                           "on one page for printing; readers open it on purpose, not on the way to a page"),
    "zh/print/": (420 * 1024, "the Chinese print edition, for the same reason"),
}


def test_first_visit_transfers_at_most_the_budget(page, visit):
    seen = visit(page, DESKTOP_LIGHT)
    budget = LARGER_BUDGETS.get(page, (BUDGET_BYTES, ""))[0]
    total, detail = first_visit_bytes(seen)
    assert total <= budget, f"{total} bytes > budget {budget}:\n{detail}"
    assert any(kind == "document" for _, kind, _ in seen.record.transfers), \
        f"the page itself was not recorded:\n{detail}"
