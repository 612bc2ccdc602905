"""``make pdf``: print the print edition (site/print/index.html) to a PDF with headless
Chromium. Chromium comes from Debian's ``chromium`` package (/usr/bin/chromium), $CHROMIUM, or
Playwright's own download; nothing is fetched from the network while printing."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    try:  # a developer laptop with `playwright install chromium`
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if Path(path).is_file() else None
    except Exception:  # noqa: BLE001 - Playwright missing or without a browser
        return None


def print_to_pdf(page: Path, out: Path, chromium: str, timeout: int = 180) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                "--virtual-time-budget=5000", f"--print-to-pdf={out}", page.resolve().as_uri()]
        subprocess.run(args, check=True, capture_output=True, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "ai-in-ir-print-edition.pdf")
    args = parser.parse_args(argv)
    page = args.site_dir / "print" / "index.html"
    if not page.is_file():
        print(f"{page}: not found; run `make build` first", file=sys.stderr)
        return 1
    chromium = find_chromium()
    if chromium is None:
        print("pdf: no Chromium found; install Debian's `chromium` package "
              "(apt-get install chromium) or run `playwright install chromium`", file=sys.stderr)
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
