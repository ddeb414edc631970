"""check(): SQLite's integrity checks and the outline invariants, each one made to fail."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from models import outline
from models.errors import DatabaseOpenError, DatabaseTooNewError
from models.sample import load_sample
from models.store.check import check, check_file
from models.store.migrations import SCHEMA_VERSION
from models.store.open import open_database


@pytest.fixture
def sample_db(db):
    load_sample(db)
    return db


def raw(db):
    """The connection with foreign keys off, as a buggy writer or a crash could leave it."""
    db.conn.execute("PRAGMA foreign_keys = OFF")
    return db.conn


def first_task(db, plan_id=1):
    return next(n for n in outline.load_outline(db, plan_id) if n.kind == "task")


def first_section(db, plan_id=1):
    return next(n for n in outline.load_outline(db, plan_id) if n.kind == "section")


def test_empty_and_sample_databases_are_clean(db):
    assert check(db) == []
    load_sample(db)
    assert check(db) == []


def test_node_of_a_missing_plan(sample_db):
    raw(sample_db).execute(
        "UPDATE nodes SET plan_id = 99 WHERE id = ?", (first_section(sample_db).id,)
    )
    problems = check(sample_db)
    assert any(p.startswith("foreign key: nodes") for p in problems)
    assert any("plan 99 does not exist" in p for p in problems)


def test_parent_in_another_plan(sample_db):
    other = first_section(sample_db, 2)
    task = first_task(sample_db, 1)
    raw(sample_db).execute("UPDATE nodes SET parent_id = ? WHERE id = ?", (other.id, task.id))
    assert any(f"node {task.id}: parent {other.id} is in plan 2" in p for p in check(sample_db))


def test_gap_in_positions(sample_db):
    task = first_task(sample_db)
    raw(sample_db).execute("UPDATE nodes SET position = position + 5 WHERE id = ?", (task.id,))
    assert any(p.startswith("positions:") for p in check(sample_db))


def test_duplicate_positions(sample_db):
    sec = first_section(sample_db)
    raw(sample_db).execute("UPDATE nodes SET position = 0 WHERE parent_id = ?", (sec.id,))
    assert any(
        p.startswith("positions:") and f"children of node {sec.id}" in p for p in check(sample_db)
    )


def test_cycle(sample_db):
    nodes = outline.load_outline(sample_db, 3)
    child = next(n for n in nodes if n.kind == "section" and n.parent_id is not None)
    sec = outline.get_node(sample_db, child.parent_id)
    conn = raw(sample_db)
    conn.execute("UPDATE nodes SET parent_id = ?, position = 99 WHERE id = ?", (child.id, sec.id))
    problems = check(sample_db)
    assert any(p.startswith("cycle:") for p in problems)


def test_task_with_children(sample_db):
    task = first_task(sample_db)
    raw(sample_db).execute(
        "INSERT INTO nodes (plan_id, parent_id, position, kind, text) "
        "VALUES (1, ?, 0, 'task', 'x')",
        (task.id,),
    )
    assert any(f"its parent {task.id} is a task" in p for p in check(sample_db))


def test_progress_out_of_range(sample_db):
    conn = raw(sample_db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE nodes SET progress = 150 WHERE id = ?", (first_task(sample_db).id,))
    assert any("progress 150 outside 0..100" in p for p in check(sample_db))


@pytest.mark.parametrize(
    "sql, expected",
    [
        (
            "UPDATE nodes SET status = 'finished' WHERE kind = 'task' AND id = "
            "(SELECT min(id) FROM nodes WHERE kind = 'task')",
            "unknown status 'finished'",
        ),
        (
            "UPDATE nodes SET task_style = 'bullets' WHERE id = "
            "(SELECT min(id) FROM nodes WHERE kind = 'section')",
            "unknown task style 'bullets'",
        ),
        ("UPDATE plans SET status = 'gone' WHERE id = 1", "plan 1: unknown status 'gone'"),
        ("UPDATE plans SET kind = 'poem' WHERE id = 1", "plan 1: unknown kind 'poem'"),
    ],
)
def test_invalid_codes(sample_db, sql, expected):
    raw(sample_db).execute(sql)
    assert any(expected in p for p in check(sample_db))


def test_search_index_out_of_step_with_nodes(sample_db):
    conn = raw(sample_db)
    conn.execute("DROP TRIGGER nodes_fts_au")
    conn.execute(
        "UPDATE nodes SET text = '完全不同的内容' WHERE id = ?", (first_task(sample_db).id,)
    )
    assert any(p.startswith("fts:") for p in check(sample_db))


def test_damaged_file_is_reported(sample_db, tmp_path):
    path = sample_db.path
    sample_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sample_db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):
        data[offset + 8 : offset + 40] = b"\x07" * 32
    path.write_bytes(bytes(data))
    version, problems = check_file(path)
    assert version == SCHEMA_VERSION
    assert problems and problems[0].startswith("integrity:")


def test_check_file_never_writes_and_sees_committed_wal_content(sample_db):
    path = sample_db.path
    outline.delete_plan(sample_db, 3)  # committed, maybe only in the -wal file
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    version, problems = check_file(path)
    assert (version, problems) == (SCHEMA_VERSION, [])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_check_file_refuses_other_files(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00junk" * 1000)
    with pytest.raises(DatabaseOpenError):
        check_file(junk)
    with pytest.raises(DatabaseOpenError):
        check_file(tmp_path / "missing.db")
    newer = tmp_path / "newer.db"
    open_database(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError):
        check_file(newer)


def test_read_only_database_is_checked_without_the_fts_part(sample_db):
    path = sample_db.path
    sample_db.close()
    with open_database(path, read_only=True) as db:
        assert check(db) == []


def test_progress_search_index_out_of_step(sample_db):
    task = first_task(sample_db)
    conn = raw(sample_db)
    conn.execute(
        "INSERT INTO progress_log (task_id, entry_date, text) "
        "VALUES (?, '2024-03-31', '已完成第一季度集中学习。')",
        (task.id,),
    )
    assert check(sample_db) == []
    conn.execute("DROP TRIGGER progress_fts_au")
    conn.execute("UPDATE progress_log SET text = '完全不同的进展内容'")
    assert any(p.startswith("fts: the search index progress_fts") for p in check(sample_db))
