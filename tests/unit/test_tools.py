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
