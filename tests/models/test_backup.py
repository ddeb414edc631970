"""Backups (SQLite backup API), rotation, listing and restore."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models import outline
from models.errors import DatabaseTooNewError
from models.sample import load_sample
from models.store import backup
from models.store.backup import (
    BackupError,
    NotABackupError,
    backup_before,
    backup_dir,
    daily_backup,
    list_backups,
    make_backup,
    manual_backup,
    rotate,
)
from models.store.check import check
from models.store.migrations import SCHEMA_VERSION
from models.store.open import open_database
from models.store.restore import restore, restore_into
from tests.db_hash import content_hash


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample_db(db):
    load_sample(db)
    return db


def test_backup_is_a_complete_single_file_copy(sample_db):
    path = backup_before(sample_db, "import")
    assert path.parent == backup_dir(sample_db.path) == sample_db.path.parent / "backups"
    assert path.name.startswith("plandesk ") and path.name.endswith(" 操作前自动备份（导入前）.db")
    assert content_hash(path) == content_hash(sample_db.conn)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    # no sidecar or temporary file left beside it
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_backup_does_not_copy_an_uncommitted_write_of_another_connection(sample_db):
    other = sqlite3.connect(sample_db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO plans (title) VALUES ('半截写入')")
    try:
        path = make_backup(sample_db, "manual")
    finally:
        other.execute("ROLLBACK")
        other.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM plans WHERE title = '半截写入'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 3
    conn.close()


def test_backup_inside_a_transaction_is_refused(sample_db):
    with pytest.raises(RuntimeError), sample_db.transaction():
        make_backup(sample_db, "manual")


def test_list_backups_gives_date_reason_and_counts(sample_db):
    first = backup_before(sample_db, "rollover")
    outline.delete_plan(sample_db, 1)
    second = make_backup(sample_db, "manual")
    (backup_dir(sample_db.path) / "notes.txt").write_text("not a backup", encoding="utf-8")
    infos = list_backups(backup_dir(sample_db.path))
    assert [i.path for i in infos] == [second, first]  # newest first, other files ignored
    newest, oldest = infos
    assert (oldest.kind, oldest.reason, oldest.plans, oldest.tasks) == ("event", "rollover", 3, 55)
    assert (newest.kind, newest.plans, newest.tasks) == ("manual", 2, 36)
    assert oldest.version == SCHEMA_VERSION and oldest.usable
    assert abs(oldest.created - datetime.now()) < timedelta(minutes=1)


def test_list_backups_reads_read_only_and_reports_damaged_files(sample_db):
    good = make_backup(sample_db, "manual")
    bad = backup_dir(sample_db.path) / backup.backup_name(sample_db.path, "event", "import")
    bad.write_bytes(b"this is not sqlite" * 100)
    before = {good: file_hash(good), bad: file_hash(bad)}
    infos = {i.path: i for i in list_backups(backup_dir(sample_db.path))}
    assert infos[good].usable and infos[good].plans == 3
    assert not infos[bad].usable and infos[bad].error
    assert {p: file_hash(p) for p in before} == before
    assert sorted(p.name for p in good.parent.iterdir()) == sorted([good.name, bad.name])


def test_list_backups_of_one_database_only(tmp_path):
    a = open_database(tmp_path / "a.db")
    b = open_database(tmp_path / "b.db")
    make_backup(a, "manual")
    make_backup(b, "manual")
    assert [i.path.name[:2] for i in list_backups(tmp_path / "backups", stem="a")] == ["a "]
    assert len(list_backups(tmp_path / "backups")) == 2
    a.close()
    b.close()


def _touch_backup(folder: Path, kind: str, when: datetime, reason: str = "x") -> Path:
    path = folder / backup.backup_name(Path("plandesk.db"), kind, reason, when)
    path.write_bytes(b"")
    return path


def test_rotation_keeps_last_n_of_each_kind_and_never_manual_or_other_files(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2025, 1, 1, 8, 0)
    daily = [_touch_backup(folder, "daily", start + timedelta(days=i)) for i in range(10)]
    event = [_touch_backup(folder, "event", start + timedelta(hours=i)) for i in range(6)]
    manual = [_touch_backup(folder, "manual", start + timedelta(minutes=i)) for i in range(5)]
    other = folder / "readme.txt"
    other.write_text("keep me", encoding="utf-8")
    deleted = rotate(folder, keep_daily=3, keep_event=4)
    assert sorted(deleted) == sorted(daily[:7] + event[:2])
    remaining = set(folder.iterdir())
    assert remaining == set(daily[7:] + event[2:] + manual + [other])


def test_rotation_uses_the_settings_of_the_database(sample_db):
    backup.set_keep_count(sample_db, backup.SETTING_KEEP_EVENT, 2)
    made = [backup_before(sample_db, f"import-{i}") for i in range(5)]
    left = sorted(p for p in backup_dir(sample_db.path).iterdir())
    assert left == made[-2:]
    with pytest.raises(backup.PlanDeskError):
        backup.set_keep_count(sample_db, backup.SETTING_KEEP_EVENT, 0)


def test_backups_in_one_millisecond_get_distinct_names(sample_db, monkeypatch):
    frozen = datetime(2025, 3, 1, 9, 30, 0, 123000)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return frozen

    monkeypatch.setattr(backup, "datetime", Frozen)
    paths = [backup_before(sample_db, "import") for _ in range(3)]
    assert len(set(paths)) == 3
    assert all(backup.parse_name(p) is not None for p in paths)


def test_daily_backup_once_a_day(sample_db):
    today = datetime.now()
    first = daily_backup(sample_db, today)
    assert first is not None and backup.parse_name(first)[2] == "daily"
    assert daily_backup(sample_db, today) is None
    tomorrow = daily_backup(sample_db, today + timedelta(days=1))
    # a backup is stamped with the real time; "tomorrow" only proves the date comparison
    assert tomorrow is not None


def test_manual_backup_to_a_chosen_file(sample_db, tmp_path):
    out = tmp_path / "elsewhere" / "copy.db"
    assert manual_backup(sample_db, out) == out
    assert content_hash(out) == content_hash(sample_db.conn)
    with pytest.raises(BackupError):
        manual_backup(sample_db, out)  # never overwrite
    with pytest.raises(BackupError):
        manual_backup(sample_db, sample_db.path)


def test_failed_backup_leaves_no_partial_file_and_changes_nothing(sample_db, monkeypatch):
    """Disk full in the middle of the copy (simulated: the backup API call fails)."""
    before = content_hash(sample_db.conn)
    real = sample_db.conn

    class FullDisk:
        def backup(self, dest, **kw):
            dest.execute("CREATE TABLE half (x)")  # something was written already
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sample_db, "conn", FullDisk())
    with pytest.raises(BackupError) as err:
        make_backup(sample_db, "manual")
    monkeypatch.setattr(sample_db, "conn", real)
    assert "备份失败" in err.value.user_text
    assert list(backup_dir(sample_db.path).iterdir()) == []
    assert content_hash(sample_db.conn) == before


def test_backup_folder_that_cannot_be_created(sample_db):
    (sample_db.path.parent / "backups").write_text("a file where the folder should be")
    with pytest.raises(BackupError):
        make_backup(sample_db, "manual")


# ---------------------------------------------------------------- restore
def test_restore_replaces_content_after_backing_up_current_state(sample_db):
    saved = make_backup(sample_db, "manual")
    saved_hash = content_hash(saved)
    outline.delete_plan(sample_db, 2)
    outline.update_node(sample_db, outline.load_outline(sample_db, 1)[1].id, progress=50)
    changed_hash = content_hash(sample_db.conn)
    safety = restore_into(sample_db, saved)
    assert content_hash(sample_db.conn) == saved_hash
    assert content_hash(safety) == changed_hash  # the state before the restore is kept
    assert backup.parse_name(safety)[2:] == ("event", "restore")
    assert check(sample_db) == []
    assert sample_db.scalar("PRAGMA foreign_keys") == 1
    # and the file on disk holds it after closing and reopening
    path = sample_db.path
    sample_db.close()
    with open_database(path) as again:
        assert content_hash(again.conn) == saved_hash


def test_restore_by_path_and_into_a_missing_database(sample_db, tmp_path):
    saved = manual_backup(sample_db, tmp_path / "keep.db")
    lost = tmp_path / "new" / "plandesk.db"
    restore(lost, saved)
    with open_database(lost) as db:
        assert [p.title for p in outline.list_plans(db)] == [
            p.title for p in outline.list_plans(sample_db)
        ]


@pytest.mark.parametrize("make", ["junk", "empty", "other_sqlite", "missing", "damaged"])
def test_restore_refuses_bad_files_and_changes_nothing(sample_db, tmp_path, make):
    bad = tmp_path / f"{make}.db"
    if make == "junk":
        bad.write_bytes(os.urandom(5000))
    elif make == "empty":
        bad.write_bytes(b"")
    elif make == "other_sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
    elif make == "damaged":
        manual_backup(sample_db, bad)
        data = bytearray(bad.read_bytes())
        for offset in range(4096 * 3, len(data), 4096):  # scribble over page headers
            data[offset : offset + 16] = b"\xff" * 16
        bad.write_bytes(bytes(data))
    before = content_hash(sample_db.conn)
    bad_before = file_hash(bad) if bad.exists() else None
    with pytest.raises(NotABackupError) as err:
        restore_into(sample_db, bad)
    assert "无法恢复" in err.value.user_text
    assert content_hash(sample_db.conn) == before
    assert not backup_dir(sample_db.path).exists()  # not even a safety backup
    assert (file_hash(bad) if bad.exists() else None) == bad_before


def test_restore_refuses_a_backup_from_a_newer_version(sample_db, tmp_path):
    newer = manual_backup(sample_db, tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    newer_hash = file_hash(newer)
    before = content_hash(sample_db.conn)
    with pytest.raises(DatabaseTooNewError) as err:
        restore_into(sample_db, newer)
    assert "更新版本" in err.value.user_text
    assert content_hash(sample_db.conn) == before
    assert file_hash(newer) == newer_hash


def test_restore_from_the_database_itself_is_refused(sample_db):
    with pytest.raises(NotABackupError):
        restore_into(sample_db, sample_db.path)


def test_migration_backup_goes_to_backups_folder(db_path, monkeypatch):
    """A (simulated) schema step 2: the v1 file is backed up through the API first."""
    import models.store.open as dbmod

    db = open_database(db_path)
    load_sample(db)
    v1_hash = content_hash(db.conn)
    db.close()

    def to_v2(conn):
        conn.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, to_v2])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_database(db_path) as db:
        assert db.user_version == SCHEMA_VERSION + 1
    copies = list((db_path.parent / "backups").iterdir())
    assert len(copies) == 1
    assert backup.parse_name(copies[0])[2:] == ("event", f"migration-v{SCHEMA_VERSION}")
    assert content_hash(copies[0]) == v1_hash
    assert not list(db_path.parent.glob("*.bak-v*"))


def test_rotation_removes_old_partial_files_left_by_a_crash(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "plandesk_20250101-080000-000_event_import.db.partial"
    fresh = folder / "plandesk_20250101-090000-000_event_import.db.partial"
    old_journal = folder / "plandesk_20250101-080000-000_event_import.db.partial-journal"
    for p in (old, fresh, old_journal):
        p.write_bytes(b"half")
    ancient = datetime.now().timestamp() - 3600
    os.utime(old, (ancient, ancient))
    os.utime(old_journal, (ancient, ancient))
    assert sorted(rotate(folder, stem="plandesk")) == sorted([old, old_journal])
    assert list(folder.iterdir()) == [fresh]


def damage_an_index(db_path: Path) -> None:
    """Zero one index page of a closed database (the file still opens; quick_check fails)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'idx_nodes_parent'"
    ).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * size
    data[start + 8 : start + size] = b"\0" * (size - 8)
    db_path.write_bytes(bytes(data))


def test_damaged_database_gets_no_daily_backup_and_keeps_the_good_ones(db_path):
    db = open_database(db_path)
    load_sample(db)
    yesterday = datetime.now() - timedelta(days=1)
    good = backup_dir(db_path) / backup.backup_name(db_path, "daily", "start", yesterday)
    backup.copy_database(db.conn, good)
    db.close()
    damage_an_index(db_path)
    with open_database(db_path) as damaged:
        with pytest.raises(backup.DamagedDatabaseError) as err:
            daily_backup(damaged)
        assert "恢复" in err.value.user_text and "\n" not in (err.value.detail or "")
        problems = check(damaged)
    assert problems and all(p.startswith("integrity:") for p in problems)
    assert all("\n" not in p for p in problems)
    assert list(backup_dir(db_path).iterdir()) == [good]
