"""The English edition is in US spelling: the check names each British spelling a reader would
see, with file and line, and leaves ids, keys, links, citations and code alone."""

from __future__ import annotations

from scripts.checks.spelling import find_british_spellings, to_us

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
        "docs/x.md:8: British spelling 'multicentre': write 'multicenter' (the edition is in US English)",
        "docs/x.md:8: British spelling 'tumour': write 'tumor' (the edition is in US English)",
        "docs/x.md:9: British spelling 'artefact': write 'artifact' (the edition is in US English)",
    ]
    assert to_us(page) == PAGE


def test_data_files_keep_their_keys_ids_and_bib_keys():
    yml = ("objectives:\n  randomised-evidence: \"**judge** a randomised trial\"\nitems:\n"
           "  - id: tumour-board-triage\n    objective: randomised-evidence\n    stem: A tumour board.\n")
    assert [str(p) for p in find_british_spellings(yml, "docs/assessment/x.yml")] == [
        "docs/assessment/x.yml:2: British spelling 'randomised': write 'randomized' (the edition is in US English)",
        "docs/assessment/x.yml:6: British spelling 'tumour': write 'tumor' (the edition is in US English)",
    ]
    csv = "han2024randomised,challenges,RCTs of AI,systematic review,\"Mostly single-centre\",none,Positive\n"
    assert [str(p) for p in find_british_spellings(csv, "docs/studies.csv")] == [
        "docs/studies.csv:1: British spelling 'single-centre': write 'single-center' (the edition is in US English)"]


def test_indented_text_in_a_data_file_is_read_not_taken_for_code():
    """In Markdown a line indented by four spaces after a blank line is code; in YAML it is the
    second paragraph of a field, and the reader sees it."""
    yml = "items:\n  - id: a\n    stem: |\n      First paragraph.\n\n      A randomised trial.\n"
    assert [str(p) for p in find_british_spellings(yml, "docs/assessment/x.yml")] == [
        "docs/assessment/x.yml:6: British spelling 'randomised': write 'randomized' (the edition is in US English)"]
