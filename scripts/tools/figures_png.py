"""``make figures``: a PNG of every figure in docs/figures/ (for slides and documents), drawn by
headless Chromium from the SVG on a white background at twice its size, with the SVG's hash in
the PNG's text chunk so that the build can tell when a PNG is older than its source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.checks.figures import PNG_KEY
from scripts.figures import NARROW, figures_folder, png_path, source_hash
from scripts.sources import read_text
from scripts.tools.browser import HOW_TO_INSTALL, find_chromium, launch_options

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 720  # CSS pixels; the PNG is twice that


def draw(svgs: list[Path], chromium: str, docs_dir: Path) -> list[Path]:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": 600}, device_scale_factor=2)
            for svg in svgs:
                text = read_text(svg)
                page.set_content('<!doctype html><html><body style="margin:0;background:#fff;'
                                 'font-family:system-ui,-apple-system,Segoe UI,Roboto,'
                                 '\'Noto Sans CJK SC\',\'PingFang SC\',\'Microsoft YaHei\',sans-serif">'
                                 f'<div id="f" style="width:{WIDTH}px;padding:8px;box-sizing:border-box">'
                                 f'{text[text.index("<svg"):]}</div></body></html>')
                out = png_path(docs_dir, svg.stem)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.locator("#f").screenshot(path=str(out))
                info = PngInfo()
                info.add_text(PNG_KEY, source_hash(text))
                with Image.open(out) as image:
                    image.save(out, pnginfo=info, optimize=True)
                written.append(out)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these figures (default: every one)")
    args = parser.parse_args(argv)
    editions = [ROOT / "docs", ROOT / "docs" / "zh"]
    # one PNG a figure, of its wide layout (a phone layout is for the page only)
    jobs = [(docs, svg) for docs in editions for svg in sorted(figures_folder(docs).glob("*.svg"))
            if not svg.stem.endswith(NARROW) and (not args.names or svg.stem in args.names)]
    chromium = find_chromium()
    if chromium is None:
        print(f"figures: {HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    from playwright.sync_api import Error as PlaywrightError

    try:
        written = [path for docs in editions
                   for path in draw([svg for d, svg in jobs if d == docs], chromium, docs)]
    except PlaywrightError as error:
        print(f"figures: the browser failed: {(str(error).splitlines() or [''])[0]}", file=sys.stderr)
        return 1
    print(f"{len(written)} PNG(s) in docs/figures/png/ and docs/zh/figures/png/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
