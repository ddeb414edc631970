"""Every past schema version: built from its frozen SQL, migrated after a backup, data kept.

No binary fixtures: tests/models/schemas/vN.sql is the frozen schema of version N (written by
freeze_schema.py when N was released); the data is inserted here with plain SQL.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from models import search
from models.errors import DatabaseTooNewError
from models.store import backup, restore
from models.store.check import check
from models.store.lock import DatabaseLock, lock_path
from models.store.migrations import SCHEMA_VERSION
from models.store.open import open_database

SCHEMAS = Path(__file__).resolve().parent / "schemas"
PAST = list(range(1, SCHEMA_VERSION))


def frozen(version: int) -> Path:
    return SCHEMAS / f"v{version}.sql"


def _freezer():
    spec = importlib.util.spec_from_file_location("freeze_schema", SCHEMAS / "freeze_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(path: Path, version: int) -> None:
    """A database file exactly as PlanDesk ``version`` created it, plus data of that time."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(frozen(version).read_text(encoding="utf-8"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.execute("PRAGMA foreign_keys = ON")
    fill_v1_data(conn)
    conn.close()


def fill_v1_data(conn: sqlite3.Connection) -> None:
    """Rows using only the columns of version 1 (every later version keeps them)."""
    conn.executescript("""
        INSERT INTO plans (id, title, year, organization, kind, doc_number, status, preamble)
        VALUES (1, '油茶镇2023年工作计划', 2023, '油茶镇', 'plan', '油政发〔2023〕1号', 'final',
                '为做好2023年各项工作，特制定本计划。'),
               (2, '油茶镇2024年工作计划', 2024, '油茶镇', 'points', NULL, 'draft', '');
        UPDATE plans SET source_plan_id = 1 WHERE id = 2;
        INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, body, task_style,
                           run_in)
        VALUES (1, 1, NULL, 0, 'section', '加强党的建设', '', 'sentences', NULL),
               (2, 1, 1, 1, 'section', '抓好基层组织', '全面推进。', 'yishi', '。'),
               (10, 2, NULL, 0, 'section', '发展特色产业', '', 'numbered', NULL);
        INSERT INTO nodes (id, plan_id, parent_id, position, kind, text, owner_unit, deadline,
                           due_date, status, progress, target, carried_from)
        VALUES (3, 1, 1, 0, 'task', '扩大油茶种植规模。', '农业办', '年底前', '2023-12-31',
                'done', 100, '5000亩', NULL),
               (4, 1, 2, 0, 'task', '抓好党员教育管理；', '党政办', '6月底前', '2023-06-30',
                'in_progress', 40, NULL, NULL),
               (11, 2, 10, 0, 'task', '扩大油茶种植规模。', '农业办', '年底前', '2024-12-31',
                'not_started', 0, '6000亩', 3);
        INSERT INTO checkpoints (id, task_id, title, due_date, done_date, note, recurrence)
        VALUES (1, 4, '上半年检查', '2023-06-30', NULL, '', 'halfyear');
        INSERT INTO progress_log (id, task_id, entry_date, text, progress_after, author, problems)
        VALUES (1, 4, '2023-03-31', '已完成第一季度集中学习。', 40, '张三', '个别党员缺课');
        INSERT INTO units (id, name, kind) VALUES (1, '农业办', 'unit'), (2, '张三', 'person');
        INSERT INTO field_changes (task_id, field, old_value, new_value, reason)
        VALUES (4, 'progress', '0', '40', '季度检查');
        INSERT INTO settings (key, value) VALUES ('backup.keep_event', '15');
    """)


def rows(conn: sqlite3.Connection, table: str, columns: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(f"SELECT {columns} FROM {table} ORDER BY id")]


CHECKED = {
    "plans": "id, title, year, organization, kind, doc_number, status, preamble, source_plan_id",
    "nodes": "id, plan_id, parent_id, position, kind, heading, body, task_style, run_in, text, "
    "owner_unit, deadline, due_date, status, progress, target, carried_from",
    "checkpoints": "id, task_id, title, due_date, done_date, recurrence",
    "progress_log": "id, task_id, entry_date, text, progress_after, author, problems",
    "units": "id, name, kind",
    "field_changes": "id, task_id, field, old_value, new_value, reason",
}


def test_every_past_version_has_a_frozen_schema():
    missing = [v for v in PAST if not frozen(v).is_file()]
    assert missing == [], (
        f"freeze the released schema before adding a step: "
        f"python tests/models/schemas/freeze_schema.py {missing[0] if missing else ''}"
    )


@pytest.mark.parametrize(
    "version", [v for v in range(1, SCHEMA_VERSION + 1) if frozen(v).is_file()]
)
def test_frozen_schema_is_what_the_migrations_made(version):
    """Old migration steps must never change once released."""
    freezer = _freezer()
    made = freezer.schema_sql(freezer.build_from_migrations(version))
    text = frozen(version).read_text(encoding="utf-8").split("\n", 1)[1]
    assert made == text, (
        f"schema v{version} differs from its frozen copy: a released migration step must not "
        f"change. (Only if v{version} was never released: "
        f"python tests/models/schemas/freeze_schema.py {version})"
    )


@pytest.mark.parametrize("version", PAST)
def test_old_version_is_backed_up_then_migrated_with_all_data(tmp_path, version):
    path = tmp_path / "plandesk.db"
    build(path, version)
    old = sqlite3.connect(path)
    before = {t: rows(old, t, c) for t, c in CHECKED.items()}
    old.close()

    with open_database(path) as db:
        assert db.user_version == SCHEMA_VERSION
        assert {t: rows(db.conn, t, c) for t, c in CHECKED.items()} == before
        assert check(db) == []
        hits = search.search(db, "油茶")  # 2 characters: needs the v2 grams of old rows
        assert {h.node_id for h in hits} >= {3, 11}

    copies = backup.list_backups(path.parent / "backups")
    assert [(c.kind, c.reason, c.version, c.plans, c.tasks) for c in copies] == [
        ("event", f"migration-v{version}", version, 2, 3)
    ]
    copy = sqlite3.connect(copies[0].path)
    assert {t: rows(copy, t, c) for t, c in CHECKED.items()} == before
    copy.close()


@pytest.mark.parametrize("version", PAST)
def test_restoring_an_old_backup_migrates_it(tmp_path, db, version):
    old = tmp_path / "old-backup.db"
    build(old, version)
    restore.restore_into(db, old)
    assert db.user_version == SCHEMA_VERSION
    assert db.scalar("SELECT count(*) FROM nodes") == 6
    assert check(db) == []


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "plandesk.db"
    build(path, SCHEMA_VERSION if frozen(SCHEMA_VERSION).is_file() else max(PAST or [1]))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with DatabaseLock(path):
        with pytest.raises(DatabaseTooNewError) as err:
            open_database(path)
        with pytest.raises(DatabaseTooNewError):
            open_database(path, read_only=True)
    assert "更新版本" in err.value.user_text
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plandesk.db"]
    assert not lock_path(path).exists()
