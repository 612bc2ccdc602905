"""The print edition: every section page in reading order on one page.

Each page's headings are demoted one level under a heading of its own, and its explicit ids
are prefixed with the page slug so that ids stay unique (``{#evidence}`` on the introduction
becomes ``{#introduction-evidence}``). Links to other included pages become links within the
print page. Collapsed answers are opened, since paper cannot be clicked."""

from __future__ import annotations

import re

HEADING = re.compile(r"^(#{1,5}) (.*)$")
EXPLICIT_ID = re.compile(r"\{#([\w-]+)\}")
PAGE_LINK = re.compile(r"\]\((?P<page>[\w-]+)\.md(?:#(?P<anchor>[\w-]+))?\)")
SAME_PAGE_LINK = re.compile(r"\]\(#(?P<anchor>[\w-]+)\)")


def strip_front_matter(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---", 4)
        if end != -1:
            return markdown[end + 4:].lstrip("\n")
    return markdown


def page_for_print(slug: str, title: str, markdown: str, included: set[str]) -> str:
    lines = []
    fence = False
    for line in strip_front_matter(markdown).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence:
            match = HEADING.match(line)
            if match and len(match.group(1)) == 1:
                continue  # the page's own title: replaced by the section heading below
            if match:
                line = "#" + line
            line = EXPLICIT_ID.sub(lambda m: f"{{#{slug}-{m.group(1)}}}", line)
            # Figure ids are unique across the site already (one figure, one page).
            line = SAME_PAGE_LINK.sub(lambda m: f"](#{m.group('anchor')})" if m.group("anchor").startswith("fig-")
                                      else f"](#{slug}-{m.group('anchor')})", line)

            def other_page(m: re.Match) -> str:
                page, anchor = m.group("page"), m.group("anchor")
                if page not in included:
                    return m.group(0)
                if anchor and anchor.startswith("fig-"):
                    return f"](#{anchor})"
                return f"](#{page}-{anchor})" if anchor else f"](#{page})"

            line = PAGE_LINK.sub(other_page, line)
            line = re.sub(r'^(\s*)\?\?\?\+? ', r"\1!!! ", line)
        lines.append(line)
    return f"## {title} {{#{slug}}}\n\n" + "\n".join(lines).strip() + "\n"


def print_markdown(pages: list[tuple[str, str, str]]) -> str:
    """``pages`` is (slug, title, markdown) in reading order."""
    included = {slug for slug, _, _ in pages}
    return "\n\n".join(page_for_print(slug, title, md, included) for slug, title, md in pages)
