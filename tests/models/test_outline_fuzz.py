"""Hypothesis: any sequence of outline operations and undos keeps check() clean.

Operations are the ones the window offers (add, move, indent, outdent, remove, change kind,
delete plan), each followed by the undo the QUndoStack would do, in LIFO order. A refused
operation (InvalidOperationError) must leave the database exactly as it was. Undoing
everything must give back the starting outline.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import outline
from models.errors import InvalidOperationError, NotFoundError
from models.store.check import check
from models.store.db import Database
from models.store.open import open_database

OPS = (
    "add_section",
    "add_task",
    "move",
    "indent",
    "outdent",
    "remove",
    "kind",
    "undo",
    "delete_plan",
)


def dump(db: Database) -> str:
    digest = hashlib.sha256()
    for line in db.conn.iterdump():
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def outline_rows(db: Database) -> list[tuple]:
    """The outline without timestamps (a move legitimately touches updated_at)."""
    return [
        tuple(r)
        for r in db.query(
            "SELECT id, plan_id, parent_id, position, kind, heading, body, text, note, status, "
            "progress FROM nodes ORDER BY id"
        )
    ] + [tuple(r) for r in db.query("SELECT id, title, year FROM plans ORDER BY id")]


def seed(db: Database) -> None:
    doc = {
        "title": "模糊测试计划",
        "year": 2025,
        "sections": [
            {
                "heading": "一",
                "tasks": [{"text": "甲。"}, {"text": "乙。"}],
                "children": [{"heading": "一之一", "tasks": [{"text": "丙。"}]}],
            },
            {"heading": "二", "tasks": [{"text": "丁。"}]},
        ],
    }
    outline.store_document(db, doc)
    outline.store_document(db, {**doc, "title": "第二个计划"})


def pick(items: list, n: int):
    return items[n % len(items)] if items else None


def apply(db: Database, op: str, a: int, b: int, c: int, undo: list) -> None:
    """Run one operation; push its undo onto ``undo``."""
    nodes = [r[0] for r in db.query("SELECT id FROM nodes ORDER BY id")]
    plans = [r[0] for r in db.query("SELECT id FROM plans ORDER BY id")]
    sections = [r[0] for r in db.query("SELECT id FROM nodes WHERE kind = 'section' ORDER BY id")]
    if op in ("add_section", "add_task"):
        plan = pick(plans, a)
        if plan is None:
            return
        own = [s for s in sections if outline.get_node(db, s).plan_id == plan]
        parent = None if b % 3 == 0 else pick(own, b)
        kind = "section" if op == "add_section" else "task"
        values = {"heading": f"新章节{c}"} if kind == "section" else {"text": f"新任务{c}。"}
        new = outline.add_node(db, plan, parent, kind, position=c % 5, **values)
        undo.append(("remove_added", new))
    elif op == "move":
        node = pick(nodes, a)
        if node is None:
            return
        plan = outline.get_node(db, node).plan_id
        own = [s for s in sections if outline.get_node(db, s).plan_id == plan]
        parent = None if b % 4 == 0 else pick(own, b)
        old = outline.move_node(db, node, parent, c % 6)
        undo.append(("move_back", node, *old))
    elif op in ("indent", "outdent"):
        node = pick(nodes, a)
        if node is None:
            return
        target = (outline.indent_target if op == "indent" else outline.outdent_target)(db, node)
        if target is None:
            return
        old = outline.move_node(db, node, *target)
        undo.append(("move_back", node, *old))
    elif op == "remove":
        node = pick(nodes, a)
        if node is None:
            return
        undo.append(("restore", outline.remove_node(db, node)))
    elif op == "kind":
        node = pick(nodes, a)
        if node is None:
            return
        current = outline.get_node(db, node).kind
        old = outline.set_node_kind(db, node, "task" if current == "section" else "section")
        undo.append(("kind_back", node, old))
    elif op == "delete_plan":
        plan = pick(plans, a)
        if plan is None or len(plans) < 2:
            return
        undo.append(("restore", outline.delete_plan(db, plan)))
    elif op == "undo" and undo:
        undo_one(db, undo)


def undo_one(db: Database, undo: list) -> None:
    kind, *args = undo.pop()
    if kind == "remove_added":
        outline.remove_node(db, args[0])
    elif kind == "move_back":
        node, parent, position = args
        outline.move_node(db, node, parent, position)
    elif kind == "restore":
        outline.restore_snapshot(db, args[0])
    elif kind == "kind_back":
        outline.set_node_kind(db, args[0], args[1])


operation = st.tuples(
    st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=25))
def test_any_sequence_of_operations_keeps_the_outline_sound(ops):
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "fuzz.db")
        try:
            seed(db)
            start = outline_rows(db)
            undo: list = []
            for op, a, b, c in ops:
                before = dump(db)
                try:
                    apply(db, op, a, b, c, undo)
                except (InvalidOperationError, NotFoundError):
                    assert dump(db) == before, f"refused {op} changed the database"
                problems = check(db)
                assert problems == [], (op, problems)
            while undo:
                undo_one(db, undo)
                assert check(db) == []
            assert outline_rows(db) == start
        finally:
            db.close()
