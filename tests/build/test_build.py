"""The build script end to end, on small temporary projects and on the real site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.site import load_site
from tests.conftest import GOOD_BIB, GOOD_PAGE, ROOT, SOCKET_GUARD, assert_clean_failure, out, run_build

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
    source = (project.root / "references.bib").read_text()
    assert (project.root / "site" / "references.bib").read_text() == \
        "".join(line for line in source.splitlines(keepends=True) if not line.startswith("%"))


def test_the_published_bibliography_carries_no_comments(project):
    project.write("references.bib", "% A comment for maintainers\n\n" + GOOD_BIB)
    assert project.build().returncode == 0
    published = (project.root / "site" / "references.bib").read_text(encoding="utf-8")
    assert "%" not in published and published.startswith("@article{alpha2020first,")


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
    ("DUP", "duplicate key 'alpha2020first' (first defined on line 2)"),
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
                         "references.bib:15: entry 'gamma2021second' is not cited on any page")


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
    """Sockets are blocked in the build and in MkDocs (a sitecustomize on PYTHONPATH). The real
    site is built the same way once per run (tests/conftest.py, served_site)."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    env = {"PYTHONPATH": str(guard) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = project.build(env=env)
    assert result.returncode == 0, out(result)
    project.write("docs/index.md", GOOD_PAGE + "\n<!-- evidence-map -->\n")
    bad = project.write("guard-check.py", "import socket\nsocket.create_connection(('127.0.0.1', 9))\n")
    probe = subprocess.run([sys.executable, str(bad)], env=dict(os.environ, **env), capture_output=True, text=True)
    assert "network access during the build" in probe.stderr, "the guard does not block sockets"


def test_built_pages_request_nothing_from_other_hosts(built_site, site):
    """The only absolute addresses in tags are the page's canonical address and its other
    language (hreflang), both on the site's own address; neither is fetched."""
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for match in re.finditer(r'<(script|img|link|iframe)\b[^>]*\b(?:src|href)="((?:https?:)?//[^"]*)"[^>]*>', html):
            tag, address = match.group(0), match.group(2)
            assert match.group(1) == "link" and re.search(r'rel="(canonical|alternate)"', tag), (page, tag)
            assert address.startswith(site.base_url), (page, tag)


def test_real_site_has_every_page_of_the_nav(built_site):
    for page in load_site(ROOT / "mkdocs.yml").pages:
        assert (built_site / page.url / "index.html").is_file(), page.src
    assert (built_site / "404.html").is_file()
    refs = (built_site / "references" / "index.html").read_text(encoding="utf-8")
    assert 'id="ref-he2023application"' in refs
    assert 'href="../references.bib"' in refs


def test_site_works_under_a_github_pages_sub_path(built_site, site):
    """The shared build is made for http://127.0.0.1:<port>/ai-in-ir/, like a project site."""
    assert urlsplit(site.base_url).path == "/ai-in-ir/"
    page404 = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'href="/ai-in-ir/assets/extra.css"' in page404


def differing_files(one: Path, two: Path) -> list[str]:
    names = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    names |= {p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file()}
    return sorted(n for n in names if not (one / n).is_file() or not (two / n).is_file()
                  or (one / n).read_bytes() != (two / n).read_bytes())


def test_a_second_build_is_byte_identical(built_site, site, tmp_path):
    """Same sources, same address, same SOURCE_DATE_EPOCH (the last commit's time, by
    default): the same bytes."""
    again = tmp_path / "again"
    result = run_build("--site-dir", str(again), env={"SITE_URL": site.base_url})
    assert result.returncode == 0, out(result)
    assert differing_files(built_site, again) == []


def test_differing_files_reports_a_changed_file(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        (folder / "a").mkdir(parents=True)
        (folder / "a" / "same.html").write_text("x")
    (one / "a" / "page.html").write_text("1")
    (two / "a" / "page.html").write_text("2")
    (two / "only.html").write_text("new")
    assert differing_files(one, two) == ["a/page.html", "only.html"]


def test_a_build_from_the_reference_cache_is_byte_identical_to_one_without(project):
    """Formatted references come from .cache/references/ when nothing changed."""
    cache = project.root / ".cache" / "references"
    assert project.build("--site-dir", str(project.root / "cold")).returncode == 0
    assert list(cache.glob("*.json")), "the first build wrote no cache"
    assert project.build("--site-dir", str(project.root / "warm")).returncode == 0
    assert differing_files(project.root / "cold", project.root / "warm") == []


def test_an_edited_entry_is_formatted_anew(project):
    assert project.build().returncode == 0
    project.write("references.bib", GOOD_BIB.replace("A second study", "A renamed study"))
    assert project.build().returncode == 0
    html = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "A renamed study" in html and "A second study" not in html


def test_missing_config_is_one_clear_line(tmp_path):
    result = run_build("--config", str(tmp_path / "nope.yml"))
    assert result.returncode == 1
    assert out(result).strip() == f"{tmp_path / 'nope.yml'}: no such MkDocs configuration"


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
