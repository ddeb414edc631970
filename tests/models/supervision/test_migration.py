"""The supervision migration step: found by name, so renumbering the steps changes nothing."""

from __future__ import annotations

import sqlite3

from models.store.migrations import MIGRATIONS, SCHEMA_VERSION, add_supervision
from models.store.open import open_database
from models.supervision import items, rounds

TABLES = {
    "report_rounds",
    "round_units",
    "round_lights",
    "supervision_ledgers",
    "supervision_items",
    "item_closings",
    "pace_reasons",
    "issued_documents",
}


def _build_before(path):
    """A file at the version just before the supervision step, with a plan and a task."""
    step = MIGRATIONS.index(add_supervision)
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
    conn.close()
    return step


def test_old_file_gains_the_tables_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    step = _build_before(path)
    old = sqlite3.connect(path)
    assert not TABLES & {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()
    with open_database(path) as db:
        assert db.user_version == SCHEMA_VERSION > step
        names = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert TABLES <= names
        assert db.scalar("SELECT text FROM nodes WHERE id = 1") == "扩大油茶种植规模。"
        # the new tables work on the old rows
        round_id = rounds.create_round(db, 1, "2025-06-25")
        assert [u.unit for u in rounds.round_status(db, round_id).units] == ["农业办"]
        item_id = items.add_item(
            db, "落实批示", source="instruction", assigned_on="2025-06-03", owner_unit="农业办"
        )
        assert items.get_item(db, item_id).year == 2025
