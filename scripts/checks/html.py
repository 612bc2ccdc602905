"""Checks on the built site. MkDocs validates Markdown links only; links in raw HTML, theme
assets, extra_css/extra_javascript, images and the 404 page are checked here.

We parse with the standard library rather than run lychee or linkchecker because we need
(a) file:line for every problem, (b) the GitHub Pages sub-path rule for absolute links,
(c) anchors checked against ids in the target page, and (d) the literal "[@" check outside
code; none of those tools gives all four offline."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.checks.problems import Problem

LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
# Tags whose URL the browser fetches on page load (an <a href> is only followed on a click).
LOADING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
           ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"),
           ("embed", "src"), ("object", "data"), ("video", "poster")}
LOADING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch",
                     "icon", "apple-touch-icon", "manifest", "modulepreload"}
SKIPPED_SCHEMES = {"mailto", "tel"}
# URLs that run code or carry content of their own: never in our pages, wherever they come from
# (a study file's text, a bib field, a page).
UNSAFE_SCHEMES = {"javascript", "data", "vbscript"}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}


@dataclass
class Link:
    line: int
    tag: str
    attribute: str
    url: str
    loads: bool


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    raw_citations: list[int] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._code_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.page.ids.add(attributes[name])
        if tag in ("code", "pre"):
            self._code_depth += 1
        rels = set((attributes.get("rel") or "").lower().split())
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                urls = [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif name in LINK_ATTRIBUTES:
                urls = [value.strip()]
            else:
                continue
            loads = (tag, name) in LOADING or (tag == "link" and bool(rels & LOADING_LINK_RELS))
            for url in urls:
                self.page.links.append(Link(line, tag, name, url, loads))

    def handle_endtag(self, tag):
        if tag in ("code", "pre") and self._code_depth:
            self._code_depth -= 1

    def handle_data(self, data):
        if not self._code_depth and "[@" in data:
            self.page.raw_citations.append(self.getpos()[0])


def parse_page(html_text: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html_text)
    parser.close()
    return parser.page


@dataclass
class SiteReport:
    problems: list[Problem]
    pages: int
    links: int
    external_urls: dict[str, tuple[str, int]]


def check_site(site_dir: Path, site_url: str = "", label: str = "site") -> SiteReport:
    """Check every HTML page of a built site; paths in problems are shown as ``label/...``."""
    base_path = urlsplit(site_url).path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    site_prefix = site_url if site_url.endswith("/") else site_url + "/"
    pages = {p.relative_to(site_dir).as_posix(): parse_page(p.read_text(encoding="utf-8"))
             for p in sorted(site_dir.rglob("*.html"))}
    problems: list[Problem] = []
    external: dict[str, tuple[str, int]] = {}
    count = 0
    for rel, page in pages.items():
        where = f"{label}/{rel}"
        for line in page.raw_citations:
            problems.append(Problem(where, line, "unresolved citation '[@' in the built page"))
        for link in page.links:
            count += 1
            problem = check_link(link, rel, pages, site_dir, base_path, site_prefix)
            if problem is None and urlsplit(link.url).scheme.lower() == "https" \
                    and not (site_url and link.url.startswith(site_prefix)):
                external.setdefault(link.url, (where, link.line))
            if problem:
                problems.append(Problem(where, link.line, problem))
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return SiteReport(problems, len(pages), count, external)


def check_link(link: Link, page_rel: str, pages: dict[str, ParsedPage], site_dir: Path,
               base_path: str, site_prefix: str) -> str | None:
    """Return a message if the link is broken, insecure or loads from another host."""
    url = link.url
    if not url:
        return f"empty {link.attribute} on <{link.tag}>"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in UNSAFE_SCHEMES:
        return f"unsafe {scheme}: URL in {link.attribute} on <{link.tag}>"
    if scheme in SKIPPED_SCHEMES:
        return None
    if site_prefix and url.startswith(site_prefix) and scheme in ("http", "https"):
        # A link to our own deployed address (canonical links, the 404 page): check locally.
        return _check_local(url[len(site_prefix):], page_rel, pages, site_dir, absolute=True)
    if scheme == "http":
        if parts.hostname and (parts.hostname in LOOPBACK):
            return None
        return f"insecure http:// link '{url}' (use https://)"
    if scheme == "https":
        if not parts.hostname or "." not in parts.hostname or " " in url:
            return f"malformed external URL '{url}'"
        if link.loads:
            return f"<{link.tag} {link.attribute}> loads '{url}' from another host"
        return None
    if scheme:
        return f"unsupported URL scheme in '{url}'"
    if url.startswith("//"):
        return f"protocol-relative URL '{url}' loads from another host"
    if url.startswith("/"):
        if not url.startswith(base_path):
            return f"absolute link '{url}' is outside the site's path '{base_path}'"
        return _check_local(url[len(base_path):], page_rel, pages, site_dir, absolute=True)
    return _check_local(url, page_rel, pages, site_dir, absolute=False)


def _check_local(url: str, page_rel: str, pages: dict[str, ParsedPage],
                 site_dir: Path, absolute: bool) -> str | None:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path:
        joined = path if absolute else posixpath.join(posixpath.dirname(page_rel), path)
        target = posixpath.normpath(joined)
        if target.startswith(".."):
            return f"link '{url}' points outside the site"
        if target == ".":
            target = ""
        candidates = [target] if not (path.endswith("/") or target == "") else []
        candidates.append(posixpath.join(target, "index.html") if target else "index.html")
        found = next((c for c in candidates if (site_dir / c).is_file()), None)
        if found is None:
            return f"broken link '{url}': no file '{target or '/'}' in the built site"
    else:
        found = page_rel
    if parts.fragment and found.endswith(".html"):
        fragment = unquote(parts.fragment)
        if fragment not in pages.get(found, ParsedPage()).ids:
            return f"broken anchor '{url}': '{found}' has no id '{fragment}'"
    return None

