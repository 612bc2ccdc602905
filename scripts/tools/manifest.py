"""The manifest of public addresses: every page URL, every explicit anchor and every download.

Course material links to these addresses, so they are a public interface. The manifest in
``tests/public-urls.txt`` only grows: ``python -m scripts.manifest`` adds what is new and never
removes a line. A test fails if any listed address stops resolving in the built site, unless a
redirect in ``mkdocs.yml`` (mkdocs-redirects) maps the old page."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scripts.site import Site, load_site

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "tests" / "public-urls.txt"
DOWNLOADS = ["references.bib", "studies.csv"]
EXPLICIT_ID = re.compile(r"\{#([\w-]+)\}|\bid=\"([\w-]+)\"")
HEADER = ("# Public addresses of the site (pages, explicit anchors, downloads), relative to site_url.\n"
          "# Never delete a line: if a page moves, add a redirect in mkdocs.yml. See README.\n")


def page_url(rel: str) -> str:
    """docs/index.md -> "/", docs/about.md -> "about/"."""
    stem = rel[:-3]
    if stem == "index":
        return "/"
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def current_urls(site: Site) -> list[str]:
    """Every page of the site model (nav), each explicit anchor on it, and the downloads."""
    urls: set[str] = set(DOWNLOADS)
    for page in site.pages:
        url = page.url or "/"
        urls.add(url)
        for match in EXPLICIT_ID.finditer(site.markdown(page)):
            urls.add(f"{url}#{match.group(1) or match.group(2)}")
    return sorted(urls)


def unresolved(site: Path, urls: list[str], redirects: dict[str, str]) -> list[str]:
    """Addresses from the manifest that the built site no longer serves, as messages.
    A page that moved is fine when mkdocs-redirects maps its old Markdown file; anchors cannot
    be redirected, so a renamed heading must keep its old id (see README)."""
    problems = []
    redirected = {page_url(old): new for old, new in redirects.items()}
    for url in urls:
        page, _, anchor = url.partition("#")
        rel = "index.html" if page in ("", "/") else (page if "." in page.rsplit("/", 1)[-1] else page + "index.html")
        target = site / rel
        if not target.is_file():
            problems.append(f"{url}: no longer served" + ("" if page not in redirected else
                                                         " (its redirect page is missing)"))
            continue
        if page in redirected:
            if not anchor:
                continue
            new = page_url(redirected[page])
            rel = "index.html" if new == "/" else new + "index.html"
            target = site / rel
        if anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            problems.append(f"{url}: anchor '#{anchor}' is gone from {rel}")
    return problems


def read_manifest(path: Path = MANIFEST) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add new public addresses to the manifest.")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args = parser.parse_args(argv)
    known = read_manifest(args.manifest)
    new = [url for url in current_urls(load_site(args.config)) if url not in known]
    args.manifest.write_text(HEADER + "".join(f"{url}\n" for url in sorted(set(known) | set(new))),
                             encoding="utf-8")
    print(f"{len(new)} new address(es); {len(known) + len(new)} in {args.manifest.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
