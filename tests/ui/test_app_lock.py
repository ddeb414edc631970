"""Start-up with the database lock: a second PlanDesk is offered read-only viewing."""

from __future__ import annotations

import argparse
import hashlib
import sys

import pytest
import shiboken6

from models.sample import load_sample
from models.store.lock import DatabaseLock, lock_path, read_lock
from models.store.open import open_database
from ui import messages, strings
from ui.shell import app as app_module
from ui.shell import show_probe

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


class _NoEventLoop:
    """Stands in for the QApplication in run_gui: exec() returns at once.

    A real exec() ended by quit() would leave Qt's "quit now" flag set, and every later
    nested event loop of the test session (qtbot.wait) would return immediately.
    """

    def exec(self) -> int:
        return 0


@pytest.fixture
def quiet_start(monkeypatch, qapp):
    """run_gui without pytest-qt's handler replaced and without running the event loop."""
    monkeypatch.setattr(app_module, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(app_module, "create_application", lambda: _NoEventLoop())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen = {}

    def on_show(app, window):
        seen["title"] = window.windowTitle()
        seen["read_only"] = window.document.db.read_only
        seen["lock"] = read_lock(lock_path(window.document.path))
        seen["window"] = window

    monkeypatch.setattr(show_probe, "exit_after_show", on_show)
    yield seen
    if "window" in seen:  # delete now: its timers must not fire in later tests
        shiboken6.delete(seen["window"])


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "plandesk.db"
    with open_database(path) as db:
        load_sample(db)
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_plandesk_holds_the_lock_while_running(sample_file, quiet_start, monkeypatch):
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: pytest.fail("no question expected"))
    code = app_module.run_gui(argparse.Namespace(db=str(sample_file), no_sample=False))
    assert code == 0
    assert quiet_start["lock"] is not None and not quiet_start["read_only"]
    assert not lock_path(sample_file).exists()  # released at exit


def test_second_plandesk_declines_read_only(sample_file, quiet_start, monkeypatch):
    asked = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda p, t, text: asked.append((t, text)))
    with DatabaseLock(sample_file):
        before = digest(sample_file)
        code = app_module.run_gui(argparse.Namespace(db=str(sample_file), no_sample=False))
        assert code == 1
        assert digest(sample_file) == before
        assert lock_path(sample_file).exists()  # the first one's lock is left alone
    assert asked[0][0] == strings.LOCKED_TITLE and "只读" in asked[0][1]
    assert "window" not in quiet_start


def test_second_plandesk_opens_read_only(sample_file, quiet_start, monkeypatch):
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: True)
    with DatabaseLock(sample_file) as first:
        code = app_module.run_gui(argparse.Namespace(db=str(sample_file), no_sample=False))
        assert code == 0
        assert quiet_start["read_only"]
        assert quiet_start["title"].endswith(strings.READ_ONLY_SUFFIX)
        assert read_lock(lock_path(sample_file)).token == first._info.token  # untouched


def test_first_start_in_a_missing_folder_is_locked_too(tmp_path, quiet_start):
    path = tmp_path / "new" / "folder" / "plandesk.db"
    code = app_module.run_gui(argparse.Namespace(db=str(path), no_sample=True))
    assert code == 0 and quiet_start["lock"] is not None


def other_db(tmp_path, name):
    path = tmp_path / name
    with open_database(path) as db:
        load_sample(db)
    return path


def test_opening_another_database_moves_the_lock(window, tmp_path, monkeypatch):
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: pytest.fail("no question expected"))
    second = other_db(tmp_path, "second.db")
    third = other_db(tmp_path, "third.db")
    assert window.open_database_file(second)
    assert window.document.lock is not None and lock_path(second).exists()
    assert window.open_database_file(third)
    assert not lock_path(second).exists()  # released with the closed document
    assert lock_path(third).exists()
    assert window.open_database_file(third)  # the same file again: nothing to ask
    window.close_document()
    assert not lock_path(third).exists()


def test_opening_a_locked_database_from_the_menu(window, tmp_path, monkeypatch):
    locked = other_db(tmp_path, "locked.db")
    before_doc = window.document
    answers = iter([False, True])
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: next(answers))
    with DatabaseLock(locked) as first:
        assert not window.open_database_file(locked)
        assert window.document is before_doc
        assert window.open_database_file(locked)
        assert window.document.db.read_only and window.document.lock is None
        assert window.windowTitle().endswith(strings.READ_ONLY_SUFFIX)
        assert read_lock(lock_path(locked)).token == first._info.token


def test_restore_keeps_the_write_lock(window, tmp_path, monkeypatch):
    from models.store import backup
    from ui.backup.backup_dialog import restore_from

    second = other_db(tmp_path, "second.db")
    assert window.open_database_file(second)
    lock = window.document.lock
    saved = backup.make_backup(window.document.db, "manual")
    assert restore_from(window, saved)
    assert window.document.lock is lock and lock.held
    assert read_lock(lock_path(second)).token == lock._info.token


def test_lock_of_a_crashed_computer_can_be_broken_by_the_user(window, tmp_path, monkeypatch):
    import json
    import time

    share = other_db(tmp_path, "share.db")
    lock_path(share).write_text(
        json.dumps({"pid": 4242, "host": "办公室-PC2", "time": time.time(), "token": "x"}),
        encoding="utf-8",
    )
    asked = []
    answers = iter([False, True])  # not read-only; yes, break the lock

    def answer(parent, title, text):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_yes_no", answer)
    assert window.open_database_file(share)
    assert "办公室-PC2" in asked[1]
    assert not window.document.db.read_only
    assert read_lock(lock_path(share)).token == window.document.lock._info.token


def test_live_lock_of_this_computer_is_never_offered_for_breaking(window, tmp_path, monkeypatch):
    locked = other_db(tmp_path, "locked.db")
    asked = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda p, t, text: asked.append(text) or False)
    with DatabaseLock(locked):
        assert not window.open_database_file(locked)
    assert len(asked) == 1  # only the read-only question
