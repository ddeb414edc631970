"""Removing a node or a plan with a snapshot of everything that goes with it; restoring it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.outline.plans import get_plan
from models.outline.reading import get_node, subtree_ids
from models.store.db import Database


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
