"""The follow-up reports of a period: 进展情况报告, 督查通报 and 催办单."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from models import tracking
from models.reports.content import (
    NO_UNIT,
    Bulletin,
    ProgressReport,
    Reminders,
    ReminderSheet,
    TaskView,
    UnitStats,
    report_units,
)
from models.reports.loading import Loaded, count_states, load_rows, overdue_sorted, section_blocks
from models.reports.periods import Period, parse_day
from models.store.db import Database
from models.vocab import Light


def progress_report(
    db: Database, plan_id: int, period: Period, today: dt.date | None = None
) -> ProgressReport:
    """进展情况报告 of one plan for a period.

    Args:
        db: the database.
        plan_id: the plan.
        period: the reporting period; notes dated within it (ends included) are listed.
        today: the reference day (default: models/clock.py); overdue is judged on
            ``min(today, period.end)``.
    """
    loaded = load_rows(db, plan_id, period, today)
    rows = list(loaded.rows.values())
    return ProgressReport(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=count_states(rows),
        sections=section_blocks(loaded),
        overdue=overdue_sorted(rows),
        notes_in_period=sum(len(r.notes) for r in rows),
        without_evidence=_without_evidence(db, plan_id, rows),
    )


def _without_evidence(db: Database, plan_id: int, rows: list[TaskView]) -> list[TaskView] | None:
    """The tasks of ``rows`` without evidence; None while the plan keeps none at all."""
    if not any(r.evidence for r in rows):
        return None
    return [r for r in rows if not r.evidence]


def bulletin(db: Database, plan_id: int, period: Period, today: dt.date | None = None) -> Bulletin:
    """督查通报: per 责任单位 counts, completion rate and rank, with the overdue items.

    A task naming several units counts for each of them. Units are ranked by completion
    rate (high first), then fewer overdue items, then more tasks; equal keys share a rank.
    """
    loaded = load_rows(db, plan_id, period, today)
    rows = list(loaded.rows.values())
    per_unit: dict[str, list[TaskView]] = {}
    for row in rows:
        for unit in report_units(row):
            per_unit.setdefault(unit, []).append(row)
    units = [
        UnitStats(unit, count_states(items), overdue_items=overdue_sorted(items))
        for unit, items in per_unit.items()
    ]

    def key(u: UnitStats) -> tuple:
        return (-u.totals.completion_rate, u.totals.overdue, -u.totals.total)

    units.sort(key=lambda u: (*key(u), u.unit == NO_UNIT, u.unit))
    previous: tuple | None = None
    for index, stats in enumerate(units, start=1):
        if key(stats) != previous:
            rank = index
            previous = key(stats)
        stats.rank = rank
    return Bulletin(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=count_states(rows),
        units=units,
        overdue=overdue_sorted(rows),
    )


def _checkpoint_items(db: Database, loaded: Loaded) -> list[TaskView]:
    """Open checkpoints of open tasks that are red or yellow (tracking.checkpoint_light)."""
    out: list[TaskView] = []
    rows = db.query(
        "SELECT c.id, c.task_id, c.title, c.due_date FROM checkpoints c JOIN nodes n "
        "ON n.id = c.task_id WHERE n.plan_id = ? AND c.done_date IS NULL "
        "ORDER BY c.due_date, c.id",
        (loaded.plan.id,),
    )
    for cp_id, task_id, title, due_text in rows:
        task = loaded.rows.get(task_id)
        if task is None or not task.light:  # done or suspended task: not followed up
            continue
        light = tracking.checkpoint_light(due_text, loaded.as_of, loaded.within)
        if light not in (Light.RED, Light.YELLOW):
            continue
        due = parse_day(due_text)
        left = (due - loaded.as_of).days if due is not None else None
        out.append(
            replace(
                task,
                due_date=due,
                deadline="",
                light=light,
                days_left=left,
                checkpoint_id=cp_id,
                checkpoint_title=title or "",
            )
        )
    return out


def reminders(
    db: Database,
    plan_id: int,
    period: Period,
    today: dt.date | None = None,
    yellow_days: int | None = None,
) -> Reminders:
    """催办单: for each 责任单位, its red (overdue) and yellow (due soon or behind 序时进度)
    open tasks and open checkpoints, by the due-list rules of models/tracking/due_items.py.

    ``yellow_days`` overrides the tracking setting "due within N days".

    Units without red or yellow items get no sheet. Items: red first (most days late
    first), then yellow (fewest days left first).
    """
    loaded = load_rows(db, plan_id, period, today, yellow_days)
    rows = list(loaded.rows.values())
    items = [r for r in rows if r.light in (Light.RED, Light.YELLOW)]
    items += _checkpoint_items(db, loaded)
    per_unit: dict[str, list[TaskView]] = {}
    for row in items:
        for unit in report_units(row):
            per_unit.setdefault(unit, []).append(row)
    sheets = []
    for unit in sorted(per_unit, key=lambda u: (u == NO_UNIT, u)):
        mine = sorted(
            per_unit[unit],
            key=lambda r: (
                r.light != Light.RED,
                -r.days_late,
                r.days_left if r.days_left is not None else 10**6,
                r.node_id,
                r.checkpoint_id or 0,
            ),
        )
        sheets.append(ReminderSheet(unit, mine))
    return Reminders(
        plan=loaded.plan,
        period=period,
        as_of=loaded.as_of,
        totals=count_states(rows),
        sheets=sheets,
        yellow_days=loaded.within,
    )
