"""Jinja templates for the HTML our hooks put into pages (overrides/components/), rendered with
autoescaping on: data from the study file or the bibliography can never become markup."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

COMPONENTS = Path(__file__).resolve().parents[2] / "overrides" / "components"


@cache
def environment(folder: Path = COMPONENTS) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=False)


def render(name: str, **context) -> str:
    """The template's HTML with blank lines removed, so that Markdown keeps it as one raw HTML
    block."""
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
