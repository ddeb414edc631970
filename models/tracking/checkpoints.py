"""The checkpoints (检查节点) of a task: read, add (one, a batch, a recurring rule),
edit, remove, restore.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from models import clock
from models.entities import Checkpoint, row_to
from models.errors import InvalidOperationError, NotFoundError
from models.store.db import Database, new_id
from models.tracking.common import as_date, check_iso, insert_rows, task_node
from models.tracking.recurrence import expand_recurrence, shift_to_workday
from models.tracking.settings import tracking_settings
from models.vocab import RECURRENCE


def _plan_year(db: Database, plan_id: int) -> int | None:
    value = db.scalar("SELECT year FROM plans WHERE id = ?", (plan_id,))
    return int(value) if value is not None else None


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
        out["due_date"] = check_iso(out["due_date"], "节点日期")
    if "done_date" in out:
        out["done_date"] = check_iso(out["done_date"], "完成日期")
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
    day = as_date(values["due_date"])
    if shift_holidays and day is not None:
        values["due_date"] = shift_to_workday(day).isoformat()
    with db.transaction() as conn:
        task_node(db, task_id)
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
    task = task_node(db, task_id)
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
        insert_rows(conn, "checkpoints", rows)
