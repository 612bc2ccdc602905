"""Reading time, computed at build time from a page's prose and shown under its title."""

from __future__ import annotations

import math
import re

from scripts.checks.abbreviations import prose_of

WORDS_PER_MINUTE = 200  # a careful pace for technical text read on a phone
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,%]*")
MARKER_LINE = re.compile(r"^\s*<!--.*-->\s*$", re.M)


def word_count(markdown: str) -> int:
    """Words a reader reads: prose, headings, tables and boxes, without code, markup, link
    targets, citation keys or front matter."""
    return len(WORD.findall(prose_of(MARKER_LINE.sub("", markdown))))


def minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def reading_time_line(words: int) -> str:
    n = minutes(words)
    return f'<p class="reading-time">About {n} minute{"s" if n != 1 else ""} to read</p>'


def with_reading_time(markdown: str, words: int) -> str:
    """The page with its reading time under the first level-1 heading."""
    match = re.search(r"^# .+$", markdown, re.M)
    if not match:
        return markdown
    return markdown[:match.end()] + "\n\n" + reading_time_line(words) + "\n" + markdown[match.end():]
