"""What a careless contributor might do, one bad input per test, each on a small project: the
build stops with our own ``file:line: message``, prints no traceback, leaves site/ as it was and
leaves no temporary folder; or, where the input is fine, renders it correctly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import GOOD_BIB, GOOD_PAGE, ROOT, assert_clean_failure, out
from tests.unit.test_assessment import good_file

SECTION = "---\ntitle: S\ndescription: A section.\nkind: section\n---\n\n# S\n\nText [@gamma2021second].\n"
STUDIES = ("key,sections,task,design,data,validation,result\n"
           "alpha2020first,s,task,retrospective,data,internal,result\n")


def with_line(text: str, line: str) -> str:
    """The page with one more line at the end (line LAST)."""
    return text + "\n" + line + "\n"


LAST = len(GOOD_PAGE.splitlines()) + 2


# ---- markers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("marker, message", [
    ("<!-- evidence-tabel: s -->", f"docs/index.md:{LAST}: unknown marker 'evidence-tabel'"),
    ("<!-- evidence_map -->", f"docs/index.md:{LAST}: unknown marker 'evidence_map'"),
    ("<!-- evidence-table:s -->", f"docs/index.md:{LAST}: malformed marker '<!-- evidence-table:s -->'"),
    ("<!-- evidence-table: nowhere -->", f"docs/index.md:{LAST}: evidence table for unknown section 'nowhere'"),
    ("<!-- evidence-table -->", f"docs/index.md:{LAST}: marker 'evidence-table' needs an argument"),
    ("Text <!-- evidence-map --> inline", f"docs/index.md:{LAST}: malformed marker '<!-- evidence-map -->'"),
])
def test_a_bad_marker_fails_with_file_and_line(project, marker, message):
    project.write("docs/s.md", SECTION)
    project.write("docs/studies.csv", STUDIES)
    project.write("docs/index.md", with_line(GOOD_PAGE, marker))
    assert_clean_failure(project.build(), message, project=project)


def test_a_marker_in_code_and_a_plain_comment_are_left_alone(project):
    project.write("docs/index.md", GOOD_PAGE + "\n<!-- a note for editors -->\n\n`<!-- evidence_map -->`\n")
    result = project.build()
    assert result.returncode == 0, out(result)


# ---- the edition's version --------------------------------------------------------------------

def test_a_version_without_its_changelog_entry_fails_with_file_and_line(project):
    version = re.search(r'^  version: "([^"]+)"', (project.root / "mkdocs.yml").read_text(encoding="utf-8"),
                        re.M).group(1)
    project.write("docs/changelog.md", "---\ntitle: Changelog\ndescription: Changes.\n---\n\n# Changelog\n\n"
                                       "## 0.9.0 — 2026-01-05 {#v0-9-0}\n\nFirst.\n")
    project.write("CITATION.cff", f'cff-version: 1.2.0\nversion: "{version}"\ndate-released: "2026-01-06"\n')
    assert_clean_failure(project.build(),
                         f"docs/changelog.md:8: the newest release is 0.9.0, but mkdocs.yml sets extra.version "
                         f"to {version}",
                         project=project)
    project.write("docs/changelog.md", (project.root / "docs/changelog.md").read_text(encoding="utf-8")
                  .replace("0.9.0", version))
    assert_clean_failure(project.build(),
                         f"CITATION.cff:3: date-released is 2026-01-06, but docs/changelog.md dates {version} "
                         "2026-01-05", project=project)


# ---- reading the sources ----------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["docs/index.md", "references.bib", "docs/studies.csv",
                                 "docs/includes/abbreviations.md", "mkdocs.yml"])
def test_a_file_that_is_not_utf8_names_its_line(project, rel):
    if rel == "docs/studies.csv":
        project.write("docs/s.md", SECTION)
        project.write(rel, STUDIES)
    path = project.root / rel
    data = path.read_bytes()
    second_line = data.index(b"\n") + 1
    path.write_bytes(data[:second_line] + b"caf\xe9 " + data[second_line:])
    text = out(result := project.build())
    assert f"{rel}:2: not valid UTF-8 (byte 0xe9 at column 4); save the file as UTF-8" in text
    assert_clean_failure(result, project=project)


def test_a_byte_order_mark_is_ignored(project):
    project.write("docs/index.md", "\ufeff" + GOOD_PAGE)
    with_markers = SECTION.replace("Text [@gamma2021second].\n", "<!-- learning-objectives -->\n\n"
                                   "Text [@gamma2021second].\n\n<!-- test-yourself -->\n")
    project.write("docs/s.md", "\ufeff" + with_markers)
    project.write("docs/studies.csv", "\ufeff" + STUDIES)
    project.write("docs/assessment/s.yml", "\ufeff" + good_file())
    result = project.build()
    assert result.returncode == 0, out(result)



def test_questions_whose_answer_is_always_the_same_letter_fail_the_build(project):
    """Eight multiple-choice items, every one keyed A: a reader who always answers A scores full
    marks, and the build says so."""
    with_markers = SECTION.replace("Text [@gamma2021second].\n", "<!-- learning-objectives -->\n\n"
                                   "Text [@gamma2021second].\n\n<!-- test-yourself -->\n")
    project.write("docs/s.md", with_markers)
    project.write("docs/studies.csv", STUDIES)
    project.write("docs/assessment/s.yml", good_file(16))
    assert_clean_failure(project.build(), "docs/assessment: in the section pages' 8 multiple-choice items the "
                         "correct answer is A in 8, B in 0, C in 0 and D in 0; each letter should be correct in 1 "
                         "to 3 of them", project=project)


def test_a_british_spelling_fails_the_build_with_file_and_line(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, "A randomised trial."))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: British spelling 'randomised': write "
                         "'randomized' (English on this site is in US spelling)", project=project)

# ---- navigation -------------------------------------------------------------------------------

def add_nav(project, nav: str) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config + "\nnav:\n" + nav)


def test_a_page_left_out_of_nav_is_named(project):
    project.write("docs/orphan.md", GOOD_PAGE.replace("Test page", "Orphan"))
    add_nav(project, "  - Home: index.md\n")
    assert_clean_failure(project.build(), "docs/orphan.md:1: page is not in nav: add it to nav in mkdocs.yml",
                         project=project)


def test_a_nav_entry_to_a_missing_page_names_its_line_in_mkdocs_yml(project):
    add_nav(project, "  - Home: index.md\n  - Gone: gone.md\n")
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    number = lines.index("  - Gone: gone.md") + 1
    assert_clean_failure(project.build(), f"mkdocs.yml:{number}: nav entry 'Gone: gone.md' names a page that "
                                          "does not exist (docs/gone.md)", project=project)


# ---- the bibliography -------------------------------------------------------------------------

def test_a_name_pybtex_cannot_read_is_caught_with_its_line(project):
    project.write("references.bib", GOOD_BIB.replace("Gamma, Gail", "LeCun, Yann, Jr, Extra"))
    assert_clean_failure(project.build(), "references.bib:16: entry 'gamma2021second' author "
                                          "'LeCun, Yann, Jr, Extra' cannot be read", project=project)


@pytest.mark.parametrize("title", ["A 50% rise", "A 50\\% rise"])
def test_a_percent_sign_in_a_field_is_caught(project, title):
    project.write("references.bib", GOOD_BIB.replace("A second study", title))
    assert_clean_failure(project.build(), "references.bib:17: entry 'gamma2021second' field 'title' has a '%'",
                         project=project)


def test_a_crossref_entry_is_reported_as_unsupported(project):
    project.write("references.bib", GOOD_BIB.replace("  volume = {2},", "  crossref = {alpha2020first},"))
    text = out(result := project.build())
    assert "references.bib:20: entry 'gamma2021second' uses crossref" in text
    assert "missing required field" not in text
    assert_clean_failure(result, project=project)


def test_an_empty_bibliography_is_one_line(project):
    project.write("references.bib", "% nothing yet\n")
    result = project.build()
    assert_clean_failure(result, "references.bib: the bibliography has no entries", project=project)
    assert len(result.stderr.strip().splitlines()) == 2  # the problem and the summary


# ---- citations --------------------------------------------------------------------------------

def test_a_locator_inside_a_citation_is_rejected_not_dropped(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, "As shown [@alpha2020first, p. 5]."))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: text 'p. 5' inside the citation", project=project)


def test_a_citation_inside_link_text_is_rejected(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, "See [the trial [@alpha2020first]](https://example.org/)."))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: citation inside link text", project=project)


def test_a_citation_in_the_front_matter_is_rejected(project):
    project.write("docs/index.md", GOOD_PAGE.replace("description: A page for tests.",
                                                     "description: As shown [@alpha2020first]."))
    assert_clean_failure(project.build(), "docs/index.md:3: citation in the front matter", project=project)


def test_a_citation_in_an_html_comment_is_named_with_its_line(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, "<!-- old wording [@alpha2020first] -->"))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: citation inside an HTML comment",
                         project=project)


def test_a_citation_in_an_indented_code_block_stays_literal(project):
    project.write("docs/index.md", GOOD_PAGE + "\nCite like this:\n\n    [@alpha2020first]\n")
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "<code>[@alpha2020first]\n</code>" in html


# ---- page structure ---------------------------------------------------------------------------

def test_an_unclosed_details_block_is_caught(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, '<details markdown="1">\n<summary>More</summary>\n\nText.'))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: <details> is never closed", project=project)


def test_an_image_without_alt_text_is_caught_and_a_decorative_one_is_not(project):
    (project.docs / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    project.write("docs/index.md", with_line(GOOD_PAGE, "![](dot.svg)"))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: image without a text alternative", project=project)
    project.write("docs/index.md", with_line(GOOD_PAGE, '![](dot.svg){ role="presentation" }'))
    result = project.build()
    assert result.returncode == 0, out(result)


def test_an_abbreviation_defined_twice_is_caught(project):
    path = project.docs / "includes" / "abbreviations.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "*[CT]: clinical trial\n", encoding="utf-8")
    number = len(text.splitlines()) + 1
    assert_clean_failure(project.build(), f"docs/includes/abbreviations.md:{number}: abbreviation 'CT' is "
                                          "defined twice", project=project)


@pytest.mark.parametrize("sentence", ["A trial exists, but we could not verify its results.",
                                      "We cite no figures without a complete author list."])
def test_process_language_on_a_reader_page_is_caught(project, sentence):
    project.write("docs/index.md", with_line(GOOD_PAGE, sentence))
    assert_clean_failure(project.build(), f"docs/index.md:{LAST}: '", "tells readers how the page was made",
                         project=project)


def test_names_with_particles_render_as_the_literature_writes_them(project):
    project.write("references.bib", GOOD_BIB.replace("Gamma, Gail", "{von Ende}, Emma and {van Leeuwen}, Kicky G."))
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "von Ende E, van Leeuwen KG." in html
    assert "Ende E von" not in html


# ---- unsafe content ---------------------------------------------------------------------------

def test_a_javascript_link_in_a_page_fails_the_build(project):
    project.write("docs/index.md", with_line(GOOD_PAGE, '<a href="javascript:alert(1)">click</a>'))
    assert_clean_failure(project.build(), "unsafe javascript: URL in href on <a>", project=project)


# ---- interrupted builds -----------------------------------------------------------------------

def test_a_terminated_build_cleans_up_and_keeps_site(project):
    assert project.build().returncode == 0
    before = project.site_snapshot()
    proc = subprocess.Popen([sys.executable, "-m", "scripts.build", "--config", str(project.root / "mkdocs.yml")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))
    deadline = time.monotonic() + 60
    while not list(project.root.glob(".site-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert not list(project.root.glob(".site-*")), "temporary folder left behind"
    assert project.site_snapshot() == before


def test_a_stale_temporary_folder_of_a_dead_build_is_removed(project):
    stale = project.root / ".site-999999999-abc"
    (stale / "x").mkdir(parents=True)
    assert project.build().returncode == 0
    assert not stale.exists()


def test_a_site_moved_aside_by_a_killed_build_is_put_back(project):
    assert project.build().returncode == 0
    (project.root / "site").rename(project.root / "site.old")
    project.write("docs/index.md", with_line(GOOD_PAGE, "[@nobody2020x]"))
    assert project.build().returncode == 1
    assert (project.root / "site" / "index.html").is_file()
