"""The plans and their outlines: read, add, edit, move and remove, each one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from models import clock
from models.entities import (
    MULTI_LINE_FIELDS,
    PLAN_EDITABLE,
    PLAN_FIELDS,
    SECTION_EDITABLE,
    SINGLE_LINE_FIELDS,
    TASK_EDITABLE,
    Node,
    Plan,
    row_to,
)
from models.errors import InvalidOperationError, NotFoundError
from models.store.db import Database, new_id
from models.text import deadlines
from models.text.clean import clean_values
from models.vocab import PLAN_KIND, PLAN_STATUS, TASK_STATUS, TASK_STYLE, NodeKind

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- validation
def _check_plan_fields(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - PLAN_EDITABLE
    if unknown:
        raise InvalidOperationError(detail=f"unknown plan fields {sorted(unknown)}")
    out = clean_values(values)  # NUL and control characters never reach the database
    if "title" in out:
        out["title"] = (out["title"] or "").strip()
        if not out["title"]:
            raise InvalidOperationError("计划标题不能为空。")
    if "year" in out:
        out["year"] = _checked_year(out["year"])
    if "status" in out and out["status"] not in PLAN_STATUS:
        raise InvalidOperationError("计划状态无效。", detail=str(out["status"]))
    if "kind" in out and out["kind"] not in PLAN_KIND:
        raise InvalidOperationError("计划类型无效。", detail=str(out["kind"]))
    for key, label in (("signed_date", "成文日期"), ("printed_date", "印发日期")):
        if out.get(key) and deadlines.parse_iso(out[key]) is None:
            raise InvalidOperationError(f"{label}格式应为 2025-01-05。")
    if "sealed" in out:
        out["sealed"] = 1 if out["sealed"] in (1, True, "1") else 0
    for key in ("preamble", "closing"):
        if key in out and out[key] is None:
            out[key] = ""
    return out


def _checked_year(value: Any) -> int | None:
    """A plan year as stored: four digits between 1900 and 2999, or None when blank."""
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidOperationError("年度必须是四位数字，例如 2025。") from None
    if not 1900 <= year <= 2999:
        raise InvalidOperationError("年度必须是四位数字，例如 2025。")
    return year


def _normal_text(out: dict[str, Any]) -> None:
    """Text fields as stored: a number (a spreadsheet cell's 40) as its text; None in a
    multi-line field as ""; a blank single-line field as NULL."""
    for key in (*MULTI_LINE_FIELDS, *SINGLE_LINE_FIELDS):
        if key in out and out[key] is not None and not isinstance(out[key], str):
            out[key] = str(out[key])
    for key in MULTI_LINE_FIELDS:
        if key in out and out[key] is None:
            out[key] = ""
    for key in SINGLE_LINE_FIELDS:
        if key in out and isinstance(out[key], str) and not out[key].strip():
            out[key] = None


def _check_node_fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    allowed = SECTION_EDITABLE if kind == NodeKind.SECTION else TASK_EDITABLE
    unknown = set(values) - allowed
    if unknown:
        raise InvalidOperationError(detail=f"fields {sorted(unknown)} not allowed on a {kind}")
    out = dict(values)
    _normal_text(out)
    out = clean_values(out)  # NUL and control characters never reach the database
    if "task_style" in out and out["task_style"] not in (None, *TASK_STYLE):
        raise InvalidOperationError("任务写法无效。", detail=str(out["task_style"]))
    if "status" in out and out["status"] not in TASK_STATUS:
        raise InvalidOperationError("任务状态无效。", detail=str(out["status"]))
    if "progress" in out:
        try:
            out["progress"] = int(out["progress"] if out["progress"] is not None else 0)
        except (TypeError, ValueError):
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。") from None
        if not 0 <= out["progress"] <= 100:
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。")
    if out.get("due_date") and deadlines.parse_iso(out["due_date"]) is None:
        raise InvalidOperationError("截止日期格式应为 2025-06-30。")
    return out


# ---------------------------------------------------------------- plans
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
    values = _check_plan_fields(values)
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


def _update_row(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """UPDATE the checked ``values`` of one row and stamp updated_at, in one transaction."""
    values = stamped(values, created=False)
    sets = ", ".join(f"{k} = ?" for k in values)
    with db.transaction() as conn:
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))


def update_plan(db: Database, plan_id: int, **values: Any) -> dict[str, Any]:
    """Change plan fields; returns the previous values of the changed fields (for undo)."""
    values = _check_plan_fields(values)
    plan = get_plan(db, plan_id)
    old = {k: getattr(plan, k) for k in values}
    if not values:
        return old
    _update_row(db, "plans", plan_id, values)
    return old


# ---------------------------------------------------------------- nodes: reading
def get_node(db: Database, node_id: int) -> Node:
    """One node; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM nodes WHERE id = ?", (node_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {node_id} 的条目。")
    return row_to(Node, row)


def load_outline(db: Database, plan_id: int) -> list[Node]:
    """Every node of a plan, in document order (depth first)."""
    rows = db.query(
        "SELECT * FROM nodes WHERE plan_id = ? ORDER BY parent_id, position", (plan_id,)
    )
    nodes = [row_to(Node, r) for r in rows]
    return order_depth_first(nodes)


def order_depth_first(nodes: list[Node]) -> list[Node]:
    """Nodes of one plan sorted in document order."""
    by_parent: dict[int | None, list[Node]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)
    out: list[Node] = []
    stack = sorted(by_parent.get(None, []), key=lambda n: n.position, reverse=True)
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(sorted(by_parent.get(node.id, []), key=lambda n: n.position, reverse=True))
    return out


def children(db: Database, plan_id: int, parent_id: int | None) -> list[Node]:
    """The direct children of a node (or the top level of a plan when parent_id is None)."""
    rows = db.query(
        "SELECT * FROM nodes WHERE plan_id = ? AND parent_id IS ? ORDER BY position",
        (plan_id, parent_id),
    )
    return [row_to(Node, r) for r in rows]


def subtree_ids(db: Database, node_id: int) -> list[int]:
    """The node and all its descendants."""
    rows = db.query(
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
        "SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub",
        (node_id,),
    )
    return [r[0] for r in rows]


def _sibling_count(db: Database, plan_id: int, parent_id: int | None) -> int:
    return int(
        db.scalar(
            "SELECT count(*) FROM nodes WHERE plan_id = ? AND parent_id IS ?", (plan_id, parent_id)
        )
        or 0
    )


def _check_parent(db: Database, plan_id: int, parent_id: int | None) -> None:
    if parent_id is None:
        get_plan(db, plan_id)
        return
    parent = get_node(db, parent_id)
    if parent.plan_id != plan_id:
        raise InvalidOperationError(detail="parent belongs to another plan")
    if parent.kind != NodeKind.SECTION:
        raise InvalidOperationError("任务下面不能再添加条目，请先把它改为章节。")


# ---------------------------------------------------------------- nodes: writing
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
    values = _check_node_fields(kind, values)
    _fill_due_date(db, plan_id, values)
    with db.transaction() as conn:
        _check_parent(db, plan_id, parent_id)
        count = _sibling_count(db, plan_id, parent_id)
        if position is None or position > count:
            position = count
        position = max(0, position)
        conn.execute(
            "UPDATE nodes SET position = position + 1 "
            "WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
            (plan_id, parent_id, position),
        )
        return _insert_node(conn, plan_id, parent_id, position, kind, values)


def _insert_node(
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


def insert_copied_node(
    db: Database, plan_id: int, parent_id: int | None, position: int, kind: str, values: dict
) -> int:
    """Append a node copied from stored rows (rollover), at a free ``position``.

    The values come from valid rows, so they are not checked again (a rollover copies
    thousands); the caller's transaction holds the whole copy.
    """
    with db.transaction() as conn:
        return _insert_node(conn, plan_id, parent_id, position, kind, values)


def next_node_id(db: Database) -> int:
    """The id SQLite would give the next node (rowid = max + 1): lets a batch copy be planned."""
    return int(db.scalar("SELECT coalesce(max(id), 0) + 1 FROM nodes"))


def insert_copied_nodes(
    db: Database, rows: list[tuple[int, int, int | None, int, str, dict[str, Any]]]
) -> None:
    """Insert many copied nodes ``(id, plan_id, parent_id, position, kind, values)`` at once.

    The rows go through a trigger-less temp table into one INSERT…SELECT per column set:
    the search-index triggers then run once per statement instead of once per row, which
    made a rollover of 2,000 tasks five times slower than the copy itself. Ids come from
    :func:`next_node_id` inside the caller's transaction; sections must precede tasks that
    hang below them (the groups run in order of their first row).
    """
    now = clock.timestamp()
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for node_id, plan_id, parent_id, position, kind, values in rows:
        cols = (
            "id",
            "plan_id",
            "parent_id",
            "position",
            "kind",
            *values,
            "created_at",
            "updated_at",
        )
        groups.setdefault(cols, []).append(
            (node_id, plan_id, parent_id, position, kind, *values.values(), now, now)
        )
    with db.transaction() as conn:
        for n, (cols, values_list) in enumerate(groups.items()):
            temp = f"temp._copied_nodes_{n}"
            names = ", ".join(cols)
            conn.execute(f"DROP TABLE IF EXISTS {temp}")
            conn.execute(f"CREATE TABLE {temp} ({names})")
            marks = ", ".join("?" for _ in cols)
            conn.executemany(f"INSERT INTO {temp} VALUES ({marks})", values_list)
            conn.execute(f"INSERT INTO nodes ({names}) SELECT {names} FROM {temp} ORDER BY id")
            conn.execute(f"DROP TABLE {temp}")


def _fill_due_date(db: Database, plan_id: int, values: dict[str, Any]) -> None:
    """A deadline written in words also sets the due date, unless one is given."""
    if values.get("deadline") and "due_date" not in values:
        year = db.scalar("SELECT year FROM plans WHERE id = ?", (plan_id,))
        values["due_date"] = deadlines.due_date_from_text(values["deadline"], year)


def update_node(db: Database, node_id: int, **values: Any) -> dict[str, Any]:
    """Change fields of a node; returns the previous values (for undo)."""
    node = get_node(db, node_id)
    values = _check_node_fields(node.kind, values)
    if "deadline" in values and values["deadline"] != node.deadline and "due_date" not in values:
        if values["deadline"]:
            _fill_due_date(db, node.plan_id, values)
        else:
            values["due_date"] = None
    old = {k: getattr(node, k) for k in values}
    if not values:
        return old
    _update_row(db, "nodes", node_id, values)
    return old


def set_node_kind(db: Database, node_id: int, kind: str) -> str:
    """Turn a task into a section (text → heading) or back; returns the old kind."""
    node = get_node(db, node_id)
    if node.kind == kind:
        return kind
    with db.transaction() as conn:
        if kind == NodeKind.TASK:
            if _sibling_count(db, node.plan_id, node.id):
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
        _check_parent(db, node.plan_id, new_parent_id)
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
    return prev["id"], _sibling_count(db, node.plan_id, prev["id"])


def outdent_target(db: Database, node_id: int) -> tuple[int | None, int] | None:
    """Where Shift+Tab puts a node: right after its parent; None at the top level."""
    node = get_node(db, node_id)
    if node.parent_id is None:
        return None
    parent = get_node(db, node.parent_id)
    return parent.parent_id, parent.position + 1


# ---------------------------------------------------------------- remove / restore
@dataclass(slots=True)
class Snapshot:
    """Everything removed with a node or plan, enough to put it back with the same ids."""

    plans: list[dict[str, Any]] = field(default_factory=list)
    nodes: list[dict[str, Any]] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    progress_log: list[dict[str, Any]] = field(default_factory=list)
    field_changes: list[dict[str, Any]] = field(default_factory=list)
    # rows of the supervision tables (models/supervision/), by table, in restore order
    supervision: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # rows of models/evidence/ by table (evidence links, assessment links); the evidence
    # files themselves stay stored, so undo finds them
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # references from outside that ON DELETE SET NULL will clear: (table, column, id, value)
    references: list[tuple[str, str, int, int]] = field(default_factory=list)


def _snapshot(db: Database, plan_ids: list[int], node_ids: list[int]) -> Snapshot:
    snap = Snapshot()
    marks = ",".join("?" for _ in node_ids)
    if plan_ids:
        pm = ",".join("?" for _ in plan_ids)
        snap.plans = [
            dict(r) for r in db.query(f"SELECT * FROM plans WHERE id IN ({pm})", tuple(plan_ids))
        ]
        snap.references += [
            ("plans", "source_plan_id", r[0], r[1])
            for r in db.query(
                f"SELECT id, source_plan_id FROM plans WHERE source_plan_id IN ({pm}) "
                f"AND id NOT IN ({pm})",
                (*plan_ids, *plan_ids),
            )
        ]
        _snapshot_plan_supervision(db, snap, plan_ids)
    if node_ids:
        snap.nodes = [
            dict(r) for r in db.query(f"SELECT * FROM nodes WHERE id IN ({marks})", tuple(node_ids))
        ]
        for table in ("checkpoints", "progress_log", "field_changes"):
            rows = db.query(f"SELECT * FROM {table} WHERE task_id IN ({marks})", tuple(node_ids))
            setattr(snap, table, [dict(r) for r in rows])
        for table in ("supervision_items", "item_closings", "pace_reasons"):
            rows = db.query(f"SELECT * FROM {table} WHERE task_id IN ({marks})", tuple(node_ids))
            snap.supervision[table] = [dict(r) for r in rows]
        for table in EVIDENCE_ORDER:
            rows = db.query(f"SELECT * FROM {table} WHERE task_id IN ({marks})", tuple(node_ids))
            snap.evidence[table] = [dict(r) for r in rows]
        snap.references += [
            ("nodes", "carried_from", r[0], r[1])
            for r in db.query(
                f"SELECT id, carried_from FROM nodes WHERE carried_from IN ({marks}) "
                f"AND id NOT IN ({marks})",
                (*node_ids, *node_ids),
            )
        ]
    if node_ids:  # lights of rounds that stay (a round of a deleted plan goes with it)
        rows = db.query(f"SELECT * FROM round_lights WHERE task_id IN ({marks})", tuple(node_ids))
        kept = {(r["round_id"], r["task_id"]) for r in snap.supervision.get("round_lights", [])}
        snap.supervision.setdefault("round_lights", []).extend(
            dict(r) for r in rows if (r["round_id"], r["task_id"]) not in kept
        )
    return snap


# Supervision tables in the order their foreign keys allow restoring them.
SUPERVISION_ORDER = (
    "supervision_ledgers",
    "report_rounds",
    "round_units",
    "supervision_items",
    "item_closings",
    "pace_reasons",
    "round_lights",
)


# Tables of models/evidence/ that refer to tasks, in restore order.
EVIDENCE_ORDER = ("evidence", "assessment_links")


def _snapshot_plan_supervision(db: Database, snap: Snapshot, plan_ids: list[int]) -> None:
    """Rounds and the ledger mark of plans about to be deleted (their rows cascade)."""
    pm = ",".join("?" for _ in plan_ids)
    params = tuple(plan_ids)
    snap.supervision["supervision_ledgers"] = [
        dict(r)
        for r in db.query(f"SELECT * FROM supervision_ledgers WHERE plan_id IN ({pm})", params)
    ]
    rounds = f"SELECT id FROM report_rounds WHERE plan_id IN ({pm})"
    snap.supervision["report_rounds"] = [
        dict(r) for r in db.query(f"SELECT * FROM report_rounds WHERE plan_id IN ({pm})", params)
    ]
    for table in ("round_units", "round_lights"):
        snap.supervision[table] = [
            dict(r) for r in db.query(f"SELECT * FROM {table} WHERE round_id IN ({rounds})", params)
        ]
    snap.references += [
        ("issued_documents", "round_id", r[0], r[1])
        for r in db.query(
            f"SELECT id, round_id FROM issued_documents WHERE round_id IN ({rounds})", params
        )
    ]


def _insert_rows(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        cols = list(row)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(row.values()),
        )


def remove_node(db: Database, node_id: int) -> Snapshot:
    """Delete a node and its subtree; returns what restore_snapshot needs to undo it."""
    node = get_node(db, node_id)
    with db.transaction() as conn:
        snap = _snapshot(db, [], subtree_ids(db, node_id))
        conn.execute("DELETE FROM nodes WHERE id = ?", (node_id,))
        conn.execute(
            "UPDATE nodes SET position = position - 1 "
            "WHERE plan_id = ? AND parent_id IS ? AND position > ?",
            (node.plan_id, node.parent_id, node.position),
        )
    return snap


def delete_plan(db: Database, plan_id: int) -> Snapshot:
    """Delete a plan with its whole outline; returns a snapshot for undo."""
    get_plan(db, plan_id)
    with db.transaction() as conn:
        ids = [r[0] for r in db.query("SELECT id FROM nodes WHERE plan_id = ?", (plan_id,))]
        snap = _snapshot(db, [plan_id], ids)
        conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
    return snap


def restore_snapshot(db: Database, snap: Snapshot) -> None:
    """Put back what remove_node or delete_plan took out, with the same ids."""
    with db.transaction() as conn:
        _insert_rows(conn, "plans", snap.plans)
        if snap.nodes and not snap.plans:
            # make room among the siblings of the subtree's root
            ids = {n["id"] for n in snap.nodes}
            root = next(n for n in snap.nodes if n["parent_id"] not in ids)
            conn.execute(
                "UPDATE nodes SET position = position + 1 "
                "WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
                (root["plan_id"], root["parent_id"], root["position"]),
            )
        # parents before children, so the foreign keys hold at each insert
        by_id = {n["id"]: n for n in snap.nodes}
        ordered: list[dict[str, Any]] = []
        seen: set[int] = set()

        def visit(n: dict[str, Any]) -> None:
            if n["id"] in seen:
                return
            parent = by_id.get(n["parent_id"])
            if parent is not None:
                visit(parent)
            seen.add(n["id"])
            ordered.append(n)

        for n in snap.nodes:
            visit(n)
        carried = {n["id"]: n["carried_from"] for n in ordered}
        _insert_rows(conn, "nodes", [{**n, "carried_from": None} for n in ordered])
        for nid, src in carried.items():  # carried_from may point inside the snapshot
            if src is not None:
                conn.execute(
                    "UPDATE nodes SET carried_from = ? WHERE id = ? AND EXISTS "
                    "(SELECT 1 FROM nodes WHERE id = ?)",
                    (src, nid, src),
                )
        for table in ("checkpoints", "progress_log", "field_changes"):
            _insert_rows(conn, table, getattr(snap, table))
        for table in SUPERVISION_ORDER:
            _insert_rows(conn, table, snap.supervision.get(table, []))
        for table in EVIDENCE_ORDER:
            _insert_rows(conn, table, snap.evidence.get(table, []))
        for table, column, row_id, value in snap.references:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))


# ---------------------------------------------------------------- documents (JSON form)
TASK_JSON_FIELDS = ("text", "deadline", "target", "owner_unit", "lead_leader")
TASK_EXTRA_FIELDS = (
    "id",
    "note",
    "co_units",
    "owner_person",
    "due_date",
    "frequency",
    "status",
    "progress",
    "carried_from",
)


def plan_to_document(db: Database, plan_id: int) -> dict[str, Any]:
    """A plan as the nested JSON of ``show`` (the same shape ``import --json`` prints)."""
    plan = get_plan(db, plan_id)
    nodes = load_outline(db, plan_id)
    by_parent: dict[int | None, list[Node]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)

    def section_dict(node: Node, level: int) -> dict[str, Any]:
        kids = by_parent.get(node.id, [])
        return {
            "id": node.id,
            "heading": node.heading,
            "level": level,
            "body": node.body,
            "task_style": node.task_style,
            "run_in": node.run_in,
            "note": node.note,
            "tasks": [task_dict(t) for t in kids if t.kind == NodeKind.TASK],
            "children": [section_dict(s, level + 1) for s in kids if s.kind == NodeKind.SECTION],
        }

    def task_dict(node: Node) -> dict[str, Any]:
        out = {k: getattr(node, k) for k in TASK_JSON_FIELDS}
        out.update({k: getattr(node, k) for k in TASK_EXTRA_FIELDS})
        return out

    top = by_parent.get(None, [])
    doc: dict[str, Any] = {k: getattr(plan, k) for k in PLAN_FIELDS}
    doc["sections"] = [section_dict(s, 1) for s in top if s.kind == NodeKind.SECTION]
    doc["tasks"] = [task_dict(t) for t in top if t.kind == NodeKind.TASK]
    return doc


_SECTION_STORE = ("heading", "body", "task_style", "run_in", "note")


def store_document(db: Database, doc: dict[str, Any], **overrides: Any) -> int:
    """Store a parsed or sample document (the JSON shape above) as a new plan.

    Unknown keys are ignored, so the output of ``import --json`` can be stored as is.
    Within a section, tasks come before sub-sections (the order of a written plan).
    """
    plan_values = {k: doc.get(k) for k in PLAN_EDITABLE if doc.get(k) is not None}
    plan_values.update(overrides)
    plan_values.setdefault("title", doc.get("title") or "未命名计划")
    plan_values = stamped(_check_plan_fields(plan_values))
    with db.transaction() as conn:
        cols = list(plan_values)
        cur = conn.execute(
            f"INSERT INTO plans ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(plan_values.values()),
        )
        plan_id = new_id(cur)
        year = plan_values.get("year")

        def insert(parent_id: int | None, position: int, kind: str, values: dict) -> int:
            values = _check_node_fields(kind, values)
            if kind == NodeKind.TASK and values.get("deadline") and "due_date" not in values:
                values["due_date"] = deadlines.due_date_from_text(values["deadline"], year)
            return _insert_node(conn, plan_id, parent_id, position, kind, values)

        def task_values(task: dict[str, Any]) -> dict[str, Any]:
            keep = TASK_EDITABLE - {"carried_from"}
            return {k: v for k, v in task.items() if k in keep and v is not None}

        def store_section(sec: dict[str, Any], parent_id: int | None, position: int) -> None:
            values = {k: sec.get(k) for k in _SECTION_STORE if sec.get(k) is not None}
            sid = insert(parent_id, position, NodeKind.SECTION, values)
            pos = 0
            for task in sec.get("tasks") or []:
                insert(sid, pos, NodeKind.TASK, task_values(task))
                pos += 1
            for child in sec.get("children") or []:
                store_section(child, sid, pos)
                pos += 1

        pos = 0
        for task in doc.get("tasks") or []:
            insert(None, pos, NodeKind.TASK, task_values(task))
            pos += 1
        for sec in doc.get("sections") or []:
            store_section(sec, None, pos)
            pos += 1
    log.info("stored plan %d (%s)", plan_id, plan_values.get("title"))
    return plan_id
