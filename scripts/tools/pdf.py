"""``make pdf``: print the print edition (site/print/index.html) to a PDF with headless
Chromium, found as for the browser tests (scripts/browser.py); nothing is fetched from the
network while printing."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.tools.browser import CHROMIUM_ARGS, HOW_TO_INSTALL, find_chromium

ROOT = Path(__file__).resolve().parents[2]


def print_to_pdf(page: Path, out: Path, chromium: str, timeout: int = 180) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        args = [chromium, "--headless", *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                "--virtual-time-budget=5000", f"--print-to-pdf={out}", page.resolve().as_uri()]
        subprocess.run(args, check=True, capture_output=True, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--lang", choices=["en", "zh"], default="en", help="which edition (default: en)")
    parser.add_argument("--out", type=Path, default=None,
                        help="default: dist/ai-in-ir-print-edition.pdf (-zh.pdf for Chinese)")
    args = parser.parse_args(argv)
    suffix = "" if args.lang == "en" else "-zh"
    args.out = args.out or ROOT / "dist" / f"ai-in-ir-print-edition{suffix}.pdf"
    page = args.site_dir / ("zh" if args.lang == "zh" else "") / "print" / "index.html"
    if not page.is_file():
        print(f"{page}: not found; run `make build` first", file=sys.stderr)
        return 1
    chromium = find_chromium()
    if chromium is None:
        print(f"pdf: {HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    try:
        print_to_pdf(page, args.out, chromium)
    except (subprocess.SubprocessError, OSError) as error:
        print(f"pdf: Chromium failed to print {page}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
