"""The exchange identity step: found by name; old rows get uuids, every insert path too."""

from __future__ import annotations

import sqlite3

from models import outline, search
from models.exchange.travel import TRAVELLING
from models.store.check import check
from models.store.migrations import MIGRATIONS, SCHEMA_VERSION, add_exchange_identity
from models.store.open import open_database


def _build_before(path):
    step = MIGRATIONS.index(add_exchange_identity)
    conn = sqlite3.connect(path, isolation_level=None)
    with conn:  # the schema of the version just before the step
        for earlier in MIGRATIONS[:step]:
            earlier(conn)
        conn.execute(f"PRAGMA user_version = {step}")
    conn.execute("INSERT INTO plans (id, title, year) VALUES (1, '油茶镇2025年工作计划', 2025)")
    conn.executemany(
        "INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, text) "
        "VALUES (?, 1, ?, ?, ?, ?, ?)",
        [(1, None, 0, "section", "产业发展", ""), (2, 1, 0, "task", "", "扩大油茶种植规模。")],
    )
    conn.execute("INSERT INTO checkpoints (task_id, title) VALUES (2, '开工')")
    conn.execute(
        "INSERT INTO progress_log (task_id, entry_date, text) VALUES (2, '2025-03-01', '选址')"
    )
    conn.execute("INSERT INTO units (name) VALUES ('农业办'), ('经发办')")
    conn.execute(
        "INSERT INTO evidence_files (sha256, size, kind, data) VALUES (?, 3, 'txt', x'616263')",
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",),
    )
    conn.execute(
        "INSERT INTO evidence (task_id, sha256, name) VALUES (2, ?, '选址.txt')",
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",),
    )
    conn.close()
    return step


def test_old_rows_get_uuids_and_stay_own_rows(tmp_path):
    path = tmp_path / "old.db"
    step = _build_before(path)
    with open_database(path) as db:
        assert db.user_version == SCHEMA_VERSION > step
        for spec in TRAVELLING:
            rows = db.query(f"SELECT uuid, owner FROM {spec.table}")
            assert rows and all(r["uuid"] and r["owner"] is None for r in rows), spec.table
            assert len({r["uuid"] for r in rows}) == len(rows)
        assert db.scalar("SELECT text FROM nodes WHERE id = 2") == "扩大油茶种植规模。"
        assert db.query("SELECT * FROM offices") == []
        assert check(db) == []


def test_every_insert_path_gives_a_uuid_and_search_and_undo_still_work(db):
    plan = outline.create_plan(db, title="计划", year=2025)
    section = outline.add_node(db, plan, None, "section", heading="产业发展")
    task = outline.add_node(db, plan, section, "task", text="建设冷链仓库。")
    uuids = dict(db.query("SELECT id, uuid FROM nodes"))
    assert all(uuids.values()) and len(set(uuids.values())) == 2
    assert [h.node_id for h in search.search(db, "冷链")] == [task]
    snap = outline.remove_node(db, section)
    outline.restore_snapshot(db, snap)
    assert dict(db.query("SELECT id, uuid FROM nodes")) == uuids  # undo: the same identity
    outline.update_node(db, task, text="建设两座冷链仓库。")
    assert db.scalar("SELECT uuid FROM nodes WHERE id = ?", (task,)) == uuids[task]
    assert check(db) == []
