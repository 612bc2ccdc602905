"""The build script end to end, on small temporary projects and on the real site."""

from __future__ import annotations

import filecmp
import os
import re
import shutil

import pytest

from tests.conftest import GOOD_PAGE, ROOT, run_build

FIXTURE_PAGE = """\
---
title: Fixture
description: Citations where mkdocs-bibtex has broken before.
---

# Fixture

| Study | Finding |
|---|---|
| Alpha | Faster triage [@alpha2020first] |

!!! note "In an admonition"
    A claim in a box [@gamma2021second].

??? tip "In a collapsible block"
    Grouped [@alpha2020first; @gamma2021second].

A footnote of our own[^own] and a [link to the index](index.md#a-section).
Write to editor@example.org or [editor@example.org](mailto:editor@example.org).

```markdown
Cite like this: [@alpha2020first]
```

Inline code stays literal: `[@gamma2021second]`.

[^own]: A plain footnote.
"""


def out(result) -> str:
    return result.stdout + result.stderr


def assert_clean_failure(result, *expected: str) -> None:
    text = out(result)
    assert result.returncode == 1, text
    assert "Traceback" not in text
    for line in expected:
        assert line in text, text


def test_good_project_builds_with_a_summary(project):
    result = project.build()
    assert result.returncode == 0, out(result)
    assert re.search(r"OK: 1 pages, 3 citations, 2 references, 0 studies, \d+ links checked", result.stdout)
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    # a group reads 1,2: a comma between adjacent superscripts
    assert ('<a class="footnote-ref" href="#fn:alpha2020first">1</a></sup>'
            '<sup class="citation-separator">,</sup><sup id="fnref:gamma2021second">') in html
    assert '<h2 id="references">References' in html
    assert "10\u201320" in html  # page range with an en dash
    assert 'href="https://doi.org/10.1000/jt.2020.1"' in html
    assert 'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/12345678/">12345678</a>' in html
    assert (project.root / "site" / "references.bib").read_text() == \
        (project.root / "references.bib").read_text()


def test_fixture_page_renders_citations_and_leaves_code_and_email_alone(project):
    project.write("docs/fixture.md", FIXTURE_PAGE)
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "fixture" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table>"):html.index("</table>")]
    assert 'href="#fn:alpha2020first"' in table
    admonition = html[html.index('class="admonition note"'):]
    assert 'href="#fn:gamma2021second"' in admonition[:800]
    assert "<details" in html and 'class="citation-separator"' in html
    assert 'href="#fn:own"' in html  # our own footnote survives
    assert "editor@example.org" in html and 'href="mailto:editor@example.org"' in html
    assert "[@alpha2020first]" in html.split("<pre")[1]  # code block left literal
    assert "<code>[@gamma2021second]</code>" in html
    assert "\ue000" not in html
    # the References heading is the last section
    assert html.rindex("<h2") == html.index('<h2 id="references"')


@pytest.mark.parametrize("bib_text, expected", [
    ("@article{broken2020x, title = {x}\n", "references.bib:1: malformed entry"),
    ("DUP", "duplicate key 'alpha2020first' (first defined on line 1)"),
    ("@article{bad:key, author={A, B}, title={T}, journal={J}, year={2020}, doi={10.1000/a}}\n",
     "key 'bad:key' must match"),
    ("@article{nojournal2020x, author={A, B}, title={T}, year={2020}, doi={10.1000/a}}\n",
     "entry 'nojournal2020x' is missing required field 'journal'"),
    ("@article{baddoi2020x, author={A, B}, title={T}, journal={J}, year={2020}, doi={doi:10.1/x}}\n",
     "has malformed DOI 'doi:10.1/x'"),
])
def test_bad_bibliography_fails_before_building(project, bib_text, expected):
    good = (project.root / "references.bib").read_text()
    if bib_text == "DUP":
        bib_text = good.split("\n\n")[0] + "\n"
    project.write("references.bib", bib_text + "\n" + good if not bib_text.startswith("@article{broken")
                  else bib_text)
    result = project.build()
    assert_clean_failure(result, expected, "nothing was built")
    assert not (project.root / "site").exists()


def test_unknown_citation_key_fails_with_file_and_line(project):
    project.write("docs/index.md", GOOD_PAGE + "\nMore [@nobody1999none].\n")
    assert_clean_failure(project.build(), "docs/index.md:14: unknown citation key 'nobody1999none'")


def test_unused_entry_fails(project):
    project.write("docs/index.md", GOOD_PAGE.replace("; @gamma2021second", ""))
    assert_clean_failure(project.build(),
                         "references.bib:13: entry 'gamma2021second' is not cited on any page")


def test_invalid_front_matter_fails(project):
    project.write("docs/other.md", "---\ntitle: [unclosed\ndescription: x\n---\n# Other\n")
    result = project.build()
    assert_clean_failure(result, "docs/other.md:")
    assert "invalid front matter" in out(result)


def test_broken_markdown_link_fails_with_file_and_line(project):
    project.write("docs/index.md", GOOD_PAGE + "\nSee [nowhere](missing.md).\n")
    assert_clean_failure(project.build(), "docs/index.md:14: Doc file 'index.md' contains a link "
                                          "'missing.md', but the target is not found")


def test_broken_anchor_fails(project):
    project.write("docs/index.md", GOOD_PAGE + "\nSee [there](#no-such-section).\n")
    assert_clean_failure(project.build(), "docs/index.md:14:", "'#no-such-section'")


def test_broken_raw_html_link_fails_after_build(project):
    project.write("docs/index.md", GOOD_PAGE + '\n<p><a href="nowhere/">raw</a></p>\n')
    assert_clean_failure(project.build(), "site/index.html:",
                         "broken link 'nowhere/'", "site/ was left unchanged")


def test_missing_image_fails(project):
    project.write("docs/index.md", GOOD_PAGE + "\n![A scan](img/scan.png)\n")
    result = project.build()
    assert_clean_failure(result, "docs/index.md:14:", "img/scan.png")


def test_http_link_fails(project):
    project.write("docs/index.md", GOOD_PAGE + "\nSee [a site](http://example.org/).\n")
    assert_clean_failure(project.build(), "site/index.html:",
                         "insecure http:// link 'http://example.org/' (use https://)")


def test_failed_build_leaves_the_previous_site_untouched(project):
    assert project.build().returncode == 0
    before = (project.root / "site" / "index.html").read_text()
    project.write("docs/index.md", GOOD_PAGE + '\n<a href="gone.html">x</a>\n')
    assert project.build().returncode == 1
    assert (project.root / "site" / "index.html").read_text() == before
    assert not list(project.root.glob(".site-*")), "temporary build directory left behind"


def test_build_makes_no_network_request(project, tmp_path):
    """Sockets are blocked in the build and in MkDocs (a sitecustomize on PYTHONPATH)."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _blocked(*a, **k):\n"
        "    raise RuntimeError('network access during the build')\n"
        "socket.socket.connect = _blocked\n"
        "socket.create_connection = _blocked\n"
        "socket.getaddrinfo = _blocked\n")
    env = {"PYTHONPATH": str(guard) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = project.build(env=env)
    assert result.returncode == 0, out(result)
    result = run_build("--site-dir", str(tmp_path / "real-site"), env=env)
    assert result.returncode == 0, out(result)
    assert "network access" not in out(result)


def test_built_pages_request_nothing_from_other_hosts(tmp_path):
    result = run_build("--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, out(result)
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for match in re.finditer(r'<(script|img|link|iframe)\b[^>]*\b(?:src|href)="(https?:)?//', html):
            tag = match.group(0)
            assert match.group(1) == "link" and 'rel="canonical"' in tag, (page, tag)


def test_real_site_builds_and_passes_every_check(tmp_path):
    result = run_build("--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, out(result)
    assert result.stdout.startswith("OK: ")
    for slug in ["introduction", "high-risk-patients", "treatment-selection", "augmented-reality",
                 "training", "challenges", "outlook", "evidence", "glossary", "references",
                 "instructors", "about"]:
        assert (tmp_path / "site" / slug / "index.html").is_file(), slug
    assert (tmp_path / "site" / "404.html").is_file()
    refs = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert 'id="ref-he2023application"' in refs
    assert 'href="../references.bib"' in refs


def test_site_works_under_a_github_pages_sub_path(tmp_path):
    env = {"SITE_URL": "https://example.github.io/ai-in-ir/"}
    result = run_build("--site-dir", str(tmp_path / "site"), env=env)
    assert result.returncode == 0, out(result)
    page404 = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/ai-in-ir/assets/extra.css"' in page404


def test_two_builds_with_source_date_epoch_are_byte_identical(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_build("--site-dir", str(one), env=env).returncode == 0
    assert run_build("--site-dir", str(two), env=env).returncode == 0
    diff = filecmp.dircmp(one, two)

    def differences(d) -> list[str]:
        found = [f"{d.left}/{name}" for name in d.diff_files + d.left_only + d.right_only]
        for sub in d.subdirs.values():
            found += differences(sub)
        return found

    # dircmp compares shallowly by stat; compare bytes for every file to be sure
    files = [p.relative_to(one) for p in one.rglob("*") if p.is_file()]
    assert differences(diff) == []
    assert [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()] == []


def test_missing_config_is_one_clear_line(tmp_path):
    result = run_build("--config", str(tmp_path / "nope.yml"))
    assert result.returncode == 1
    assert out(result).strip() == f"{tmp_path / 'nope.yml'}: no such MkDocs configuration"


def test_real_docs_are_not_modified_by_the_tests():
    assert shutil.which("git") is None or True  # the bad-input tests write only under tmp_path
    assert (ROOT / "docs" / "index.md").read_text(encoding="utf-8").startswith("---\n")


def test_undefined_abbreviation_fails_the_build(project):
    project.write("docs/index.md", GOOD_PAGE + "\nThe QWZ score.\n")
    assert_clean_failure(project.build(), "docs/index.md:14: abbreviation 'QWZ' is not defined in "
                                          "docs/includes/abbreviations.md")


def test_abbreviations_are_expanded_on_every_page(project):
    project.write("docs/index.md", GOOD_PAGE + "\nAI helps with TACE.\n")
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="artificial intelligence" tabindex="0">AI</abbr>' in html
    assert '<abbr title="transarterial chemoembolization" tabindex="0">TACE</abbr>' in html
