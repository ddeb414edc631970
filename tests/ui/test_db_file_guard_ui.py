"""The window notices a database file replaced under it (on focus and on the next edit),
says so in Chinese once, offers to save its data elsewhere, and never writes to the new file."""

from __future__ import annotations

import shutil
import sqlite3

from models import backup, db_guard
from tests.db_hash import content_hash
from ui import db_file_guard, messages


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
