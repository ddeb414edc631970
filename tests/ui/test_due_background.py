"""The due list and the due notice read in a job (ui/backup/db_jobs.py): same rows, newest wins."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QThreadPool

from models import outline, tracking
from tests.frozen_clock import frozen_today
from ui.backup import db_jobs
from ui.commands.tracking import edit_task_field

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


_today = frozen_today(dt.date(2024, 6, 10))


def _tasks(window):
    plan_id = outline.list_plans(window.document.db)[0].id
    return [n for n in outline.load_outline(window.document.db, plan_id) if n.kind == "task"]


def test_a_query_runs_on_a_connection_of_its_own(window):
    db = window.document.db
    counts = db_jobs.run_query(db.path, tracking.alert_counts)
    assert counts == tracking.alert_counts(db)
    assert not db.in_transaction  # the window's connection was not used


def test_background_reload_shows_the_same_rows(window, qtbot):
    tasks = _tasks(window)
    window.push(edit_task_field(window.document, tasks[0].id, "due_date", "2024-06-01"))
    due = window.tracking.due
    due.reload_in_background()
    assert due.loading
    qtbot.waitUntil(lambda: not due.loading)
    expected = tracking.due_list(window.document.db, dt.date(2024, 6, 10))
    assert [(i.node_id, i.light) for i in due.model.items] == [
        (i.node_id, i.light) for i in expected
    ]
    assert due.counts()["red"] == 1


def test_an_older_background_result_never_replaces_a_newer_list(window, qtbot):
    tasks = _tasks(window)
    due = window.tracking.due
    due.reload_in_background()  # may read the file before the edit below
    window.push(edit_task_field(window.document, tasks[0].id, "due_date", "2024-06-01"))
    due.reload()  # on the UI thread, after the edit
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)  # the job's result (if any) is delivered now, and dropped
    assert not due.loading
    assert due.counts()["red"] == 1


def test_a_result_arriving_after_the_file_closed_is_dropped(window, qtbot):
    """Closing at exit while a due-list query runs: its result used to read the closed file
    ("Cannot operate on a closed database") when it arrived."""
    due = window.tracking.due
    window.tracking.show_due_list()
    due.reload_in_background()
    window.tracking.update_notice()
    db = window.document.db
    window.close_document()
    assert db.closed
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)  # the results are delivered now, and dropped


def test_rows_arrive_in_slices_and_end_complete(window, qtbot, qtmodeltester, monkeypatch):
    from ui.tracking import due_list_view

    tasks = _tasks(window)
    for task in tasks[:5]:
        window.push(edit_task_field(window.document, task.id, "due_date", "2024-06-01"))
    monkeypatch.setattr(due_list_view, "SHOW_CHUNK", 2)
    due = window.tracking.due
    due.reload_in_background()
    qtbot.waitUntil(lambda: not due.loading)
    expected = tracking.due_list(window.document.db, dt.date(2024, 6, 10))
    assert len(expected) > 4  # more than two slices
    assert [i.node_id for i in due.model.items] == [i.node_id for i in expected]
    assert due.proxy.rowCount() == len(expected)
    assert due.counts()["red"] == 5
    qtmodeltester.check(due.model)
