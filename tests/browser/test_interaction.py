"""What a reader does on every page: follow a citation and come back, search, switch the
colour scheme, and use the navigation, search and collapsible blocks with the keyboard alone.
Words to search for are taken from the built pages at test time, never written here."""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import defaultdict
from html import unescape
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    DESKTOP_LIGHT,
    IN_VIEWPORT,
    PHONE_DARK,
    citation_round_trip,
    front_matter_of,
    open_context,
    page_html,
)

ACTIVE = "() => document.activeElement"
# lunr's English stop words that are six letters or longer: never distinctive
STOP_WORDS = {"across", "almost", "because", "cannot", "either", "however", "likely", "neither",
              "rather", "should", "though", "through", "within", "without"}


def tab_until(page, selector: str, limit: int) -> bool:
    """Press Tab until the focused element matches selector; False if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return True
    return False


def path_of(url: str) -> str:
    return urlsplit(url).path


# ---- citations --------------------------------------------------------------------------------

def test_citation_jumps_to_its_reference_and_back(cited_page, site, shared_page):
    page = shared_page(DESKTOP_LIGHT)
    page.goto(site.url(cited_page))
    # citations a reader can see (not inside a closed <details>): the first and the last. Not
    # those in a question's options: quiz.js rebuilds a question as it nears the screen, so a
    # click there can land while the options are being replaced.
    citations = page.locator("article sup[id^='fnref'] > a.footnote-ref")
    find_visible = ("as => as.map((a, i) => [i, a.checkVisibility({visibilityProperty: true})"
                    " && !a.closest('.quiz')]).filter(([, v]) => v).map(([i]) => i)")
    visible = citations.evaluate_all(find_visible)
    if not visible:  # a page that cites only inside collapsed blocks (facilitator notes): open them
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        visible = citations.evaluate_all(find_visible)
    assert visible, "no visible citation"
    for index in sorted({visible[0], visible[-1]}):
        assert citation_round_trip(page, citations.nth(index)) is None


# ---- search -----------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]{6,}", text)]


def edition(page: str) -> str:
    """'zh/' for a page of the Chinese edition, '' for the English one: each has its own index."""
    return "zh/" if page.startswith("zh/") else ""


def pages_containing(site, prefix: str = "") -> dict[str, set[str]]:
    """word -> the pages (as site paths) whose search-index text contains it, in one edition."""
    index = json.loads((site.site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        page = prefix + doc["location"].split("#")[0]
        for word in words(unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))):
            found[word].add(page)
    return found


def distinctive_word(site, page: str) -> str:
    """The rarest long word of the page's h1 and first paragraph, across the whole site."""
    html = page_html(site, page)
    article = html[html.index("<article"):]
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
    first_p = re.search(r"<p>(.*?)</p>", article, re.S)
    text = " ".join(m.group(1) for m in (h1, first_p) if m)
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    found = pages_containing(site, edition(page))
    candidates = [w for w in dict.fromkeys(words(text)) if w not in STOP_WORDS and page in found.get(w, ())]
    assert candidates, f"no word of six letters or more in the h1 or first paragraph of {page}"
    return min(candidates, key=lambda w: (len(found[w]), -len(w)))


def excluded_from_search(site, page: str) -> bool:
    """Pages whose front matter says ``search: exclude: true`` (the print edition, which
    repeats every section) are deliberately absent from the index."""
    return (front_matter_of(page).get("search") or {}).get("exclude") is True


def search_hrefs(page, word: str) -> list[str]:
    """Type a word into the search box by keyboard; the paths of the listed result pages. With
    the box already focused (a search before), its text is cleared first, and the old results
    are gone before the new word is typed."""
    if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("() => !/matching document|符合条件的结果/i.test("
                               "document.querySelector('.md-search-result__meta').textContent)")
    else:
        assert tab_until(page, ".md-search__input", limit=10), "Tab does not reach the search box"
    page.keyboard.type(word)
    # Material reads the box on a key's keyup. Chinese text is typed as text, without keys (as an
    # input method delivers it); an input method's last key (Space or Enter to commit) gives the
    # keyup, End stands in for it.
    page.keyboard.press("End")
    # Material's line above the results: "3 matching documents", "No matching documents", or
    # in Chinese "找到 3 个符合条件的结果" / "没有找到符合条件的结果"
    page.wait_for_function("() => /matching document|符合条件的结果/i.test("
                           "document.querySelector('.md-search-result__meta').textContent)")
    links = page.locator(".md-search-result__list > .md-search-result__item > a[href]")
    # The worker answers each keystroke; the count line can change before the list is drawn.
    # Read until two readings a quarter-second apart agree.
    previous = None
    for _ in range(40):
        current = [path_of(h) for h in links.evaluate_all("as => as.map(a => a.href)")]
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(250)
    return previous


@pytest.fixture(scope="module")
def search_tab(browser, site):
    """One tab for the search tests: each search starts on the page the one before opened, as a
    reader goes from page to page (and no test pays for a new tab and a first page)."""
    context, tab, _ = open_context(browser, DESKTOP_LIGHT, urlsplit(site.base_url).netloc)
    yield tab
    context.close()


def start_searching(tab, site, page: str) -> None:
    """Stay on the tab's page if it is a page of that edition with search closed; else open the
    edition's home page."""
    in_chinese = tab.url.startswith(site.url("zh/"))
    same_edition = tab.url.startswith(site.base_url) and in_chinese == (edition(page) == "zh/")
    if not same_edition or tab.evaluate("() => !document.getElementById('__search') "
                                "|| document.getElementById('__search').checked"):
        tab.goto(site.url(edition(page)))


def test_search_finds_a_distinctive_word_and_opens_the_page(english_page, site, search_tab):
    content_page = english_page
    if excluded_from_search(site, content_page):
        pages = pages_containing(site, edition(content_page)).values()
        assert not any(page == content_page for found in pages for page in found)
        return
    word = distinctive_word(site, content_page)
    page = search_tab
    start_searching(page, site, content_page)
    wanted = path_of(site.url(content_page))
    hrefs = search_hrefs(page, word)
    assert wanted in hrefs, f"searching '{word}' does not list {content_page}: {hrefs}"
    open_result_by_keyboard(page, hrefs, wanted)


def open_result_by_keyboard(page, hrefs: list[str], wanted: str) -> None:
    """Arrow down to the wanted result and open it with Enter; the page it opens is that one.
    ArrowDown also stops on each result's "more on this page" summary, so press it until the
    wanted link has the focus, at most once per link and summary (hrefs counts only the links)."""
    focused = ""
    for _ in range(2 * len(hrefs)):
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("() => document.activeElement.href || ''")
        if path_of(focused) == wanted:
            break
    assert path_of(focused) == wanted, "ArrowDown does not reach the result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url) == wanted
    assert page.locator("h1").count() == 1


def test_search_for_a_word_on_no_page_lists_nothing(site, new_page):
    """The search check can fail: a word that is on no page finds no page."""
    page, _ = new_page(DESKTOP_LIGHT)
    page.goto(site.url(""))
    assert search_hrefs(page, "qqxzvw") == []


def test_arrowing_to_a_page_the_results_do_not_list_fails(site, new_page):
    """The keyboard check can fail: arrowing down through every result never reaches a page
    that is not among them, and the check says so instead of opening another page."""
    page, _ = new_page(DESKTOP_LIGHT)
    page.goto(site.url(""))
    hrefs = search_hrefs(page, distinctive_word(site, "training/"))
    elsewhere = path_of(site.url("about/"))
    assert hrefs and elsewhere not in hrefs
    with pytest.raises(AssertionError, match="ArrowDown does not reach the result"):
        open_result_by_keyboard(page, hrefs, elsewhere)


# ---- colour scheme ----------------------------------------------------------------------------

def scheme(page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def wait_for_scheme(page, name: str) -> None:
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s", arg=name,
                           timeout=5_000)


def test_light_dark_toggle_switches_and_is_remembered(layout_page, site, new_page):
    tab, record = new_page(DESKTOP_LIGHT)
    tab.goto(site.url(layout_page))
    assert scheme(tab) == "default"
    background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    toggle = tab.locator("[data-scheme-toggle]")
    assert toggle.get_attribute("aria-label") == "Switch to dark mode"
    toggle.click()
    wait_for_scheme(tab, "slate")
    assert tab.evaluate("() => getComputedStyle(document.body).backgroundColor") != background
    assert toggle.get_attribute("aria-label") == "Switch to light mode"
    tab.reload()
    assert scheme(tab) == "slate", "the choice is not remembered"
    toggle.focus()
    tab.keyboard.press("Enter")  # a real button: the keyboard works too
    wait_for_scheme(tab, "default")
    assert record.console_errors == []


def test_without_javascript_the_light_dark_button_is_not_offered(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site.url(""))
        assert tab.locator("[data-scheme-toggle]").count() == 1
        assert not tab.locator("[data-scheme-toggle]").is_visible(), "a button that cannot work"
    finally:
        context.close()


# ---- keyboard alone ---------------------------------------------------------------------------

DRAWER_OPEN = "() => document.getElementById('__drawer').checked"
FOCUS_IN_DRAWER = "() => !!document.activeElement.closest('.md-sidebar--primary')"


def test_keyboard_opens_and_closes_the_navigation_on_a_phone(nav_page, site, new_page):
    tab, _ = new_page(PHONE_DARK)
    tab.goto(site.url(nav_page))
    # closed, the off-screen drawer is out of the tab order
    assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility")\
        == "hidden", "the closed navigation can take keyboard focus"
    assert tab_until(tab, "[data-md-drawer-button]", limit=5), "Tab does not reach the menu button"
    assert tab.evaluate(DRAWER_OPEN) is False
    tab.keyboard.press("Enter")
    assert tab.evaluate(DRAWER_OPEN) is True
    assert tab.get_attribute("[data-md-drawer-button]", "aria-expanded") == "true"
    assert tab.evaluate(FOCUS_IN_DRAWER), "focus did not move into the navigation"
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUS_IN_DRAWER)
    focused = tab.evaluate_handle(ACTIVE).as_element()
    tab.wait_for_function(f"(el) => ({IN_VIEWPORT})(el)", arg=focused)  # after the slide-in
    tab.keyboard.press("Escape")
    assert tab.evaluate(DRAWER_OPEN) is False
    assert tab.evaluate("() => document.activeElement.matches('[data-md-drawer-button]')")


@pytest.mark.parametrize("layout", [DESKTOP_LIGHT, PHONE_DARK], ids=lambda layout: layout.name)
def test_keyboard_opens_search(layout, site, new_page):
    tab, _ = new_page(layout)
    tab.goto(site.url(""))
    assert tab_until(tab, ".md-search__input", limit=10), "Tab does not reach the search box"
    tab.keyboard.type("a")
    tab.wait_for_function("() => document.getElementById('__search').checked", timeout=5_000)  # opened
    assert tab.locator(".md-search__input").evaluate(IN_VIEWPORT)
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => !document.getElementById('__search').checked", timeout=5_000)  # closed


# Focus the last focusable element before the first visible <summary>, so that a few Tab
# presses reach it however many links come before it on a long page.
FOCUS_BEFORE_FIRST_SUMMARY = """() => {
  const summary = [...document.querySelectorAll("details > summary")].find(s => s.getClientRects().length);
  if (!summary) return false;
  const focusable = [...document.querySelectorAll("a[href], button, input, summary, [tabindex]")]
    .filter(el => el.tabIndex >= 0 && el.getClientRects().length
            && (el.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING));
  const before = focusable[focusable.length - 1];
  if (before) before.focus(); else document.activeElement.blur();
  return true;
}"""


def test_keyboard_opens_a_details_block(details_page, site, shared_page):
    tab = shared_page(DESKTOP_LIGHT)
    tab.goto(site.url(details_page))
    tab.evaluate("() => document.querySelectorAll('details[open]').forEach(d => { d.open = false; })")
    assert tab.evaluate(FOCUS_BEFORE_FIRST_SUMMARY), "no visible <summary>"
    assert tab_until(tab, "details > summary", limit=10), "Tab does not reach the <summary>"
    summary = tab.evaluate_handle(ACTIVE).as_element()
    tab.keyboard.press("Enter")
    assert summary.evaluate("s => s.parentElement.open"), "Enter does not open the block"
    tab.keyboard.press("Enter")
    assert not summary.evaluate("s => s.parentElement.open"), "Enter does not close the block"


# ---- Chinese search ---------------------------------------------------------------------------

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def chinese_pages_of_tokens(site) -> dict[str, set[str]]:
    """Chinese word (as jieba segmented it into the Chinese index) -> the pages that hold it.
    Read once per run: the index does not change while the tests run."""
    index = json.loads((site.site_dir / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        for token in re.split(r"[\s\u200b]+", text):
            if CJK_RUN.fullmatch(token):
                found[token].add("zh/" + doc["location"].split("#")[0])
    return found


def material_han_pieces(run: str, words) -> set[str]:
    """What Material's search worker (9.8.2, function ``fe``) searches for when a reader types a
    run of Han characters: it splits the run against the index's words, never taking in the
    run's last character, and searches each piece as a prefix. Typing 栓塞 searches 栓*.
    Ported here so the test can choose terms that a reader would find the page by."""
    n = [0] * len(run)
    for s in range(len(run)):
        for o in range(s + 1, len(run)):
            if run[s:o] in words:
                n[s] = o - s
    pieces, stack = set(), [0]
    while stack:
        o = stack.pop()
        for u in range(1, n[o]):
            if n[o + u] > n[o] - u:
                pieces.add(run[o:o + u])
                stack.append(o + u)
        a = o + n[o]
        if a < len(run) - 1 and n[a]:
            stack.append(a)
        pieces.add(run[o:a])
    return {run} if "" in pieces else pieces


def chinese_terms(site, page: str) -> tuple[str, str]:
    """A two-character and a four-character Chinese word that the Chinese index holds for this
    page, each the one whose search (as Material runs it) reaches the fewest pages, so this
    page ranks among the first results."""
    found = chinese_pages_of_tokens(site)
    words = sorted(found)
    mine = [t for t, pages in found.items() if page in pages]

    def pages_of_prefix(prefix: str) -> set[str]:
        start = bisect.bisect_left(words, prefix)
        end = bisect.bisect_left(words, prefix + "\U0010ffff")
        return set().union(*(found[w] for w in words[start:end]))

    def reach(term: str) -> tuple[int, str]:
        pieces = material_han_pieces(term, found)
        return len(set().union(*(pages_of_prefix(p) for p in pieces))), term

    two = min((t for t in mine if len(t) == 2), key=reach)
    four = min((t for t in mine if len(t) == 4), key=reach, default=None) \
        or min((t for t in mine if len(t) >= 3), key=reach)
    return two, four


def test_chinese_search_finds_chinese_terms_on_each_page(site, search_tab):
    """Every Chinese section page is found from the Chinese search box by a two-character and a
    four-character term taken from it, and the second search opens it; the English index never
    lists a Chinese page. Each page's searches start from the page the one before opened."""
    pages = [p for p in site.pages() if p.startswith("zh/") and p.count("/") == 2
             and not excluded_from_search(site, p) and '<div class="quiz' in page_html(site, p)]
    assert len(pages) >= 8
    tab = search_tab
    for content_page in pages:
        start_searching(tab, site, content_page)
        wanted = path_of(site.url(content_page))
        for term in chinese_terms(site, content_page):
            hrefs = search_hrefs(tab, term)
            assert wanted in hrefs, f"searching '{term}' does not list {content_page}"
            assert all("/zh/" in h for h in hrefs), "the Chinese search lists an English page"
        open_result_by_keyboard(tab, hrefs, wanted)  # a new page builds its index again: once
    english = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("zh/") for d in english["docs"])
