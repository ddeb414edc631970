"""Editing the outline: add, change, turn (task ↔ section), move, indent/outdent targets."""

from __future__ import annotations

from typing import Any

from models import clock
from models.errors import InvalidOperationError
from models.outline.plans import stamped, update_row
from models.outline.reading import check_parent, get_node, sibling_count, subtree_ids
from models.outline.validation import check_node_fields
from models.store.db import Database, new_id
from models.text import deadlines
from models.vocab import NodeKind


def add_node(
    db: Database,
    plan_id: int,
    parent_id: int | None,
    kind: str,
    position: int | None = None,
    **values: Any,
) -> int:
    """Insert a section or task at ``position`` among its siblings (None = last)."""
    if kind not in (NodeKind.SECTION, NodeKind.TASK):
        raise InvalidOperationError(detail=f"bad kind {kind}")
    values = check_node_fields(kind, values)
    _fill_due_date(db, plan_id, values)
    with db.transaction() as conn:
        check_parent(db, plan_id, parent_id)
        count = sibling_count(db, plan_id, parent_id)
        if position is None or position > count:
            position = count
        position = max(0, position)
        conn.execute(
            "UPDATE nodes SET position = position + 1 "
            "WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
            (plan_id, parent_id, position),
        )
        return insert_node(conn, plan_id, parent_id, position, kind, values)


def insert_node(
    conn: Any, plan_id: int, parent_id: int | None, position: int, kind: str, values: dict
) -> int:
    """The one INSERT of a node (checked values), stamped by the clock."""
    values = stamped(values)
    cols = ["plan_id", "parent_id", "position", "kind", *values]
    cur = conn.execute(
        f"INSERT INTO nodes ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        (plan_id, parent_id, position, kind, *values.values()),
    )
    return new_id(cur)


def _fill_due_date(db: Database, plan_id: int, values: dict[str, Any]) -> None:
    """A deadline written in words also sets the due date, unless one is given."""
    if values.get("deadline") and "due_date" not in values:
        year = db.scalar("SELECT year FROM plans WHERE id = ?", (plan_id,))
        values["due_date"] = deadlines.due_date_from_text(values["deadline"], year)


def update_node(db: Database, node_id: int, **values: Any) -> dict[str, Any]:
    """Change fields of a node; returns the previous values (for undo)."""
    node = get_node(db, node_id)
    values = check_node_fields(node.kind, values)
    if "deadline" in values and values["deadline"] != node.deadline and "due_date" not in values:
        if values["deadline"]:
            _fill_due_date(db, node.plan_id, values)
        else:
            values["due_date"] = None
    old = {k: getattr(node, k) for k in values}
    if not values:
        return old
    update_row(db, "nodes", node_id, values)
    return old


def set_node_kind(db: Database, node_id: int, kind: str) -> str:
    """Turn a task into a section (text → heading) or back; returns the old kind."""
    node = get_node(db, node_id)
    if node.kind == kind:
        return kind
    with db.transaction() as conn:
        if kind == NodeKind.TASK:
            if sibling_count(db, node.plan_id, node.id):
                raise InvalidOperationError("该章节下还有条目，不能改为任务。")
            conn.execute(
                "UPDATE nodes SET kind = 'task', text = heading || body, heading = '', "
                "body = '', task_style = NULL WHERE id = ?",
                (node_id,),
            )
        else:
            conn.execute(
                "UPDATE nodes SET kind = 'section', heading = text, text = '' WHERE id = ?",
                (node_id,),
            )
    return node.kind


def move_node(
    db: Database, node_id: int, new_parent_id: int | None, new_position: int
) -> tuple[int | None, int]:
    """Move a node (with its subtree) under ``new_parent_id`` at ``new_position``.

    ``new_position`` is the index among the new siblings as they are *after* the node
    has been taken out. Returns the old (parent_id, position) for undo.
    """
    node = get_node(db, node_id)
    if new_parent_id is not None and new_parent_id in subtree_ids(db, node_id):
        raise InvalidOperationError("不能把条目移动到它自己的下级。")
    with db.transaction() as conn:
        check_parent(db, node.plan_id, new_parent_id)
        # take it out: close the gap
        conn.execute("UPDATE nodes SET position = -1 WHERE id = ?", (node_id,))
        conn.execute(
            "UPDATE nodes SET position = position - 1 "
            "WHERE plan_id = ? AND parent_id IS ? AND position > ?",
            (node.plan_id, node.parent_id, node.position),
        )
        count = int(
            db.scalar(
                "SELECT count(*) FROM nodes WHERE plan_id = ? AND parent_id IS ? AND id != ?",
                (node.plan_id, new_parent_id, node_id),
            )
            or 0
        )
        pos = max(0, min(new_position, count))
        conn.execute(
            "UPDATE nodes SET position = position + 1 "
            "WHERE plan_id = ? AND parent_id IS ? AND position >= ? AND id != ?",
            (node.plan_id, new_parent_id, pos, node_id),
        )
        conn.execute(
            "UPDATE nodes SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?",
            (new_parent_id, pos, clock.timestamp(), node_id),
        )
    return node.parent_id, node.position


def indent_target(db: Database, node_id: int) -> tuple[int, int] | None:
    """Where Tab puts a node: last child of the previous sibling section; None if impossible."""
    node = get_node(db, node_id)
    if node.position == 0:
        return None
    prev = db.query_one(
        "SELECT id, kind FROM nodes WHERE plan_id = ? AND parent_id IS ? AND position = ?",
        (node.plan_id, node.parent_id, node.position - 1),
    )
    if prev is None or prev["kind"] != NodeKind.SECTION:
        return None
    return prev["id"], sibling_count(db, node.plan_id, prev["id"])


def outdent_target(db: Database, node_id: int) -> tuple[int | None, int] | None:
    """Where Shift+Tab puts a node: right after its parent; None at the top level."""
    node = get_node(db, node_id)
    if node.parent_id is None:
        return None
    parent = get_node(db, node.parent_id)
    return parent.parent_id, parent.position + 1
