"""The log of 完成时限/量化目标 changes made after the plan was adopted (定稿)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.store.db import Database


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
