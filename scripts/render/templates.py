"""Jinja templates for the HTML our hooks put into pages (overrides/components/), rendered with
autoescaping on: data from the study file or the bibliography can never become markup."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

COMPONENTS = Path(__file__).resolve().parents[2] / "overrides" / "components"


# A slash between two word characters, as in "Jiangsu/Zhejiang/Fujian" (after escaping, so never
# inside an entity or a tag).
WORD_SLASH = re.compile(r"(?<=\w)/(?=\w)")


def breakable(text: str) -> Markup:
    """The text escaped, with a line-break opportunity (``<wbr>``) after each slash between
    words. Chromium does not break such a run by itself, so in a table one of them sets the
    width of its column; CSS cannot add break opportunities without also breaking words."""
    return Markup(WORD_SLASH.sub("/<wbr>", str(escape(text))))


@cache
def environment(folder: Path = COMPONENTS) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.filters["breakable"] = breakable
    return env


def render(name: str, **context) -> str:
    """The template's HTML with blank lines removed, so that Markdown keeps it as one raw HTML
    block."""
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
