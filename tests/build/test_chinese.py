"""The Chinese edition in the real build: every English page has its Chinese page at /zh/ with
the same slug, each names the other (hreflang) and links to it from the header, the Chinese
pages declare their language, cite in GB/T 7714 and have their own search index."""

from __future__ import annotations

import html
import re

import pytest

from scripts.site import load_site
from scripts.tools.translations import revision, stale_pages
from tests.conftest import ROOT

SITE = load_site(ROOT / "mkdocs.yml")
PAGES = [p.url for p in SITE.pages]


def html_of(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_its_chinese_page_and_each_names_the_other(built_site, url):
    english, chinese = html_of(built_site, url), html_of(built_site, "zh/" + url)
    assert '<html lang="en"' in english and '<html lang="zh"' in chinese
    page = re.escape(url.rstrip("/"))
    assert re.search(rf'<link rel="alternate" hreflang="zh" href="[^"]*/zh/{page}/?">', english)
    assert re.search(rf'<link rel="alternate" hreflang="en" href="[^"]*/{page}/?">', chinese)
    depth = "../" * url.count("/")
    assert f'<a href="{depth}zh/{url}" lang="zh"' in english, "no language link to this page"
    assert f'<a href="{depth}../{url}" lang="en"' in chinese, "no language link back"


def test_chinese_pages_cite_in_gbt_7714_and_offer_it_first(built_site):
    html = html_of(built_site, "zh/introduction/")
    references = html[html.index('<div class="footnote">'):]
    assert re.search(r"\[J(?:/OL)?\]", references), "the Chinese reference list is not in GB/T 7714 style"
    cite = re.sub(r"<[^>]+>", "", html[html.index('id="cite-this-page"'):])
    assert cite.index("GB/T 7714") < cite.index("AMA / Vancouver")
    home = html_of(built_site, "zh/")
    assert "人工智能在介入放射学中的运用前景及挑战" in home and "介入放射学杂志" in home


def test_each_edition_has_its_own_search_index(built_site):
    english = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    chinese = (built_site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["zh"]' in chinese.replace(" ", "") and '"location":"zh/' not in english.replace(" ", "")


def test_the_404_page_works_for_both_editions(built_site):
    assert (built_site / "404.html").is_file() and (built_site / "zh" / "404.html").is_file()


def test_stale_translations_are_listed_and_current_ones_are_not(tmp_path):
    english, chinese = tmp_path / "en", tmp_path / "zh"
    english.mkdir()
    chinese.mkdir()
    (english / "a.md").write_text("# A\n", encoding="utf-8")
    (english / "b.md").write_text("# B\n", encoding="utf-8")
    (chinese / "a.md").write_text(f"---\nsource_revision: {revision(english / 'a.md')}\n---\n# 甲\n", encoding="utf-8")
    (chinese / "b.md").write_text("---\nsource_revision: 000000000000\n---\n# 乙\n", encoding="utf-8")
    assert stale_pages(english, chinese) == ["b.md"]


def test_current_translations_show_no_stale_note_and_stale_ones_do(built_site):
    stale = set(stale_pages(ROOT / "docs", ROOT / "docs" / "zh"))
    for page in SITE.pages:
        html = html_of(built_site, "zh/" + page.url)
        assert ("英文版已更新" in html) == (page.src in stale), page.src


def test_the_chinese_answer_key_uses_chinese_punctuation_after_each_source_link(built_site):
    html = html_of(built_site, "zh/answer-key/")
    assert "</a>. 正确答案为" not in html
    assert html.count("</a>。正确答案为") == 15


def test_chinese_evidence_tables_and_map_show_the_chinese_study_text(built_site):
    """Every study's task, data and result come from docs/zh/studies-zh.csv on the Chinese
    pages, and its design and validation read in Chinese; the filters keep the codes."""
    from scripts.studies import TRANSLATION_FILE, read_studies, read_translations

    studies, _ = read_studies((ROOT / "docs" / "studies.csv").read_text(encoding="utf-8"))
    rows, _ = read_translations((ROOT / "docs" / "zh" / TRANSLATION_FILE).read_text(encoding="utf-8"),
                                TRANSLATION_FILE)
    chinese = {r.key: r for r in rows}
    def words_of(url):  # the text, without the abbreviations' and citations' markup
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", html_of(built_site, url))))

    evidence = words_of("zh/evidence/")
    for study in studies:
        row = chinese[study.key]
        section = words_of(f"zh/{study.sections[0]}/")
        for words in (row.task, row.result):
            assert words in section and words in evidence, f"{study.key}: '{words}' is not shown"
    markup = html_of(built_site, "zh/evidence/")
    assert 'data-design="randomized trial"' in markup and '<td data-label="设计">随机对照试验</td>' in markup
    assert '<option value="external">外部验证</option>' in markup
