"""Teaching and citability: glossary, self-assessment, instructors, cite this page, dates,
print edition and stable links."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata

import bibtexparser
import pytest
import yaml

from scripts.gitdates import fallback_date, git_dates, long_date
from scripts.render.cite import PageCitation, bibtex, gbt7714, ris
from scripts.render.objectives import sections_of
from scripts.render.print_edition import page_for_print
from scripts.site import load_site
from scripts.tools.manifest import current_urls, read_manifest, unresolved
from tests.conftest import ROOT, unavailable

SITE = load_site(ROOT / "mkdocs.yml")
SECTION_PAGES = SITE.section_slugs
ALL_PAGES = [p.url.rstrip("/") for p in SITE.pages]


def html_of(site, slug: str) -> str:
    return (site / (slug + "/index.html" if slug else "index.html")).read_text(encoding="utf-8")


def mkdocs_settings() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_sequence(node))
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


# --- Glossary and abbreviations -------------------------------------------------------------

def test_glossary_defines_at_least_80_terms_each_with_an_anchor(built_site):
    html = html_of(built_site, "glossary")
    ids = re.findall(r'<dt id="([\w-]+)"', html)
    assert len(ids) >= 80 and len(ids) == len(set(ids))


def test_every_page_expands_abbreviations_from_the_shared_file(built_site):
    for slug in SECTION_PAGES:
        html = html_of(built_site, slug)
        assert '<abbr title="artificial intelligence" tabindex="0">AI</abbr>' in html, slug


# --- Test yourself ---------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SECTION_PAGES)
def test_section_page_ends_its_prose_with_five_or_more_cited_questions(built_site, slug):
    html = html_of(built_site, slug)
    start = html.index('id="test-yourself"')
    end = html.index('id="cite-this-page"')
    quiz = html[start:end]
    answers = re.findall(r"<details class=\"success\">(.*?)</details>", quiz, re.S)
    assert len(answers) >= 8
    cited = [a for a in answers if 'class="footnote-ref"' in a]
    assert len(cited) * 2 >= len(answers), "most answers cite their source"
    choice = re.findall(r'class="quiz quiz--choice" data-answer="([A-D])"', quiz)
    assert len(choice) * 2 >= len(answers), "at least half are multiple choice"
    headings = re.findall(r'<h2 id="([\w-]+)"', html)
    assert headings[-3:] == ["test-yourself", "cite-this-page", "references"]


# --- For instructors ---------------------------------------------------------------------------

def test_instructors_page_gathers_every_pages_objectives_with_deep_links(built_site):
    from scripts.assessment import load_assessment

    html = html_of(built_site, "instructors")
    for page in SITE.sections:
        found = load_assessment(SITE.docs_dir, page.slug, page.slug)[0]
        assert len(found.objectives) >= 3, page.slug
        assert f'id="objectives-{page.slug}"' in html and f'id="discussion-{page.slug}"' in html
        # the page's discussion questions, collapsed, with their number in the summary
        guide = html.split(f'id="discussion-{page.slug}"', 1)[1]
        assert re.match(rf'.*?</h3>\s*<details class="abstract">\s*<summary>{len(found.discussion)} questions '
                        r'for discussion', guide, re.S), page.slug
        assert f'href="../{page.slug}/#q-{found.items[0].id}"' in html
        for _, anchor in sections_of(SITE.markdown(page))[:3]:
            assert f'href="../{page.slug}/#{anchor}"' in html
    for anchor in ["one-hour-overview", "journal-club", "residents-module", "reading-times", "discussion-guides",
                   "pre-post-test", "links", "attribution", "stability"]:
        assert f'id="{anchor}"' in html
    key = html_of(built_site, "answer-key")
    assert key.count("is correct.") == 15 and "answer-key" not in html_of(built_site, "")


# --- Cite this page, meta tags, CITATION.cff ----------------------------------------------------

@pytest.mark.parametrize("slug", ALL_PAGES)
def test_every_page_has_a_cite_block_meta_tags_and_downloads(built_site, slug):
    html = html_of(built_site, slug)
    version = str(mkdocs_settings()["extra"]["version"])
    assert 'id="cite-this-page"' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "AMA / Vancouver:" in text and "GB/T 7714:" in text and "[EB/OL]" in text
    assert f"Version {version}, last updated" in text
    name = slug or "home"
    for tag in ["citation_title", "citation_author", "citation_publication_date", "citation_public_url"]:
        assert f'<meta name="{tag}"' in html
    bib = (built_site / "cite" / f"{name}.bib").read_text(encoding="utf-8")
    entries = bibtexparser.parse_string(bib).entries
    assert len(entries) == 1 and entries[0].key == f"aiir-{name}"
    assert (built_site / "cite" / f"{name}.ris").read_text(encoding="utf-8").startswith("TY  - ELEC")
    assert f'href="{"../" if slug else ""}cite/{name}.ris"' in html


def test_footer_shows_the_version(built_site):
    version = str(mkdocs_settings()["extra"]["version"])
    assert f"Version {version} ·" in html_of(built_site, "about")


def test_citation_formats():
    c = PageCitation("training", "Training", "https://x.github.io/ai/training/", "AI in IR", "1.2.0", "2026-03-05")
    assert gbt7714(c) == ("AI in IR Web Edition Team. Training[EB/OL]. AI in IR, version 1.2.0. "
                          "(2026-03-05)[YYYY-MM-DD]. https://x.github.io/ai/training/.")
    assert "  url = {https://x.github.io/ai/training/}\n" in bibtex(c)
    assert ris(c).splitlines()[5] == "DA  - 2026/03/05"
    assert long_date("2026-03-05") == "March 5, 2026"


def test_citation_cff_is_valid_and_matches_the_site():
    result = subprocess.run([sys.executable, "-m", "cffconvert.cli.cli", "--validate", "-i", "CITATION.cff"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0 and "No module named" in result.stderr:
        result = subprocess.run([os.path.join(os.path.dirname(sys.executable), "cffconvert"), "--validate",
                                 "-i", "CITATION.cff"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    settings = mkdocs_settings()
    assert cff["title"] == settings["site_name"]
    assert cff["version"] == str(settings["extra"]["version"])
    assert cff["references"][0]["doi"] == "10.3969/j.issn.1008-794X.2023.12.018"


# --- Dates ---------------------------------------------------------------------------------------

def _git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_page_dates_come_from_git_also_in_a_shallow_clone(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "docs" / "a.md").write_text("a")
    (repo / "docs" / "b.md").write_text("b")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one", date="2024-01-02T10:00:00+00:00")
    (repo / "docs" / "b.md").write_text("b2")
    _git(repo, "commit", "-qam", "two", date="2025-06-07T10:00:00+00:00")
    assert git_dates(repo, "docs") == {"docs/a.md": "2024-01-02", "docs/b.md": "2025-06-07"}
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True)
    dates = git_dates(shallow, "docs")
    assert dates["docs/b.md"] == "2025-06-07" and re.match(r"\d{4}-\d\d-\d\d$", dates["docs/a.md"])


def test_without_git_the_date_falls_back_to_source_date_epoch(tmp_path, monkeypatch):
    assert git_dates(tmp_path, "docs") == {}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fallback_date() == "2023-11-14"


def test_about_links_the_dated_changelog(built_site):
    assert 'href="../changelog/"' in html_of(built_site, "about")
    assert re.search(r'<h2 id="v\d+-\d+-\d+">\d+\.\d+\.\d+ — \d{4}-\d\d-\d\d', html_of(built_site, "changelog"))


# --- Print edition --------------------------------------------------------------------------------

def test_print_page_holds_every_section_in_order_with_unique_ids(built_site):
    html = html_of(built_site, "print")
    assert html.count("<h1") == 1
    positions = [html.index(f'<h2 id="{slug}"') for slug in SECTION_PAGES]
    assert positions == sorted(positions)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    # answers are open for print; only the charts' number tables stay collapsible (their
    # charts show the same numbers, and theme.js opens them before printing)
    body = html.split('id="cite-this-page"')[0]
    assert re.findall(r"<details(?! class=\"chart-table\")", body) == [], "answers are open for print"


def test_page_for_print_demotes_headings_and_prefixes_ids():
    md = ("---\ntitle: T\n---\n\n# T\n\n## A {#a}\n\nSee [b](#a) and [x](other.md#z) and [y](out.md).\n"
          '??? success "Answer"\n')
    out = page_for_print("intro", "Intro", md, {"intro", "other"})
    assert out.startswith("## Intro {#intro}\n")
    assert "### A {#intro-a}" in out and "[b](#intro-a)" in out and "[x](#other-z)" in out
    assert "[y](out.md)" in out and '!!! success "Answer"' in out


def test_make_pdf_prints_every_section_heading(built_site, tmp_path):
    from scripts.tools.browser import HOW_TO_INSTALL, find_chromium

    if find_chromium() is None:
        unavailable(HOW_TO_INSTALL)
    out = tmp_path / "edition.pdf"
    result = subprocess.run([sys.executable, "-m", "scripts.tools.pdf", "--site-dir", str(built_site),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    text = re.sub(r"\s+", " ", text)
    for page in SITE.sections:
        assert page.meta["title"] in text, page.meta["title"]


# --- Links that never break -------------------------------------------------------------------------

def test_every_address_in_the_manifest_still_resolves(built_site):
    redirects = {}
    for plugin in mkdocs_settings()["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            redirects = plugin["redirects"].get("redirect_maps") or {}
    urls = read_manifest()
    assert len(urls) > 100
    assert unresolved(built_site, urls, redirects) == []


def test_every_current_address_is_in_the_manifest():
    missing = sorted(set(current_urls(SITE)) - set(read_manifest()))
    assert missing == [], "run `python -m scripts.tools.manifest` to add new addresses"


def test_a_removed_page_or_anchor_is_reported_and_a_redirect_excuses_the_page(tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text('<h2 id="kept">K</h2>')
    urls = ["old/", "old/#kept", "new/#gone"]
    assert unresolved(tmp_path, urls, {}) == ["old/: no longer served", "old/#kept: no longer served",
                                              "new/#gone: anchor '#gone' is gone from new/index.html"]
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../new/">')
    assert unresolved(tmp_path, urls, {"old.md": "new.md"}) == [
        "new/#gone: anchor '#gone' is gone from new/index.html"]


def test_the_site_has_the_mix_of_items_a_course_needs():
    """At least six calculation, six appraisal (mock abstract) and six vignette items across the
    section pages; each page's own rules are checked by the build."""
    from scripts.assessment import load_assessment
    from scripts.checks.assessment import check_site_mix

    found = {p.slug: load_assessment(SITE.docs_dir, p.slug, p.slug)[0] for p in SITE.sections}
    assert all(found.values())
    assert check_site_mix(found, "docs/assessment") == []


def test_the_site_mix_check_reports_a_shortfall():
    from scripts.assessment import parse_assessment
    from scripts.checks.assessment import check_site_mix
    from tests.unit.test_assessment import good_file

    found, _ = parse_assessment(good_file(), "p")
    assert [str(p) for p in check_site_mix({"p": found}, "docs/assessment")] == [
        "docs/assessment: the site has 4 calculation items; it needs at least 6",
        "docs/assessment: the site has 0 appraisal items; it needs at least 6",
        "docs/assessment: the site has 4 vignette items; it needs at least 6",
    ]


def test_the_chinese_pdf_shows_chinese_text(built_site, tmp_path):
    """Chromium prints Chinese only with a CJK font installed (.ci/run installs fonts-noto-cjk);
    without one, the PDF has empty boxes and no Chinese text to extract."""
    from scripts.tools.browser import HOW_TO_INSTALL, find_chromium

    if find_chromium() is None:
        unavailable(HOW_TO_INSTALL)
    out = tmp_path / "zh.pdf"
    result = subprocess.run([sys.executable, "-m", "scripts.tools.pdf", "--site-dir", str(built_site), "--lang", "zh",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    from pypdf import PdfReader

    # NFKC: the CJK font maps some characters to their Kangxi-radical look-alikes in the text layer
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in PdfReader(str(out)).pages[:3]))
    text = re.sub(r"\s+", "", text)
    zh_site = load_site(ROOT / "mkdocs.zh.yml")
    first = zh_site.sections[0].meta["title"]
    assert re.sub(r"\s+", "", first) in text, f"'{first}' is not in the Chinese PDF's text"
