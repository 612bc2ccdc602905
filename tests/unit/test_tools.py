"""The Lighthouse bench's pure parts: the median run, the table and the minimums (the runs
themselves need Chromium and minutes, so ``make bench`` is not part of ``make test``)."""

from __future__ import annotations

import pytest

from scripts.tools.bench import Run, main, median_run, minimum_lines, table


def run(performance: int, tbt: float = 100.0, preset: str = "mobile") -> Run:
    scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    return Run("training/", preset, scores, 200 * 1024, 1500.0, tbt, [])


def test_median_run_is_the_middle_score_and_keeps_the_range():
    chosen = median_run([run(99, tbt=60), run(94, tbt=270), run(100, tbt=40)])
    assert chosen.scores["performance"] == 99 and chosen.tbt_ms == 60
    assert (chosen.low, chosen.high) == (94, 100)


def test_median_of_an_even_count_is_the_lower_middle_run():
    assert median_run([run(100), run(97), run(98), run(99)]).scores["performance"] == 98


def test_table_row_shows_the_median_and_its_range():
    row = table([median_run([run(98), run(95), run(99)])]).splitlines()[-1]
    assert row == "| /training/ | mobile | 98 | 95–99 | 100 | 100 | 100 | 200 | 1500 | 100 |"


def test_minimums_flag_a_score_below_target():
    lines = minimum_lines([median_run([run(97)])])
    assert "mobile   performance     min  97  (BELOW TARGET 98)" in lines
    assert "mobile   accessibility   min 100  (ok)" in lines


def test_runs_below_one_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--runs", "0"])
    assert exit_info.value.code == 2
    assert "--runs must be at least 1" in capsys.readouterr().err


class _FakeSite:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def start(self):
        return self

    def stop(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def pages(self) -> list[str]:
        return ["about/"]

    def url(self, page: str = "") -> str:
        return "http://127.0.0.1:1/ai-in-ir/" + page


def test_a_failed_lighthouse_run_is_one_line_and_exit_1(monkeypatch, tmp_path, capsys):
    from scripts.tools import bench

    def fail(url, preset, chromium, out):
        raise bench.BenchError(f"lighthouse failed on {url} ({preset}): Chrome crashed")

    lighthouse = tmp_path / "index.js"
    lighthouse.write_text("")
    monkeypatch.setattr(bench, "LocalSite", _FakeSite)
    monkeypatch.setattr(bench, "find_chromium", lambda: "/usr/bin/true")
    monkeypatch.setattr(bench, "LIGHTHOUSE", lighthouse)
    monkeypatch.setattr(bench, "REPORTS", tmp_path / "reports")
    monkeypatch.setattr(bench, "run_lighthouse", fail)
    assert bench.main(["--runs", "1", "--presets", "mobile"]) == 1
    err = capsys.readouterr().err
    assert err == "bench: lighthouse failed on http://127.0.0.1:1/ai-in-ir/about/ (mobile): Chrome crashed\n"


def test_a_lighthouse_that_cannot_start_is_reported_not_raised(monkeypatch, tmp_path):
    from scripts.tools import bench

    monkeypatch.setattr(bench, "LIGHTHOUSE", tmp_path / "missing.js")
    monkeypatch.setattr(bench, "ROOT", tmp_path / "no-such-folder")
    with pytest.raises(bench.BenchError, match="lighthouse could not start"):
        bench.run_lighthouse("http://127.0.0.1:1/", "mobile", "/usr/bin/true", tmp_path / "out.json")


def test_a_browser_error_in_screenshots_is_one_line_and_exit_1(monkeypatch, capsys):
    from playwright.sync_api import Error as PlaywrightError

    from scripts.tools import screenshots

    def fail(*args, **kwargs):
        raise PlaywrightError("Target page, context or browser has been closed\nCall log: ...")

    monkeypatch.setattr(screenshots, "LocalSite", _FakeSite)
    monkeypatch.setattr(screenshots, "find_chromium", lambda: "/usr/bin/true")
    monkeypatch.setattr(screenshots, "take_screenshots", fail)
    assert screenshots.main([]) == 1
    assert capsys.readouterr().err == \
        "screenshots: the browser failed: Target page, context or browser has been closed\n"


def test_the_local_server_is_quiet_when_a_browser_hangs_up_and_speaks_otherwise(tmp_path, capsys):
    from scripts.tools.localsite import _SiteServer

    server = _SiteServer(tmp_path, compress=False)
    try:
        for error, printed in ((BrokenPipeError(), False), (ConnectionResetError(), False), (ValueError("bad"), True)):
            try:
                raise error
            except Exception:  # noqa: BLE001 (what socketserver hands to handle_error)
                server.handle_error(None, ("127.0.0.1", 1))
            assert ("Exception occurred" in capsys.readouterr().err) is printed, type(error).__name__
    finally:
        server.server_close()
