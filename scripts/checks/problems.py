"""The one shape every check returns, and the one reporter that prints it."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a named file (and line, when one applies)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def report(problems: Iterable[Problem], out: TextIO = sys.stderr) -> int:
    """Print each problem on its own line, in file order; return how many there were."""
    items = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
    for problem in items:
        print(str(problem), file=out)
    return len(items)
