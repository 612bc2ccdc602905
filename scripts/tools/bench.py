"""Lighthouse on every page, mobile and desktop: ``make bench`` (a benchmark, not a test).

Builds the site for a local address, serves it gzip-compressed on 127.0.0.1 under the
GitHub Pages sub-path (scripts/localsite.py), runs the pinned Lighthouse from node_modules
``--runs`` times (3 by default) per page and preset, one run at a time, and keeps the median
run by performance score, as Lighthouse's own guidance on variability recommends: on this
machine one page's score can move by 3-5 points between runs. It writes ``reports/bench.md``
(the table the README shows, with each median run's range) and the median runs' JSON under
``reports/lighthouse/``. It prints the table and the minimum of every score. Targets: 100 for
accessibility, best practices and SEO on every page, performance at least 98 on mobile."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts.tools.browser import CHROMIUM_ARGS, HOW_TO_INSTALL, find_chromium
from scripts.tools.localsite import BuildFailed, LocalSite

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "reports"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PRESETS = ["mobile", "desktop"]
RUN_TIMEOUT_S = 180
TARGETS = {("mobile", "performance"): 98, ("desktop", "performance"): 98,
           **{(preset, cat): 100 for preset in PRESETS for cat in CATEGORIES[1:]}}


class BenchError(RuntimeError):
    """Lighthouse could not measure a page; the message says which and why, in one line."""


@dataclass
class Run:
    page: str
    preset: str
    scores: dict[str, int]
    bytes: int
    lcp_ms: float
    tbt_ms: float
    shortfalls: list[str]
    low: int = 0  # the lowest and highest performance score of the runs this median came from
    high: int = 0


def median_run(runs: list[Run]) -> Run:
    """The run with the median performance score (the lower middle one for an even count),
    annotated with the range of the scores."""
    ordered = sorted(runs, key=lambda r: r.scores["performance"])
    chosen = ordered[(len(ordered) - 1) // 2]
    chosen.low, chosen.high = ordered[0].scores["performance"], ordered[-1].scores["performance"]
    return chosen


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def run_lighthouse(url: str, preset: str, chromium: str, out: Path) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", "--quiet", "--no-enable-error-reporting",
               "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=chromium)
    try:
        proc = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True,
                              timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise BenchError(f"lighthouse took more than {RUN_TIMEOUT_S} s on {url} ({preset})") from None
    except OSError as error:
        raise BenchError(f"lighthouse could not start ({error.strerror or error})") from None
    if proc.returncode != 0 or not out.is_file():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]
        raise BenchError(f"lighthouse failed on {url} ({preset}): {last}")
    try:
        return json.loads(out.read_text(encoding="utf-8"))
    except ValueError:
        raise BenchError(f"lighthouse wrote no readable report for {url} ({preset})") from None


def summarise(page: str, preset: str, report: dict) -> Run:
    audits = report["audits"]
    scores = {cat: round((report["categories"][cat]["score"] or 0) * 100) for cat in CATEGORIES}
    shortfalls = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                shortfalls.append(f"{cat}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip())
    return Run(page, preset, scores, int(audits["total-byte-weight"]["numericValue"]),
               audits["largest-contentful-paint"]["numericValue"],
               audits["total-blocking-time"]["numericValue"], shortfalls)


def table(runs: list[Run]) -> str:
    head = ("| Page | Preset | Performance | (range) | Accessibility | Best practices | SEO | KB "
            "| LCP (ms) | TBT (ms) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [f"| /{r.page} | {r.preset} | {r.scores['performance']} | {r.low}–{r.high} | "
            f"{r.scores['accessibility']} | "
            f"{r.scores['best-practices']} | {r.scores['seo']} | {r.bytes / 1024:.0f} | {r.lcp_ms:.0f} | "
            f"{r.tbt_ms:.0f} |" for r in runs]
    return "\n".join([head, *rows])


def minimums(runs: list[Run]) -> dict[tuple[str, str], int]:
    return {(preset, cat): min(r.scores[cat] for r in runs if r.preset == preset)
            for preset in PRESETS for cat in CATEGORIES if any(r.preset == preset for r in runs)}


def minimum_lines(runs: list[Run]) -> list[str]:
    lines = []
    for (preset, cat), low in minimums(runs).items():
        target = TARGETS[(preset, cat)]
        mark = "ok" if low >= target else f"BELOW TARGET {target}"
        lines.append(f"{preset:<8} {cat:<15} min {low:>3}  ({mark})")
    return lines


def write_report(runs: list[Run], path: Path, seconds: float, per_page: int) -> str:
    when = time.strftime("%Y-%m-%d", time.gmtime())
    text = [f"# Lighthouse bench, {when}", "",
            f"Lighthouse {lighthouse_version()}, {len(runs) * per_page} runs in {seconds:.0f} s on "
            f"{os.cpu_count()} cores ({platform.machine()}), site served gzip-compressed on "
            "127.0.0.1 under /ai-in-ir/. Mobile is Lighthouse's default (simulated slow 4G, "
            "4x CPU slowdown); desktop is `--preset=desktop`. KB is Lighthouse's total byte "
            f"weight (search index included). Each row is the median of {per_page} runs by "
            "performance score; (range) is the lowest and highest score of those runs.", "",
            table(runs), "", "Minimums:", "", "```",
            *minimum_lines(runs), "```"]
    misses = [f"- /{r.page} ({r.preset}): {s}" for r in runs for s in r.shortfalls]
    if misses:
        text += ["", "Audits below full score (weighted):", "", *misses]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="only these pages (as 'about/', '' for home)")
    parser.add_argument("--presets", nargs="*", default=PRESETS, choices=PRESETS)
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset (median kept)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    chromium = find_chromium()
    if chromium is None:
        print(f"bench: {HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.is_file():
        print("bench: Lighthouse is not installed: run `npm ci --ignore-scripts`", file=sys.stderr)
        return 1
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        try:
            site = LocalSite(Path(tmp) / "site", compress=True).start()
        except BuildFailed as error:
            print(f"bench: the site did not build:\n{error}", file=sys.stderr)
            return 1
        try:
            pages = site.pages() if args.pages is None else args.pages
            runs = measure(site, pages, args.presets, args.runs, chromium)
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        finally:
            site.stop()
    report = write_report(runs, REPORTS / "bench.md", time.monotonic() - started, args.runs)
    print()
    print(report)
    print(f"\nWritten to {(REPORTS / 'bench.md').relative_to(ROOT)}")
    return 0


def measure(site, pages: list[str], presets: list[str], count: int, chromium: str) -> list[Run]:
    """The median of ``count`` Lighthouse runs for every page and preset; the median run's
    report is kept as reports/lighthouse/<page>-<preset>.json."""
    runs: list[Run] = []
    for page in pages:
        for preset in presets:
            name = (page.strip("/").replace("/", "-").removesuffix(".html") or "home")
            out = REPORTS / "lighthouse" / f"{name}-{preset}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            tries = []
            for attempt in range(count):
                raw = out.with_suffix(f".{attempt}.json")
                tries.append((summarise(page, preset, run_lighthouse(site.url(page), preset, chromium, raw)), raw))
            run = median_run([t for t, _ in tries])
            for measured, raw in tries:
                if measured is run:
                    raw.replace(out)
                else:
                    raw.unlink()
            runs.append(run)
            print(f"  /{page:<24} {preset:<8} " + " ".join(f"{run.scores[c]:>3}" for c in CATEGORIES)
                  + f"  (performance {run.low}–{run.high})", flush=True)
    return runs


if __name__ == "__main__":
    sys.exit(main())
