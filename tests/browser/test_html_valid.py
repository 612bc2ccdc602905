"""The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) on every built page,
in one Java run. It reports no error, except the theme-caused ones listed below."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import pytest

from tests.browser.conftest import NODE_MODULES, NPM_HINT, unavailable

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The one allow-list: an error the theme causes that we cannot fix from our side, by exact
# message, with the reason. Keep it short; test_allowed_errors_still_occur removes stale ones.
ALLOWED_ERRORS = {
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d, "
    "\u201cdate\u201d, \u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d, "
    "\u201cmonth\u201d, \u201cnumber\u201d, \u201cpassword\u201d, \u201crange\u201d, "
    "\u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d, \u201curl\u201d, "
    "or \u201cweek\u201d.":
        "Material for MkDocs writes autocomplete=\"off\" on its two hidden toggle checkboxes "
        "(#__drawer, #__search) in base.html, outside any template block, so that Firefox does "
        "not restore an open drawer or search on Back. Changing it means forking base.html.",
}


@pytest.fixture(scope="session")
def vnu_errors(site) -> dict[str, list[str]]:
    """Every vnu error, as 'line N: message' grouped by page ('' home, 'about/', '404.html')."""
    java = shutil.which("java")
    if java is None:
        unavailable("no Java runtime for the Nu HTML Checker: install one (apt-get install -y "
                    "default-jre-headless)")
    if not VNU_JAR.is_file():
        unavailable(f"vnu-jar is not installed: {NPM_HINT}")
    proc = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only",
                           "--skip-non-html", str(site.site_dir)],
                          capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not report JSON (exit {proc.returncode}): {proc.stderr[-2000:]}")
    errors: dict[str, list[str]] = defaultdict(list)
    prefix = site.site_dir.resolve().as_uri() + "/"
    for message in messages:
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        rel = message.get("url", "").removeprefix(prefix)
        page = rel.removesuffix("index.html")
        errors[page].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_nu_html_checker_reports_no_errors(page, vnu_errors):
    errors = [e for e in vnu_errors.get(page, []) if e.split(": ", 1)[1] not in ALLOWED_ERRORS]
    assert errors == [], "\n" + "\n".join(errors)


def test_allowed_errors_still_occur(vnu_errors):
    seen = {e.split(": ", 1)[1] for errors in vnu_errors.values() for e in errors}
    stale = [message for message in ALLOWED_ERRORS if message not in seen]
    assert stale == [], "no longer reported, remove from ALLOWED_ERRORS: " + "; ".join(stale)
