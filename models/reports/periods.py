"""Reporting periods: a closed date range with its Chinese name (2025年第一季度)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from models import clock
from models.entities import Plan
from models.errors import InvalidOperationError
from models.text.dates import cn_date
from models.text.numerals import cn_numeral


@dataclass(frozen=True, slots=True)
class Period:
    """A closed date range [start, end] with its Chinese name (2025年第一季度)."""

    start: dt.date
    end: dt.date
    label: str

    def contains(self, day: dt.date | str | None) -> bool:
        """True when ``day`` (a date or ISO text) lies within the period, ends included."""
        if day is None:
            return False
        if isinstance(day, str):
            parsed = parse_day(day)
            if parsed is None:
                return False
            day = parsed
        return self.start <= day <= self.end

    @property
    def range_text(self) -> str:
        """``2025年1月1日至2025年3月31日``."""
        return f"{cn_date(self.start)}至{cn_date(self.end)}"


def parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def month_period(year: int, month: int) -> Period:
    """One calendar month."""
    if not 1 <= month <= 12:
        raise InvalidOperationError("月份应在1到12之间。")
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year}年{month}月")


def quarter_period(year: int, quarter: int) -> Period:
    """Quarter 1–4: 1 Jan–31 Mar, 1 Apr–30 Jun, 1 Jul–30 Sep, 1 Oct–31 Dec."""
    if not 1 <= quarter <= 4:
        raise InvalidOperationError("季度应在1到4之间。")
    first = 3 * quarter - 2
    last = 3 * quarter
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return Period(dt.date(year, first, 1), end, f"{year}年第{cn_numeral(quarter)}季度")


def half_period(year: int, half: int) -> Period:
    """Half 1 = 1 Jan–30 Jun (上半年), half 2 = 1 Jul–31 Dec (下半年)."""
    if half == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}年上半年")
    if half == 2:
        return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}年下半年")
    raise InvalidOperationError("半年应为1（上半年）或2（下半年）。")


def year_period(year: int) -> Period:
    """The calendar year."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年度")


def range_period(start: dt.date, end: dt.date) -> Period:
    """Any date range; recognised whole months, quarters, halves and years get their name."""
    if start > end:
        raise InvalidOperationError("开始日期不能晚于结束日期。")
    if start.year == end.year:
        candidates = [
            year_period(start.year),
            half_period(start.year, 1),
            half_period(start.year, 2),
        ]
        candidates += [quarter_period(start.year, q) for q in range(1, 5)]
        candidates += [month_period(start.year, m) for m in range(1, 13)]
        for cand in candidates:
            if cand.start == start and cand.end == end:
                return cand
    return Period(start, end, f"{cn_date(start)}至{cn_date(end)}")


def period_from_text(start: str, end: str) -> Period:
    """A period from two ISO dates (the CLI's --from / --until)."""
    a, b = parse_day(start), parse_day(end)
    if a is None or b is None:
        raise InvalidOperationError("日期格式应为 YYYY-MM-DD，例如 2025-03-31。")
    return range_period(a, b)


def period_for_plan(
    plan: Plan, start: dt.date | None, end: dt.date | None, today: dt.date | None = None
) -> Period:
    """The period of a report when a date may be missing (the CLI's --from/--until).

    A missing start is 1 January of the end's year, a missing end 31 December of the
    start's year; with neither, the plan's year (today's year for a plan without one).
    """
    year = plan.year or (today or default_today()).year
    if start is None:
        start = dt.date(end.year if end is not None else year, 1, 1)
    if end is None:
        end = dt.date(start.year, 12, 31)
    return range_period(start, end)


def default_today() -> dt.date:
    """Today from models/clock.py (the one clock; tests can set it)."""
    return clock.today()
