"""The checks that hold the Chinese edition to the English one report each kind of drift."""

from __future__ import annotations

from scripts.checks.parity import check_glossary_terms, check_typography, compare_data, compare_pages, read_terms

EN = """---
title: T
description: D.
---

# T {#t}

In 1,229 patients the AUC was 0.87 [@alpha2020first; @beta2021second].

<!-- evidence-table: x -->
"""
ZH = """---
title: 标题
description: 描述。
---

# 标题 {#t}

在 1229 例患者中，AUC 为 0.87 [@alpha2020first; @beta2021second]。

<!-- evidence-table: x -->
"""


def messages(problems):
    return [str(p) for p in problems]


def test_a_faithful_translation_passes():
    assert compare_pages(EN, ZH, "docs/zh/x.md") == []


def test_each_kind_of_drift_is_named():
    drifted = ZH.replace("0.87", "0.78").replace("; @beta2021second", "").replace("{#t}", "{#title}")
    drifted = drifted.replace("<!-- evidence-table: x -->", "")
    assert messages(compare_pages(EN, drifted, "docs/zh/x.md")) == [
        "docs/zh/x.md: cited references differ from the English: missing beta2021second",
        "docs/zh/x.md: heading ids differ from the English: missing t; extra title",
        "docs/zh/x.md: numbers differ from the English: missing 0.87; extra 0.78",
        "docs/zh/x.md: page markers (evidence tables, figures, questions) differ from the English, or are in "
        "another order",
    ]


def test_data_files_keep_their_structure_and_numbers():
    english = "items:\n  - id: a\n    kind: calculation\n    stem: 'PPV = 45/235 = 19% [@x]'\n"
    good = "items:\n  - id: a\n    kind: calculation\n    stem: '阳性预测值 = 45/235 = 19% [@x]'\n"
    assert compare_data(english, good, "zh.yml") == []
    bad = good.replace("id: a", "id: b").replace("19%", "20%")
    assert messages(compare_data(english, bad, "zh.yml")) == [
        "zh.yml: /items[0]/id: must be the same as in the English ('a')",
        "zh.yml: /items[0]/stem: numbers differ from the English: missing 19; extra 20",
    ]


def test_a_glossary_term_without_a_chinese_term_fails():
    terms, problems = read_terms("id,english,chinese,abbreviation,source,verified\n"
                                 "calibration,calibration,校准,,https://example.org/a,yes\n"
                                 "kappa,kappa,,,,no\n", "docs/zh/terms.csv")
    assert problems == []
    english = '<dt id="calibration">Calibration</dt>\n<dt id="kappa">Kappa</dt>\n'
    chinese = '<dt id="calibration">校准度（calibration）</dt>\n<dt id="kappa">kappa</dt>\n'
    assert messages(check_glossary_terms(english, chinese, terms, "docs/zh/glossary.md", "docs/zh/terms.csv")) == [
        "docs/zh/terms.csv: glossary term 'kappa' has no Chinese term",
    ]


def test_a_verified_term_needs_its_source():
    _, problems = read_terms("id,english,chinese,abbreviation,source,verified\nx,X,某,,,yes\n", "t.csv")
    assert messages(problems) == ["t.csv:2: term 'x' is marked verified without the address of its source"]


def test_chinese_typography_is_checked_line_by_line():
    assert check_typography("# 标题\n\n在 1229 例患者中使用 AI 模型。\n", "p.md") == []
    found = messages(check_typography("# 标题\n\n在1229例患者中使用AI模型。\n", "p.md"))
    assert found == ["p.md:3: Chinese typography: write '在 1229 例患者中使用 AI 模型。'"]


def test_the_page_layout_settings_in_front_matter_must_match():
    english = EN.replace("description: D.\n", "description: D.\ntemplate: standalone.html\nsearch:\n  exclude: true\n")
    chinese = ZH.replace("description: 描述。\n", "description: 描述。\nhide:\n  - toc\n")
    assert messages(compare_pages(english, chinese, "docs/zh/x.md")) == [
        "docs/zh/x.md:2: front matter 'hide' differs from the English (English: none; here: ['toc'])",
        "docs/zh/x.md:2: front matter 'search' differs from the English (English: {'exclude': True}; here: none)",
        "docs/zh/x.md:2: front matter 'template' differs from the English (English: 'standalone.html'; here: none)",
    ]
