"""Shared fixtures: a small temporary MkDocs project built with the real configuration,
hooks and theme overrides, so bad-input tests never touch the real docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD_BIB = """\
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
    for hook in ("mkdocs_hooks.py", "hooks_edition.py"):
        text = text.replace(f"  - scripts/{hook}", f"  - {ROOT / 'scripts' / hook}")
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
        return run_build("--config", str(self.root / "mkdocs.yml"), *args, env=env)


def run_build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("SITE_URL", None) if env is None or "SITE_URL" not in env else None
    return subprocess.run([sys.executable, "-m", "scripts.build", *args], cwd=ROOT,
                          env=full_env, text=True, capture_output=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    proj = Project(tmp_path / "proj")
    proj.write("mkdocs.yml", project_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    proj.write("references.bib", GOOD_BIB)
    proj.write("docs/index.md", GOOD_PAGE)
    shutil.copytree(ROOT / "docs" / "assets", proj.docs / "assets")
    shutil.copytree(ROOT / "docs" / "includes", proj.docs / "includes")
    return proj


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with every check, for tests that only read it."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_build("--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site
