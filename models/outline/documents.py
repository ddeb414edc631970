"""A plan as the nested JSON of ``show`` / ``import --json``, and storing one as a new plan."""

from __future__ import annotations

import logging
from typing import Any

from models.entities import (
    PLAN_EDITABLE,
    PLAN_FIELDS,
    TASK_EDITABLE,
    Node,
)
from models.outline.editing import insert_node
from models.outline.plans import get_plan, stamped
from models.outline.reading import load_outline
from models.outline.validation import check_node_fields, check_plan_fields
from models.store.db import Database, new_id
from models.text import deadlines
from models.vocab import NodeKind

log = logging.getLogger(__name__)


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
    plan_values = stamped(check_plan_fields(plan_values))
    with db.transaction() as conn:
        cols = list(plan_values)
        cur = conn.execute(
            f"INSERT INTO plans ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(plan_values.values()),
        )
        plan_id = new_id(cur)
        year = plan_values.get("year")

        def insert(parent_id: int | None, position: int, kind: str, values: dict) -> int:
            values = check_node_fields(kind, values)
            if kind == NodeKind.TASK and values.get("deadline") and "due_date" not in values:
                values["due_date"] = deadlines.due_date_from_text(values["deadline"], year)
            return insert_node(conn, plan_id, parent_id, position, kind, values)

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
