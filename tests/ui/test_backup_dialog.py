"""文件 → 备份… / 从备份恢复…, and the daily backup when the window opens a database."""

from __future__ import annotations

import os

import pytest

from models import outline
from models.store import backup, settings
from tests.db_hash import content_hash as dump_hash
from ui import jobs, messages, strings
from ui.backup import backup_dialog
from ui.backup.backup_dialog import BackupDialog, backup_now, restore_from

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_file_menu_has_backup_and_restore(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert strings.ACT_BACKUP in texts and strings.ACT_RESTORE in texts
    assert texts.index(strings.ACT_RESTORE) < texts.index(window.actions["quit"].text())


def test_daily_backup_when_the_window_opens(window, qtbot):
    folder = backup.backup_dir(window.document.path)
    qtbot.waitUntil(lambda: bool(backup.list_backups(folder)))  # written by a job
    infos = backup.list_backups(folder)
    assert [(i.kind, i.reason) for i in infos] == [("daily", "start")]
    assert infos[0].plans == 3


def test_backup_to_the_proposed_name_and_to_a_stick(window, monkeypatch, tmp_path):
    proposals = []

    def choose(parent, title, file_filter, directory=""):
        proposals.append(directory)
        return directory

    monkeypatch.setattr(messages, "get_save_path", choose)
    out = backup_now(window)
    assert out is not None and backup.parse_name(out)[2] == "manual"
    assert out.parent == backup.backup_dir(window.document.path)
    stick = tmp_path / "U盘" / "plandesk-备份.db"
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(stick))
    assert backup_now(window) == stick
    assert dump_hash(stick) == dump_hash(window.document.db.conn)
    assert strings.BACKUP_DONE.format(path=stick) == window.statusBar().currentMessage()


def test_backup_error_is_shown_not_raised(window, monkeypatch, tmp_path):
    taken = tmp_path / "exists.db"
    taken.write_bytes(b"keep")
    shown = []
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(taken))
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    assert backup_now(window) is None
    assert len(shown) == 1 and taken.read_bytes() == b"keep"


def test_dialog_lists_backups_with_counts(window, qtbot):
    backup.backup_before(window.document.db, "rollover")
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1:5] == [strings.BACKUP_KIND["event"], strings.BACKUP_REASON["rollover"], "3", "55"]
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()


def test_damaged_backup_is_listed_but_cannot_be_chosen(window, qtbot):
    folder = backup.backup_dir(window.document.path)
    (folder / backup.backup_name(window.document.path, "event", "import")).write_bytes(
        os.urandom(3000)
    )
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    bad_row = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 3).text() == strings.BACKUP_UNUSABLE
    )
    dialog.table.selectRow(bad_row)
    assert not dialog.restore_button.isEnabled()


def test_restore_after_confirmation_replaces_data_and_clears_undo(window, qtbot, monkeypatch):
    db = window.document.db
    saved = backup.make_backup(db, "manual")
    saved_hash = dump_hash(saved)
    outline.delete_plan(db, window.document.tree_model.plan_ids()[0])
    outline.update_plan(db, window.document.tree_model.plan_ids()[-1], title="改过的标题")
    window.document.undo_stack.push(_noop_command())
    before_restore = dump_hash(db.conn)
    asked = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda p, t, text: asked.append(text) or True)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.infos[r].path == saved)
    dialog.table.selectRow(row)
    old_document = window.document
    dialog.restore_button.click()
    assert asked and "3 个计划" in asked[0] and "55 项任务" in asked[0]
    assert dialog.restored_from == saved
    assert window.document is not old_document
    assert window.document.undo_stack.count() == 0
    assert dump_hash(window.document.db.conn) == saved_hash
    assert len(window.document.tree_model.plan_ids()) == 3
    safety = [
        i
        for i in backup.list_backups(backup.backup_dir(window.document.path))
        if i.reason == "restore"
    ]
    assert len(safety) == 1 and dump_hash(safety[0].path) == before_restore


def _noop_command():
    from PySide6.QtGui import QUndoCommand

    return QUndoCommand("x")


def test_no_confirmation_no_restore(window, qtbot, monkeypatch):
    db = window.document.db
    saved = backup.make_backup(db, "manual")
    outline.delete_plan(db, window.document.tree_model.plan_ids()[0])
    before = dump_hash(db.conn)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: False)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(
        next(r for r in range(len(dialog.infos)) if dialog.infos[r].path == saved)
    )
    dialog.restore_button.click()
    assert dialog.restored_from is None
    assert dump_hash(window.document.db.conn) == before


def test_restore_from_a_bad_other_file_shows_the_error(window, qtbot, monkeypatch, tmp_path):
    junk = tmp_path / "别处的文件.db"
    junk.write_bytes(b"not a database at all" * 50)
    shown = []
    monkeypatch.setattr(messages, "get_open_path", lambda *a, **k: str(junk))
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: True)
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    before = dump_hash(window.document.db.conn)
    old_document = window.document
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    dialog.other_button.click()
    assert len(shown) == 1 and "无法恢复" in shown[0].user_text
    assert window.document is old_document
    assert dump_hash(window.document.db.conn) == before


def test_restore_from_on_a_read_only_document_is_refused(window, monkeypatch, tmp_path):
    saved = backup.make_backup(window.document.db, "manual")
    window.document.db.read_only = True
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    assert not restore_from(window, saved)
    assert "只读" in shown[0].user_text
    window.document.db.read_only = False


def test_reason_labels():
    assert backup_dialog.reason_label("migration-v2") == strings.BACKUP_REASON["migration"]
    assert backup_dialog.reason_label("import") == strings.BACKUP_REASON["import"]
    assert backup_dialog.reason_label("odd") == "odd"


def test_keep_counts_and_network_mode_are_stored_in_the_database(window, qtbot):
    from models.store.db import SETTING_JOURNAL

    db = window.document.db
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.keep_daily.value() == backup.DEFAULT_KEEP_DAILY
    assert dialog.keep_event.value() == backup.DEFAULT_KEEP_EVENT
    dialog.keep_event.setValue(3)
    dialog.keep_daily.setValue(30)
    assert backup.keep_count(db, backup.SETTING_KEEP_EVENT, 0) == 3
    assert backup.keep_count(db, backup.SETTING_KEEP_DAILY, 0) == 30
    made = [backup.backup_before(db, "import") for _ in range(5)]
    events = [i.path for i in backup.list_backups(backup.backup_dir(db.path)) if i.kind == "event"]
    assert sorted(events) == sorted(made[-3:])
    dialog.network_check.setChecked(True)
    assert settings.get_text(db, SETTING_JOURNAL) == "DELETE"
    dialog.network_check.setChecked(False)
    assert settings.get_text(db, SETTING_JOURNAL) is None


def test_settings_are_disabled_on_a_read_only_database(window, qtbot):
    window.document.db.read_only = True
    try:
        dialog = BackupDialog(window)
        qtbot.addWidget(dialog)
        assert not dialog.keep_daily.isEnabled() and not dialog.network_check.isEnabled()
    finally:
        window.document.db.read_only = False


def _crashed_lock(path):
    """A lock taken over from a (fake) PlanDesk that died: took_over is set."""
    import json
    import subprocess
    import sys
    import time

    from models.store.lock import DatabaseLock, lock_path, this_host

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    lock_path(path).write_text(
        json.dumps({"pid": proc.pid, "host": this_host(), "time": time.time(), "token": "dead"})
    )
    lock = DatabaseLock(path)
    lock.acquire()
    assert lock.took_over is not None
    return lock


def test_after_a_crash_a_sound_database_is_checked_and_said_so(window, tmp_path):
    from models.sample import load_sample
    from models.store.open import open_database
    from ui.document import Document

    path = tmp_path / "after-crash.db"
    with open_database(path) as db:
        load_sample(db)
    window.set_document(Document(open_database(path), lock=_crashed_lock(path)))
    assert window.statusBar().currentMessage() == strings.CRASH_CHECK_OK


def test_after_a_crash_problems_are_reported(window, tmp_path, monkeypatch):
    from models.sample import load_sample
    from models.store.open import open_database
    from ui.document import Document

    path = tmp_path / "after-crash.db"
    with open_database(path) as db:
        load_sample(db)
        db.conn.execute("UPDATE nodes SET position = position + 7 WHERE id = 1")
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda p, title, text: shown.append(text))
    window.set_document(Document(open_database(path), lock=_crashed_lock(path)))
    assert len(shown) == 1 and "positions:" in shown[0]


def test_damaged_database_warns_instead_of_a_daily_backup(window, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))

    def damaged(db, today=None):
        raise backup.DamagedDatabaseError()

    monkeypatch.setattr(backup, "daily_backup", damaged)
    assert backup_dialog.daily_backup_for(window, window.document) is None
    assert isinstance(shown[0], backup.DamagedDatabaseError)


def test_a_failed_daily_backup_is_said_in_a_box(window, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error_text", lambda parent, text: shown.append(text))

    def full_disk(db, today=None):
        raise backup.BackupError()

    monkeypatch.setattr(backup, "daily_backup", full_disk)
    assert backup_dialog.daily_backup_for(window, window.document) is None
    assert shown == [strings.DAILY_BACKUP_FAILED.format(error=backup.BackupError().user_text)]


def test_a_damaged_database_found_by_the_daily_backup_job_warns(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    monkeypatch.setattr(backup, "daily_backup_due", lambda db, today=None: True)

    def damaged(plan):
        raise backup.DamagedDatabaseError()

    monkeypatch.setattr(backup, "run_daily_backup", damaged)
    job = backup_dialog.start_daily_backup(window, window.document)
    assert job is not None
    qtbot.waitUntil(lambda: bool(shown))  # reported on the UI thread when the job failed
    assert isinstance(shown[0], backup.DamagedDatabaseError)
    assert job.finished and job not in jobs.running()
