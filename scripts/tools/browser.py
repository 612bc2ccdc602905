"""Find a Chromium for Playwright, the browser tests, ``make bench`` and ``make screenshots``.

Order: ``$CHROMIUM_PATH``; Debian's ``/usr/bin/chromium`` (what CI installs, see ``.ci/run``);
``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH; the browser that
``playwright install chromium`` downloaded (a developer laptop)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Headless as root needs --no-sandbox; the rest keep Chromium from phoning home or crashing
# in a small container, and stop its background calls to hosts it cannot reach here.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
HOW_TO_INSTALL = ("no Chromium found: install Debian's (sudo apt-get install -y chromium) or "
                  "Playwright's (.venv/bin/playwright install chromium), or set CHROMIUM_PATH")


def find_chromium() -> str | None:
    """The path of a Chromium executable, or None when there is none."""
    candidates = [os.environ.get("CHROMIUM_PATH"), DEBIAN_CHROMIUM]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no driver or no browser downloaded: treat as "none"
        return None
    return path if path and Path(path).is_file() else None


def launch_options(executable: str) -> dict:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": executable, "args": list(CHROMIUM_ARGS), "headless": True}
