"""Progress notes (进展): read, the latest per task, add (setting the task's progress
and status), remove, restore.
"""

from __future__ import annotations

from typing import Any

from models import clock, outline
from models.entities import ProgressEntry, row_to
from models.errors import InvalidOperationError, NotFoundError
from models.store.db import Database, new_id
from models.text.clean import clean_text
from models.tracking.common import check_iso, insert_rows, task_node
from models.vocab import TaskStatus


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
    entry_date = check_iso(entry_date, "进展日期") or clock.today().isoformat()
    task = task_node(db, task_id)
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
        insert_rows(conn, "progress_log", [row])
