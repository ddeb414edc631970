"""The one field edit of a task, with the 定稿 rule, and the bulk edit that goes through it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from models import clock, outline
from models.errors import ChangeReasonRequiredError, InvalidOperationError
from models.store.db import Database
from models.vocab import PlanStatus

# Fields whose change after 定稿 is logged with a date and a reason.
LOGGED_FIELDS = ("deadline", "target")


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


def take_back_logged_change(
    db: Database, task_id: int, field: str, new_value: str | None, reason: str
) -> None:
    """Drop the newest logged change of ``field`` to ``new_value`` with this ``reason``.

    For an edit that its own owner undoes by hand (a 延期 taken back with its closing): the
    change is gone from the task's history as the edit is gone from the task.
    """
    with db.transaction() as conn:
        conn.execute(
            "DELETE FROM field_changes WHERE id = (SELECT max(id) FROM field_changes"
            " WHERE task_id = ? AND field = ? AND new_value IS ? AND reason = ?)",
            (task_id, field, new_value or None, reason.strip()),
        )


def _plan_is_final(db: Database, plan_id: int) -> bool:
    return db.scalar("SELECT status FROM plans WHERE id = ?", (plan_id,)) == PlanStatus.FINAL


def needs_change_reason(db: Database, task_id: int, fields: Iterable[str]) -> bool:
    """True when editing these fields of this task will be logged (the plan is 定稿)."""
    node = outline.get_node(db, task_id)
    return bool(set(fields) & set(LOGGED_FIELDS)) and _plan_is_final(db, node.plan_id)


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
