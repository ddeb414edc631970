"""The one measuring method of bench/: interleaved pairs A,B,A,B… and their statistics.

A is PlanDesk, B its floor or peer, run alternately in the same process (or from the same
parent process) so that both see the same machine load. Each side is a callable that returns
the seconds it measured (wall time of the whole call, or a part of it it chose to time, such
as the longest stretch the event loop was blocked). Pure Python: no Qt, no PlanDesk imports.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Measure = Callable[[], float]


def timed(fn: Callable[[], object]) -> Measure:
    """A measure that is the wall time of one call of ``fn``."""

    def run() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return run


def interleave(
    a: Measure, b: Measure, pairs: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """``warmup`` unrecorded pairs, then ``pairs`` recorded pairs A,B,A,B…; returns both lists."""
    for _ in range(warmup):
        a()
        b()
    times_a: list[float] = []
    times_b: list[float] = []
    for _ in range(pairs):
        times_a.append(a())
        times_b.append(b())
    return times_a, times_b


@dataclass
class Side:
    """The recorded values of one side of a case (seconds, or KiB/bytes for memory/size)."""

    label: str
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


@dataclass
class Outcome:
    """One case at one database size: both sides, or the reason it was skipped."""

    case: str
    size: int
    a: Side | None = None
    b: Side | None = None
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """Median over pairs of A/B (paired, so a load spike hitting one pair cancels out)."""
        if self.a is None or self.b is None:
            return None
        ratios = [x / y for x, y in zip(self.a.values, self.b.values, strict=True) if y > 0]
        return statistics.median(ratios) if ratios else None


def growth(outcomes: Sequence[Outcome]) -> tuple[float | None, float | None]:
    """How the medians of A and B grow from the smallest to the largest size measured."""
    done = sorted((o for o in outcomes if o.a and o.b), key=lambda o: o.size)
    if len(done) < 2:
        return None, None
    first, last = done[0], done[-1]
    assert first.a and first.b and last.a and last.b
    ga = last.a.median / first.a.median if first.a.median > 0 else None
    gb = last.b.median / first.b.median if first.b.median > 0 else None
    return ga, gb


def fmt_value(value: float, unit: str) -> str:
    """Seconds as ms (or s above 10 s); 'MiB' values come in KiB; 'MB' values in bytes."""
    if unit == "MiB":
        return f"{value / 1024:.0f}"
    if unit == "MB":
        return f"{value / 1e6:.1f}"
    ms = value * 1000
    if ms >= 10_000:
        return f"{value:.1f} s"
    if ms >= 100:
        return f"{ms:.0f}"
    return f"{ms:.1f}"


def fmt_side(side: Side, unit: str) -> str:
    """``median [min–max]`` of one side."""
    return (
        f"{fmt_value(side.median, unit)} [{fmt_value(side.low, unit)}–{fmt_value(side.high, unit)}]"
    )


def size_label(size: int) -> str:
    """1000 → '1k', 200000 → '200k'."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)
