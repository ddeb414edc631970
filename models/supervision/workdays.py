"""Working days by the State Council's holiday calendar (调休 Saturdays included)."""

from __future__ import annotations

import datetime as dt

from models.errors import InvalidOperationError
from models.tracking import is_workday

_MAX_DAYS = 366  # bound every walk: a time limit is weeks, never years


def add_workdays(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted).

    ``days == 0`` means the same day (特急: at once).
    """
    if days < 0:
        raise InvalidOperationError(detail=f"negative working days {days}")
    day = start
    left = days
    for _ in range(_MAX_DAYS * 2):
        if left == 0:
            return day
        day += dt.timedelta(days=1)
        if is_workday(day):
            left -= 1
    raise InvalidOperationError(detail=f"{days} working days after {start} out of range")


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end < start:
        return -workdays_between(end, start)
    if (end - start).days > _MAX_DAYS * 3:
        raise InvalidOperationError(detail=f"range {start}..{end} too long")
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count
