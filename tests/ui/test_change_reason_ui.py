"""The 定稿 rule on every window path: panel edit, table cell, bulk edit, paste, undo/redo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from models import outline, tracking
from models.errors import ChangeReasonRequiredError
from ui import messages
from ui.commands.outline import EditNodeFieldCommand
from ui.tracking.task_table_model import Col, TaskIdRole

pytestmark = pytest.mark.gui


@pytest.fixture
def final(window):
    """The first sample plan, 定稿, shown in the task table; (plan id, its tasks)."""
    db = window.document.db
    pid = outline.list_plans(db)[0].id
    outline.update_plan(db, pid, status="final")
    tasks = [n for n in outline.load_outline(db, pid) if n.kind == "task"]
    window.select_plan(pid)
    window.tracking.show_task_table()
    return pid, tasks


@pytest.fixture
def shown(monkeypatch):
    """Error boxes shown (they never open in tests)."""
    boxes: list[Exception] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: boxes.append(exc))
    return boxes


def _answer(monkeypatch, reason):
    asked: list[tuple] = []
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: asked.append(a) or reason)
    return asked


def _log(window, pid):
    return [
        (c.task_id, c.field, c.reason)
        for c in tracking.list_field_changes(window.document.db, plan_id=pid)
    ]


def test_the_panel_edit_is_the_window_slot_itself(window, final, monkeypatch):
    # no feature swaps the panel's signal: the window's own slot asks for the reason
    pid, tasks = final
    asked = _answer(monkeypatch, "县里调整")
    window.select_node(tasks[0].id)
    window.outline_editor.on_node_field_edited(tasks[0].id, "deadline", "9月底前")
    assert len(asked) == 1 and _log(window, pid) == [(tasks[0].id, "deadline", "县里调整")]


def test_a_blank_panel_reason_is_refused_with_a_message(window, final, monkeypatch, shown):
    pid, tasks = final
    _answer(monkeypatch, "  ")
    window.select_node(tasks[0].id)
    window.task_panel.field_edited.emit(tasks[0].id, "target", "5万只")
    assert [type(e) for e in shown] == [ChangeReasonRequiredError]
    assert outline.get_node(window.document.db, tasks[0].id).target is None
    assert _log(window, pid) == [] and window.document.undo_stack.count() == 0


def test_a_command_pushed_without_reason_is_refused(window, final):
    _pid, tasks = final
    with pytest.raises(ChangeReasonRequiredError):
        window.document.push(EditNodeFieldCommand(window.document, tasks[0].id, "deadline", "x"))
    assert outline.get_node(window.document.db, tasks[0].id).deadline is None


def test_undo_and_redo_of_a_logged_panel_edit(window, final, monkeypatch):
    pid, tasks = final
    db = window.document.db
    _answer(monkeypatch, "县里调整")
    window.select_node(tasks[0].id)
    before = tuple(db.query_one("SELECT * FROM nodes WHERE id = ?", (tasks[0].id,)))
    window.task_panel.field_edited.emit(tasks[0].id, "deadline", "9月底前")
    after = tuple(db.query_one("SELECT * FROM nodes WHERE id = ?", (tasks[0].id,)))
    asked = _answer(monkeypatch, None)  # undo and redo never ask
    window.actions["undo"].trigger()
    assert tuple(db.query_one("SELECT * FROM nodes WHERE id = ?", (tasks[0].id,))) == before
    assert _log(window, pid) == []
    window.actions["redo"].trigger()
    assert tuple(db.query_one("SELECT * FROM nodes WHERE id = ?", (tasks[0].id,))) == after
    assert _log(window, pid) == [(tasks[0].id, "deadline", "县里调整")]
    assert asked == []


def test_a_table_cell_edit_asks_and_logs(window, final, monkeypatch):
    pid, _tasks = final
    view = window.tracking.table
    asked = _answer(monkeypatch, None)
    index = view.proxy.index(0, Col.DEADLINE)
    assert not view.proxy.setData(index, "9月底前")  # cancelled
    assert _log(window, pid) == []
    _answer(monkeypatch, "县里调整")
    assert view.proxy.setData(index, "9月底前")
    task_id = index.data(TaskIdRole)
    assert len(asked) == 1 and _log(window, pid) == [(task_id, "deadline", "县里调整")]


def test_a_pasted_deadline_asks_and_logs(window, final, monkeypatch, qapp):
    pid, _tasks = final
    view = window.tracking.table
    QApplication.clipboard().setText("9月底前")
    view.table.setCurrentIndex(view.proxy.index(0, Col.DEADLINE))
    view.table.clearSelection()
    _answer(monkeypatch, None)
    assert view.paste_cells() == 0  # cancelled
    asked = _answer(monkeypatch, "县里调整")
    assert view.paste_cells() == 1
    task_id = view.proxy.index(0, Col.DEADLINE).data(TaskIdRole)
    assert len(asked) == 1 and _log(window, pid) == [(task_id, "deadline", "县里调整")]


def test_bulk_edit_and_paste_without_reason_write_nothing(window, final, monkeypatch, shown):
    pid, tasks = final
    view = window.tracking.table
    _answer(monkeypatch, "")
    ids = [t.id for t in tasks[:3]]
    assert not view.bulk_edit("deadline", "9月底前", ids)
    assert [type(e) for e in shown] == [ChangeReasonRequiredError]
    assert all(outline.get_node(window.document.db, i).deadline is None for i in ids)
    _answer(monkeypatch, "县里调整")
    assert view.bulk_edit("deadline", "9月底前", ids)
    assert [(t, r) for t, _f, r in _log(window, pid)] == [(i, "县里调整") for i in ids]
