"""Browser tests: the real site, built with every check for a local address and served under
a GitHub Pages-style sub-path on 127.0.0.1, driven in headless Chromium by Playwright.

The site is built once, while the tests are collected, because the pages to test come from the
built HTML (every ``*.html`` file), not from a list: pages that the editors add are tested
without a change here. Each page is visited once per layout (a desktop in the light scheme, a
360 px phone in the dark scheme); the passive checks (console, requests, structure, axe,
weight) read that one visit. Interactive tests open pages of their own.

Without a browser, axe-core, vnu-jar or Java these tests are skipped with one line saying how
to install it, except when ``CI=true``: then they fail, so CI never passes without them."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.site import front_matter
from scripts.tools.browser import HOW_TO_INSTALL, find_chromium, launch_options
from scripts.tools.localsite import BuildFailed, LocalSite
from tests.conftest import served_site, unavailable

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
NPM_HINT = "run `npm ci --ignore-scripts` (make test does it when npm is installed)"
# axe-core rule tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices
# (Lighthouse's accessibility score counts some of those, e.g. aria-dialog-name).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
BUILD_FAILED = "(site did not build)"


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    height: int
    color_scheme: str


DESKTOP_LIGHT = Layout("desktop-light", 1280, 800, "light")
PHONE_DARK = Layout("phone-dark", 360, 740, "dark")


# ---- the built site (tests/conftest.py builds it once per run) ----------------------------------

def page_id(page: str) -> str:
    return page or "home"


def page_html(site: LocalSite, page: str) -> str:
    path = site.site_dir / (page + "index.html" if page == "" or page.endswith("/") else page)
    return path.read_text(encoding="utf-8")


def front_matter_of(page: str) -> dict:
    """The front matter of the page's Markdown source (``zh/x/`` -> ``docs/zh/x.md``, ``zh/`` ->
    ``docs/zh/index.md``); ``{}`` for a page with none (404.html)."""
    if page.endswith(".html"):
        return {}
    docs = ROOT / "docs"
    for source in (docs / (page.rstrip("/") + ".md"), docs / page / "index.md"):
        if source.is_file():
            return front_matter(source.read_text(encoding="utf-8"))
    return {}


def repeats_other_pages(page: str) -> bool:
    """The print edition (``template: print.html``) repeats every section, the answers and the
    references on one page."""
    return front_matter_of(page).get("template") == "print.html"


def is_content_page(page: str) -> bool:
    """A page of the book other than an edition's home page and 404 page."""
    return page not in ("", "404.html", "zh/", "zh/404.html")


# What the page template puts around the content; pages that share all of it share a layout.
LAYOUT_PARTS = ('class="md-sidebar md-sidebar--primary', 'class="md-sidebar md-sidebar--secondary',
                "data-scheme-toggle", 'class="md-search"', 'class="md-tabs"', "md-header__button md-logo")


@functools.cache
def layout_pages(site: LocalSite) -> frozenset[str]:
    """For the features of the page template (the colour toggle, the navigation drawer): the
    smallest and the largest page of each layout in each language. The template is the same
    code on every page of a layout, so testing every page repeated the same check."""
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for page in site.pages():
        html = page_html(site, page)
        key = (page.startswith("zh/"),) + tuple(part in html for part in LAYOUT_PARTS)
        groups.setdefault(key, []).append((len(html), page))
    return frozenset(page for sized in groups.values() for _, page in (min(sized), max(sized)))


PAGE_SETS: dict[str, Callable[[LocalSite, str], bool]] = {
    "page": lambda site, page: True,
    "content_page": lambda site, page: is_content_page(page),
    # English content pages (the Chinese ones have a search test of their own, with Chinese terms)
    "english_page": lambda site, page: is_content_page(page) and not page.startswith("zh/"),
    "cited_page": lambda site, page: 'class="footnote-ref"' in page_html(site, page),
    "details_page": lambda site, page: "<details" in page_html(site, page),
    "layout_page": lambda site, page: page in layout_pages(site),
    # those with the navigation drawer (the answer key has none: it is not in the navigation)
    "nav_page": lambda site, page: page in layout_pages(site) and "md-sidebar--primary" in page_html(site, page),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    for name, belongs in PAGE_SETS.items():
        if name not in metafunc.fixturenames:
            continue
        try:
            site = served_site()
        except BuildFailed:
            metafunc.parametrize(name, [BUILD_FAILED])
            continue
        pages = [page for page in site.pages() if belongs(site, page)]
        metafunc.parametrize(name, pages, ids=[page_id(p) for p in pages])


# ---- the browser ------------------------------------------------------------------------------

# Package scope, not session: Playwright's sync API keeps an asyncio loop running while it is
# open, which would break later tests that call asyncio.run().
@pytest.fixture(scope="package")
def browser():
    executable = find_chromium()
    if executable is None:
        unavailable(HOW_TO_INSTALL)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**launch_options(executable))
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        unavailable(f"axe-core is not installed: {NPM_HINT}")
    return AXE_JS.read_text(encoding="utf-8")


@dataclass
class Recorder:
    """What a browser context did: console errors, failed and foreign requests, transfers."""
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    transfers: list[tuple[str, str, int]] = field(default_factory=list)  # url, type, body bytes

    def take(self) -> Recorder:
        """What was recorded so far, as a copy; the recorder starts again empty."""
        copy = Recorder(**{f.name: list(getattr(self, f.name)) for f in fields(self)})
        for f in fields(self):
            getattr(self, f.name).clear()
        return copy


def open_context(browser, layout: Layout, expected_host: str) -> tuple[object, object, Recorder]:
    """A fresh context and page that record what happens. Requests to any host but the site's
    are recorded and aborted. Routing every request turns the browser's cache off (Playwright
    does so), so each load of a page transfers everything, like a first visit."""
    context = browser.new_context(viewport={"width": layout.width, "height": layout.height},
                                  color_scheme=layout.color_scheme, reduced_motion="reduce")
    record = Recorder()

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") \
                and urlsplit(url).netloc != expected_host:
            record.foreign_requests.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.set_default_timeout(10_000)
    context.route("**/*", route)
    page = context.new_page()
    # "text @ url": the page or file that logged it (a 404 page's own load error names itself)
    page.on("console", lambda msg: record.console_errors.append(f"{msg.text} @ {msg.location.get('url', '')}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(f"uncaught: {error}"))

    def failed(request) -> None:
        if request.url not in record.foreign_requests:
            record.failed_requests.append(f"{request.url}: {request.failure}")

    def finished(request) -> None:
        response = request.response()
        if response is not None and response.status >= 400:
            record.failed_requests.append(f"{request.url}: HTTP {response.status}")
        if response is not None:  # bytes on the wire: our server always sends Content-Length
            length = response.headers.get("content-length")
            size = int(length) if length and length.isdigit() else len(response.body())
            record.transfers.append((request.url, request.resource_type, size))

    page.on("requestfailed", failed)
    page.on("requestfinished", finished)
    return context, page, record


@pytest.fixture
def new_page(browser, site) -> Iterator[Callable[..., tuple[object, Recorder]]]:
    """Open a fresh page in a layout: ``page, record = new_page(PHONE_DARK)``."""
    contexts = []
    host = urlsplit(site.base_url).netloc

    def make(layout: Layout = DESKTOP_LIGHT) -> tuple[object, Recorder]:
        context, page, record = open_context(browser, layout, host)
        contexts.append(context)
        return page, record

    yield make
    for context in contexts:
        context.close()


# run in a page of the site before leaving it: what it stored goes
FORGET = "() => { localStorage.clear(); sessionStorage.clear(); }"


class Tabs:
    """One tab per layout, used again and again (a new browser context costs about 0.3 s).
    ``blank(layout)`` hands it out on about:blank with what the last page stored, its cookies
    and what leaving it did (a worker's request cut off, say) gone, as closing a context would.
    Routing every request keeps the cache off, so each page loads as on a first visit."""

    def __init__(self, browser, site: LocalSite):
        self.browser, self.host = browser, urlsplit(site.base_url).netloc
        self.open: dict[Layout, tuple[object, object, Recorder]] = {}

    def blank(self, layout: Layout) -> tuple[object, Recorder]:
        if layout not in self.open:
            self.open[layout] = open_context(self.browser, layout, self.host)
        context, tab, record = self.open[layout]
        if tab.url.startswith(("http:", "https:")):
            tab.evaluate(FORGET)
        context.clear_cookies()
        tab.goto("about:blank")
        record.take()
        return tab, record

    def close(self) -> None:
        for context, _, _ in self.open.values():
            context.close()


@pytest.fixture(scope="package")
def shared_page(browser, site) -> Iterator[Callable[[Layout], object]]:
    """``tab = shared_page(PHONE_DARK)``: for tests that open one page and act on it; one tab
    per layout serves them all, blank and with nothing left from the test before."""
    tabs = Tabs(browser, site)
    yield lambda layout=DESKTOP_LIGHT: tabs.blank(layout)[0]
    tabs.close()


# ---- one visit per page and layout, shared by the passive checks -----------------------------

@dataclass
class Visit:
    page: str
    layout: Layout
    status: int
    record: Recorder
    h1_count: int
    lang: str
    title: str
    color_scheme: str
    horizontal_overflow: int
    content_images: list[str]
    axe_violations: list[dict]
    figures: list[dict]


READ_PAGE = """() => ({
  h1: document.querySelectorAll("h1").length,
  lang: document.documentElement.getAttribute("lang") || "",
  title: document.title,
  scheme: document.body.getAttribute("data-md-color-scheme") || "",
  images: [...document.querySelectorAll(".md-content img, .md-content picture source, .md-content video")]
    .map(e => e.currentSrc || e.src).filter(Boolean),
})"""
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Each figure's width, its column's, and its smallest text as drawn, collapsed blocks included
FIGURES = """() => [...document.querySelectorAll("figure.figure")].map(f => {
  const column = f.parentElement, style = getComputedStyle(column);
  // the layouts on screen (a figure may carry a phone layout and a wide one, one of them hidden)
  const shown = [...f.querySelectorAll(".figure-art svg")].filter(svg => svg.getClientRects().length);
  const sizes = shown.flatMap(svg => [...svg.querySelectorAll("text")]).map(t => {
    const m = t.getScreenCTM();  // the drawing's own transforms and its scaling to the page
    return m ? parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) : Infinity;
  });
  const caption = (f.querySelector("figcaption") || f).textContent.trim().slice(0, 40);
  return {name: f.id ? "#" + f.id : JSON.stringify(caption),
          width: f.getBoundingClientRect().width,
          column: column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          smallest_text: Math.min(...sizes)};
})"""
RUN_AXE = """async ([tags, runs]) => {
  const found = [];
  for (const run of runs) {
    const include = run.include.filter(s => document.querySelector(s)).map(s => [s]);
    if (include.length === 0) continue;
    const options = run.rules
      ? {runOnly: {type: "rule", values: run.rules}}
      : {runOnly: {type: "tag", values: tags},
         rules: Object.fromEntries(run.skip_rules.map(r => [r, {enabled: false}]))};
    options.resultTypes = ["violations"];
    const result = await axe.run({include, exclude: run.exclude.map(s => [s])}, options);
    found.push(...result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)})));
  }
  return found;
}"""
# The parts of the page template around the content (header, tabs, navigation, footer). They
# are the same markup and styles on every page of a layout, so axe checks them on the pages of
# layout_pages() (the smallest and largest of each layout and language) and skips them on the
# others, where they took about a third of axe's time. The Nu checker still reads every page whole.
TEMPLATE_PARTS = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer")
# The rules whose result depends on the layout and the colour scheme: they read computed colours,
# sizes and overflow. Every other rule reads the markup and the accessibility tree, which are the
# same in both layouts, so outside layout_pages() those run on the desktop only (on the phone they
# took 0.1 to 0.6 s a page for nothing new).
LAYOUT_RULES = ("color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable")
# A page that repeats the others (the print edition: every section, the answers, the references)
# is checked whole for markup, since its headings, ids and opened answers are its own. The layout
# rules, a second pass over text already checked in the same styles on its own pages and most of
# axe's 6 to 7 s there, read only what is not repeated: its own introduction and contents, and the
# section headings. (Naming these parts is what saves the time; excluding the rest did not.)
OWN_PARTS = (".md-sidebar--secondary", ".md-content__inner > :not(h2 ~ *)", ".md-content__inner > h2")


@dataclass(frozen=True)
class AxeRun:
    """One axe pass: ``rules`` (None: every rule of AXE_TAGS but ``skip_rules``) on the parts
    matched by ``include`` (selectors matching nothing are dropped) less ``exclude``."""
    rules: tuple[str, ...] | None = None
    skip_rules: tuple[str, ...] = ()
    include: tuple[str, ...] = ("html",)
    exclude: tuple[str, ...] = ()


def axe_runs(layout: Layout, template_checked: bool, repeats_others: bool) -> tuple[AxeRun, ...]:
    """What axe checks on one visit. Across the two layouts every rule reads every part of the
    page at least once, except the parts named above (template parts outside layout_pages(),
    the repeated text for the layout rules)."""
    skip = () if template_checked else TEMPLATE_PARTS
    if layout == DESKTOP_LIGHT:
        markup = AxeRun(skip_rules=LAYOUT_RULES, exclude=skip)
    elif template_checked:  # the template's parts differ between layouts (the drawer, the buttons)
        markup = AxeRun(skip_rules=LAYOUT_RULES, include=TEMPLATE_PARTS)
    else:
        markup = None
    if repeats_others:
        looks = AxeRun(rules=LAYOUT_RULES, include=OWN_PARTS + (TEMPLATE_PARTS if template_checked else ()))
    else:
        looks = AxeRun(rules=LAYOUT_RULES, exclude=skip)
    if markup is not None and (markup.include, markup.exclude) == (looks.include, looks.exclude):
        return (AxeRun(include=looks.include, exclude=looks.exclude),)  # one pass: every rule
    return tuple(run for run in (markup, looks) if run is not None)


def inspect(tab, record: Recorder, url: str, page: str, layout: Layout, axe_source: str,
            axe: tuple[AxeRun, ...] = (AxeRun(),)) -> Visit:
    """Load the page in the tab and run the passive checks on it; ``axe`` says what axe checks
    (by default every rule on the whole page)."""
    response = tab.goto(url, wait_until="load")
    tab.evaluate(NEXT_FRAMES)  # let the theme's and our scripts finish their first pass
    facts = tab.evaluate(READ_PAGE)
    tab.evaluate(OPEN_DETAILS)  # collapsed blocks are checked too
    overflow = tab.evaluate(OVERFLOW)
    figures = tab.evaluate(FIGURES)
    tab.add_script_tag(content=axe_source)
    violations = tab.evaluate(RUN_AXE, [AXE_TAGS, [asdict(run) for run in axe]])
    # Requests made after load (the search worker fetches its index) are recorded too. Waiting
    # for the network to go quiet here, not before the checks, overlaps that wait with axe.
    tab.wait_for_load_state("networkidle")
    return Visit(page, layout, response.status if response else 0, record.take(), facts["h1"],
                 facts["lang"], facts["title"], facts["scheme"], overflow, facts["images"],
                 violations, figures)


class Visitor:
    """Visits pages in one tab per layout that goes from page to page (``Tabs``): each visit
    is still a first visit, and its record holds only what that page did while it was open."""

    def __init__(self, browser, site: LocalSite, axe_source: str):
        self.site, self.axe_source = site, axe_source
        self.tabs = Tabs(browser, site)

    def __call__(self, page: str, layout: Layout, axe: tuple[AxeRun, ...] = (AxeRun(),)) -> Visit:
        tab, record = self.tabs.blank(layout)
        return inspect(tab, record, self.site.url(page), page, layout, self.axe_source, axe)

    def close(self) -> None:
        self.tabs.close()


@pytest.fixture(scope="package")
def visit(browser, site, axe_source) -> Iterator[Callable[[str, Layout], Visit]]:
    """``visit(page, layout)``: the page visited once in that layout (cached for the run)."""
    cache: dict[tuple[str, Layout], Visit] = {}
    visitor = Visitor(browser, site, axe_source)
    template_checked = layout_pages(site)

    def get(page: str, layout: Layout) -> Visit:
        if (page, layout) not in cache:
            runs = axe_runs(layout, page in template_checked, repeats_other_pages(page))
            cache[(page, layout)] = visitor(page, layout, runs)
        return cache[(page, layout)]

    yield get
    visitor.close()


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += ["    " + re.sub(r"\s+", " ", node) for node in v["nodes"]]
    return "\n".join(lines)


# ---- checks shared by the real pages and the known-bad fixture pages ---------------------------

def first_visit_bytes(seen: Visit, search_index: str = "/search/search_index.json") -> tuple[int, str]:
    """Bytes a first visit transferred, without the page's own figures and the search index
    (fetched by the search worker after load), and a table of every transfer for messages."""
    figures = set(seen.content_images)
    transfers = sorted(seen.record.transfers, key=lambda t: -t[2])
    counted = [t for t in transfers if t[0] not in figures and not t[0].endswith(search_index)]
    detail = "\n".join(f"  {size:>8} {kind:<10} {'counted' if (url, kind, size) in counted else 'not counted':<12}"
                       f" {url}" for url, kind, size in transfers)
    return sum(size for _, _, size in counted), detail


# The smallest text a figure may show, in CSS pixels, in either layout. Charts are drawn for a
# phone's width (scripts/render/charts.py); each hand-drawn figure has a phone layout
# (docs/figures/<name>.narrow.svg) that the page shows on a narrow screen.
SMALLEST_TEXT_PX = 10


def figure_problems(figures: list[dict]) -> list[str]:
    """Each figure as wide as its column (the theme sizes figures to their content, which for
    an SVG without a fixed size came from the caption's length), and its text not shrunk below
    SMALLEST_TEXT_PX."""
    problems = []
    for figure in figures:
        if figure["width"] < figure["column"] - 1:
            problems.append(f"{figure['name']}: {figure['width']:.0f} px wide in a column of {figure['column']:.0f} px")
        if figure["smallest_text"] < SMALLEST_TEXT_PX:
            problems.append(f"{figure['name']}: its smallest text is {figure['smallest_text']:.1f} px "
                            f"(at least {SMALLEST_TEXT_PX} px)")
    return problems


# A table's width and the words it splits across two lines (a word here: two or more Latin
# letters or digits in one text node; Chinese text may break between any two characters).
TABLE_LAYOUT = """(selector) => {
  const table = document.querySelector(selector);
  const column = table.closest("article, main") || table.parentElement, style = getComputedStyle(column);
  const split = [];
  for (const cell of table.querySelectorAll("td, th")) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[A-Za-z0-9]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1) split.push(match[0]);
      }
    }
  }
  return {width: table.getBoundingClientRect().width, split,
          column: column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
}"""


def table_problems(selector: str, measured: dict) -> list[str]:
    """A table no wider than its text column, and no word split across lines."""
    problems = []
    if measured["width"] > measured["column"] + 1:
        problems.append(f"{selector}: {measured['width']:.0f} px wide in a column of {measured['column']:.0f} px")
    if measured["split"]:
        words = measured["split"]
        problems.append(f"{selector}: splits {len(words)} words across lines: {', '.join(words[:5])}")
    return problems


IN_VIEWPORT = """(el) => { const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth; }"""


def citation_round_trip(page, citation) -> str | None:
    """Click a citation, expect its reference on screen with a link back, follow the link back.
    None when all of that works, else what failed."""
    ref_id = citation.evaluate("a => a.parentElement.id")  # fnref:key, fnref2:key, ...
    target = citation.get_attribute("href")  # #fn:key
    citation.click()
    page.wait_for_function("(h) => location.hash === h", arg=target)
    reference = page.locator(f"li[id='{target[1:]}']")
    if reference.count() != 1:
        return f"{target} has no reference"
    if not reference.evaluate(IN_VIEWPORT):
        return f"{target} is not on screen after the click"
    back = reference.locator(f"a.footnote-backref[href='#{ref_id}']")
    if back.count() != 1:
        return f"{target} has no link back to #{ref_id}"
    back.click()
    page.wait_for_function("(h) => location.hash === h", arg=f"#{ref_id}")
    if not page.locator(f"sup[id='{ref_id}']").evaluate(IN_VIEWPORT):
        return "not back at the citation"
    return None
