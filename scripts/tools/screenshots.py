"""``make screenshots``: a desktop and a mobile PNG of every page, for reviewing layout by eye.

Builds the site for a local address, serves it under the GitHub Pages sub-path
(scripts/localsite.py) and saves full-page screenshots with headless Chromium into
``screenshots/`` (ignored by git): ``<page>-desktop.png`` (1280 px wide) and
``<page>-mobile.png`` (360 px wide, as a phone at 2x). A page taller than 12,000 CSS pixels
(the print edition) is cut there: Chromium cannot capture arbitrarily tall pages."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from scripts.tools.browser import HOW_TO_INSTALL, find_chromium, launch_options
from scripts.tools.localsite import BuildFailed, LocalSite

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
MAX_HEIGHT = 12_000  # CSS pixels
LAYOUTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "mobile": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
               "is_mobile": True, "has_touch": True},
}


def file_stem(page: str) -> str:
    return page.strip("/").replace("/", "-").removesuffix(".html") or "home"


def take_screenshots(site: LocalSite, chromium: str, out: Path, scheme: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        try:
            for name, options in LAYOUTS.items():
                context = browser.new_context(color_scheme=scheme, reduced_motion="reduce", **options)
                tab = context.new_page()
                for page in site.pages():
                    tab.goto(site.url(page), wait_until="networkidle")
                    path = out / f"{file_stem(page)}-{name}.png"
                    height = tab.evaluate("() => document.documentElement.scrollHeight")
                    if height > MAX_HEIGHT:  # a tall viewport, not a full-page capture
                        tab.set_viewport_size({"width": options["viewport"]["width"], "height": MAX_HEIGHT})
                    tab.screenshot(path=str(path), full_page=height <= MAX_HEIGHT, timeout=120_000)
                    tab.set_viewport_size(options["viewport"])
                    saved.append(path)
                context.close()
        finally:
            browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default: screenshots/)")
    parser.add_argument("--dark", action="store_true", help="use the dark color scheme")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print(f"screenshots: {HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    from playwright.sync_api import Error as PlaywrightError

    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        try:
            with LocalSite(Path(tmp) / "site") as site:
                saved = take_screenshots(site, chromium, args.out, "dark" if args.dark else "light")
        except BuildFailed as error:
            print(f"screenshots: the site did not build:\n{error}", file=sys.stderr)
            return 1
        except PlaywrightError as error:  # includes its TimeoutError
            first = (str(error).strip().splitlines() or ["no message"])[0]
            print(f"screenshots: the browser failed: {first}", file=sys.stderr)
            return 1
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
