"""A second start on a database open here raises the running window instead of asking."""

from __future__ import annotations

import json
import os

import pytest

from models.store.lock import DatabaseLock, lock_path, this_host
from models.store.open import open_database
from ui.document import Document
from ui.shell import single_instance
from ui.shell.main_window import MainWindow

pytestmark = [
    pytest.mark.gui,
    # offscreen has no window stack to raise a window in
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise"),
]


@pytest.fixture
def writer_window(qtbot, db_path):
    lock = DatabaseLock(db_path)
    lock.acquire()
    win = MainWindow(Document(open_database(db_path), lock=lock))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_document()


def test_second_start_raises_the_open_window(writer_window, db_path, qtbot, monkeypatch):
    monkeypatch.setattr(single_instance, "held_here", lambda path: True)  # "another process"
    raised: list[bool] = []
    writer_window.raise_watcher.raise_requested.connect(lambda: raised.append(True))
    assert single_instance.raise_running(db_path, timeout_ms=5000)
    assert raised == [True]
    assert not single_instance.request_file(db_path).exists()


def test_no_answer_falls_back_and_leaves_nothing(db_path, qapp, monkeypatch):
    monkeypatch.setattr(single_instance, "held_here", lambda path: True)
    assert not single_instance.raise_running(db_path, timeout_ms=300)
    assert not single_instance.request_file(db_path).exists()


def write_lock(db_path, pid: int, host: str) -> None:
    lock_path(db_path).write_text(json.dumps({"pid": pid, "host": host, "time": 0}))


def test_only_a_lock_of_another_process_here_counts(db_path, qapp):
    assert not single_instance.held_here(db_path)  # no lock at all
    write_lock(db_path, os.getpid() + 1, "another-computer")
    assert not single_instance.held_here(db_path)  # a network share: never raised
    write_lock(db_path, os.getpid(), this_host())
    assert not single_instance.held_here(db_path)  # this very process
    write_lock(db_path, os.getpid() + 1, this_host())
    assert single_instance.held_here(db_path)
