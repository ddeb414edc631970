"""Working days and recurring checkpoints (每月/每季度/每半年) over a plan year."""

from __future__ import annotations

import calendar
import datetime as dt

from models.entities import Node
from models.errors import InvalidOperationError
from models.vocab import HALF_TITLES, MONTH_TITLE, QUARTER_TITLES, RECURRENCE, Recurrence


def is_workday(day: dt.date) -> bool:
    """True on an official working day (调休 Saturdays count); weekends only for unknown years."""
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        # chinese-calendar only knows the years the State Council has published
        return day.weekday() < 5


def shift_to_workday(day: dt.date) -> dt.date:
    """The same day if it is a working day, else the last working day before it."""
    for _ in range(40):  # the longest holiday is far shorter; bound the loop anyway
        if is_workday(day):
            return day
        day -= dt.timedelta(days=1)
    return day


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def expand_recurrence(
    rule: str, year: int, *, shift_holidays: bool = False
) -> list[tuple[str, str]]:
    """The (title, ISO due date) rows of a recurring rule over one plan year.

    ``monthly`` → the last day of each month, ``quarterly`` → each quarter's end,
    ``halfyear`` → 06-30 and 12-31. With ``shift_holidays`` a date on a weekend or public
    holiday moves to the previous working day.
    """
    if rule == Recurrence.MONTHLY:
        rows = [(MONTH_TITLE.format(month=m), _month_end(year, m)) for m in range(1, 13)]
    elif rule == Recurrence.QUARTERLY:
        rows = [(QUARTER_TITLES[q], _month_end(year, 3 * q + 3)) for q in range(4)]
    elif rule == Recurrence.HALFYEAR:
        rows = [(HALF_TITLES[0], _month_end(year, 6)), (HALF_TITLES[1], _month_end(year, 12))]
    else:
        raise InvalidOperationError("不支持的周期。", detail=str(rule))
    if shift_holidays:
        rows = [(title, shift_to_workday(day)) for title, day in rows]
    return [(title, day.isoformat()) for title, day in rows]


def suggest_recurrence(task: Node) -> str | None:
    """The recurring rule a task's wording or frequency suggests (每月 → monthly), or None."""
    text = f"{task.text}{task.note}{task.deadline or ''}"
    if task.frequency in RECURRENCE:
        return task.frequency
    if "每月" in text or "按月" in text:
        return Recurrence.MONTHLY
    if "每季度" in text or "按季度" in text:
        return Recurrence.QUARTERLY
    if "每半年" in text:
        return Recurrence.HALFYEAR
    return None
