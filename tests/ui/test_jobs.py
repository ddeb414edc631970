"""The one job runner (ui/jobs.py): delayed progress box, cancel, errors, lifetime."""

from __future__ import annotations

import gc
import logging
import sys
import threading
import weakref
from functools import partial

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from models.errors import Cancelled, PlanDeskError
from ui import jobs, strings
from ui.shell import crash_dialog
from ui.shell.crash_dialog import CrashDialog

pytestmark = pytest.mark.gui

WAIT_MS = 20_000


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def gate():
    """An event a job waits on; always released, so no worker outlives its test."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text))
    )
    return shown


def test_a_quick_job_shows_no_box(qtbot, parent, boxes):
    results = []
    handle = jobs.run_job(
        parent, lambda progress, should_cancel: 6 * 7, title="计算", on_done=results.append
    )
    qtbot.waitUntil(lambda: results == [42], timeout=WAIT_MS)
    assert not handle.shown and handle.dialog is None and handle.finished
    assert handle not in jobs.running() and boxes == []


def test_a_slow_job_shows_its_box_with_progress_then_closes_it(qtbot, parent, gate):
    results = []

    def slow(progress, should_cancel):
        progress(3, 10)
        gate.wait(WAIT_MS / 1000)
        return "done"

    handle = jobs.run_job(parent, slow, title="导出", label="正在导出……", on_done=results.append)
    assert handle.dialog is None  # not before the delay
    qtbot.waitUntil(lambda: box_visible(handle), timeout=WAIT_MS)
    dialog = handle.dialog
    assert dialog.windowTitle() == "导出" and dialog.labelText() == "正在导出……"
    qtbot.waitUntil(lambda: dialog.value() == 3, timeout=WAIT_MS)
    assert dialog.maximum() == 10
    assert dialog.findChildren(QPushButton) == []  # nothing to cancel: no button
    gate.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=WAIT_MS)
    assert handle.dialog is None and not (shiboken_valid(dialog) and dialog.isVisible())


def test_silent_work_never_shows_a_box(qtbot, parent, gate):
    results = []
    handle = jobs.run_job(
        parent,
        lambda progress, should_cancel: gate.wait(WAIT_MS / 1000),
        title="备份",
        on_done=results.append,
        progress=False,
    )
    qtbot.wait(jobs.PROGRESS_DELAY_MS + 300)
    assert handle.dialog is None
    gate.set()
    qtbot.waitUntil(lambda: results == [True], timeout=WAIT_MS)
    assert not handle.shown


def test_cancel_in_the_box_stops_the_job(qtbot, parent, boxes):
    done, cancelled, ended = [], [], []

    def loop(progress, should_cancel):
        while not should_cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    handle = jobs.run_job(
        parent,
        loop,
        title="导入",
        on_done=done.append,
        on_cancelled=lambda: cancelled.append(True),
        on_end=lambda: ended.append(True),
        cancellable=True,
    )
    qtbot.waitUntil(lambda: box_visible(handle), timeout=WAIT_MS)
    (button,) = handle.dialog.findChildren(QPushButton)
    assert button.text() == strings.JOB_CANCEL
    button.click()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=WAIT_MS)
    assert done == [] and ended == [True] and boxes == [] and handle.dialog is None


def test_a_known_error_is_a_chinese_message_box(qtbot, parent, boxes):
    def refuse(progress, should_cancel):
        raise PlanDeskError("目标文件夹不存在。")

    handle = jobs.run_job(parent, refuse, title="导出", on_done=lambda _r: None)
    qtbot.waitUntil(lambda: handle.finished, timeout=WAIT_MS)
    assert boxes == [(strings.TITLE_ERROR, "目标文件夹不存在。")]


def test_a_known_error_can_go_to_the_caller_instead(qtbot, parent, boxes):
    errors = []

    def refuse(progress, should_cancel):
        raise PlanDeskError("无法读取该文件。")

    jobs.run_job(parent, refuse, title="检查", on_done=lambda _r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert errors[0].user_text == "无法读取该文件。" and boxes == []


def test_a_bug_goes_to_the_crash_dialog_with_its_traceback_logged(
    qtbot, parent, boxes, monkeypatch, caplog, tmp_path
):
    shown = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self) or 0)
    done = []

    def buggy_export(progress, should_cancel):
        return {}["missing"]

    # the app's hook (ui/shell/app.py), set by hand: pytest-qt restores its own after the test
    old_hook = sys.excepthook
    sys.excepthook = partial(crash_dialog.excepthook, log_path=tmp_path / "plandesk.log")
    try:
        with caplog.at_level(logging.INFO):
            jobs.run_job(parent, buggy_export, title="导出", on_done=done.append)
            qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    finally:
        sys.excepthook = old_hook
    details = shown[0].details_edit.toPlainText()
    assert "KeyError: 'missing'" in details and "buggy_export" in details
    logged = [r for r in caplog.records if r.message == "unexpected error"]
    assert logged and logged[0].exc_info[0] is KeyError
    assert done == [] and boxes == []  # never shown as if it were a known error


def test_the_job_survives_garbage_collection_during_the_run(qtbot, parent, gate):
    results = []
    handle = jobs.run_job(
        parent,
        lambda progress, should_cancel: gate.wait(WAIT_MS / 1000) and "alive",
        title="导出",
        on_done=results.append,
        progress=False,
    )
    job_ref = weakref.ref(handle.job)
    del handle
    gc.collect()
    assert job_ref() is not None  # the runner holds it, not the caller
    gate.set()
    qtbot.waitUntil(lambda: results == ["alive"], timeout=WAIT_MS)
    assert jobs.running() == set()


def test_a_closed_parent_gets_no_callback(qtbot, gate, boxes):
    widget = QWidget()
    widget.show()
    called = []
    jobs.run_job(
        widget,
        lambda progress, should_cancel: gate.wait(WAIT_MS / 1000),
        title="检查",
        on_done=called.append,
        on_end=lambda: called.append("end"),
    )
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(widget), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=WAIT_MS)
    assert called == [] and boxes == []


def test_a_parent_closed_while_its_box_shows_gets_no_callback(qtbot, gate, boxes):
    widget = QWidget()
    widget.show()
    called = []
    handle = jobs.run_job(
        widget,
        lambda progress, should_cancel: gate.wait(WAIT_MS / 1000),
        title="导出",
        on_done=called.append,
    )
    qtbot.waitUntil(lambda: box_visible(handle), timeout=WAIT_MS)
    box = handle.dialog
    widget.deleteLater()  # the box is its child: it goes too
    qtbot.waitUntil(lambda: not shiboken_valid(box), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=WAIT_MS)
    assert called == [] and boxes == [] and handle.dialog is None


def test_escape_on_a_box_without_cancel_does_not_stop_the_work(qtbot, parent, gate):
    results = []
    handle = jobs.run_job(
        parent,
        lambda progress, should_cancel: gate.wait(WAIT_MS / 1000) and not should_cancel(),
        title="导出",
        on_done=results.append,
    )
    qtbot.waitUntil(lambda: box_visible(handle), timeout=WAIT_MS)
    handle.dialog.close()  # what Esc or the title bar's close button does
    assert not handle.job.cancelled
    gate.set()
    qtbot.waitUntil(lambda: results == [True], timeout=WAIT_MS)


def box_visible(handle: jobs.RunningJob) -> bool:
    return handle.dialog is not None and handle.dialog.isVisible()


def shiboken_valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
