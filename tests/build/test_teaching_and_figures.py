"""Objectives, self-assessment and figures in a built project: what the page shows, what the
print edition does with the answers, and the faults that stop the build."""

from __future__ import annotations

from scripts.figures import source_hash
from tests.conftest import assert_clean_failure, out
from tests.unit.test_assessment import good_file
from tests.unit.test_figures import GOOD

SECTION = """\
---
title: Section
description: A section page.
kind: section
---

# Section

<!-- learning-objectives -->

A claim [@gamma2021second]. As [Figure](#fig-loop) shows, deployment is a loop.

<!-- figure: loop -->

## More {#more}

Text.

<!-- test-yourself -->
"""
FIGURES = """\
loop:
  page: section
  title: A loop
  alt: "Deployment is a loop: monitor, audit, decide, redeploy."
  caption: "The loop [@alpha2020first]."
"""
PRINT = "---\ntitle: Print\ndescription: All sections.\n---\n\n# Print\n\n<!-- print-edition -->\n"


def add_section(project, assessment: str | None = None, figures: str = FIGURES, png: bool = True) -> None:
    project.write("docs/section.md", SECTION)
    project.write("docs/introduction.md", "---\ntitle: Primer\ndescription: Linked from the figure.\n---\n# Primer\n")
    project.write("docs/assessment/section.yml", assessment or good_file())
    project.write("docs/figures/loop.svg", GOOD)
    project.write("docs/figures/figures.yml", figures)
    if png:
        from PIL import Image
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Source-SHA256", source_hash(GOOD))
        path = project.root / "docs" / "figures" / "png" / "loop.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (4, 4), "white").save(path, pnginfo=info)


def test_a_section_shows_its_objectives_items_and_figure(project):
    add_section(project)
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "section" / "index.html").read_text(encoding="utf-8")
    assert "Learning objectives" in html and "<li><strong>judge</strong> calibration</li>" in html
    assert 'class="quiz quiz--choice" data-answer="A" id="q-item-0"' in html
    assert "<li><strong>B.</strong> That is the sensitivity.</li>" in html and "Marking rubric" in html
    assert html.count("<div") == html.count("</div>"), "the quiz markup is balanced"
    # the figure holds a link, so it is a named group of links rather than one image
    assert '<svg role="group" aria-labelledby="fig-loop-alt"' in html
    assert '<a href="#fig-loop">Figure 1</a>' in html and "<strong>Figure 1.</strong> The loop" in html
    assert 'class="reading-time"' in html
    site = project.root / "site" / "figures"
    assert (site / "loop.png").is_file() and "<desc>" in (site / "loop.svg").read_text(encoding="utf-8")


def test_the_print_edition_moves_answers_to_an_appendix(project):
    add_section(project)
    project.write("docs/print.md", PRINT)
    result = project.build()
    assert result.returncode == 0, out(result)
    html = (project.root / "site" / "print" / "index.html").read_text(encoding="utf-8")
    body, _, appendix = html.partition('id="answers"')
    assert "Answer 1" not in body and "is correct." in appendix


def test_an_objective_no_item_assesses_fails_the_build(project):
    text = good_file().replace('  local-ppv: "**calculate** a PPV"\n',
                               '  local-ppv: "**calculate** a PPV"\n  never: "**plan** a module"\n')
    add_section(project, assessment=text)
    assert_clean_failure(project.build(), "docs/assessment/section.yml:2: objective 'never' is assessed by no item",
                         project=project)


def test_a_section_without_its_assessment_fails_the_build(project):
    add_section(project)
    (project.root / "docs" / "assessment" / "section.yml").unlink()
    assert_clean_failure(project.build(), "docs/section.md:1: a section page needs its objectives and items in "
                                          "docs/assessment/section.yml", project=project)


def test_a_figure_the_text_never_mentions_fails_the_build(project):
    add_section(project)
    project.write("docs/section.md", SECTION.replace("As [Figure](#fig-loop) shows, deployment", "Deployment"))
    assert_clean_failure(project.build(), "docs/section.md:13: figure 'loop' is never referred to",
                         project=project)


def test_a_figure_without_a_current_png_fails_the_build(project):
    add_section(project, png=False)
    assert_clean_failure(project.build(), "docs/figures/figures.yml:1: figure 'loop': no PNG for download; run "
                                          "`make figures`", project=project)
