"""``python -m scripts.tools.zh_format``: format the Chinese edition's pages with autocorrect
(spaces between Chinese and Latin letters or digits, full-width punctuation in Chinese text),
the convention the build checks."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.checks.parity import load_rules

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    import autocorrect_py

    load_rules(autocorrect_py)

    changed = 0
    for page in sorted((ROOT / "docs" / "zh").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        fixed = autocorrect_py.format_for(text, page.name)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
            print(f"formatted {page.relative_to(ROOT)}")
    print(f"{changed} page(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
