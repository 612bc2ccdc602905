"""The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) on every built page,
in one Java run. It reports no error, except the theme-caused ones listed below."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


def run_vnu(folder: Path) -> dict[str, list[str]]:
    """Every vnu error in the HTML files under folder, as 'line N: message' grouped by page
    ('' for index.html, 'about/' for about/index.html, '404.html'). vnu names each file by a URL
    of its own form (file:/path, one slash); we read the path out of it, whatever the form."""
    java = shutil.which("java")
    if java is None:
        unavailable("no Java runtime for the Nu HTML Checker: install one (apt-get install -y "
                    "default-jre-headless)")
    if not VNU_JAR.is_file():
        unavailable(f"vnu-jar is not installed: {NPM_HINT}")
    proc = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only",
                           "--skip-non-html", str(folder)], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not report JSON (exit {proc.returncode}): {proc.stderr[-2000:]}")
    errors: dict[str, list[str]] = defaultdict(list)
    root = folder.resolve()
    for message in messages:
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        errors[rel.removesuffix("index.html")].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


@pytest.fixture(scope="session")
def vnu_errors(site) -> dict[str, list[str]]:
    return run_vnu(site.site_dir)


def test_vnu_errors_are_filed_under_the_page_that_has_them(tmp_path):
    """The checker must be able to fail: a focusable element inside a link is reported, under
    its page's own key."""
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<a href="#x"><abbr title="Creative Commons" tabindex="0">CC</abbr> BY</a></body></html>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><head><title>t</title></head>'
                                         '<body><p>fine</p></body></html>', encoding="utf-8")
    errors = run_vnu(tmp_path)
    assert list(errors) == ["about/"]
    assert any("tabindex" in e and "descendant of the \u201ca\u201d element" in e for e in errors["about/"]), errors


def test_nu_html_checker_reports_no_errors(page, vnu_errors):
    errors = [e for e in vnu_errors.get(page, []) if e.split(": ", 1)[1] not in ALLOWED_ERRORS]
    assert errors == [], "\n" + "\n".join(errors)


def test_allowed_errors_still_occur(vnu_errors):
    seen = {e.split(": ", 1)[1] for errors in vnu_errors.values() for e in errors}
    stale = [message for message in ALLOWED_ERRORS if message not in seen]
    assert stale == [], "no longer reported, remove from ALLOWED_ERRORS: " + "; ".join(stale)
