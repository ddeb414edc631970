"""A wheel turn over an unfocused combo/spin/date field scrolls the form, everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

from models import outline
from ui.exporting.report_dialog import ReportDialog
from ui.rollover.compare_dialog import CompareDialog
from ui.rollover.rollover_dialog import RolloverDialog
from ui.shell import wheel_guard
from ui.tracking.task_table_view import BulkEditDialog
from ui.tracking.units_dialog import TrackingSettingsDialog, UnitsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def wheel(widget: QWidget, steps: int = -3) -> None:
    """Send a wheel turn (negative = towards the user, i.e. scroll down) to the widget."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    return widget.text()


def guarded_fields(root: QWidget) -> list[QWidget]:
    """Every combo/spin/date field under root, without the line edits inside them."""
    found = root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
    return [w for w in found if w.isEnabled()]


def assert_wheel_changes_nothing(root: QWidget) -> int:
    """Turn the wheel over each field of root (both ways); no value may change."""
    fields = guarded_fields(root)
    for field in fields:
        before = value_of(field)
        wheel(field, -3)
        wheel(field, 2)
        assert value_of(field) == before, f"{type(field).__name__} {field.objectName()}"
        assert field.focusPolicy() != Qt.FocusPolicy.WheelFocus
    return len(fields)


def test_wheel_over_task_status_scrolls_the_panel(window, qtbot):
    window.resize(1000, 500)
    plan_id = window.document.tree_model.plan_ids()[0]
    window.select_plan(plan_id)
    window.outline_editor.expand_current_plan()
    task_id = next(
        n.id for n in outline.load_outline(window.document.db, plan_id) if n.kind == "task"
    )
    window.select_node(task_id)
    panel = window.task_panel
    status = panel.editor("status")
    progress = panel.editor("progress")
    area = panel.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(0)
    window.tree_view.setFocus()
    wheel(status, -3)
    assert status.currentData() == "not_started"
    assert area.verticalScrollBar().value() > 0  # the form scrolled instead
    wheel(progress, 3)
    assert progress.value() == 0
    undo = window.document.undo_stack
    assert undo.count() == 0  # nothing was saved


def test_wheel_changes_a_focused_field(window, qtbot):
    spin = window.task_panel.editor("progress")
    window.task_panel.object_id = None  # nothing is committed
    window.detail_stack.setCurrentWidget(window.task_panel)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 1


def test_every_panel_of_the_window(window, qtbot):
    count = assert_wheel_changes_nothing(window)
    for dock in (window.tracking.table_dock, window.tracking.due_dock):
        dock.show()
        count += assert_wheel_changes_nothing(dock)
    assert count >= 4  # status, progress, the two date fields of the tracking panel


def test_every_dialog(window, qtbot):
    doc = window.document
    plans = doc.tree_model.plan_ids()
    dialogs = [
        ReportDialog(doc.db, plans[0], window),
        CompareDialog(doc, plan_b=plans[0], parent=window),
        RolloverDialog("计划", 2024, window),
        BulkEditDialog(3, lambda _field: ["甲", "乙"], window),
        UnitsDialog(doc, window.push, window),
        TrackingSettingsDialog(doc.db, window),
    ]
    total = 0
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        total += assert_wheel_changes_nothing(dialog)
        dialog.reject()
    assert total >= 6


def test_install_is_idempotent(qapp):
    assert wheel_guard.install(qapp) is wheel_guard.install(qapp)
