"""The lights (red/yellow/green/grey) of an open task or checkpoint; 序时进度's
elapsed share.
"""

from __future__ import annotations

import datetime as dt

from models.text import deadlines
from models.tracking.common import as_date
from models.tracking.settings import DEFAULT_MARGIN, DEFAULT_WITHIN
from models.vocab import Light, TaskStatus

LIGHTS = tuple(Light)
# Tasks in these states are not followed up in the due list.
CLOSED_STATUSES = frozenset({TaskStatus.DONE, TaskStatus.SUSPENDED})


def elapsed_share(start: dt.date, due: dt.date, today: dt.date) -> float:
    """The share (0–1) of the time from ``start`` to ``due`` that has passed by ``today``."""
    span = (due - start).days
    if span <= 0:
        return 1.0
    return min(max((today - start).days / span, 0.0), 1.0)


def light_for(
    *,
    status: str,
    progress: int,
    due: dt.date | str | None,
    today: dt.date,
    within: int = DEFAULT_WITHIN,
    margin: int = DEFAULT_MARGIN,
    start: dt.date | None = None,
) -> Light | None:
    """The light of an open task; None for a done or suspended one (not followed up).

    red: due date passed. yellow: due within ``within`` days (today included), or the
    progress is more than ``margin`` points behind 序时进度 (the elapsed share of the time
    from ``start`` to the due date). grey: not started and no date. green: otherwise.
    """
    if status in CLOSED_STATUSES:
        return None
    due_day = as_date(due)
    if due_day is None:
        return Light.GREY if status == TaskStatus.NOT_STARTED and not progress else Light.GREEN
    if due_day < today:
        return Light.RED
    if (due_day - today).days <= within:
        return Light.YELLOW
    if start is not None and start < due_day:
        expected = elapsed_share(start, due_day, today) * 100
        if expected - (progress or 0) > margin:
            return Light.YELLOW
    return Light.GREEN


def checkpoint_light(
    due: dt.date | str | None, today: dt.date, within: int = DEFAULT_WITHIN
) -> Light:
    """The light of an open checkpoint: red overdue, yellow close, green later, grey undated."""
    due_day = as_date(due)
    if due_day is None:
        return Light.GREY
    if due_day < today:
        return Light.RED
    if (due_day - today).days <= within:
        return Light.YELLOW
    return Light.GREEN


def task_start(year: int | None, created_at: str | None) -> dt.date | None:
    """Where a task's time starts for 序时进度: 1 January of the plan year."""
    if year:
        return dt.date(int(year), 1, 1)
    if created_at:
        return deadlines.parse_iso(created_at[:10])
    return None
