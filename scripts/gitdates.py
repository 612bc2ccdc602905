"""Last-updated dates of pages from git history.

One ``git log`` call lists, newest first, the files each commit touched; the first date seen
for a file is its last change. In a shallow clone this is the date of the oldest commit
present, which is still a real date. Without git (or for untracked files) the caller falls
back to ``SOURCE_DATE_EPOCH`` or today, so a build never fails for want of history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def git_dates(repo: Path, folder: str) -> dict[str, str]:
    """Map each file path under ``folder`` (relative to ``repo``) to its last commit date."""
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", folder],
                             cwd=repo, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            current = line[1:].strip()
        elif line.strip() and current:
            dates.setdefault(line.strip(), current)
    return dates


def fallback_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit()
            else dt.datetime.now(dt.UTC))
    return when.date().isoformat()


def long_date(iso: str) -> str:
    """2026-11-05 -> November 5, 2026 (AMA style)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.strftime('%B')} {day.day}, {day.year}"
