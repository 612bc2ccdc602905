"""Where code is in a Markdown page. Citations inside code must stay literal, but
mkdocs-bibtex 4.4 rewrites them anyway (it replaces text across the whole page), and our
citation check must not count them. Shared by the checks and by the MkDocs hook."""

from __future__ import annotations

import re

FENCE_OPEN = re.compile(r"^\s*(?:>\s*)*(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?P<ticks>`+)(?P<code>.+?)(?P=ticks)")
# A private-use character stands in for "@" inside code while mkdocs-bibtex runs.
AT_PLACEHOLDER = "\ue000"


# A top-level line that opens a block whose indented continuation is not code: a list item,
# an admonition or collapsible block, a content tab, raw HTML, a footnote or a definition.
CONTAINER = re.compile(r"^(?:[-*+] |\d+[.)] |!!!|\?\?\?|===|<|\[\^|: )")


def _transform_code(markdown: str, change) -> str:
    """Apply change() to the code of a page: fenced blocks, inline spans and indented code
    blocks (four spaces after a blank line, under a plain paragraph, heading or nothing)."""
    out: list[str] = []
    fence: str | None = None
    indented = False  # inside an indented code block
    previous_blank = True
    container = False  # the last top-level line opened a list, admonition, tab, ...
    for line in markdown.splitlines(keepends=True):
        blank = not line.strip()
        if fence is None:
            starts_code = line.startswith("    ") and not blank and previous_blank and not container
            if indented and not blank and not line.startswith("    "):
                indented = False
            if starts_code:
                indented = True
            if indented and not blank:
                out.append(change(line))
                previous_blank = False
                continue
            if not blank and not line.startswith((" ", "\t")):
                container = bool(CONTAINER.match(line))
            previous_blank = blank
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) <= {fence[0]}:
                fence = None
                out.append(line)
            else:
                out.append(change(line))
            continue
        match = FENCE_OPEN.match(line)
        if match:
            fence = match.group("fence")
            out.append(line)
            continue
        out.append(INLINE_CODE.sub(lambda m: m.group("ticks") + change(m.group("code"))
                                   + m.group("ticks"), line))
    return "".join(out)


def mask_code(markdown: str) -> str:
    """Blank out code (fenced blocks and inline spans), keeping every line in place."""
    return _transform_code(markdown, lambda text: re.sub(r"[^\n]", " ", text))


def protect_code(markdown: str) -> str:
    """Hide "@" inside code from mkdocs-bibtex; :func:`restore_code` undoes it in the HTML."""
    return _transform_code(markdown, lambda text: text.replace("@", AT_PLACEHOLDER))


def restore_code(html: str) -> str:
    return html.replace(AT_PLACEHOLDER, "@")
