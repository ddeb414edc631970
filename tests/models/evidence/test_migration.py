"""The evidence migration step: found by name, so renumbering the steps changes nothing."""

from __future__ import annotations

import sqlite3

from models.evidence import store
from models.store.check import check
from models.store.migrations import MIGRATIONS, SCHEMA_VERSION, add_evidence
from models.store.open import open_database
from tests.evidence_fixture import photo

TABLES = {"evidence", "evidence_files", "assessment_items", "assessment_links"}


def test_old_file_gains_the_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    step = MIGRATIONS.index(add_evidence)
    conn = sqlite3.connect(path, isolation_level=None)
    for migrate in MIGRATIONS[:step]:
        conn.execute("BEGIN")
        migrate(conn)
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA user_version = {step}")
    conn.execute("INSERT INTO plans (id, title, year) VALUES (1, '油茶镇2025年工作计划', 2025)")
    conn.execute(
        "INSERT INTO nodes (id, plan_id, position, kind, text, owner_unit, due_date) "
        "VALUES (1, 1, 0, 'task', '扩大油茶种植规模。', '农业办', '2025-12-31')"
    )
    conn.execute(
        "INSERT INTO progress_log (id, task_id, entry_date, text) VALUES (5, 1, '2025-06-03', 'x')"
    )
    assert not TABLES & {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with open_database(path) as db:
        assert db.user_version == SCHEMA_VERSION > step
        names = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert TABLES <= names
        assert db.scalar("SELECT text FROM nodes WHERE id = 1") == "扩大油茶种植规模。"
        (eid,) = store.add_evidence(db, 1, [photo(tmp_path / "a.jpg")], progress_id=5)
        assert store.get_evidence(db, eid).progress_id == 5
        assert check(db) == []
