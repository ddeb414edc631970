"""bench/: the pairing and statistics of the one benchmark method, and one tiny real run.

Never asserts a timing: only that the pairs interleave, the ratio pairs the right values and
bench/run.py writes a RESULTS table from a real (tiny) case.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.harness import Outcome, Side, fmt_side, growth, interleave, timed

ROOT = Path(__file__).resolve().parent.parent


def test_interleave_alternates_after_the_warmup() -> None:
    calls: list[str] = []

    def side(name: str, value: float):
        def run() -> float:
            calls.append(name)
            return value

        return run

    a, b = interleave(side("a", 2.0), side("b", 1.0), pairs=3, warmup=1)
    assert calls == ["a", "b"] * 4
    assert a == [2.0, 2.0, 2.0] and b == [1.0, 1.0, 1.0]


def test_timed_measures_the_call() -> None:
    seen: list[int] = []
    seconds = timed(lambda: seen.append(1))()
    assert seen == [1] and seconds >= 0


def test_ratio_is_the_median_of_the_pairs() -> None:
    # pair ratios 4, 1, 3 -> median 3; the ratio of medians would be 6/3 = 2
    outcome = Outcome("x", 1000, a=Side("A", [8.0, 6.0, 3.0]), b=Side("B", [2.0, 6.0, 1.0]))
    assert outcome.ratio == 3.0
    assert outcome.a is not None and outcome.a.median == 6.0
    assert fmt_side(outcome.a, "ms") == "6000 [3000–8000]"
    assert Outcome("x", 1, skipped="peer missing").ratio is None


def test_growth_from_smallest_to_largest_size() -> None:
    small = Outcome("x", 1000, a=Side("A", [0.01]), b=Side("B", [0.01]))
    big = Outcome("x", 60000, a=Side("A", [0.05]), b=Side("B", [0.02]))
    skipped = Outcome("x", 200000, skipped="too slow")
    ga, gb = growth([big, skipped, small])
    assert round(ga or 0, 6) == 5.0 and round(gb or 0, 6) == 2.0
    assert growth([small]) == (None, None)


def test_run_writes_results_of_a_tiny_case(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--cases",
            "check,rollover",
            "--sizes",
            "300,600",
            "--pairs",
            "2",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    rows = [
        line
        for line in text.splitlines()
        if line.startswith(("| `check()` | 300 |", "| `check()` | 600 |"))
    ]
    assert len(rows) == 2  # one per size, each with both sides and a ratio
    assert all("skipped" not in row and "×" in row for row in rows)
    assert "| rollover of the big plan | 300 → 600 |" in text  # the growth table
    assert (tmp_path / "work" / "tasks-300.db").exists()
