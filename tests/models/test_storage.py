"""Storage: create, edit, move, delete, reopen; migrations; refusal of foreign files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from models import outline
from models.errors import (
    DatabaseOpenError,
    DatabaseTooNewError,
    InvalidOperationError,
    NotFoundError,
)
from models.sample import load_sample
from models.startup import open_or_create
from models.store.migrations import SCHEMA_VERSION
from models.store.open import open_database


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dump(db) -> list:
    return [
        tuple(r)
        for t in ("plans", "nodes", "checkpoints", "progress_log")
        for r in db.query(f"SELECT * FROM {t} ORDER BY id")
    ]


def test_new_file_is_migrated_to_current_version(db):
    assert db.user_version == SCHEMA_VERSION
    assert db.scalar("PRAGMA foreign_keys") == 1
    tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"plans", "nodes", "checkpoints", "progress_log", "units", "nodes_fts"} <= tables


def test_newer_schema_is_refused_and_file_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE x (a)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(db_path)
    assert "更新版本" in info.value.user_text
    assert _digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_other_sqlite_file_is_refused_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE contacts (name)")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseOpenError):
        open_database(db_path)
    assert _digest(db_path) == before


def test_junk_file_is_refused(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"\x00\xff" * 5000)
    with pytest.raises(DatabaseOpenError):
        open_database(path)
    assert path.read_bytes() == b"\x00\xff" * 5000


def test_first_start_loads_sample(tmp_path):
    db, created = open_or_create(tmp_path / "new.db")
    with db:
        assert created
        plans = outline.list_plans(db)
        assert [p.title for p in plans] == [
            "XX镇2024年工作计划",
            "县司法局2024年工作计划",
            "镇人民政府2024年度工作计划",
            "2024年督办事项台账",  # the sample year of models/supervision/sample.py
        ]
        assert all(p.year == 2024 for p in plans)
        tops = [len(outline.children(db, p.id, None)) for p in plans]
        assert tops == [5, 5, 8, 3]
    db, created = open_or_create(tmp_path / "new.db")
    with db:
        assert not created
        assert len(outline.list_plans(db)) == 4


def test_no_sample_creates_empty(tmp_path):
    db, created = open_or_create(tmp_path / "empty.db", sample=False)
    with db:
        assert created and outline.list_plans(db) == []


def test_sample_has_no_web_noise(db):
    load_sample(db)
    for row in db.query("SELECT heading || body || text FROM nodes"):
        assert "文库" not in row[0] and "##" not in row[0] and "素材" not in row[0]


def test_edit_move_delete_survive_reopen(db_path, plan_factory, db):
    plan_id = plan_factory()
    top = outline.children(db, plan_id, None)
    task = outline.children(db, plan_id, top[0].id)[0]
    outline.update_node(db, task.id, owner_unit="镇农业办", deadline="6月底前", progress=40)
    outline.move_node(db, top[1].id, None, 0)
    outline.update_plan(db, plan_id, doc_number="X府〔2025〕1号")
    db.close()
    with open_database(db_path) as again:
        node = outline.get_node(again, task.id)
        assert node.owner_unit == "镇农业办"
        assert node.due_date == "2025-06-30"
        assert node.progress == 40
        assert [n.heading for n in outline.children(again, plan_id, None)] == [
            "发展镇域经济",
            "加强党的建设",
        ]
        assert outline.get_plan(again, plan_id).doc_number == "X府〔2025〕1号"


def test_positions_stay_dense_after_moves(db, plan_factory):
    plan_id = plan_factory()
    first, second = outline.children(db, plan_id, None)
    tasks = outline.children(db, plan_id, first.id)
    outline.move_node(db, tasks[0].id, second.id, 0)
    for parent in (None, first.id, second.id):
        positions = [n.position for n in outline.children(db, plan_id, parent)]
        assert positions == list(range(len(positions)))


def test_move_into_own_subtree_is_refused(db, plan_factory):
    plan_id = plan_factory()
    second = outline.children(db, plan_id, None)[1]
    child = [n for n in outline.children(db, plan_id, second.id) if n.kind == "section"][0]
    before = _dump(db)
    with pytest.raises(InvalidOperationError):
        outline.move_node(db, second.id, child.id, 0)
    assert _dump(db) == before


def test_remove_and_restore_gives_same_rows(db, plan_factory):
    plan_id = plan_factory()
    before = _dump(db)
    section = outline.children(db, plan_id, None)[0]
    snap = outline.remove_node(db, section.id)
    assert len(outline.children(db, plan_id, None)) == 1
    assert outline.children(db, plan_id, None)[0].position == 0
    outline.restore_snapshot(db, snap)
    assert _dump(db) == before


def test_delete_plan_and_restore(db, plan_factory):
    plan_id = plan_factory()
    other = plan_factory(title="另一个计划")
    before = _dump(db)
    snap = outline.delete_plan(db, plan_id)
    assert db.scalar("SELECT count(*) FROM nodes WHERE plan_id = ?", (plan_id,)) == 0
    outline.restore_snapshot(db, snap)
    assert _dump(db) == before
    assert outline.get_plan(db, other).title == "另一个计划"


def test_bad_values_are_refused_and_nothing_changes(db, plan_factory):
    plan_id = plan_factory()
    task = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"][0]
    before = _dump(db)
    with pytest.raises(InvalidOperationError) as info:
        outline.update_node(db, task.id, progress=150)
    assert "进度" in info.value.user_text
    with pytest.raises(InvalidOperationError):
        outline.update_plan(db, plan_id, year="明年")
    with pytest.raises(InvalidOperationError):
        outline.update_plan(db, plan_id, title="  ")
    with pytest.raises(NotFoundError):
        outline.update_node(db, 99999, text="x")
    assert _dump(db) == before


def test_failed_transaction_writes_nothing(db, plan_factory):
    plan_id = plan_factory()
    before = _dump(db)
    with pytest.raises(RuntimeError):
        with db.transaction():
            outline.add_node(db, plan_id, None, "section", heading="半截")
            raise RuntimeError("power cut")
    assert _dump(db) == before


def test_task_cannot_have_children(db, plan_factory):
    plan_id = plan_factory()
    task = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"][0]
    with pytest.raises(InvalidOperationError):
        outline.add_node(db, plan_id, task.id, "task", text="x")


def test_document_round_trip(db, plan_factory):
    plan_id = plan_factory()
    doc = outline.plan_to_document(db, plan_id)
    copy_id = outline.store_document(db, doc)
    again = outline.plan_to_document(db, copy_id)

    def strip(d):
        if isinstance(d, dict):
            return {
                k: strip(v) for k, v in d.items() if k not in ("id", "created_at", "updated_at")
            }
        if isinstance(d, list):
            return [strip(x) for x in d]
        return d

    assert strip(again) == strip(doc)


def test_fts_index_follows_edits(db, plan_factory):
    plan_id = plan_factory()
    task = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"][0]
    outline.update_node(db, task.id, text="推进黑山羊养殖。")
    hits = db.query("SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ?", ('"黑山羊"',))
    assert [h[0] for h in hits] == [task.id]
    outline.remove_node(db, task.id)
    assert db.query("SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ?", ('"黑山羊"',)) == []
