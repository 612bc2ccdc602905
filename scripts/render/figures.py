"""Figures on pages: the Markdown a figure marker stands for (a numbered <figure> with its
caption, downloads and long description), the inline SVG put in its place once the page is HTML
(so that the theme's colours and font reach it), and "Figure N" written into every link whose
text is "Figure"."""

from __future__ import annotations

import html
import re

from scripts.figures import LICENCE, Figure
from scripts.i18n import text

FIGURE_LINK = re.compile(r'<a href="(?P<href>[^"]*#fig-(?P<name>[a-z0-9-]+))">(?:Figure|图)</a>')
ART = re.compile(r'<div class="figure-art" data-figure="(?P<name>[a-z0-9-]+)"></div>')
TITLE = re.compile(r"<title>.*?</title>", re.S)
ROOT_LINK = re.compile(r'(<a\b[^>]*\bhref=")(?![#a-z][a-z0-9+.-]*:|/|#|\.\./)')


def number_figures(markers_by_page: dict[str, list[str]]) -> dict[str, tuple[str, int]]:
    """Figure name -> (page slug, number on that page), from each page's figure markers in order."""
    return {name: (slug, number) for slug, names in markers_by_page.items()
            for number, name in enumerate(names, start=1)}


def figure_markdown(figure: Figure, number: int, root: str, lang: str = "en") -> str:
    downloads = (f'<span class="figure-downloads">{text(lang, "figure.download")} '
                 f'<a href="{root}figures/{figure.name}.svg" download>SVG</a>'
                 f' · <a href="{root}figures/{figure.name}.png" download>PNG</a></span>')
    parts = [f'<figure class="figure" id="{figure.anchor}" markdown="1">',
             f'<div class="figure-art" data-figure="{figure.name}"></div>',
             f'<figcaption markdown="span">**{text(lang, "figure.label", n=number)}** '
             f'{" ".join(figure.caption.split())} {downloads}'
             "</figcaption>", "</figure>", ""]
    if figure.description:
        body = "\n".join("    " + line if line.strip() else "" for line in figure.description.splitlines())
        parts += [f'??? info "{text(lang, "figure.words", n=number)}"', body, ""]
    return "\n".join(parts)


def inline_svg(svg_text: str, figure: Figure, root: str, layout: str = "") -> str:
    """The SVG as it sits in the page: announced as one image whose name is the text
    alternative, its links made relative to the page. ``layout`` ("narrow") names a second
    layout's title apart from the first's."""
    svg = svg_text[svg_text.index("<svg"):]
    alt_id = f"{figure.anchor}-{layout}-alt" if layout else f"{figure.anchor}-alt"
    svg = TITLE.sub(f'<title id="{alt_id}">{html.escape(figure.alt)}</title>', svg, count=1)
    # A figure whose parts are links (the theme map) is a group of links named by its text
    # alternative; any other figure is one image (an image cannot hold focusable parts).
    role = "group" if "<a " in svg else "img"
    svg = svg.replace("<svg", f'<svg role="{role}" aria-labelledby="{alt_id}" focusable="false"', 1)
    if root:
        svg = ROOT_LINK.sub(lambda m: m.group(1) + root, svg)
    return svg


def place_figures(page_html: str, svgs: dict[str, str], figures: dict[str, Figure], root: str,
                  narrow: dict[str, str] | None = None) -> str:
    """Each figure's SVG in its place; a figure with a phone layout gets both, and the
    stylesheet shows one (docs/assets/extra.css, .figure-art--phone)."""
    narrow = narrow or {}

    def art(match: re.Match) -> str:
        name = match.group("name")
        wide = inline_svg(svgs[name], figures[name], root)
        if name not in narrow:
            return f'<div class="figure-art">{wide}</div>'
        return ('<div class="figure-art figure-art--phone">'
                f'<div class="figure-layout figure-layout--wide">{wide}</div>'
                '<div class="figure-layout figure-layout--narrow">'
                f'{inline_svg(narrow[name], figures[name], root, "narrow")}</div></div>')

    return ART.sub(art, page_html)


def number_references(page_html: str, numbers: dict[str, tuple[str, int]], lang: str = "en") -> str:
    def write(match: re.Match) -> str:
        found = numbers.get(match.group("name"))
        if found is None:
            return match.group(0)
        return f'<a href="{match.group("href")}">{text(lang, "figure.link", n=found[1])}</a>'

    return FIGURE_LINK.sub(write, page_html)


def standalone_svg(svg_text: str, figure: Figure, attribution: str) -> str:
    """The download: the figure with its caption, license and a suggested attribution in its
    metadata (the palette's fallback colours apply outside the site)."""
    plain_caption = re.sub(r"\s*\[@[^\]]*\]", "", " ".join(figure.caption.split()))
    desc = html.escape(f"{figure.alt} {plain_caption} License: {LICENCE}. {attribution}")
    svg = svg_text[svg_text.index("<svg"):]
    return re.sub(r"(<title>.*?</title>)", lambda m: m.group(1) + f"<desc>{desc}</desc>", svg, count=1, flags=re.S)
