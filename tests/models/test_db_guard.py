"""The database file guarded while open (models/db_guard.py): replaced, overwritten or deleted
under an open Database, the next write is refused and the new file is left as it is; a
leftover -wal beside a hand-copied file is never replayed without a decision."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from models import outline
from models.errors import DatabaseOpenError
from models.store import backup, db_guard, restore
from models.store.lock import DatabaseLock
from models.store.open import open_database
from tests.db_hash import content_hash


def rename_plan(db, title: str) -> None:
    plan_id = db.scalar("SELECT min(id) FROM plans")
    outline.update_plan(db, plan_id, title=title)


@pytest.fixture
def two_files(tmp_path, capsys):
    """The database (sample plans) and another PlanDesk file with different content."""
    path = tmp_path / "plandesk.db"
    other = tmp_path / "other" / "plandesk.db"
    other.parent.mkdir()
    assert main.main(["--db", str(path), "list"]) == 0
    assert main.main(["--db", str(other), "--no-sample", "list"]) == 0
    capsys.readouterr()
    return path, other


WINDOWS_KEEPS_OPEN_FILES = pytest.mark.skipif(
    os.name == "nt", reason="Windows refuses to rename over or delete a file that is open"
)


@pytest.mark.parametrize(
    "how",
    [
        pytest.param("rename over", marks=WINDOWS_KEEPS_OPEN_FILES),
        "copy over in place",
        pytest.param("delete", marks=WINDOWS_KEEPS_OPEN_FILES),
    ],
)
def test_write_after_the_file_was_replaced_is_refused(two_files, how):
    path, other = two_files
    db = open_database(path)
    try:
        rename_plan(db, "第一次修改")  # our own writes pass
        if how == "rename over":  # a sync tool or an antivirus restore
            tmp = path.with_name("incoming.db")
            shutil.copyfile(other, tmp)
            os.replace(tmp, path)
        elif how == "copy over in place":  # the user copies a backup over it
            shutil.copyfile(other, path)
        else:
            path.unlink()
        after = content_hash(path) if path.exists() else None
        with pytest.raises(db_guard.DatabaseReplacedError) as err:
            rename_plan(db, "第二次修改")
        assert "已被其他程序替换" in err.value.user_text
        with pytest.raises(db_guard.DatabaseReplacedError):  # and stays refused
            db.verify_file()
        if after is not None:
            assert content_hash(path) == after  # the new file is not touched
    finally:
        db.close()


def test_own_writes_checkpoints_and_restores_never_trip_the_guard(two_files, tmp_path):
    path, _other = two_files
    db = open_database(path)
    try:
        copy = backup.make_backup(db, "manual")
        for i in range(300):  # enough for several checkpoints
            rename_plan(db, f"标题{i}" * 40)
        restore.restore_into(db, copy)
        rename_plan(db, "恢复之后")
        db.verify_file()
    finally:
        db.close()
    assert not db_guard.pair_path(path).exists()  # clean close: no -wal, no pair


def crash_snapshot(path: Path, folder: Path) -> Path:
    """The database and its -wal as a crash leaves them (copied while a commit is in the -wal)."""
    db = open_database(path)
    rename_plan(db, "崩溃前的修改")
    folder.mkdir()
    for suffix in ("", "-wal", "-pair"):
        # copyfile + copystat is copy2 (times kept: the stamp holds mtime) without the CopyFile2
        # call that Wine 8 lacks
        shutil.copyfile(f"{path}{suffix}", folder / f"{path.name}{suffix}")
        shutil.copystat(f"{path}{suffix}", folder / f"{path.name}{suffix}")
    db.conn.close()  # no clean close of ours: the snapshot keeps its -wal
    return folder / path.name


@pytest.mark.skipif(
    os.name == "nt", reason="the crash is simulated by a copy; NTFS keeps its times to 100 ns only"
)
def test_crash_leftover_wal_of_the_same_file_is_replayed(two_files, tmp_path):
    path, _other = two_files
    crashed = crash_snapshot(path, tmp_path / "crashed")
    assert db_guard.wal_path(crashed).stat().st_size > 0
    with open_database(crashed) as db:
        assert db.scalar("SELECT count(*) FROM plans WHERE title = '崩溃前的修改'") == 1


def test_leftover_wal_beside_a_hand_copied_file_is_refused(two_files, tmp_path, capsys):
    path, other = two_files
    crashed = crash_snapshot(path, tmp_path / "crashed")
    shutil.copyfile(other, crashed)  # the user copies another file in by hand
    wal_before = db_guard.wal_path(crashed).read_bytes()
    with pytest.raises(db_guard.LeftoverWalError):
        open_database(crashed)
    code = main.main(["--db", str(crashed), "list"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "-wal" in err
    assert db_guard.wal_path(crashed).read_bytes() == wal_before  # nothing replayed
    assert main.main(["--db", str(crashed), "--wal", "set-aside", "list"]) == 0
    capsys.readouterr()
    assert content_hash(crashed) == content_hash(other)  # the copied file, unharmed
    aside = list((crashed.parent / "backups").glob("*-wal.*.set-aside"))
    assert len(aside) == 1 and aside[0].read_bytes() == wal_before


def test_leftover_wal_kept_on_the_users_word(two_files, tmp_path):
    path, _other = two_files
    crashed = crash_snapshot(path, tmp_path / "crashed")
    db_guard.pair_path(crashed).unlink()  # e.g. left by an older PlanDesk
    with pytest.raises(db_guard.LeftoverWalError):
        open_database(crashed)
    with open_database(crashed, wal=db_guard.WAL_KEEP) as db:
        assert db.scalar("SELECT count(*) FROM plans WHERE title = '崩溃前的修改'") == 1


def test_live_wal_of_another_window_is_not_a_leftover(two_files, tmp_path):
    """A read command beside an open window sees the window's -wal: no question asked."""
    path, _other = two_files
    code = (
        f"import sys, time; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
        "from models.store.lock import DatabaseLock\n"
        "from models.store.open import open_database\n"
        f"lock = DatabaseLock({str(path)!r}); lock.acquire(); db = open_database({str(path)!r})\n"
        "db.conn.execute(\"UPDATE plans SET title = 'x' WHERE id = 1\")\n"
        "print('ready', flush=True); sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert db_guard.wal_path(path).stat().st_size > 0
        with open_database(path) as db:  # the pair does not match (no stamp after the
            assert db.scalar("SELECT count(*) FROM plans") >= 1  # raw UPDATE), yet it opens
        assert DatabaseLock(path).holder() is not None
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()


def test_empty_db_argument_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANDESK_DB", str(tmp_path / "env.db"))
    assert main.main(["--db", "", "list"]) == 1
    err = capsys.readouterr().err
    assert "--db" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "env.db").exists()
    with pytest.raises(DatabaseOpenError):
        open_database("")


def test_sqlite_sees_the_replacement_only_through_the_guard(two_files):
    """Without the guard SQLite writes its cached pages into the new file (the bug)."""
    path, other = two_files
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("SELECT count(*) FROM nodes").fetchone()
    conn.close()
    db = open_database(path)
    try:
        shutil.copyfile(other, path)
        with pytest.raises(db_guard.DatabaseReplacedError):
            with db.transaction() as c:
                c.execute("DELETE FROM nodes")
    finally:
        db.close()
