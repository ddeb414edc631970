"""Every window and dialog fits the free area of its screen; the main window remembers maximized."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QDialog

from models.store.open import open_database
from ui.backup.backup_dialog import BackupDialog
from ui.document import Document
from ui.exporting.report_dialog import ReportDialog
from ui.rollover.compare_dialog import CompareDialog
from ui.rollover.rollover_dialog import RolloverDialog
from ui.shell import screen_fit
from ui.shell.main_window import MainWindow
from ui.shell.window_settings import SETTINGS_MAXIMIZED
from ui.tracking.units_dialog import UnitsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

# 1366×728 (a 40-px taskbar) at 150 %: what a dialog may need at least, in logical pixels.
SMALLEST_SCREEN_AT_150 = QSize(1366 * 2 // 3, 728 * 2 // 3)


def assert_fits(widget) -> None:
    area = screen_fit.available_area(widget)
    framed = widget.size() + screen_fit.FRAME_ALLOWANCE
    assert framed.width() <= area.width() and framed.height() <= area.height(), widget
    assert area.contains(widget.pos()), widget


def dialogs_of(window) -> list[QDialog]:
    doc = window.document
    plans = doc.tree_model.plan_ids()
    return [
        ReportDialog(doc.db, plans[0], window),
        CompareDialog(doc, plan_b=plans[0], parent=window),
        RolloverDialog("计划", 2024, window),
        UnitsDialog(doc, window.push, window),
        BackupDialog(window),
    ]


def test_every_dialog_fits_the_screen(window, qtbot):
    for dialog in dialogs_of(window):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_fits(dialog)
        # usable at 150 %: its smallest layout fits the smallest screen
        assert dialog.minimumSizeHint().width() <= SMALLEST_SCREEN_AT_150.width(), dialog
        assert dialog.minimumSizeHint().height() <= SMALLEST_SCREEN_AT_150.height(), dialog
        dialog.reject()


def test_a_too_large_dialog_is_shrunk_when_shown(window, qtbot):
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.resize(3000, 2000)
    dialog.move(-500, -500)
    dialog.show()
    assert_fits(dialog)


def test_main_window_fits_and_remembers_maximized(qtbot, db_path):
    win = MainWindow(Document(open_database(db_path)))
    qtbot.addWidget(win)
    win.showNormal()
    assert_fits(win)
    win.showMaximized()
    qtbot.waitUntil(win.isMaximized)
    win.close()
    assert QSettings().value(SETTINGS_MAXIMIZED) in (True, "true")
    win.close_document()
    again = MainWindow(Document(open_database(db_path)))
    qtbot.addWidget(again)
    assert again.windowState() & again.windowState().WindowMaximized
    again.close_document()


def test_task_panel_puts_daily_fields_first(window, qtbot):
    panel = window.task_panel
    window.detail_stack.setCurrentWidget(panel)
    body = panel.editor("text").parentWidget()

    def y(widget) -> int:
        return widget.mapTo(body, widget.rect().topLeft()).y()

    daily = [panel.editor(f) for f in ("text", "status", "progress", "deadline")]
    notes = window.tracking.panel.pr_table
    once = [panel.editor(f) for f in ("lead_leader", "owner_unit", "target", "note")]
    assert max(y(w) for w in daily) < y(notes) < min(y(w) for w in once)
    assert y(notes) < y(window.tracking.panel.cp_table)


def test_main_window_is_usable_at_150_percent(window):
    for dock in (window.tracking.table_dock, window.tracking.due_dock):
        dock.show()
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALLEST_SCREEN_AT_150.width()
    assert hint.height() <= SMALLEST_SCREEN_AT_150.height()


def test_task_panel_needs_no_sideways_scrolling_at_150_percent(window):
    from PySide6.QtWidgets import QScrollArea

    body = window.task_panel.findChild(QScrollArea).widget()
    # the panel's share of a 910-px wide window (the splitter gives it 3/5)
    assert body.minimumSizeHint().width() <= SMALLEST_SCREEN_AT_150.width() * 3 // 5 - 40
