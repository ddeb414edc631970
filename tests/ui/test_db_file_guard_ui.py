"""The window notices a database file replaced under it (on focus and on the next edit),
says so in Chinese once, offers to save its data elsewhere, and never writes to the new file."""

from __future__ import annotations

import shutil
import sqlite3

from models.store import backup, db_guard
from tests.db_hash import content_hash
from ui import messages
from ui.backup import db_file_guard


def test_replaced_file_is_told_once_and_a_copy_saved(window, tmp_path, monkeypatch):
    path = window.document.db.path
    other = tmp_path / "other.db"
    backup.copy_database(window.document.db.conn, other)
    conn = sqlite3.connect(str(other))
    conn.execute("UPDATE plans SET title = '别人的文件'")
    conn.commit()
    conn.close()
    assert db_file_guard.check_on_focus(window)
    shutil.copyfile(other, path)  # a sync tool puts another version in place
    after = content_hash(path)
    asked = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: asked.append(a[2]) or True)
    copy = tmp_path / "窗口数据.db"
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(copy))
    assert not db_file_guard.check_on_focus(window)
    assert not db_file_guard.check_on_focus(window)  # told once only
    assert len(asked) == 1 and "已被其他程序替换" in asked[0]
    assert copy.exists()
    assert content_hash(path) == after  # the new file is not touched
    try:
        window.document.db.verify_file()
    except db_guard.DatabaseReplacedError:
        pass
    else:
        raise AssertionError("writes must stay refused")


def test_opening_a_copied_file_with_a_foreign_wal_asks(window, tmp_path, monkeypatch):
    """文件 → 打开 on a file whose -wal belongs to another file: asked, then set aside."""
    from models.store.open import open_database

    folder = tmp_path / "拷来的"
    folder.mkdir()
    target = folder / "plandesk.db"
    backup.copy_database(window.document.db.conn, target)
    db = open_database(target)
    db.conn.execute("UPDATE plans SET title = '日志里的修改'")
    # copyfile + copystat is copy2 without the CopyFile2 call that Wine 8 lacks
    shutil.copyfile(db_guard.wal_path(target), tmp_path / "wal")
    shutil.copystat(db_guard.wal_path(target), tmp_path / "wal")
    db.conn.close()  # as after a crash
    db_guard.pair_path(target).unlink()
    db_guard.wal_path(target).write_bytes((tmp_path / "wal").read_bytes())
    asked = []
    monkeypatch.setattr(
        db_file_guard, "ask_leftover_wal", lambda *a: asked.append(1) or db_guard.WAL_SET_ASIDE
    )
    assert window.open_database_file(target)
    assert asked == [1]
    assert not db_guard.wal_path(target).exists() or db_guard.wal_path(target).stat().st_size == 0
    assert list((folder / "backups").glob("*.set-aside"))
