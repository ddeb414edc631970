"""Ctrl+Z in a text field undoes the typing first, then the window's last change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models import outline

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def first_task(window) -> int:
    plan_id = window.document.tree_model.plan_ids()[0]
    db = window.document.db
    return next(n.id for n in outline.load_outline(db, plan_id) if n.kind == "task")


def test_ctrl_z_in_a_field_undoes_typing_then_the_last_change(window, qtbot):
    task = first_task(window)
    window.select_node(task)
    edit = window.task_panel.editor("owner_unit")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "abc")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # committed: one undo step
    stack = window.document.undo_stack
    assert stack.index() == 1
    assert outline.get_node(window.document.db, task).owner_unit == "abc"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == ""  # the field's own typing went first
    assert stack.index() == 1
    while edit.isUndoAvailable():
        qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 0  # nothing left in the field: the window's undo
    assert not outline.get_node(window.document.db, task).owner_unit
