"""Reading time, computed at build time from a page's prose and shown under its title."""

from __future__ import annotations

import math
import re

from scripts.checks.abbreviations import prose_of
from scripts.i18n import text

WORDS_PER_MINUTE = 200  # a careful pace for technical text read on a phone
# A Chinese character counts as half a word: about 400 characters a minute at the same pace.
WORD = re.compile(r"[\u4e00-\u9fff]|[^\W\d_\u4e00-\u9fff][\w'’-]*|\d[\d.,%]*")
CJK = re.compile(r"[\u4e00-\u9fff]")
MARKER_LINE = re.compile(r"^\s*<!--.*-->\s*$", re.M)


def word_count(markdown: str) -> int:
    """Words a reader reads: prose, headings, tables and boxes, without code, markup, link
    targets, citation keys or front matter."""
    tokens = WORD.findall(prose_of(MARKER_LINE.sub("", markdown)))
    cjk = sum(1 for t in tokens if CJK.fullmatch(t))
    return len(tokens) - cjk + cjk // 2


def minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def reading_time_line(words: int, lang: str = "en") -> str:
    n = minutes(words)
    return f'<p class="reading-time">{text(lang, "reading", n=n, s="s" if n != 1 else "")}</p>'


def with_reading_time(markdown: str, words: int, lang: str = "en") -> str:
    """The page with its reading time under the first level-1 heading."""
    match = re.search(r"^# .+$", markdown, re.M)
    if not match:
        return markdown
    return markdown[:match.end()] + "\n\n" + reading_time_line(words, lang) + "\n" + markdown[match.end():]
