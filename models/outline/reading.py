"""Reading nodes: one, a plan's outline in document order, children, subtrees."""

from __future__ import annotations

from models.entities import (
    Node,
    row_to,
)
from models.errors import InvalidOperationError, NotFoundError
from models.outline.plans import get_plan
from models.store.db import Database
from models.vocab import NodeKind


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


def sibling_count(db: Database, plan_id: int, parent_id: int | None) -> int:
    return int(
        db.scalar(
            "SELECT count(*) FROM nodes WHERE plan_id = ? AND parent_id IS ?", (plan_id, parent_id)
        )
        or 0
    )


def check_parent(db: Database, plan_id: int, parent_id: int | None) -> None:
    if parent_id is None:
        get_plan(db, plan_id)
        return
    parent = get_node(db, parent_id)
    if parent.plan_id != plan_id:
        raise InvalidOperationError(detail="parent belongs to another plan")
    if parent.kind != NodeKind.SECTION:
        raise InvalidOperationError("任务下面不能再添加条目，请先把它改为章节。")
