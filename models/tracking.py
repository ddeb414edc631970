"""Following a plan through the year: checkpoints, progress notes, roll-ups, lights, due list.

Every writing function is one transaction and returns what its undo needs (old values or
the removed rows). "Today" always comes from :func:`models.clock.today` unless passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models import clock, outline
from models.entities import Checkpoint, Node, ProgressEntry, Unit, row_to
from models.errors import ChangeReasonRequiredError, InvalidOperationError, NotFoundError
from models.store import settings
from models.store.db import Database, new_id
from models.text import deadlines
from models.text.clean import clean_text
from models.text.numbering import outline_numbers
from models.text.units import split_names
from models.vocab import (
    HALF_TITLES,
    MONTH_TITLE,
    QUARTER_TITLES,
    RECURRENCE,
    Light,
    NodeKind,
    PlanStatus,
    Recurrence,
    TaskStatus,
)

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- settings
SETTING_WITHIN = "tracking.due_within_days"
SETTING_MARGIN = "tracking.behind_margin"
SETTING_SHIFT = "tracking.shift_holidays"
DEFAULT_WITHIN = 7
DEFAULT_MARGIN = 20  # percentage points behind the elapsed share of the task's time

LIGHTS = tuple(Light)
_LIGHT_ORDER = {name: i for i, name in enumerate(LIGHTS)}
# Tasks in these states are not followed up in the due list.
CLOSED_STATUSES = frozenset({TaskStatus.DONE, TaskStatus.SUSPENDED})
# Fields whose change after 定稿 is logged with a date and a reason.
LOGGED_FIELDS = ("deadline", "target")


@dataclass(slots=True)
class TrackingSettings:
    """The due-list rules: yellow window in days, behind-schedule margin, holiday shifting."""

    within_days: int = DEFAULT_WITHIN
    behind_margin: int = DEFAULT_MARGIN
    shift_holidays: bool = False


def tracking_settings(db: Database) -> TrackingSettings:
    """The tracking settings stored in the database (defaults when absent or broken)."""
    return TrackingSettings(
        within_days=settings.get_int(db, SETTING_WITHIN, DEFAULT_WITHIN, low=0, high=365),
        behind_margin=settings.get_int(db, SETTING_MARGIN, DEFAULT_MARGIN, low=0, high=100),
        shift_holidays=settings.get_text(db, SETTING_SHIFT, "0") == "1",
    )


def save_tracking_settings(db: Database, values: TrackingSettings) -> TrackingSettings:
    """Store the tracking settings in one transaction; returns the previous ones."""
    if not 0 <= values.within_days <= 365:
        raise InvalidOperationError("临期天数应在 0 到 365 之间。")
    if not 0 <= values.behind_margin <= 100:
        raise InvalidOperationError("滞后幅度应在 0 到 100 之间。")
    old = tracking_settings(db)
    with db.transaction():
        settings.set_value(db, SETTING_WITHIN, values.within_days)
        settings.set_value(db, SETTING_MARGIN, values.behind_margin)
        settings.set_value(db, SETTING_SHIFT, "1" if values.shift_holidays else "0")
    return old


# ---------------------------------------------------------------- dates
def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return deadlines.parse_iso(value)


def _check_iso(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    if deadlines.parse_iso(str(value)) is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-30。", detail=str(value))
    return str(value).strip()


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


# ---------------------------------------------------------------- tasks
def _task(db: Database, task_id: int) -> Node:
    node = outline.get_node(db, task_id)
    if node.kind != NodeKind.TASK:
        raise InvalidOperationError("只有任务才能添加节点和进展。")
    return node


def _plan_year(db: Database, plan_id: int) -> int | None:
    value = db.scalar("SELECT year FROM plans WHERE id = ?", (plan_id,))
    return int(value) if value is not None else None


# ---------------------------------------------------------------- checkpoints
_CHECKPOINT_FIELDS = ("title", "due_date", "done_date", "note", "recurrence")


def list_checkpoints(db: Database, task_id: int) -> list[Checkpoint]:
    """The checkpoints of a task by due date (undated last)."""
    rows = db.query(
        "SELECT * FROM checkpoints WHERE task_id = ? ORDER BY due_date IS NULL, due_date, id",
        (task_id,),
    )
    return [row_to(Checkpoint, r) for r in rows]


def get_checkpoint(db: Database, checkpoint_id: int) -> Checkpoint:
    """One checkpoint; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM checkpoints WHERE id = ?", (checkpoint_id,))
    if row is None:
        raise NotFoundError("找不到该检查节点。")
    return row_to(Checkpoint, row)


def _checkpoint_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(_CHECKPOINT_FIELDS)
    if unknown:
        raise InvalidOperationError(detail=f"unknown checkpoint fields {sorted(unknown)}")
    out = dict(values)
    if "title" in out:
        out["title"] = (out["title"] or "").strip()
    if "note" in out and out["note"] is None:
        out["note"] = ""
    if "due_date" in out:
        out["due_date"] = _check_iso(out["due_date"], "节点日期")
    if "done_date" in out:
        out["done_date"] = _check_iso(out["done_date"], "完成日期")
    if out.get("recurrence") not in (None, *RECURRENCE):
        raise InvalidOperationError("不支持的周期。", detail=str(out["recurrence"]))
    return out


def add_checkpoint(
    db: Database,
    task_id: int,
    title: str,
    due_date: str | None = None,
    *,
    note: str = "",
    done_date: str | None = None,
    recurrence: str | None = None,
    shift_holidays: bool = False,
) -> int:
    """Add one checkpoint to a task; returns its id."""
    values = _checkpoint_values(
        {
            "title": title,
            "due_date": due_date,
            "note": note,
            "done_date": done_date,
            "recurrence": recurrence,
        }
    )
    if not values["title"] and not values["due_date"]:
        raise InvalidOperationError("检查节点需要名称或日期。")
    day = _as_date(values["due_date"])
    if shift_holidays and day is not None:
        values["due_date"] = shift_to_workday(day).isoformat()
    with db.transaction() as conn:
        _task(db, task_id)
        cols = ["task_id", *values]
        cur = conn.execute(
            f"INSERT INTO checkpoints ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            (task_id, *values.values()),
        )
        return new_id(cur)


def copy_checkpoints(
    db: Database, task_id: int, rows: Iterable[tuple[str, str | None, str | None]]
) -> None:
    """Add checkpoints (title, due date, recurrence) to a new task in one batch (rollover)."""
    add_checkpoint_rows(db, [(task_id, title, due, rec) for title, due, rec in rows])


def add_checkpoint_rows(
    db: Database, rows: Iterable[tuple[int, str, str | None, str | None]]
) -> None:
    """Add checkpoints (task id, title, due date, recurrence) of many tasks in one batch."""
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO checkpoints (task_id, title, due_date, done_date, note, recurrence) "
            "VALUES (?, ?, ?, NULL, '', ?)",
            list(rows),
        )


def add_recurring_checkpoints(
    db: Database,
    task_id: int,
    rule: str,
    *,
    year: int | None = None,
    shift_holidays: bool | None = None,
) -> list[int]:
    """Expand ``rule`` over the plan year into dated checkpoints; returns the new ids.

    Dates that already exist on the task are skipped, so running it twice adds nothing.
    ``shift_holidays`` None means: as the settings say.
    """
    task = _task(db, task_id)
    year = year or _plan_year(db, task.plan_id) or clock.today().year
    if shift_holidays is None:
        shift_holidays = tracking_settings(db).shift_holidays
    rows = expand_recurrence(rule, year, shift_holidays=shift_holidays)
    existing = {c.due_date for c in list_checkpoints(db, task_id)}
    ids: list[int] = []
    with db.transaction():
        for title, due in rows:
            if due not in existing:
                ids.append(add_checkpoint(db, task_id, title, due, recurrence=rule))
    return ids


def update_checkpoint(db: Database, checkpoint_id: int, **values: Any) -> dict[str, Any]:
    """Change checkpoint fields; returns their previous values (for undo)."""
    values = _checkpoint_values(values)
    cp = get_checkpoint(db, checkpoint_id)
    old = {k: getattr(cp, k) for k in values}
    if values:
        sets = ", ".join(f"{k} = ?" for k in values)
        with db.transaction() as conn:
            conn.execute(
                f"UPDATE checkpoints SET {sets} WHERE id = ?", (*values.values(), checkpoint_id)
            )
    return old


def remove_checkpoints(db: Database, checkpoint_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Delete checkpoints; returns their rows for :func:`restore_checkpoints`."""
    ids = list(checkpoint_ids)
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    with db.transaction() as conn:
        rows = [
            dict(r)
            for r in db.query(f"SELECT * FROM checkpoints WHERE id IN ({marks})", tuple(ids))
        ]
        if len(rows) != len(set(ids)):
            raise NotFoundError("找不到该检查节点。")
        conn.execute(f"DELETE FROM checkpoints WHERE id IN ({marks})", tuple(ids))
    return rows


def restore_checkpoints(db: Database, rows: list[dict[str, Any]]) -> None:
    """Put back checkpoints removed by :func:`remove_checkpoints`, with the same ids."""
    with db.transaction() as conn:
        _insert_rows(conn, "checkpoints", rows)


def _insert_rows(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        cols = list(row)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(row.values()),
        )


# ---------------------------------------------------------------- progress notes
def list_progress(db: Database, task_id: int) -> list[ProgressEntry]:
    """The progress notes of a task, oldest first."""
    rows = db.query(
        "SELECT * FROM progress_log WHERE task_id = ? ORDER BY entry_date, id", (task_id,)
    )
    return [row_to(ProgressEntry, r) for r in rows]


def latest_progress(db: Database, plan_id: int | None = None) -> dict[int, ProgressEntry]:
    """The latest progress note of each task (of one plan, or of all), keyed by task id."""
    where = "WHERE n.plan_id = ?" if plan_id is not None else ""
    rows = db.query(
        "SELECT * FROM (SELECT p.*, row_number() OVER (PARTITION BY p.task_id "
        "ORDER BY p.entry_date DESC, p.id DESC) AS rn FROM progress_log p "
        f"JOIN nodes n ON n.id = p.task_id {where}) WHERE rn = 1",
        (plan_id,) if plan_id is not None else (),
    )
    return {r["task_id"]: row_to(ProgressEntry, r) for r in rows}


def _status_after(status: str, progress: int | None) -> str:
    if progress is None:
        return status
    if progress >= 100:
        return TaskStatus.DONE
    if status == TaskStatus.DONE or (status == TaskStatus.NOT_STARTED and progress > 0):
        return TaskStatus.IN_PROGRESS
    return status


def add_progress(
    db: Database,
    task_id: int,
    text: str,
    progress_after: int | None = None,
    *,
    entry_date: str | None = None,
    author: str | None = None,
    problems: str | None = None,
) -> tuple[int, dict[str, Any]]:
    """Record a progress note and, in the same transaction, the task's progress and status.

    100 % marks the task done; any progress marks a not-started task in progress.
    Returns the note's id and the task's previous (progress, status) for undo.
    """
    text = clean_text(text or "").strip()  # control characters never reach the database
    author = clean_text(author) if author else author
    problems = clean_text(problems) if problems else problems
    if not text and progress_after is None:
        raise InvalidOperationError("请填写进展情况或进度。")
    if progress_after is not None:
        try:
            progress_after = int(progress_after)
        except (TypeError, ValueError):
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。") from None
        if not 0 <= progress_after <= 100:
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。")
    entry_date = _check_iso(entry_date, "进展日期") or clock.today().isoformat()
    task = _task(db, task_id)
    old = {"progress": task.progress, "status": task.status}
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO progress_log (task_id, entry_date, text, progress_after, author, problems,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                task_id,
                entry_date,
                text,
                progress_after,
                author,
                problems or None,
                clock.timestamp(),
            ),
        )
        entry_id = new_id(cur)
        if progress_after is not None:
            outline.update_node(
                db,
                task_id,
                progress=progress_after,
                status=_status_after(task.status, progress_after),
            )
    return entry_id, old


def remove_progress(db: Database, entry_id: int) -> dict[str, Any]:
    """Delete a progress note (the task keeps its progress); returns the removed row for
    :func:`restore_progress`."""
    row = db.query_one("SELECT * FROM progress_log WHERE id = ?", (entry_id,))
    if row is None:
        raise NotFoundError("找不到该进展记录。")
    data = dict(row)
    with db.transaction() as conn:
        conn.execute("DELETE FROM progress_log WHERE id = ?", (entry_id,))
    return data


def restore_progress(db: Database, row: dict[str, Any]) -> None:
    """Put back a removed progress note (same id)."""
    with db.transaction() as conn:
        _insert_rows(conn, "progress_log", [row])


# ---------------------------------------------------------------- roll-ups
def task_share(status: str, progress: int) -> int:
    """The progress a task contributes to a roll-up: done counts as 100."""
    return 100 if status == TaskStatus.DONE else int(progress or 0)


@dataclass(slots=True)
class Rollup:
    """Progress of a plan and each of its sections: the mean of the tasks below them."""

    plan: int | None
    sections: dict[int, int | None]
    task_count: int = 0


def rollup(db: Database, plan_id: int) -> Rollup:
    """Section and plan progress from their tasks (a section without tasks gets None)."""
    # five columns, not the outline: the task panel asks on every click on a task
    rows = db.query(
        "SELECT id, parent_id, kind, status, progress FROM nodes WHERE plan_id = ?", (plan_id,)
    )
    parent = {r[0]: r[1] for r in rows}
    sums: dict[int, list[int]] = {r[0]: [0, 0] for r in rows if r[2] == NodeKind.SECTION}
    total = [0, 0]
    for _id, up, kind, status, progress in rows:
        if kind != NodeKind.TASK:
            continue
        share = task_share(status, progress)
        total[0] += share
        total[1] += 1
        while up is not None:
            sums[up][0] += share
            sums[up][1] += 1
            up = parent.get(up)
    sections = {sid: (round(s / c) if c else None) for sid, (s, c) in sums.items()}
    plan_value = round(total[0] / total[1]) if total[1] else None
    return Rollup(plan=plan_value, sections=sections, task_count=total[1])


# ---------------------------------------------------------------- lights
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
) -> str | None:
    """The light of an open task; None for a done or suspended one (not followed up).

    red: due date passed. yellow: due within ``within`` days (today included), or the
    progress is more than ``margin`` points behind 序时进度 (the elapsed share of the time
    from ``start`` to the due date). grey: not started and no date. green: otherwise.
    """
    if status in CLOSED_STATUSES:
        return None
    due_day = _as_date(due)
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
) -> str:
    """The light of an open checkpoint: red overdue, yellow close, green later, grey undated."""
    due_day = _as_date(due)
    if due_day is None:
        return Light.GREY
    if due_day < today:
        return Light.RED
    if (due_day - today).days <= within:
        return Light.YELLOW
    return Light.GREEN


def _task_start(year: int | None, created_at: str | None) -> dt.date | None:
    """Where a task's time starts for 序时进度: 1 January of the plan year."""
    if year:
        return dt.date(int(year), 1, 1)
    if created_at:
        return deadlines.parse_iso(created_at[:10])
    return None


# ---------------------------------------------------------------- due list
@dataclass(slots=True)
class DueFilter:
    """Optional filters of the due list; None means "any"."""

    owner_unit: str | None = None
    lead_leader: str | None = None
    plan_id: int | None = None
    lights: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    task_ids: frozenset[int] | None = None  # only these tasks (and their checkpoints)


@dataclass(slots=True)
class DueItem:
    """One row of the due list (督办台账): an open task or an open checkpoint."""

    light: str
    kind: str  # 'task' | 'checkpoint'
    plan_id: int
    plan_title: str
    year: int | None
    node_id: int
    text: str
    due: str | None
    owner_unit: str | None
    lead_leader: str | None
    status: str
    progress: int
    checkpoint_id: int | None = None
    checkpoint_title: str = ""
    pace: str = ""  # 序时进度 class of the task (models/supervision/pace.py), when asked for
    item_source: str = ""  # the source of a 督办事项 ("" for a plan task), when asked for

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form of the item."""
        return {
            "light": self.light,
            "kind": self.kind,
            "plan_id": self.plan_id,
            "node_id": self.node_id,
            "text": self.text,
            "due": self.due,
            "owner_unit": self.owner_unit,
            "lead_leader": self.lead_leader,
            "plan_title": self.plan_title,
            "year": self.year,
            "checkpoint_id": self.checkpoint_id,
            "checkpoint_title": self.checkpoint_title,
            "status": self.status,
            "progress": self.progress,
            "pace": self.pace,
            "item_source": self.item_source,
        }


# The lights of light_for() and checkpoint_light() in SQL, so that a due list of 100,000
# rows is built by SQLite rather than row by row in Python (tests check both agree).
_START_SQL = (
    "CASE WHEN p.year IS NOT NULL THEN printf('%04d-01-01', p.year) "
    "ELSE substr(n.created_at, 1, 10) END"
)
_TASK_LIGHT_SQL = f"""CASE
    WHEN n.due_date IS NULL THEN
        CASE WHEN n.status = 'not_started' AND n.progress = 0 THEN 'grey' ELSE 'green' END
    WHEN n.due_date < :today THEN 'red'
    WHEN n.due_date <= :soon THEN 'yellow'
    WHEN {_START_SQL} < n.due_date AND (julianday(:today) - julianday({_START_SQL})) * 100.0
         / (julianday(n.due_date) - julianday({_START_SQL})) - n.progress > :margin
        THEN 'yellow'
    ELSE 'green' END"""
_CP_LIGHT_SQL = """CASE WHEN c.due_date IS NULL THEN 'grey' WHEN c.due_date < :today THEN 'red'
    WHEN c.due_date <= :soon THEN 'yellow' ELSE 'green' END"""


def due_list(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: DueFilter | None = None,
    *,
    margin: int | None = None,
) -> list[DueItem]:
    """Every open task and open checkpoint of the plans not archived, with its light.

    Done and suspended tasks (and their checkpoints) and done checkpoints are left out.
    Sorted red, yellow, green, grey, then by due date. The 序时进度 class of each item
    is added by :func:`models.supervision.pace.paced_due_list`.
    """
    built = _due_sql(db, today, within, filters, margin)
    if built is None:
        return []
    sql, params = built
    sql += (
        " ORDER BY CASE light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 "
        "ELSE 3 END, due IS NULL, due, plan_id, node_id, cid"
    )
    return [DueItem(*r) for r in db.conn.execute(sql, params)]


def due_counts(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: DueFilter | None = None,
) -> dict[str, int]:
    """Counts by light of the due list, counted by SQLite (no items are built)."""
    counts: dict[str, int] = dict.fromkeys(LIGHTS, 0)
    built = _due_sql(db, today, within, filters, None)
    if built is not None:
        sql, params = built
        for light, count in db.conn.execute(
            f"SELECT light, count(*) FROM ({sql}) GROUP BY light", params
        ):
            counts[light] = count
    return counts


def _due_sql(
    db: Database,
    today: dt.date | None,
    within: int | None,
    filters: DueFilter | None,
    margin: int | None,
) -> tuple[str, dict[str, Any]] | None:
    """The due list query (unsorted) and its parameters; None when nothing can match."""
    settings = tracking_settings(db)
    today = today or clock.today()
    within = settings.within_days if within is None else int(within)
    margin = settings.behind_margin if margin is None else int(margin)
    filters = filters or DueFilter()
    where = ["n.kind = 'task'", "n.status NOT IN ('done', 'suspended')", "p.status != 'archived'"]
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "margin": margin,
        "soon": (today + dt.timedelta(days=within)).isoformat(),
    }
    if filters.owner_unit is not None:
        where.append("coalesce(n.owner_unit, '') = :unit")
        params["unit"] = filters.owner_unit
    if filters.lead_leader is not None:
        where.append("coalesce(n.lead_leader, '') = :leader")
        params["leader"] = filters.lead_leader
    if filters.plan_id is not None:
        where.append("n.plan_id = :plan")
        params["plan"] = filters.plan_id
    if filters.task_ids is not None:
        ids = sorted(int(i) for i in filters.task_ids)
        if not ids:
            return None
        where.append(f"n.id IN ({', '.join(str(i) for i in ids)})")
    cond = " AND ".join(where)
    common = (
        "n.plan_id AS plan_id, p.title AS plan_title, p.year AS year, n.id AS node_id, "
        "n.text AS text, {due} AS due, n.owner_unit AS owner_unit, "
        "n.lead_leader AS lead_leader, n.status AS status, n.progress AS progress"
    )
    parts = []
    if filters.kinds is None or "task" in filters.kinds:
        parts.append(
            f"SELECT {_TASK_LIGHT_SQL} AS light, 'task' AS kind, "
            f"{common.format(due='n.due_date')}, NULL AS cid, '' AS ctitle "
            f"FROM nodes n JOIN plans p ON p.id = n.plan_id WHERE {cond}"
        )
    if filters.kinds is None or "checkpoint" in filters.kinds:
        parts.append(
            f"SELECT {_CP_LIGHT_SQL} AS light, 'checkpoint' AS kind, "
            f"{common.format(due='c.due_date')}, c.id AS cid, c.title AS ctitle "
            "FROM checkpoints c JOIN nodes n ON n.id = c.task_id "
            f"JOIN plans p ON p.id = n.plan_id WHERE c.done_date IS NULL AND {cond}"
        )
    if not parts:
        return None
    sql = "SELECT * FROM (" + " UNION ALL ".join(parts) + ")"
    if filters.lights is not None:
        wanted = sorted(filters.lights & set(LIGHTS))
        if not wanted:
            return None
        sql += f" WHERE light IN ({', '.join(repr(x) for x in wanted)})"
    return sql, params


def count_lights(items: Iterable[DueItem]) -> dict[str, int]:
    """How many items of each light (every light present, zero included)."""
    counts: dict[str, int] = dict.fromkeys(LIGHTS, 0)
    for item in items:
        counts[item.light] += 1
    return counts


GROUP_KEYS = ("owner_unit", "lead_leader", "plan", "light")


def group_items(items: Iterable[DueItem], key: str) -> dict[str, list[DueItem]]:
    """Items grouped by 责任单位 / 牵头领导 / plan / light, groups in first-seen order.

    Items without a value go to the group "" (the UI shows it as 未填写).
    """
    if key not in GROUP_KEYS:
        raise InvalidOperationError(detail=f"bad group key {key}")
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        if key == "plan":
            name = item.plan_title
        else:
            name = getattr(item, key) or ""
        groups.setdefault(name, []).append(item)
    return groups


def alert_counts(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Counts by light of the whole due list (for the notice on start)."""
    return due_counts(db, today)


# ---------------------------------------------------------------- task rows (table)
@dataclass(slots=True)
class TaskRow:
    """A task as the task table shows it: the node plus derived values."""

    node: Node
    seq: int  # 1-based position among the plan's tasks in document order
    number: str  # the outline label of the task ('' for tasks written as sentences)
    section_id: int | None
    section_heading: str
    latest: ProgressEntry | None
    light: str | None


def task_rows(
    db: Database, plan_id: int, section_id: int | None = None, today: dt.date | None = None
) -> list[TaskRow]:
    """Every task of a plan (or of one section's subtree) in document order."""
    plan = outline.get_plan(db, plan_id)
    nodes = outline.load_outline(db, plan_id)
    numbers = outline_numbers(nodes)
    by_id = {n.id: n for n in nodes}
    latest = latest_progress(db, plan_id)
    settings = tracking_settings(db)
    today = today or clock.today()
    start = _task_start(plan.year, None)
    inside: set[int] | None = None
    if section_id is not None:
        inside = set(outline.subtree_ids(db, section_id))
    rows: list[TaskRow] = []
    seq = 0
    for n in nodes:
        if n.kind != NodeKind.TASK:
            continue
        seq += 1
        if inside is not None and n.id not in inside:
            continue
        parent = by_id.get(n.parent_id) if n.parent_id is not None else None
        light = light_for(
            status=n.status,
            progress=n.progress,
            due=n.due_date,
            today=today,
            within=settings.within_days,
            margin=settings.behind_margin,
            start=start or _task_start(None, n.created_at),
        )
        rows.append(
            TaskRow(
                n,
                seq,
                numbers.get(n.id, ""),
                n.parent_id,
                parent.heading if parent else "",
                latest.get(n.id),
                light,
            )
        )
    return rows


def task_row(db: Database, task_id: int, today: dt.date | None = None) -> TaskRow:
    """One task's row (sequence number included), e.g. to refresh one table row."""
    node = _task(db, task_id)
    for row in task_rows(db, node.plan_id, today=today):
        if row.node.id == task_id:
            return row
    raise NotFoundError(f"找不到编号为 {task_id} 的条目。")


# ---------------------------------------------------------------- editing task fields
def update_task_fields(
    db: Database,
    task_id: int,
    values: dict[str, Any],
    *,
    reason: str = "",
) -> dict[str, Any]:
    """The one field edit of a task (or section) that every caller goes through.

    The window's panels, the task table, a bulk edit, an imported task table and the CLI
    all land here, so the 定稿 rule holds for each: once the plan is final, a change of
    完成时限/量化目标 needs a reason and is logged with it. Undo puts whole rows back
    (models/store/row_images.py) and so never re-applies the rule.

    Returns the previous values.

    Raises:
        ChangeReasonRequiredError: a logged field changes in a final plan and ``reason``
            is blank; nothing is written.
    """
    with db.transaction() as conn:
        node = outline.get_node(db, task_id)
        old = outline.update_node(db, task_id, **values)
        logged = [
            name
            for name in LOGGED_FIELDS
            if name in values and (old.get(name) or None) != (values[name] or None)
        ]
        if logged and _plan_is_final(db, node.plan_id):
            if not (reason or "").strip():
                raise ChangeReasonRequiredError()
            for name in logged:
                conn.execute(
                    "INSERT INTO field_changes (task_id, field, old_value, new_value, reason,"
                    " changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        task_id,
                        name,
                        old.get(name),
                        values[name] or None,
                        reason.strip(),
                        clock.timestamp(),
                    ),
                )
    return old


def _plan_is_final(db: Database, plan_id: int) -> bool:
    return db.scalar("SELECT status FROM plans WHERE id = ?", (plan_id,)) == PlanStatus.FINAL


def needs_change_reason(db: Database, task_id: int, fields: Iterable[str]) -> bool:
    """True when editing these fields of this task will be logged (the plan is 定稿)."""
    node = outline.get_node(db, task_id)
    return bool(set(fields) & set(LOGGED_FIELDS)) and _plan_is_final(db, node.plan_id)


@dataclass(slots=True)
class FieldChange:
    """A logged change of 完成时限 or 量化目标 after the plan was adopted."""

    id: int
    task_id: int
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    changed_at: str


def list_field_changes(
    db: Database, task_id: int | None = None, plan_id: int | None = None
) -> list[FieldChange]:
    """Logged field changes of a task or a plan, oldest first."""
    sql = (
        "SELECT f.id, f.task_id, f.field, f.old_value, f.new_value, f.reason, f.changed_at "
        "FROM field_changes f JOIN nodes n ON n.id = f.task_id WHERE 1"
    )
    params: list[Any] = []
    if task_id is not None:
        sql += " AND f.task_id = ?"
        params.append(task_id)
    if plan_id is not None:
        sql += " AND n.plan_id = ?"
        params.append(plan_id)
    return [FieldChange(*r) for r in db.query(sql + " ORDER BY f.id", tuple(params))]


def update_tasks(
    db: Database, changes: dict[int, dict[str, Any]], *, reason: str = ""
) -> dict[int, dict[str, Any]]:
    """Set fields on many tasks (``task id -> {field: value}``) in ONE transaction.

    A table edit, a bulk edit and a paste are all this; one bad value writes nothing.
    Returns the previous values per task.
    """
    if not changes:
        raise InvalidOperationError("请先选择要修改的任务。")
    with db.transaction():
        return {
            task_id: update_task_fields(db, task_id, values, reason=reason)
            for task_id, values in changes.items()
        }


# ---------------------------------------------------------------- units dictionary
def list_units(db: Database, kind: str | None = None) -> list[Unit]:
    """The units/people dictionary, by kind and name."""
    if kind is None:
        rows = db.query("SELECT * FROM units ORDER BY kind, name")
    else:
        rows = db.query("SELECT * FROM units WHERE kind = ? ORDER BY name", (kind,))
    return [row_to(Unit, r) for r in rows]


def _unit_values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in ("name", "kind", "note")}
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
        if not out["name"]:
            raise InvalidOperationError("名称不能为空。")
    if "kind" in out and out["kind"] not in ("unit", "person"):
        raise InvalidOperationError(detail=f"bad unit kind {out['kind']}")
    if "note" in out and out["note"] is None:
        out["note"] = ""
    return out


def add_unit(db: Database, name: str, kind: str = "unit", note: str = "") -> int:
    """Add a unit or person to the dictionary; a duplicate raises InvalidOperationError."""
    values = _unit_values({"name": name, "kind": kind, "note": note})
    if db.scalar(
        "SELECT 1 FROM units WHERE kind = ? AND name = ?", (values["kind"], values["name"])
    ):
        raise InvalidOperationError(f"“{values['name']}”已在名录中。")
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO units (name, kind, note) VALUES (?, ?, ?)",
            (values["name"], values["kind"], values["note"]),
        )
        return new_id(cur)


def update_unit(db: Database, unit_id: int, **values: Any) -> dict[str, Any]:
    """Rename or re-note a dictionary entry; returns the previous values."""
    values = _unit_values(values)
    row = db.query_one("SELECT * FROM units WHERE id = ?", (unit_id,))
    if row is None:
        raise NotFoundError("找不到该单位或人员。")
    old = {k: row[k] for k in values}
    kind = values.get("kind", row["kind"])
    if "name" in values and db.scalar(
        "SELECT 1 FROM units WHERE kind = ? AND name = ? AND id != ?",
        (kind, values["name"], unit_id),
    ):
        raise InvalidOperationError(f"“{values['name']}”已在名录中。")
    if values:
        sets = ", ".join(f"{k} = ?" for k in values)
        with db.transaction() as conn:
            conn.execute(f"UPDATE units SET {sets} WHERE id = ?", (*values.values(), unit_id))
    return old


def remove_unit(db: Database, unit_id: int) -> dict[str, Any]:
    """Delete a dictionary entry (tasks keep their text); returns the row for restore."""
    row = db.query_one("SELECT * FROM units WHERE id = ?", (unit_id,))
    if row is None:
        raise NotFoundError("找不到该单位或人员。")
    with db.transaction() as conn:
        conn.execute("DELETE FROM units WHERE id = ?", (unit_id,))
    return dict(row)


def restore_unit(db: Database, row: dict[str, Any]) -> None:
    """Put back a removed dictionary entry with its id."""
    with db.transaction() as conn:
        _insert_rows(conn, "units", [row])


def names_in_use(db: Database, field_name: str) -> list[str]:
    """Distinct values of owner_unit / co_units / lead_leader / owner_person in tasks."""
    if field_name not in ("owner_unit", "co_units", "lead_leader", "owner_person"):
        raise InvalidOperationError(detail=f"bad field {field_name}")
    rows = db.query(
        f"SELECT DISTINCT {field_name} FROM nodes WHERE kind = 'task' "
        f"AND coalesce({field_name}, '') != '' ORDER BY {field_name}"
    )
    return [r[0] for r in rows]


def pick_list(db: Database, kind: str = "unit") -> list[str]:
    """Names for a pick list: the dictionary first, then names used in tasks but not listed."""
    names = [u.name for u in list_units(db, kind)]
    seen = set(names)
    used = names_in_use(db, "owner_unit" if kind == "unit" else "owner_person")
    if kind == "person":
        used += names_in_use(db, "lead_leader")
    for name in used:
        for part in split_names(name):
            if part not in seen:
                seen.add(part)
                names.append(part)
    return names
