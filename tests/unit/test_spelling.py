"""The English edition is in US spelling: the check names each British spelling a reader would
see, with file and line, and leaves ids, keys, links, citations and code alone."""

from __future__ import annotations

from scripts.checks.spelling import find_british_spellings, to_us


def said(where: str, word: str, american: str) -> str:
    return f"{where}: British spelling '{word}': write '{american}' (English on this site is in US spelling)"

PAGE = """---
title: Trials
description: "Randomized trials."
---

# Randomized trials {#randomised-trials}

A multicenter trial [@han2024randomised] of tumor ablation; see [the glossary](glossary.md#randomised-trial).
<dt id="metal-artefact-reduction">Metal artifact reduction</dt> and `colour` in code.
"""


def test_a_page_in_us_spelling_passes_whatever_its_ids_links_and_citations_say():
    assert find_british_spellings(PAGE, "docs/x.md") == []


def test_each_british_spelling_is_named_with_its_line_and_the_us_word():
    page = PAGE.replace("A multicenter trial", "A multicentre trial").replace("tumor", "tumour")
    page = page.replace("Metal artifact", "Metal artefact")
    assert [str(p) for p in find_british_spellings(page, "docs/x.md")] == [
        said("docs/x.md:8", "multicentre", "multicenter"),
        said("docs/x.md:8", "tumour", "tumor"),
        said("docs/x.md:9", "artefact", "artifact"),
    ]
    assert to_us(page) == PAGE


def test_data_files_keep_their_keys_ids_and_bib_keys():
    yml = ("objectives:\n  randomised-evidence: \"**judge** a randomised trial\"\nitems:\n"
           "  - id: tumour-board-triage\n    objective: randomised-evidence\n    stem: A tumour board.\n")
    assert [str(p) for p in find_british_spellings(yml, "docs/assessment/x.yml")] == [
        said("docs/assessment/x.yml:2", "randomised", "randomized"),
        said("docs/assessment/x.yml:6", "tumour", "tumor"),
    ]
    csv = "han2024randomised,challenges,RCTs of AI,systematic review,\"Mostly single-centre\",none,Positive\n"
    assert [str(p) for p in find_british_spellings(csv, "docs/studies.csv")] == [
        said("docs/studies.csv:1", "single-centre", "single-center")]


def test_indented_text_in_a_data_file_is_read_not_taken_for_code():
    """In Markdown a line indented by four spaces after a blank line is code; in YAML it is the
    second paragraph of a field, and the reader sees it."""
    yml = "items:\n  - id: a\n    stem: |\n      First paragraph.\n\n      A randomised trial.\n"
    assert [str(p) for p in find_british_spellings(yml, "docs/assessment/x.yml")] == [
        said("docs/assessment/x.yml:6", "randomised", "randomized")]


def test_english_words_in_a_chinese_page_follow_the_same_spelling():
    page = "# 随机对照试验\n\n随机对照试验（randomised controlled trial）是证据的最高等级。\n"
    assert [str(p) for p in find_british_spellings(page, "docs/zh/x.md")] == [
        said("docs/zh/x.md:3", "randomised", "randomized")]


def test_ise_words_codespells_list_leaves_out_are_found_by_their_ending():
    """codespell's list is written for software text: it has "randomised" but not
    "randomisation", "catheterisation" or "personalised"."""
    page = ("Randomisation by site; bladder catheterisation; personalised feedback; pre-catheterisation\n"
            "variables; generalisability; the team is mobilised; embolisation.\n")
    assert [str(p) for p in find_british_spellings(page, "docs/x.md")] == [
        said("docs/x.md:1", "Randomisation", "Randomization"),
        said("docs/x.md:1", "catheterisation", "catheterization"),
        said("docs/x.md:1", "personalised", "personalized"),
        said("docs/x.md:1", "pre-catheterisation", "pre-catheterization"),
        said("docs/x.md:2", "generalisability", "generalizability"),
        said("docs/x.md:2", "mobilised", "mobilized"),
        said("docs/x.md:2", "embolisation", "embolization"),
    ]


def test_words_that_end_in_ise_in_us_english_too_are_left_alone():
    page = ("Advise, revise, supervised and unsupervised learning, expertise, exercise, equipoise and\n"
            "precise promises raised no noise: denoised images, an improvisation, otherwise stepwise;\n"
            "enterprises, crises and the surprising rise of advisable appraisals.\n")
    assert find_british_spellings(page, "docs/x.md") == []


def test_british_medical_stems_are_found_inside_longer_words():
    page = "Melaena and anaemia, haemoptysis, a foetal oesophagus, hypoxaemia; counselling at the isocentre.\n"
    assert [p.message.split("'")[1:4:2] for p in find_british_spellings(page, "docs/x.md")] == [
        ["Melaena", "Melena"], ["anaemia", "anemia"], ["haemoptysis", "hemoptysis"], ["foetal", "fetal"],
        ["oesophagus", "esophagus"], ["hypoxaemia", "hypoxemia"], ["counselling", "counseling"],
        ["isocentre", "isocenter"],
    ]
