"""Shared fixtures: a small temporary MkDocs project built with the real configuration,
hooks and theme overrides, so bad-input tests never touch the real docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.tools.localsite import BuildFailed, LocalSite

ROOT = Path(__file__).resolve().parent.parent

GOOD_BIB = """\
% verified: https://doi.org/10.1000/jt.2020.1
@article{alpha2020first,
  author = {Alpha, Ann and Beta, Bob},
  title = {A first study of {CT} triage},
  journal = {Journal of Tests},
  year = {2020},
  volume = {1},
  number = {2},
  pages = {10--20},
  doi = {10.1000/jt.2020.1},
  pmid = {12345678}
}

% verified: https://doi.org/10.1000/jt.2021.2
@article{gamma2021second,
  author = {Gamma, Gail},
  title = {A second study},
  journal = {Journal of Tests},
  year = {2021},
  volume = {2},
  pages = {30--35},
  doi = {10.1000/jt.2021.2}
}
"""

GOOD_PAGE = """\
---
title: Test page
description: A page for tests.
---

# Test page

One claim [@alpha2020first] and a group [@alpha2020first; @gamma2021second].

## A section {#a-section}

Text.
"""


def project_config(text: str) -> str:
    """The real mkdocs.yml, pointed at the real hooks and overrides, without nav and watch."""
    text = text.replace("  - scripts/hooks.py", f"  - {ROOT / 'scripts' / 'hooks.py'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = re.sub(r"^nav:\n(?:  .*\n?)*", "", text, flags=re.M)
    text = re.sub(r"^watch:\n(?:  .*\n?)*", "", text, flags=re.M)
    return text


@dataclass
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        self._site_before = self.site_snapshot()
        return run_build("--config", str(self.root / "mkdocs.yml"), *args, env=env)

    def site_snapshot(self) -> dict[str, bytes] | None:
        site = self.root / "site"
        if not site.is_dir():
            return None
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    def site_unchanged(self) -> bool:
        """site/ is exactly as it was before the last build (absent if it was absent)."""
        return self.site_snapshot() == getattr(self, "_site_before", None)


def run_build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("SITE_URL", None) if env is None or "SITE_URL" not in env else None
    return subprocess.run([sys.executable, "-m", "scripts.build", *args], cwd=ROOT,
                          env=full_env, text=True, capture_output=True, timeout=300)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str) -> None:
    """Skip with one clear line, or fail in CI, where every test must run."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def out(result) -> str:
    return result.stdout + result.stderr


def assert_clean_failure(result, *expected: str, project: Project | None = None) -> None:
    """Exit 1, no traceback, each expected line printed, and (for a project) site/ untouched
    and no temporary folder left behind."""
    text = out(result)
    assert result.returncode == 1, text
    assert "Traceback" not in text
    for line in expected:
        assert line in text, text
    if project is not None:
        assert project.site_unchanged(), "a failed build changed site/"
        assert not list(project.root.glob(".site-*")), "temporary build folder left behind"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    proj = Project(tmp_path / "proj")
    proj.write("mkdocs.yml", project_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    proj.write("references.bib", GOOD_BIB)
    proj.write("docs/index.md", GOOD_PAGE)
    shutil.copytree(ROOT / "docs" / "assets", proj.docs / "assets")
    shutil.copytree(ROOT / "docs" / "includes", proj.docs / "includes")
    return proj


# ---- the real site, built once per test run ---------------------------------------------------

class _SiteState:
    site: LocalSite | None = None
    error: str | None = None
    tmp: Path | None = None


def served_site() -> LocalSite:
    """The real site, built once per run with every check (and with sockets blocked, which
    proves the build needs no network) for the address of a local server that serves it
    under a GitHub Pages sub-path. Shared by the build tests and the browser tests; the
    browser tests ask for it while they are collected. Raises BuildFailed with the output."""
    if _SiteState.site is None and _SiteState.error is None:
        _SiteState.tmp = Path(tempfile.mkdtemp(prefix="site-tests-"))
        guard = _SiteState.tmp / "guard"
        guard.mkdir()
        (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
        env = {"PYTHONPATH": str(guard) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        try:
            _SiteState.site = LocalSite(_SiteState.tmp / "site", env=env).start()
        except BuildFailed as error:
            _SiteState.error = str(error)
    if _SiteState.error is not None:
        raise BuildFailed(_SiteState.error)
    assert _SiteState.site is not None
    return _SiteState.site


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _SiteState.site is not None:
        _SiteState.site.stop()
    if _SiteState.tmp is not None:
        shutil.rmtree(_SiteState.tmp, ignore_errors=True)


# Blocks every network connection in a Python process that finds it on PYTHONPATH.
SOCKET_GUARD = """\
import socket
def _blocked(*a, **k):
    raise RuntimeError('network access during the build')
socket.socket.connect = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""


@pytest.fixture(scope="session")
def site() -> LocalSite:
    try:
        return served_site()
    except BuildFailed as error:
        message = str(error)
    pytest.fail(f"the site did not build:\n{message}", pytrace=False)


@pytest.fixture(scope="session")
def built_site(site) -> Path:
    """The folder of the real site, built once (see served_site)."""
    return site.site_dir
