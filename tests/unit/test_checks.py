"""Unit tests: each check fed bad input reports the exact problem."""

from __future__ import annotations

import httpx

from scripts.checks.bib import check_bibliography
from scripts.checks.citations import check_citation_keys, check_unused_entries, find_citations
from scripts.checks.frontmatter import check_front_matter
from scripts.checks.html import check_site
from scripts.checks.online import UrlSource, check_urls
from scripts.checks.problems import Problem, report
from scripts.checks.release import check_release
from scripts.markdown_text import mask_code, protect_code, restore_code
from scripts.render.abbreviations import focus_first_abbreviations, plain_reference_lists
from scripts.render.citations import strip_pandoc_spans, unescape_url_text

ENTRY = """@article{{{key},
  author = {{Alpha, Ann}},
  title = {{A title}},
  journal = {{A Journal}},
  year = {{2020}},
{extra}}}
"""


def entry(key="alpha2020title", extra="  doi = {10.1000/x.1},\n"):
    return ENTRY.format(key=key, extra=extra)


def messages(problems):
    return [str(p) for p in problems]


def test_valid_entry_has_no_problems():
    assert check_bibliography(entry()) == []


def test_malformed_entry_is_reported_with_its_line():
    text = entry() + "\n@article{broken2020x, title = {x}\n\n" + entry("gamma2021y")
    problems = check_bibliography(text)
    assert len(problems) == 1
    # our prefix and the line; the reason after it is the parser's own wording
    assert messages(problems)[0].startswith("references.bib:9: malformed entry: ")


def test_duplicate_key_names_both_lines():
    text = entry() + "\n" + entry()
    assert messages(check_bibliography(text)) == [
        "references.bib:9: duplicate key 'alpha2020title' (first defined on line 1)"]


def test_key_with_colon_is_rejected():
    problems = check_bibliography(entry(key="alpha:2020"))
    assert messages(problems) == [
        "references.bib:1: key 'alpha:2020' must match ^[a-z][a-z0-9_-]*$ "
        "(mkdocs-bibtex drops keys with other characters)"]


def test_missing_required_field_is_named():
    text = entry().replace("  journal = {A Journal},\n", "")
    assert messages(check_bibliography(text)) == [
        "references.bib:1: entry 'alpha2020title' is missing required field 'journal'"]


def test_entry_without_doi_pmid_or_url_is_reported():
    assert messages(check_bibliography(entry(extra=""))) == [
        "references.bib:1: entry 'alpha2020title' needs a 'doi', 'pmid' or 'url'"]


def test_malformed_doi_is_reported_on_its_line():
    text = entry(extra="  doi = {https://doi.org/10.1000/x.1},\n")
    assert messages(check_bibliography(text)) == [
        "references.bib:6: entry 'alpha2020title' has malformed DOI "
        "'https://doi.org/10.1000/x.1' (expected 10.NNNN/suffix, without https://doi.org/)"]


def test_url_macro_inside_a_field_is_reported():
    text = entry(extra="  doi = {10.1000/x.1},\n  note = {see \\url{https://a.org}},\n")
    assert messages(check_bibliography(text)) == [
        "references.bib:7: entry 'alpha2020title' field 'note' uses \\url{}: "
        "write the bare URL in a 'url' field"]


def test_latex_escape_is_reported():
    text = entry().replace("Alpha, Ann", "Alph{\\'a}, Ann")
    assert messages(check_bibliography(text)) == [
        "references.bib:2: entry 'alpha2020title' field 'author' has a LaTeX escape: "
        "write the Unicode character"]


def test_non_numeric_pmid_is_reported():
    text = entry(extra="  pmid = {PMC123},\n")
    assert messages(check_bibliography(text)) == [
        "references.bib:6: entry 'alpha2020title' has malformed PMID 'PMC123' (digits only)"]


def test_citations_are_found_with_lines_and_code_and_email_ignored():
    md = ("# T\n\nA [@a2020x] b [see @b2021y, p. 3; @c2022z].\n"
          "Mail me at someone@example.org or [someone@example.org](mailto:someone@example.org).\n"
          "```\n[@incode2020x]\n```\n"
          "Inline `[@inline2020x]` code.\nA footnote[^1].\n")
    found = [(c.line, c.key) for c in find_citations(md, "docs/t.md")]
    assert found == [(3, "a2020x"), (3, "b2021y"), (3, "c2022z")]


def test_unknown_citation_key_is_reported_with_file_and_line():
    cites = find_citations("x\n\nsee [@nothere2020x]\n", "docs/page.md")
    assert messages(check_citation_keys(cites, {"known2020x"})) == [
        "docs/page.md:3: unknown citation key 'nothere2020x'"]


def test_citation_key_with_dot_is_reported_not_silently_dropped():
    cites = find_citations("see [@smith2020.x]\n", "docs/page.md")
    assert messages(check_citation_keys(cites, {"smith2020"})) == [
        "docs/page.md:1: citation key 'smith2020.x' has characters mkdocs-bibtex cannot read "
        "(keys must match ^[a-z][a-z0-9_-]*$)"]


def test_unused_entry_is_reported_at_its_bib_line():
    cites = find_citations("[@used2020x]\n", "docs/p.md")
    assert messages(check_unused_entries(cites, {"used2020x": 1, "spare2021y": 12})) == [
        "references.bib:12: entry 'spare2021y' is not cited on any page"]


def test_front_matter_missing_is_reported():
    assert messages(check_front_matter("# Title\n", "docs/p.md")) == [
        "docs/p.md:1: page must start with YAML front matter ('---' line) holding title "
        "and description"]


def test_invalid_front_matter_yaml_is_reported_with_line():
    text = "---\ntitle: A\ndescription: bad: colon\n---\n# A\n"
    found = messages(check_front_matter(text, "docs/p.md"))
    assert len(found) == 1 and found[0].startswith("docs/p.md:3: invalid front matter: ")


def test_front_matter_without_description_is_reported():
    assert messages(check_front_matter("---\ntitle: A\n---\n# A\n", "docs/p.md")) == [
        "docs/p.md:1: front matter needs a non-empty 'description'"]


def test_code_is_masked_and_protected_then_restored():
    md = "a [@k1]\n```\n[@k2]\n```\n`[@k3]`\n"
    assert "@k2" not in mask_code(md) and "@k3" not in mask_code(md) and "@k1" in mask_code(md)
    assert restore_code(protect_code(md)) == md
    assert "@k2" not in protect_code(md)


def _site(tmp_path, pages):
    for rel, text in pages.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_html_check_reports_broken_link_anchor_image_http_and_raw_citation(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<html><body><h1 id="top">T</h1>\n<a href="a/">ok</a>\n'
                      '<a href="missing/">x</a>\n<a href="a/#nope">y</a>\n'
                      '<img src="img/none.png" alt="">\n<a href="http://example.org/">z</a>\n'
                      '<p>[@raw2020x]</p>\n<pre><code>[@fine2020x]</code></pre>\n'
                      '<script src="https://cdn.example.org/x.js"></script>\n'
                      '<a href="https://example.org/ok">fine</a>\n<a href="#top">top</a>\n'
                      '</body></html>',
        "a/index.html": '<html><body><h2 id="there">A</h2></body></html>',
    })
    result = check_site(site, "http://127.0.0.1:8000/", label="site")
    assert messages(result.problems) == [
        "site/index.html:3: broken link 'missing/': no file 'missing' in the built site",
        "site/index.html:4: broken anchor 'a/#nope': 'a/index.html' has no id 'nope'",
        "site/index.html:5: broken link 'img/none.png': no file 'img/none.png' in the built site",
        "site/index.html:6: insecure http:// link 'http://example.org/' (use https://)",
        "site/index.html:7: unresolved citation '[@' in the built page",
        "site/index.html:9: <script src> loads 'https://cdn.example.org/x.js' from another host",
    ]
    assert list(result.external_urls) == ["https://example.org/ok"]


def test_javascript_data_and_vbscript_urls_fail_the_html_check(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="javascript:alert(1)">a</a>\n'
                                          '<img src="data:image/png;base64,AAAA" alt="x">\n'
                                          '<a href="VBScript:msgbox">v</a>\n<a href="mailto:a@b.org">m</a>\n'})
    assert messages(check_site(site, "", label="site").problems) == [
        "site/index.html:1: unsafe javascript: URL in href on <a>",
        "site/index.html:2: unsafe data: URL in src on <img>",
        "site/index.html:3: unsafe vbscript: URL in href on <a>",
    ]


def test_html_check_resolves_absolute_links_under_the_sub_path(tmp_path):
    site = _site(tmp_path, {
        "404.html": '<a href="/repo/a/">ok</a>\n<a href="/other/">bad</a>\n'
                    '<link rel="canonical" href="https://u.github.io/repo/a/">',
        "a/index.html": "<p>x</p>",
    })
    result = check_site(site, "https://u.github.io/repo/", label="site")
    assert messages(result.problems) == [
        "site/404.html:2: absolute link '/other/' is outside the site's path '/repo/'"]


def test_malformed_external_url_is_reported(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="https://nodot/">x</a>'})
    assert messages(check_site(site, "", label="site").problems) == [
        "site/index.html:1: malformed external URL 'https://nodot/'"]


def test_online_check_reports_broken_urls_with_a_mocked_transport(tmp_path):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.method, str(request.url)))
        if "gone" in str(request.url):
            return httpx.Response(404)
        if "robots" in str(request.url):
            return httpx.Response(403)
        return httpx.Response(200)

    sources = [UrlSource("https://ok.example.org/", "site/index.html", 3),
               UrlSource("https://gone.example.org/x", "site/index.html", 4),
               UrlSource("https://gone.example.org/x", "site/b/index.html", 9),
               UrlSource("https://robots.example.org/", "references.bib", 1)]
    cache = tmp_path / "links.json"
    problems = check_urls(sources, cache_path=cache, transport=httpx.MockTransport(handler),
                          now=1000.0)
    assert messages(problems) == [
        "site/index.html:4: broken external link 'https://gone.example.org/x': HTTP 404",
        "site/b/index.html:9: broken external link 'https://gone.example.org/x': HTTP 404"]
    # each distinct URL was asked once (HEAD, then GET for the failing ones)
    assert sorted({url for _, url in calls}) == sorted({s.url for s in sources})
    # a second run within a week uses the cache and asks nothing
    calls.clear()
    again = check_urls(sources, cache_path=cache, transport=httpx.MockTransport(handler),
                       now=2000.0)
    assert calls == [] and messages(again) == messages(problems)


def test_reporter_prints_sorted_unique_lines_and_counts(capsys):
    import sys
    n = report([Problem("b.md", 2, "y"), Problem("a.md", 9, "x"), Problem("a.md", 9, "x")],
               out=sys.stdout)
    assert n == 2
    assert capsys.readouterr().out == "a.md:9: x\nb.md:2: y\n"


def test_citation_then_colon_at_line_start_is_reported():
    from scripts.checks.citations import find_definition_traps
    md = "Text\n[@a2020x]: more text\n  [@b2021y] fine\n```\n[@c]: in code\n```\n"
    assert messages(find_definition_traps(md, "docs/p.md")) == [
        "docs/p.md:2: a citation followed by ':' at the start of a line becomes a footnote definition: "
        "reword or rewrap the line"]


def test_citation_group_split_across_lines_is_reported():
    from scripts.checks.citations import find_split_citations
    md = "One [@a2020x;\n@b2021y] split.\nFine [@a2020x; @b2021y].\nA [link](x.md) and [text\nover lines](y.md).\n"
    assert messages(find_split_citations(md, "docs/p.md")) == [
        "docs/p.md:1: citation group is split across lines: keep '[@a; @b]' on one line"]


def test_undefined_abbreviation_is_reported_with_line_and_code_links_ignored():
    from scripts.checks.abbreviations import find_undefined_abbreviations, read_abbreviations
    defined = read_abbreviations("*[TACE]: transarterial chemoembolization\n*[CT]: computed tomography\n")
    md = ("---\ntitle: TEST\ndescription: XYZ in front matter is fine\n---\n\n# Page\n\n"
          "TACE after CT, then XYZ and a [link](https://example.org/ABC).\n"
          "```\nCODE in blocks\n```\n`INLINE` code, <span class=\"QQQ\">x</span>, [@key2020x] {#SEC}\n")
    assert messages(find_undefined_abbreviations(md, "docs/p.md", defined, "docs/includes/abbreviations.md")) == [
        "docs/p.md:8: abbreviation 'XYZ' is not defined in docs/includes/abbreviations.md"]


def test_abbreviation_file_is_parsed():
    from scripts.checks.abbreviations import read_abbreviations
    assert read_abbreviations("<!-- c -->\n*[AI]: artificial intelligence\nnot a line\n") == {
        "AI": "artificial intelligence"}


def test_first_use_of_each_abbreviation_takes_focus():
    html = '<abbr title="a">AI</abbr> <abbr title="a">AI</abbr> <abbr title="c">CT</abbr>'
    assert focus_first_abbreviations(html) == (
        '<abbr title="a" tabindex="0">AI</abbr> AI <abbr title="c" tabindex="0">CT</abbr>')


def test_an_abbreviation_inside_a_link_is_never_focusable_and_the_next_use_is():
    html = ('<a href="x"><abbr title="Creative Commons">CC</abbr> licence</a> and '
            '<abbr title="Creative Commons">CC</abbr> again, then <abbr title="Creative Commons">CC</abbr>')
    assert focus_first_abbreviations(html) == (
        '<a href="x"><abbr title="Creative Commons">CC</abbr> licence</a> and '
        '<abbr title="Creative Commons" tabindex="0">CC</abbr> again, then CC')


def test_initials_in_the_reference_list_are_not_abbreviations():
    html = ('<p><abbr title="augmented reality">AR</abbr> guidance</p><div class="footnote"><ol><li>'
            'Bhimireddy <abbr title="augmented reality">AR</abbr>, Wu <abbr title="Creative Commons">CC</abbr>.'
            '</li></ol></div>')
    assert plain_reference_lists(html) == ('<p><abbr title="augmented reality">AR</abbr> guidance</p>'
                                           '<div class="footnote"><ol><li>Bhimireddy AR, Wu CC.</li></ol></div>')


def test_pandoc_nocase_spans_are_removed_even_around_markup():
    assert strip_pandoc_spans('<p>[Gichoya JW, Bhimireddy <em>A</em>, et al.]{.nocase} Title.</p>') == \
        '<p>Gichoya JW, Bhimireddy <em>A</em>, et al. Title.</p>'


def test_a_url_shown_as_text_in_a_reference_loses_pandocs_escapes():
    html = '<a href="https://icrpaedia.org/Reference_air_kerma">https://icrpaedia.org/Reference\\_air\\_kerma</a>'
    assert unescape_url_text(html) == ('<a href="https://icrpaedia.org/Reference_air_kerma">'
                                       'https://icrpaedia.org/Reference_air_kerma</a>')


def test_a_url_with_a_query_in_a_reference_loses_pandocs_escaped_ampersand():
    # Pandoc writes "&" in an autolink as "\&", which Python-Markdown keeps in the link itself.
    url = "https://push-zb.helmholtz-munich.de/frontdoor.php?la=en&amp;source_opus=76061"
    escaped = url.replace("&amp;", "\\&amp;")
    html = f'<a href="{escaped}">{escaped}</a>'
    assert unescape_url_text(html) == f'<a href="{url}">{url}</a>'


def test_the_hooks_dispatcher_handles_exactly_the_known_markers():
    from scripts.hooks import DISPATCH
    from scripts.markers import MARKERS

    assert set(DISPATCH) == set(MARKERS)


def test_markers_are_read_with_their_lines_and_bad_ones_explained():
    from scripts.markers import find_markers

    good, bad = find_markers("# T\n\n<!-- evidence-table: training -->\n\n<!-- print_edition -->\n"
                             "<!-- evidence-map: x -->\n```\n<!-- nonsense -->\n```\n<!-- two words here -->\n")
    assert [(m.line, m.name, m.argument) for m in good] == [(3, "evidence-table", "training")]
    from scripts.markers import MARKERS

    assert bad == [(5, f"unknown marker 'print_edition' (known: {', '.join(sorted(MARKERS))})"),
                   (6, "marker 'evidence-map' takes no argument")]


def test_each_entry_names_the_canonical_page_it_was_verified_on():
    from scripts.checks.bib import check_verification_notes

    good = "% verified: https://pubmed.ncbi.nlm.nih.gov/12345678/\n" + entry("alpha2020a")
    assert check_verification_notes(good) == []
    old_address = "% verified: https://ncbi.nlm.nih.gov/pubmed/12345678\n" + entry("alpha2020a")
    assert check_verification_notes(old_address) == []  # NCBI's older address of the same record
    mirror = "% verified: http://47.251.13.51:8081/12345678\n" + entry("alpha2020a")
    assert messages(check_verification_notes(mirror)) == [
        "references.bib:1: entry 'alpha2020a': verified address 'http://47.251.13.51:8081/12345678' is not https"]
    ip = "% verified: https://47.251.13.51:8081/12345678\n" + entry("alpha2020a")
    assert "is a bare IP address" in messages(check_verification_notes(ip))[0]
    aggregator = "% verified: https://www.scribd.com/document/1\n" + entry("alpha2020a")
    assert messages(check_verification_notes(aggregator)) == [
        "references.bib:1: entry 'alpha2020a': verified address 'https://www.scribd.com/document/1' is not the "
        "canonical record (PubMed, PMC, DOI) or the publisher"]
    assert messages(check_verification_notes(entry("alpha2020a"))) == [
        "references.bib:1: entry 'alpha2020a' has no '% verified: <address>' note above it"]


def test_a_broken_link_repeated_by_the_print_edition_is_reported_once_where_it_is_written():
    from scripts.build import without_repeats

    tail = " contains a link 'x.md#y', but the doc 'x.md' does not contain an anchor '#y'."
    found = without_repeats([Problem("docs/print.md", None, "Doc file 'print.md'" + tail),
                             Problem("docs/training.md", 12, "Doc file 'training.md'" + tail),
                             Problem("docs/about.md", None, "Doc file 'about.md' contains a link 'z.md'")])
    assert [p.path for p in found] == ["docs/training.md", "docs/about.md"]


# --- One version for the edition: mkdocs.yml, the changelog, CITATION.cff ------------------------

CHANGELOG = "---\ntitle: Changelog\ndescription: d\n---\n\n# Changelog\n\n## 1.1.0 — 2026-11-27 {#v1-1-0}\n\n- a\n"
CFF = 'cff-version: 1.2.0\nversion: "1.1.0"\ndate-released: "2026-11-27"\n'


def release_problems(version="1.1.0", changelog=CHANGELOG, cff=CFF):
    return messages(check_release(version, "mkdocs.yml", changelog, "docs/changelog.md", cff, "CITATION.cff"))


def test_one_version_in_config_changelog_and_citation_file_passes():
    assert release_problems() == []


def test_a_version_bumped_without_a_changelog_entry_or_citation_file_is_reported():
    assert release_problems(version="1.1.1") == [
        "docs/changelog.md:8: the newest release is 1.1.0, but mkdocs.yml sets extra.version to 1.1.1: "
        "add a '## 1.1.1 — YYYY-MM-DD' entry or correct the version",
        "CITATION.cff:2: version is 1.1.0, but mkdocs.yml sets extra.version to 1.1.1",
    ]


def test_a_citation_file_dated_otherwise_than_the_changelog_is_reported():
    assert release_problems(cff=CFF.replace("2026-11-27", "2026-11-20")) == [
        "CITATION.cff:3: date-released is 2026-11-20, but docs/changelog.md dates 1.1.0 2026-11-27"]


def test_a_changelog_without_a_dated_release_heading_is_reported():
    assert release_problems(changelog=CHANGELOG.replace(" — 2026-11-27", "")) == [
        "docs/changelog.md:1: no release heading '## X.Y.Z — YYYY-MM-DD' found"]
