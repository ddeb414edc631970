"""The evidence migration step: found by name, so renumbering the steps changes nothing."""

from __future__ import annotations

import sqlite3

from models.evidence import store
from models.store.check import check
from models.store.migrations import MIGRATIONS, SCHEMA_VERSION, add_evidence
from models.store.open import open_database
from tests.evidence_fixture import photo

TABLES = {"evidence", "evidence_files", "assessment_items", "assessment_links"}


OLD_ROWS = """
INSERT INTO plans (id, title, year) VALUES (1, '油茶镇2025年工作计划', 2025);
INSERT INTO nodes (id, plan_id, position, kind, text, owner_unit, due_date)
    VALUES (1, 1, 0, 'task', '扩大油茶种植规模。', '农业办', '2025-12-31');
INSERT INTO progress_log (id, task_id, entry_date, text) VALUES (5, 1, '2025-06-03', 'x');
"""


def _file_before_the_step(path):
    """A database at the version just before add_evidence, holding a task and a note."""
    step = MIGRATIONS.index(add_evidence)
    conn = sqlite3.connect(path)
    with conn:  # one transaction for the steps, as open_database runs them
        for earlier in MIGRATIONS[:step]:
            earlier(conn)
    conn.executescript(OLD_ROWS + f"PRAGMA user_version = {step};")
    found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    return step, found


def test_old_file_gains_the_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    step, before = _file_before_the_step(path)
    assert not TABLES & before
    with open_database(path) as db:
        assert db.user_version == SCHEMA_VERSION > step
        names = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert TABLES <= names
        assert db.scalar("SELECT text FROM nodes WHERE id = 1") == "扩大油茶种植规模。"
        (eid,) = store.add_evidence(db, 1, [photo(tmp_path / "a.jpg")], progress_id=5)
        assert store.get_evidence(db, eid).progress_id == 5
        assert check(db) == []
