"""Copies of sections and tasks (with everything below them), within a plan or into another.

The clipboard keeps plain data (``subtree_data``), not ids, so a copy still pastes after
its source was changed or deleted. Tracking records (progress notes, checkpoints) and the
link to last year's task stay with the original; the due date is worked out again from the
deadline for the plan the copy lands in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from models import outline
from models.entities import SECTION_EDITABLE, TASK_EDITABLE
from models.vocab import NodeKind

if TYPE_CHECKING:
    from models.store.db import Database

_NOT_COPIED = {"carried_from", "due_date"}


def subtree_data(db: Database, node_id: int) -> dict[str, Any]:
    """A node and its subtree as plain data: {"kind", "values", "children"}."""
    nodes = {n.id: n for n in outline.load_outline(db, outline.get_node(db, node_id).plan_id)}
    kids: dict[int | None, list[Any]] = {}
    for node in sorted(nodes.values(), key=lambda n: n.position):
        kids.setdefault(node.parent_id, []).append(node)

    def data(node: Any) -> dict[str, Any]:
        fields = (
            SECTION_EDITABLE if node.kind == NodeKind.SECTION else TASK_EDITABLE
        ) - _NOT_COPIED
        values = {f: getattr(node, f) for f in fields if getattr(node, f) is not None}
        return {
            "kind": node.kind,
            "values": values,
            "children": [data(child) for child in kids.get(node.id, [])],
        }

    return data(nodes[node_id])


def insert_subtree(
    db: Database, plan_id: int, parent_id: int | None, position: int | None, data: dict[str, Any]
) -> int:
    """Insert copied data at ``position`` under ``parent_id`` (one transaction); the new id."""
    with db.transaction():
        root = outline.add_node(db, plan_id, parent_id, data["kind"], position, **data["values"])

        def children(parent: int, items: list[dict[str, Any]]) -> None:
            for index, item in enumerate(items):
                new = outline.add_node(db, plan_id, parent, item["kind"], index, **item["values"])
                children(new, item.get("children") or [])

        children(root, data.get("children") or [])
    return root


def subtree_text(data: dict[str, Any]) -> str:
    """The copied headings and task texts, one per line (for pasting into WPS or Word)."""
    lines: list[str] = []

    def walk(item: dict[str, Any], depth: int) -> None:
        values = item["values"]
        text = values.get("heading") if item["kind"] == NodeKind.SECTION else values.get("text")
        lines.append("  " * depth + str(text or ""))
        for child in item.get("children") or []:
            walk(child, depth + 1)

    walk(data, 0)
    return "\n".join(lines)
