"""Check everything, then build the site: ``python -m scripts.build [--online]``.

Order: front matter, bibliography, citations (and the study file) are checked first, because
mkdocs-bibtex and pybtex fail on a bad bib with a traceback or drop bad citations silently.
Then ``mkdocs build --strict`` writes into a temporary directory, the built HTML is checked,
and only then does the new site replace ``site/``: a failed build never leaves a
half-written site. Every problem is printed as ``file:line: message``; the exit code is 1 if
there was any."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.sitecheck.abbreviations import ABBREVIATIONS_FILE, find_undefined_abbreviations, read_abbreviations
from scripts.sitecheck.bib import check_bibliography, parse_bibliography
from scripts.sitecheck.citations import (
    check_citation_keys,
    check_unused_entries,
    citations_in_docs,
    find_definition_traps,
    find_split_citations,
)
from scripts.sitecheck.frontmatter import check_front_matter
from scripts.sitecheck.html import check_site
from scripts.sitecheck.problems import Problem, report
from scripts.sitecheck.studies import STUDIES_FILE, check_studies, read_studies, unknown_table_sections

MKDOCS_LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)'")
MKDOCS_NOISE = ("Aborted with", "To disable this warning", "Zensical", "MkDocs 2.0",
                "Material for MkDocs")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs' custom tags (we only need a few plain settings)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(config: Path) -> tuple[dict, list[Problem]]:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        return {}, [Problem(config.name, None, f"cannot read MkDocs configuration: {error}")]
    if not isinstance(data, dict):
        return {}, [Problem(config.name, None, "MkDocs configuration is not a mapping")]
    return data, []


def bib_file_of(settings: dict) -> str:
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            return (plugin["bibtex"] or {}).get("bib_file", "references.bib")
    return "references.bib"


def site_url_of(root: Path) -> str:
    """The site_url MkDocs will use: $SITE_URL, else the default written in mkdocs.yml."""
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url:\s*!ENV\s*\[\s*SITE_URL\s*,\s*"([^"]+)"', text, re.M)
    if match:
        return match.group(1)
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", text, re.M)
    return match.group(1) if match else ""


def content_pages(docs_dir: Path) -> list[Path]:
    """Markdown pages, without the snippets under docs/includes/ that are appended to them."""
    return sorted(p for p in docs_dir.rglob("*.md") if p.relative_to(docs_dir).parts[0] != "includes")


def source_checks(root: Path, settings: dict) -> tuple[list[Problem], dict[str, int]]:
    """Everything that can be checked before MkDocs runs."""
    docs_dir = root / settings.get("docs_dir", "docs")
    bib_rel = bib_file_of(settings)
    problems: list[Problem] = []
    pages = content_pages(docs_dir)
    for page in pages:
        problems += check_front_matter(page.read_text(encoding="utf-8"),
                                       page.relative_to(root).as_posix())
    try:
        bib_text = (root / bib_rel).read_text(encoding="utf-8")
    except OSError as error:
        return problems + [Problem(bib_rel, None, f"cannot read bibliography: {error.strerror}")], {}
    problems += check_bibliography(bib_text, bib_rel)
    bib, _ = parse_bibliography(bib_text)
    studies = []
    studies_path = docs_dir / STUDIES_FILE
    if studies_path.is_file():
        rel = studies_path.relative_to(root).as_posix()
        studies, study_problems = read_studies(studies_path.read_text(encoding="utf-8"), rel)
        problems += study_problems + check_studies(studies, set(bib.entries), rel)
    abbreviations_path = docs_dir / ABBREVIATIONS_FILE
    abbreviations = (read_abbreviations(abbreviations_path.read_text(encoding="utf-8"))
                     if abbreviations_path.is_file() else None)
    for page in pages:
        text, rel = page.read_text(encoding="utf-8"), page.relative_to(root).as_posix()
        if abbreviations is not None:
            problems += find_undefined_abbreviations(text, rel, abbreviations,
                                                     abbreviations_path.relative_to(root).as_posix())
        problems += unknown_table_sections(text, rel) + find_definition_traps(text, rel)
        problems += find_split_citations(text, rel)
    citations = citations_in_docs(docs_dir, root, studies)
    problems += check_citation_keys(citations, set(bib.entries))
    problems += check_unused_entries(citations, bib.lines, bib_rel)
    counts = {"pages": len(pages), "citations": len(citations), "references": len(bib.entries),
              "studies": len(studies)}
    return problems, counts


def mkdocs_problems(output: str, root: Path, docs_dir: Path) -> list[Problem]:
    """Turn MkDocs' WARNING/ERROR lines into problems, pointing at the Markdown line when the
    warning names a file and a link. Tracebacks and banners are dropped."""
    problems = []
    for raw in output.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", raw).strip()
        match = re.match(r"^(WARNING|ERROR)\s*-\s*(?P<msg>.*)$", line)
        if not match or any(noise in line for noise in MKDOCS_NOISE):
            continue
        message = match.group("msg")
        link = MKDOCS_LINK_WARNING.search(message)
        if link:
            page = docs_dir / link.group("file")
            number = None
            if page.is_file():
                for i, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
                    if link.group("link") in text:
                        number = i
                        break
            problems.append(Problem(page.relative_to(root).as_posix() if page.is_file()
                                    else link.group("file"), number, message))
        else:
            problems.append(Problem("mkdocs build", None, message))
    return problems


def source_date_epoch(root: Path) -> str | None:
    """Reproducible builds: default SOURCE_DATE_EPOCH to the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, text=True,
                             capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def run_mkdocs(config: Path, out_dir: Path) -> tuple[bool, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    epoch = source_date_epoch(config.parent)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--config-file", str(config), "--site-dir", str(out_dir)],
                          cwd=config.parent, env=env, text=True, capture_output=True)
    return proc.returncode == 0, proc.stdout + proc.stderr


def replace_site(new: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def build(config: Path, site: Path, online: bool = False, out=sys.stdout) -> int:
    started = time.monotonic()
    root = config.parent
    settings, problems = read_settings(config)
    if problems:
        report(problems)
        return 1
    docs_dir = root / settings.get("docs_dir", "docs")
    problems, counts = source_checks(root, settings)
    if problems:
        n = report(problems)
        print(f"{n} problem(s) in the sources; nothing was built.", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        ok, output = run_mkdocs(config, tmp)
        problems = mkdocs_problems(output, root, docs_dir)
        if not ok and not problems:
            problems = [Problem("mkdocs build", None, "failed: " + (output.strip().splitlines()
                                                                     or ["no output"])[-1])]
        if not problems:
            site_report = check_site(tmp, site_url_of(root), label=site.name)
            problems = site_report.problems
            counts.update(links=site_report.links, built_pages=site_report.pages)
            if online and not problems:
                problems = online_checks(root, settings, site_report.external_urls)
        if problems:
            n = report(problems)
            print(f"{n} problem(s); site/ was left unchanged.", file=sys.stderr)
            return 1
        replace_site(tmp, site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.monotonic() - started
    print(f"OK: {counts['pages']} pages, {counts['citations']} citations, "
          f"{counts['references']} references, {counts['studies']} studies, {counts['links']} links checked; "
          f"built into {site.name}/ in {seconds:.1f} s", file=out)
    return 0


def online_checks(root: Path, settings: dict, external: dict[str, tuple[str, int]]) -> list[Problem]:
    from scripts.sitecheck.online import UrlSource, check_urls

    sources = [UrlSource(url, where, line) for url, (where, line) in external.items()]
    bib_rel = bib_file_of(settings)
    bib, _ = parse_bibliography((root / bib_rel).read_text(encoding="utf-8"))
    for key, entry in bib.entries.items():
        doi = entry.fields_dict.get("doi")
        if doi is not None:
            sources.append(UrlSource(f"https://doi.org/{doi.value}", bib_rel, bib.lines[key]))
    print(f"Checking {len({s.url for s in sources})} external URLs and DOIs online...")
    return check_urls(sources, cache_path=root / ".cache" / "links.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", type=Path,
                        help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="where the checked site goes (default: site/ next to the config)")
    parser.add_argument("--online", action="store_true",
                        help="also resolve every external URL and DOI (needs the network)")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    if not config.is_file():
        print(f"{args.config}: no such MkDocs configuration", file=sys.stderr)
        return 1
    site = (args.site_dir or config.parent / "site").resolve()
    try:
        return build(config, site, online=args.online)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise is: a clear line, never a traceback
        print(f"build: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
