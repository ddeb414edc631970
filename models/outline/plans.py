"""Plans: list, read, count, create and change; the one clock's stamps on a row."""

from __future__ import annotations

from typing import Any

from models import clock
from models.entities import (
    Plan,
    row_to,
)
from models.errors import NotFoundError
from models.outline.validation import check_plan_fields
from models.store.db import Database, new_id


def list_plans(db: Database) -> list[Plan]:
    """All plans, newest year first."""
    rows = db.query("SELECT * FROM plans ORDER BY year IS NULL, year DESC, id")
    return [row_to(Plan, r) for r in rows]


def get_plan(db: Database, plan_id: int) -> Plan:
    """One plan; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM plans WHERE id = ?", (plan_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {plan_id} 的计划。")
    return row_to(Plan, row)


def plan_counts(db: Database) -> dict[int, tuple[int, int]]:
    """(sections, tasks) per plan id, in one query."""
    rows = db.query(
        "SELECT plan_id, sum(kind = 'section'), sum(kind = 'task') FROM nodes GROUP BY plan_id"
    )
    return {r[0]: (r[1] or 0, r[2] or 0) for r in rows}


def create_plan(db: Database, **values: Any) -> int:
    """Insert a plan; returns its id."""
    values = check_plan_fields(values)
    values.setdefault("title", "新建工作计划")
    values = stamped(values)
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with db.transaction() as conn:
        cur = conn.execute(f"INSERT INTO plans ({cols}) VALUES ({marks})", tuple(values.values()))
        return new_id(cur)


def stamped(values: dict[str, Any], *, created: bool = True) -> dict[str, Any]:
    """``values`` with created_at/updated_at from the one clock (models/clock.py)."""
    now = clock.timestamp()
    return {**values, **({"created_at": now} if created else {}), "updated_at": now}


def update_row(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """UPDATE the checked ``values`` of one row and stamp updated_at, in one transaction."""
    values = stamped(values, created=False)
    sets = ", ".join(f"{k} = ?" for k in values)
    with db.transaction() as conn:
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))


def update_plan(db: Database, plan_id: int, **values: Any) -> dict[str, Any]:
    """Change plan fields; returns the previous values of the changed fields (for undo)."""
    values = check_plan_fields(values)
    plan = get_plan(db, plan_id)
    old = {k: getattr(plan, k) for k in values}
    if not values:
        return old
    update_row(db, "plans", plan_id, values)
    return old
