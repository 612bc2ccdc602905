"""Figures and charts: the SVG check reports each fault a figure can have, with its line; the
renderer numbers figures and the references to them; charts never show more or fewer studies
than the study file holds."""

from __future__ import annotations

from pathlib import Path

from scripts.checks.figures import PNG_KEY, check_figure_files, check_svg, png_source
from scripts.figures import Figure, source_hash
from scripts.render import charts
from scripts.render.figures import figure_markdown, inline_svg, number_figures, number_references, place_figures
from scripts.sources import read_text
from scripts.studies import read_studies

ROOT = Path(__file__).resolve().parents[2]
GOOD = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 200" class="fig">\n'
        "<title>A loop</title>\n"
        '<rect id="loop-box" x="1" y="1" width="100" height="40" fill="var(--fig-surface, #eef0f8)" '
        'stroke="var(--fig-line, #9aa0b8)"/>\n'
        '<text x="10" y="25" fill="var(--fig-fg, #1f1f1f)" font-size="15">Deploy</text>\n'
        '<a href="introduction/"><text x="200" y="25" fill="currentColor">Primer</text></a>\n'
        "</svg>\n")
BAD = ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200">\n'
       '<rect id="other-box" fill="#ff0000" style="stroke: red; font-family: Arial"/>\n'
       '<a href="https://example.org/"><circle r="2" fill="none"/></a>\n'
       "<script>alert(1)</script>\n"
       '<image href="x.png"/>\n'
       "</svg>\n")


def messages(problems):
    return [str(p) for p in problems]


def test_a_good_figure_has_no_problems():
    assert check_svg(GOOD, "docs/figures/loop.svg", "loop") == []


def test_every_fault_of_a_bad_figure_is_named_with_its_line():
    found = messages(check_svg(BAD, "docs/figures/loop.svg", "loop"))
    assert found == [
        "docs/figures/loop.svg:1: the <svg> needs a viewBox, so that it scales",
        "docs/figures/loop.svg:1: the <svg> must not set width: it scales to the column",
        "docs/figures/loop.svg:1: the <svg> must not set height: it scales to the column",
        "docs/figures/loop.svg:1: the first element inside <svg> must be its <title>",
        "docs/figures/loop.svg:2: id 'other-box' must start with the figure's name 'loop'",
        'docs/figures/loop.svg:2: fill="#ff0000": use none, currentColor or a figure colour var(--fig-..., #fallback)',
        "docs/figures/loop.svg:2: style stroke: red: use a figure colour var(--fig-..., #fallback)",
        "docs/figures/loop.svg:2: no font-family: figures use the page's font",
        "docs/figures/loop.svg:3: link 'https://example.org/' leaves the site: figures link only to our pages",
        "docs/figures/loop.svg:4: <script> is not allowed in a figure",
        "docs/figures/loop.svg:5: <image> is not allowed in a figure",
        "docs/figures/loop.svg:1: a figure has no <text>: labels must be real text",
    ]


def test_malformed_svg_is_one_line():
    found = messages(check_svg("<svg>\n<text>\n</svg>", "f.svg", "f"))
    assert found == ["f.svg:3: not well-formed SVG: mismatched tag"]


def figure(**changes) -> Figure:
    values = {"name": "loop", "line": 2, "page": "challenges", "title": "A loop",
              "alt": "Deployment is a loop: monitor, audit, decide, redeploy.", "caption": "The loop [@a]."}
    values.update(changes)
    return Figure(**values)


def test_placement_reference_alt_and_a_stale_png_are_checked(tmp_path):
    docs = tmp_path / "docs"
    (docs / "figures" / "png").mkdir(parents=True)
    (docs / "figures" / "loop.svg").write_text(GOOD, encoding="utf-8")
    (docs / "figures" / "png" / "loop.png").write_bytes(b"\x89PNG" + PNG_KEY.encode() + b"\x00" + b"0" * 64)
    figures = {"loop": figure(alt="A diagram of a loop")}
    found = messages(check_figure_files(docs, "docs", figures, {"loop": [("training", 7)]}, {}))
    assert found == [
        "docs/figures/figures.yml:2: figure 'loop': the text alternative describes the look "
        "('A diagram of a loop...'); state what the figure shows",
        "docs/figures/figures.yml:2: figure 'loop': the PNG was made from an older SVG; run `make figures`",
        "docs/training.md:7: figure 'loop' belongs on 'challenges' (figures.yml)",
        "docs/training.md:7: figure 'loop' is never referred to: link to it with [Figure](#fig-loop)",
    ]
    png = docs / "figures" / "png" / "loop.png"
    png.write_bytes(b"\x89PNG" + PNG_KEY.encode() + b"\x00" + source_hash(GOOD).encode())
    assert png_source(png) == source_hash(GOOD)
    ok = messages(check_figure_files(docs, "docs", {"loop": figure()}, {"loop": [("challenges", 7)]},
                                     {"challenges": {"fig-loop"}}))
    assert ok == []


NARROW = GOOD.replace('viewBox="0 0 640 200"', 'viewBox="0 0 340 300"').replace("loop-box", "loop-narrow-box")


def test_a_phone_layout_is_checked_like_its_figure_and_must_be_narrow(tmp_path):
    docs = tmp_path / "docs"
    (docs / "figures" / "png").mkdir(parents=True)
    (docs / "figures" / "loop.svg").write_text(GOOD, encoding="utf-8")
    (docs / "figures" / "png" / "loop.png").write_bytes(b"\x89PNG" + PNG_KEY.encode() + b"\x00"
                                                        + source_hash(GOOD).encode())
    places, refs = {"loop": [("challenges", 7)]}, {"challenges": {"fig-loop"}}
    narrow = docs / "figures" / "loop.narrow.svg"
    narrow.write_text(NARROW, encoding="utf-8")
    assert messages(check_figure_files(docs, "docs", {"loop": figure()}, places, refs)) == []
    narrow.write_text(GOOD, encoding="utf-8")  # the wide layout again, with the wide layout's ids
    assert messages(check_figure_files(docs, "docs", {"loop": figure()}, places, refs)) == [
        "docs/figures/loop.narrow.svg:1: a phone layout is at most 400 units wide (viewBox width 640)",
        "docs/figures/loop.narrow.svg:3: id 'loop-box' must start with the figure's name 'loop-narrow'",
    ]
    narrow.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">\n<title>\xff</title></svg>\n')
    found = messages(check_figure_files(docs, "docs", {"loop": figure()}, places, refs))
    assert len(found) == 1 and found[0].startswith("docs/figures/loop.narrow.svg:2: "), found
    (docs / "figures" / "map.narrow.svg").write_text(NARROW, encoding="utf-8")
    assert "docs/figures/map.narrow.svg:1: figure 'map' has no entry in figures.yml" in \
        messages(check_figure_files(docs, "docs", {"loop": figure()}, places, refs))


def test_a_figure_with_a_phone_layout_carries_both_each_named_by_the_text_alternative():
    html = place_figures('<div class="figure-art" data-figure="loop"></div>', {"loop": GOOD},
                         {"loop": figure()}, "../", {"loop": NARROW})
    assert html.startswith('<div class="figure-art figure-art--phone"><div class="figure-layout figure-layout--wide">'
                           '<svg role="group" aria-labelledby="fig-loop-alt"')
    assert '<div class="figure-layout figure-layout--narrow"><svg role="group" aria-labelledby="fig-loop-narrow-alt"' \
        in html
    assert html.count("<title id=") == 2
    single = place_figures('<div class="figure-art" data-figure="loop"></div>', {"loop": GOOD},
                           {"loop": figure()}, "../", {})
    assert single.startswith('<div class="figure-art"><svg role="group"')


def test_figures_are_numbered_per_page_and_references_get_the_number():
    numbers = number_figures({"challenges": ["loop", "ladder"], "index": ["map"]})
    assert numbers == {"loop": ("challenges", 1), "ladder": ("challenges", 2), "map": ("index", 1)}
    html = 'as <a href="#fig-ladder">Figure</a> shows; see <a href="../index/#fig-map">Figure</a>'
    assert number_references(html, numbers) == ('as <a href="#fig-ladder">Figure 2</a> shows; see '
                                                 '<a href="../index/#fig-map">Figure 1</a>')
    md = figure_markdown(figure(), 2, "../")
    assert '<figure class="figure" id="fig-loop" markdown="1">' in md
    assert "**Figure 2.** The loop [@a]." in md and 'href="../figures/loop.png" download' in md


def test_an_inline_figure_is_one_image_named_by_its_text_alternative():
    plain = GOOD.replace('<a href="introduction/">', "").replace("</a>", "")
    assert inline_svg(plain, figure(), "../").startswith('<svg role="img" aria-labelledby="fig-loop-alt"')
    svg = inline_svg(GOOD, figure(), "../")
    assert svg.startswith('<svg role="group" aria-labelledby="fig-loop-alt" focusable="false"'), \
        "a figure of links is a group of links (an image cannot hold them)"
    assert '<title id="fig-loop-alt">Deployment is a loop: monitor, audit, decide, redeploy.</title>' in svg
    assert '<a href="../introduction/">' in svg


def real_studies():
    studies, problems = read_studies(read_text(ROOT / "docs" / "studies.csv"))
    assert problems == []
    return studies


def test_charts_show_exactly_the_studies_in_the_file():
    studies = real_studies()
    assert charts.year_chart(studies, {}).total == len(studies)
    sections = sorted({sec for s in studies for sec in s.sections})
    by_page = charts.sections_chart(studies, [(slug, slug) for slug in sections])
    for slug, counts in zip(by_page.rows, by_page.counts, strict=True):
        assert sum(counts) == sum(1 for s in studies if s.belongs_to(slug)), slug
    for slug in sections:
        assert charts.section_chart(studies, slug).total == sum(1 for s in studies if s.belongs_to(slug))


def test_a_chart_is_themed_text_and_carries_its_numbers_as_a_table(tmp_path):
    studies = real_studies()
    chart = charts.section_chart(studies, "training")
    html = charts.chart_html(chart, tmp_path, "Caption.")
    assert "<text" in html and "var(--fig-fg, #1f1f1f)" in html and "DejaVu" not in html
    assert 'role="img"' in html and "<table class=\"chart-data\">" in html
    assert f"<td>{chart.total}</td>" not in html or chart.total > 0
    assert "\n\n" not in html
    assert list((tmp_path / ".cache" / "charts").glob("section-*.svg")), "the drawing was not cached"


def test_a_chart_keeps_no_empty_groups():
    """Matplotlib wraps every tick, label and bar in a <g id="...">; those wrappers were a third
    of the elements a phone laid out on /evidence/. Only groups that carry something stay."""
    import xml.etree.ElementTree as ET

    studies = real_studies()
    chart = charts.year_chart(studies, {})
    svg = charts.chart_svg(chart, None)
    root = ET.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    groups = [g for g in root.iter(f"{namespace}g") if set(g.attrib) <= {"id"}]
    assert groups == []
    drawn = ET.fromstring(charts._themed(charts._draw(chart)))
    texts = [t.text for t in root.iter(f"{namespace}text")]
    assert texts == [t.text for t in drawn.iter(f"{namespace}text")] and len(texts) > 5, "every label stays"
    assert len(list(root.iter())) < len(list(drawn.iter())) * 0.7
    assert 'xlink:href="#' in svg or 'href="#' in svg, "the tick marks still point at their shape"
