"""``python -m scripts.tools.translations``: which Chinese pages translate an older version of
their English page. Each Chinese page records, in its front matter, ``source_revision``: the
first 12 hex digits of the SHA-256 of the English file it translates. ``--stamp PAGE ...``
records the current English version for pages just brought up to date (``--stamp all`` for
every page). The build shows a note on every stale Chinese page."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from scripts.site import front_matter
from scripts.sources import read_text

ROOT = Path(__file__).resolve().parents[2]
REVISION = re.compile(r"^source_revision: \S+\n", re.M)


def revision(english: Path) -> str:
    return hashlib.sha256(english.read_bytes()).hexdigest()[:12]


def stale_pages(english_docs: Path, chinese_docs: Path) -> list[str]:
    """Chinese pages whose recorded revision is not the English page's current one."""
    stale = []
    for page in sorted(chinese_docs.glob("*.md")):
        english = english_docs / page.name
        if english.is_file() and front_matter(read_text(page)).get("source_revision") != revision(english):
            stale.append(page.name)
    return stale


def stamp(page: Path, english: Path) -> None:
    text = page.read_text(encoding="utf-8")
    line = f"source_revision: {revision(english)}\n"
    if REVISION.search(text):
        text = REVISION.sub(line, text, count=1)
    else:
        end = text.index("\n---", 4)
        text = text[: end + 1] + line + text[end + 1:]
    page.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stamp", nargs="*", help="pages (file names) to mark as up to date, or 'all'")
    args = parser.parse_args(argv)
    english_docs, chinese_docs = ROOT / "docs", ROOT / "docs" / "zh"
    if args.stamp:
        names = [p.name for p in chinese_docs.glob("*.md")] if args.stamp == ["all"] else args.stamp
        for name in names:
            stamp(chinese_docs / name, english_docs / name)
    stale = stale_pages(english_docs, chinese_docs)
    print("\n".join(f"docs/zh/{name}: translates an older version of docs/{name}" for name in stale)
          or "Every Chinese page translates the current English page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
