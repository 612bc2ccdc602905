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
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.checks.abbreviations import (
    ABBREVIATIONS_FILE,
    find_conflicting_abbreviations,
    find_undefined_abbreviations,
    read_abbreviations,
)
from scripts.checks.assessment import check_section_assessments
from scripts.checks.bib import check_bibliography, check_verification_notes, parse_bibliography
from scripts.checks.citations import (
    check_citation_keys,
    check_unused_entries,
    citations_in_pages,
    find_citation_extras,
    find_definition_traps,
    find_split_citations,
)
from scripts.checks.figures import check_figure_files
from scripts.checks.frontmatter import check_front_matter
from scripts.checks.html import check_site
from scripts.checks.markers import check_markers
from scripts.checks.navigation import check_navigation
from scripts.checks.pages import check_page_structure
from scripts.checks.parity import parity_checks
from scripts.checks.problems import Problem, report
from scripts.checks.release import check_release
from scripts.checks.spelling import spelling_checks
from scripts.checks.studies import check_studies
from scripts.figures import read_figures
from scripts.markdown_text import mask_code
from scripts.markers import find_markers
from scripts.site import build_site_model, markdown_files
from scripts.sources import SourceError, read_text
from scripts.studies import STUDIES_FILE, read_studies

MKDOCS_LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)'")
MKDOCS_NOISE = ("Aborted with", "To disable this warning", "Zensical", "MkDocs 2.0",
                "Material for MkDocs")
TEMP_PREFIX = ".site-"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs' custom tags (the source checks need a few plain
    settings and must work when MkDocs itself would refuse the file)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(config: Path) -> tuple[dict, list[Problem]]:
    try:
        data = yaml.load(read_text(config), Loader=_Loader)
    except SourceError as error:
        return {}, [Problem(config.name, error.line, error.message)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(config.name, mark.line + 1 if mark else None,
                            f"cannot read MkDocs configuration: {getattr(error, 'problem', None) or error}")]
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
    text = read_text(root / "mkdocs.yml")
    match = re.search(r'^site_url:\s*!ENV\s*\[\s*SITE_URL\s*,\s*"([^"]+)"', text, re.M)
    if match:
        return match.group(1)
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", text, re.M)
    return match.group(1) if match else ""


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_sources(root: Path, docs_dir: Path, exclude_docs: str | None) -> tuple[dict[str, str], list[Problem]]:
    """Every page's text by its path relative to root, and a problem for each unreadable one."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for src in markdown_files(docs_dir, exclude_docs):
        path = docs_dir / src
        try:
            pages[_rel(path, root)] = read_text(path)
        except SourceError as error:
            problems.append(Problem(_rel(path, root), error.line, error.message))
    return pages, problems


def source_checks(root: Path, settings: dict, config: Path | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Everything that can be checked before MkDocs runs."""
    docs_dir = root / settings.get("docs_dir", "docs")
    config = config or root / "mkdocs.yml"
    bib_rel = bib_file_of(settings)
    exclude = settings.get("exclude_docs")
    pages, problems = read_sources(root, docs_dir, exclude)
    problems += check_navigation(settings.get("nav"), read_text(config), config.name, docs_dir,
                                 markdown_files(docs_dir, exclude), _rel(docs_dir, root), settings.get("not_in_nav"))
    site = build_site_model(docs_dir, settings.get("nav"))
    sections = site.section_slugs
    for rel, text in pages.items():
        problems += check_front_matter(text, rel)
    problems += spelling_checks(root, docs_dir, pages)  # English words in the Chinese edition too
    try:
        bib_text = read_text(root / bib_rel)
    except SourceError as error:
        return problems + [Problem(bib_rel, error.line, error.message)], {}
    problems += check_bibliography(bib_text, bib_rel) + check_verification_notes(bib_text, bib_rel)
    bib, _ = parse_bibliography(bib_text)
    if not bib.entries:  # every citation would be "unknown": the one line above says why
        return problems, {}
    studies = []
    studies_path = docs_dir / STUDIES_FILE
    if studies_path.is_file():
        rel = _rel(studies_path, root)
        try:
            studies, study_problems = read_studies(read_text(studies_path), rel)
            problems += study_problems + check_studies(studies, set(bib.entries), sections, rel)
        except SourceError as error:
            problems.append(Problem(rel, error.line, error.message))
    abbreviations_path = docs_dir / ABBREVIATIONS_FILE
    abbreviations = None
    if abbreviations_path.is_file():
        abbr_rel = _rel(abbreviations_path, root)
        try:
            abbr_text = read_text(abbreviations_path)
            abbreviations = read_abbreviations(abbr_text)
            problems += find_conflicting_abbreviations(abbr_text, abbr_rel)
        except SourceError as error:
            problems.append(Problem(abbr_rel, error.line, error.message))
    for rel, text in pages.items():
        if abbreviations is not None:
            problems += find_undefined_abbreviations(text, rel, abbreviations, _rel(abbreviations_path, root))
        problems += check_markers(text, rel, sections) + find_definition_traps(text, rel)
        problems += find_split_citations(text, rel) + find_citation_extras(text, rel)
        problems += check_page_structure(text, rel)
    problems += figure_checks(site, docs_dir, _rel(docs_dir, root))
    problems += release_checks(root, settings, config, docs_dir, pages)
    assessment_problems, assessment_texts = check_section_assessments(site, _rel(docs_dir, root), set(bib.entries))
    problems += assessment_problems
    citations = citations_in_pages({**pages, **assessment_texts}, studies)
    problems += check_citation_keys(citations, set(bib.entries))
    problems += check_unused_entries(citations, bib.lines, bib_rel)
    counts = {"pages": len(pages), "citations": len(citations), "references": len(bib.entries),
              "studies": len(studies)}
    return problems, counts


CHANGELOG_PAGE = "changelog.md"
CITATION_FILE = "CITATION.cff"


def release_checks(root: Path, settings: dict, config: Path, docs_dir: Path, pages: dict[str, str]) -> list[Problem]:
    """The version in the configuration, the changelog's newest entry and CITATION.cff agree."""
    version = (settings.get("extra") or {}).get("version")
    changelog_rel = _rel(docs_dir / CHANGELOG_PAGE, root)
    if version is None or changelog_rel not in pages:
        return []
    cff = None
    if (root / CITATION_FILE).is_file():
        try:
            cff = read_text(root / CITATION_FILE)
        except SourceError as error:
            return [Problem(CITATION_FILE, error.line, error.message)]
    # A configuration that inherits its version (the Chinese edition's) names the file that sets it.
    version_file = settings.get("INHERIT") or config.name
    return check_release(str(version), version_file, pages[changelog_rel], changelog_rel, cff, CITATION_FILE)


FIGURE_REFERENCE = re.compile(r"\[(?:Figure|图)\]\((?:[\w-]+\.md)?#(fig-[a-z0-9-]+)\)")


def figure_checks(site, docs_dir: Path, docs_rel: str) -> list[Problem]:
    """figures.yml, each SVG, where each figure is placed and that its page refers to it."""
    figures, problems = read_figures(docs_dir, f"{docs_rel}/figures/figures.yml")
    placements: dict[str, list[tuple[str, int]]] = {}
    references: dict[str, set[str]] = {}
    for page in site.pages:
        text = site.markdown(page)
        for marker in find_markers(text)[0]:
            if marker.name == "figure":
                placements.setdefault(marker.argument, []).append((page.slug, marker.line))
                if marker.argument not in figures:
                    problems.append(Problem(f"{docs_rel}/{page.src}", marker.line,
                                            f"no figure '{marker.argument}' in {docs_rel}/figures/figures.yml"))
        references[page.slug] = set(FIGURE_REFERENCE.findall(mask_code(text)))
    return problems + check_figure_files(docs_dir, docs_rel, figures, placements, references)


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
            problems.append(Problem(PluginMessage.path(message) or "mkdocs build",
                                    PluginMessage.line(message), PluginMessage.text(message)))
    return without_repeats(problems)


def without_repeats(problems: list[Problem]) -> list[Problem]:
    """A page that includes others (the print edition) repeats their broken links without a
    line: keep each link problem once, where the link is written."""
    placed = {p.message.split("contains a link", 1)[-1] for p in problems if p.line is not None}
    return [p for p in problems if p.line is not None or p.message.split("contains a link", 1)[-1] not in placed]


class PluginMessage:
    """Our hooks raise PluginError("docs/x.md:12: message"); MkDocs prints it as an error.
    Read the file and line back out of it."""

    PATTERN = re.compile(r"^(?:Error reading page '[^']*': )?(?P<path>[\w./-]+\.(?:md|yml|bib|csv)):(?P<line>\d+): "
                         r"(?P<text>.*)$")

    @classmethod
    def path(cls, message: str) -> str | None:
        match = cls.PATTERN.match(message)
        return match.group("path") if match else None

    @classmethod
    def line(cls, message: str) -> int | None:
        match = cls.PATTERN.match(message)
        return int(match.group("line")) if match else None

    @classmethod
    def text(cls, message: str) -> str:
        match = cls.PATTERN.match(message)
        return match.group("text") if match else message


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


def _start_mkdocs(config: Path, out_dir: Path, extra_env: dict | None = None) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    epoch = source_date_epoch(config.parent)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    # The output goes to a file, not a pipe: two builds run at once and neither may block on a
    # full pipe while the other is read.
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--config-file", str(config), "--site-dir", str(out_dir)],
                            cwd=config.parent, env=env, text=True, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def run_mkdocs_all(jobs: list[tuple[Path, Path, dict | None]]) -> list[tuple[bool, str]]:
    """Run ``mkdocs build --strict`` for each (config, folder, environment) at the same time
    (each edition is its own MkDocs process, and on two cores two builds take little longer
    than one); the results come back in order. Interrupted, every build is stopped before its
    folder is removed."""
    procs = [_start_mkdocs(*job) for job in jobs]
    results = []
    try:
        for proc in procs:
            proc.wait()
            proc.log.seek(0)
            results.append((proc.returncode == 0, proc.log.read()))
    finally:
        for proc in procs:
            _stop(proc)
            proc.log.close()
    return results


def run_mkdocs(config: Path, out_dir: Path, extra_env: dict | None = None) -> tuple[bool, str]:
    return run_mkdocs_all([(config, out_dir, extra_env)])[0]


def old_site(site: Path) -> Path:
    return site.with_name(site.name + ".old")


def replace_site(new: Path, site: Path) -> None:
    """Swap the new site in. Between the two renames site/ is briefly absent; if the build is
    killed just then, the next build puts the old one back (recover_site)."""
    old = old_site(site)
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_site(site: Path) -> None:
    """Undo what a killed build left behind: temporary site folders of builds that are no
    longer running, and a site/ moved aside but not replaced."""
    for folder in site.parent.glob(TEMP_PREFIX + "*"):
        pid = folder.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    old = old_site(site)
    if old.is_dir() and not site.exists():
        old.rename(site)


class Terminated(Exception):
    """SIGTERM arrived: unwind like an interrupt, so that temporary folders are removed."""


def _on_sigterm(signum, frame):  # noqa: ARG001 (the signal API)
    raise Terminated()


ZH_CONFIG = "mkdocs.zh.yml"


def editions(config: Path) -> list[tuple[Path, str]]:
    """The configurations to build, with the folder each goes to inside the site: the English
    edition at the root and, when mkdocs.zh.yml is there, the Chinese one under zh/."""
    found = [(config, "")]
    zh = config.with_name(ZH_CONFIG)
    if config.name == "mkdocs.yml" and zh.is_file():
        found.append((zh, "zh"))
    return found


def build(config: Path, site: Path, online: bool = False, out=sys.stdout) -> int:
    started = time.monotonic()
    root = config.parent
    recover_site(site)
    settings, problems = read_settings(config)
    if problems:
        report(problems)
        return 1
    docs_dir = root / settings.get("docs_dir", "docs")
    problems, counts = source_checks(root, settings, config)
    built = editions(config)
    for other, _ in built[1:]:
        extra, read_problems = read_settings(other)
        problems += read_problems
        if not read_problems:
            zh_problems, _ = source_checks(root, {**settings, **extra}, other)
            problems += zh_problems
            problems += parity_checks(root, docs_dir, root / extra.get("docs_dir", "docs/zh"))
    if problems:
        n = report(problems)
        print(f"{n} problem(s) in the sources; nothing was built.", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=site.parent))
    try:
        problems = []
        base_url = site_url_of(root)
        # Each edition builds into a folder of its own (MkDocs empties its site folder when it
        # starts, and the builds run at the same time); the others then move into the first.
        new_site = tmp / "site"
        jobs = [(edition, tmp / folder if folder else new_site,
                 {"SITE_URL_ZH": base_url + "zh/"} if folder else {}) for edition, folder in built]
        for (edition, _), (ok, output) in zip(built, run_mkdocs_all(jobs), strict=True):
            problems += mkdocs_problems(output, root, docs_dir)
            if not ok and not problems:
                problems = [Problem(edition.name, None, "mkdocs build failed: " + (output.strip().splitlines()
                                                                                   or ["no output"])[-1])]
            if problems:
                break
        if not problems:
            for _, folder in built[1:]:
                (tmp / folder).rename(new_site / folder)
            site_report = check_site(new_site, site_url_of(root), label=site.name)
            problems = site_report.problems
            counts.update(links=site_report.links, built_pages=site_report.pages)
            if online and not problems:
                problems = online_checks(root, settings, site_report.external_urls)
        if problems:
            n = report(problems)
            print(f"{n} problem(s); site/ was left unchanged.", file=sys.stderr)
            return 1
        replace_site(new_site, site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.monotonic() - started
    print(f"OK: {counts['pages']} pages, {counts['citations']} citations, "
          f"{counts['references']} references, {counts['studies']} studies, {counts['links']} links checked; "
          f"built into {site.name}/ in {seconds:.1f} s", file=out)
    return 0


def online_checks(root: Path, settings: dict, external: dict[str, tuple[str, int]]) -> list[Problem]:
    from scripts.checks.online import UrlSource, check_urls

    sources = [UrlSource(url, where, line) for url, (where, line) in external.items()]
    bib_rel = bib_file_of(settings)
    bib, _ = parse_bibliography(read_text(root / bib_rel))
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
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return build(config, site, online=args.online)
    except KeyboardInterrupt:
        print("build: interrupted; site/ was left unchanged", file=sys.stderr)
        return 130
    except Terminated:
        print("build: terminated; site/ was left unchanged", file=sys.stderr)
        return 143
    except SourceError as error:
        print(str(error), file=sys.stderr)
        return 1
    except Exception as error:  # the promise is: a clear line, never a traceback
        print(f"build: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
