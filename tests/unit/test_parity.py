"""The checks that hold the Chinese edition to the English one report each kind of drift."""

from __future__ import annotations

from scripts.checks.parity import (
    check_abbreviation_terms,
    check_avoided_terms,
    check_glossary_terms,
    check_typography,
    compare_data,
    compare_pages,
    parity_checks,
    read_terms,
)

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


HEADER = "id,english,chinese,abbreviation,source,verified,avoid\n"


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
    terms, problems = read_terms(HEADER + "calibration,calibration,校准,,https://example.org/a,yes,\n"
                                 "kappa,kappa,,,,no,\n", "docs/zh/terms.csv")
    assert problems == []
    english = '<dt id="calibration">Calibration</dt>\n<dt id="kappa">Kappa</dt>\n'
    chinese = '<dt id="calibration">校准度（calibration）</dt>\n<dt id="kappa">kappa</dt>\n'
    assert messages(check_glossary_terms(english, chinese, terms, "docs/zh/glossary.md", "docs/zh/terms.csv")) == [
        "docs/zh/terms.csv: glossary term 'kappa' has no Chinese term",
    ]


def test_chinese_abbreviations_follow_the_term_file():
    """Each Chinese abbreviation expansion begins with the term file's Chinese for it; a row made
    for the abbreviation (id abbr-...) wins over a glossary term that shares it (ROC curve)."""
    terms, _ = read_terms(HEADER + "roc-curve,ROC curve,受试者工作特征曲线,ROC,,no,\n"
                          "abbr-roc,receiver operating characteristic,受试者工作特征,ROC,,no,\n"
                          "abbr-doi,digital object identifier,数字对象唯一标识符,DOI,,no,\n", "docs/zh/terms.csv")
    abbreviations = ("*[ROC]: 受试者工作特征（receiver operating characteristic）\n"
                     "*[DOI]: 数字对象标识符（digital object identifier）\n"
                     "*[MDT]: 多学科团队（multidisciplinary team）\n")
    assert messages(check_abbreviation_terms(abbreviations, terms, "docs/zh/includes/abbreviations.md",
                                             "docs/zh/terms.csv")) == [
        "docs/zh/includes/abbreviations.md:2: abbreviation 'DOI' should begin with '数字对象唯一标识符' "
        "(docs/zh/terms.csv, row abbr-doi)",
        "docs/zh/includes/abbreviations.md:3: abbreviation 'MDT' has no row in docs/zh/terms.csv",
    ]


def test_a_verified_term_needs_its_source():
    _, problems = read_terms(HEADER + "x,X,某,,,yes,\n", "t.csv")
    assert messages(problems) == ["t.csv:2: term 'x' is marked verified without the address of its source"]


def test_a_term_row_needs_every_column_and_a_yes_or_no():
    _, problems = read_terms(HEADER + "x,X,某,Xhttps://example.org,yes,\n"
                             "y,Y,某,Y,https://example.org,yes,,extra\n"
                             "z,Z,某,,,maybe,\n", "t.csv")
    assert messages(problems) == [
        "t.csv:2: term 'x' has 6 fields, not 7 (id,english,chinese,abbreviation,source,verified,avoid)",
        "t.csv:3: term 'y' has 8 fields, not 7 (id,english,chinese,abbreviation,source,verified,avoid)",
        "t.csv:4: term 'z': verified must be yes or no, not 'maybe'",
    ]


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


# The Chinese text of the study file: one row per English study, from its current English text.
STUDY_HEADER = "key,sections,task,design,data,validation,result\n"
STUDY = ('alpha2020first,training,LVO detection,retrospective multicenter,'
         '"CTA; 1,229 scans, 1 Jan-17 Aug 2018, Epic Sepsis Model",external,AUC 0.87\n')


def _translations(task="LVO 检测", data="CTA；1229 例扫描，2018 年 1 月 1 日至 8 月 17 日，Epic Sepsis Model",
                  result="AUC 0.87", key="alpha2020first", source=None):
    from scripts.studies import read_studies, read_translations, source_of

    studies, _ = read_studies(STUDY_HEADER + STUDY)
    source = source or source_of(studies[0])
    rows, problems = read_translations(f"key,source,task,data,result\n{key},{source},{task},{data},{result}\n",
                                       "docs/zh/studies-zh.csv")
    assert problems == []
    return studies, rows


def test_a_faithful_study_translation_passes():
    from scripts.checks.parity import compare_studies

    studies, rows = _translations()
    assert compare_studies(studies, rows, "docs/zh/studies-zh.csv", "docs/studies.csv") == []


def test_study_translation_drift_is_named():
    from scripts.checks.parity import compare_studies

    studies, rows = _translations(result="AUC 0.78", task="LVO检测")
    assert messages(compare_studies(studies, rows, "docs/zh/studies-zh.csv", "docs/studies.csv")) == [
        "docs/zh/studies-zh.csv:2: row 'alpha2020first' task: Chinese typography: write 'LVO 检测'",
        "docs/zh/studies-zh.csv:2: row 'alpha2020first' result: numbers differ from the English: "
        "missing 0.87; extra 0.78",
    ]


def test_a_changed_english_row_makes_its_translation_stale():
    from scripts.checks.parity import compare_studies
    from scripts.studies import read_studies, source_of

    studies, rows = _translations()
    changed, _ = read_studies(STUDY_HEADER + STUDY.replace("LVO detection", "LVO triage"))
    assert messages(compare_studies(changed, rows, "docs/zh/studies-zh.csv", "docs/studies.csv")) == [
        "docs/zh/studies-zh.csv:2: row 'alpha2020first': the English row (docs/studies.csv:2) has changed since "
        f"it was translated; translate it again and set source to {source_of(changed[0])}",
    ]
    assert source_of(changed[0]) != source_of(studies[0])


def test_a_missing_or_unknown_study_translation_is_named():
    from scripts.checks.parity import compare_studies

    studies, rows = _translations(key="gamma2022third", source="0123456789")
    assert messages(compare_studies(studies, rows, "docs/zh/studies-zh.csv", "docs/studies.csv")) == [
        "docs/zh/studies-zh.csv:2: row 'gamma2022third': no such study in docs/studies.csv",
        "docs/zh/studies-zh.csv: has no Chinese text for study 'alpha2020first' (docs/studies.csv:2)",
    ]


def test_a_study_translation_file_with_a_wrong_header_is_named():
    from scripts.studies import read_translations

    _, problems = read_translations("key,task\n", "docs/zh/studies-zh.csv")
    assert messages(problems) == ["docs/zh/studies-zh.csv:1: header must be key,source,task,data,result "
                                  "(found key,task)"]


def test_a_date_has_the_same_numbers_in_both_languages():
    """Chinese writes dates in numerals (2028 年 8 月 2 日), so an English month next to a year
    counts as its number; a month left in Chinese characters, or a wrong one, is named."""
    english = EN.replace("In 1,229 patients", "From 2 August 2028, and in August and December 2024, in 1,229 patients")
    good = ZH.replace("在 1229 例患者中", "自 2028 年 8 月 2 日起，以及 2024 年 8 月和 12 月，在 1229 例患者中")
    assert compare_pages(english, good, "docs/zh/x.md") == []
    assert messages(compare_pages(english, good.replace("8 月 2 日", "八月 2 日"), "docs/zh/x.md")) == [
        "docs/zh/x.md: numbers differ from the English: missing 8"]
    assert compare_pages("May we add, as of May 2023.", "可否补充：截至 2023 年 5 月。", "docs/zh/x.md") == []


def test_millions_count_by_their_value_in_either_language():
    """Chinese counts large numbers in 万 and 亿 (3 million is 300 万, €329 million is 3.29 亿
    欧元), so a number with its scale word counts as its value; 3 百万, a calque, is named."""
    english = EN.replace("In 1,229 patients", "Trained on 3 million images for €329 million, in 1,229 patients")
    good = ZH.replace("在 1229 例患者中", "在 300 万幅图像上训练，耗资 3.29 亿欧元，在 1229 例患者中")
    assert compare_pages(english, good, "docs/zh/x.md") == []
    assert messages(compare_pages(english, good.replace("300 万", "3 百万"), "docs/zh/x.md")) == [
        "docs/zh/x.md: numbers differ from the English: missing 3000000; extra 3"]


def test_a_rendering_the_term_file_avoids_is_named_with_its_line():
    """The term file can list renderings of a term that the Chinese edition does not use (a
    synonym the pages once mixed in, or a calque), so that one term reads the same everywhere."""
    terms, problems = read_terms(HEADER + "odds-ratio,Odds ratio,比值比,,https://example.org/a,yes,优势比\n"
                                 "saliency-map,Saliency map,显著图,,,no,显著性图|显著性热图\n", "docs/zh/terms.csv")
    assert problems == []
    page = "# 标题\n\n比值比为 1.3。\n优势比为 1.3；显著性图与显著性热图。\n"
    assert messages(check_avoided_terms(page, terms, "docs/zh/x.md", "docs/zh/terms.csv")) == [
        "docs/zh/x.md:4: '优势比' is not this edition's term: write '比值比' (docs/zh/terms.csv, row odds-ratio)",
        "docs/zh/x.md:4: '显著性图' is not this edition's term: write '显著图' (docs/zh/terms.csv, row saliency-map)",
        "docs/zh/x.md:4: '显著性热图' is not this edition's term: write '显著图' (docs/zh/terms.csv, row saliency-map)",
    ]


def test_the_build_reads_every_chinese_source_for_avoided_renderings(tmp_path):
    english, chinese = tmp_path / "docs", tmp_path / "docs" / "zh"
    for folder in (english / "figures", chinese / "figures"):
        folder.mkdir(parents=True)
    (english / "index.md").write_text(EN, encoding="utf-8")
    (chinese / "index.md").write_text(ZH + "\n优势比见下图。\n", encoding="utf-8")
    (english / "figures" / "f.svg").write_text("<svg><text>Odds ratio</text></svg>\n", encoding="utf-8")
    (chinese / "figures" / "f.svg").write_text("<svg><text>优势比</text></svg>\n", encoding="utf-8")
    (chinese / "terms.csv").write_text(HEADER + "odds-ratio,Odds ratio,比值比,,https://example.org/a,yes,优势比\n",
                                       encoding="utf-8")
    said = "'优势比' is not this edition's term: write '比值比' (docs/zh/terms.csv, row odds-ratio)"
    assert messages(parity_checks(tmp_path, english, chinese)) == [f"docs/zh/figures/f.svg:1: {said}",
                                                                   f"docs/zh/index.md:12: {said}"]
