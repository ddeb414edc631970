"""Wires tracking into the main window: tracking menu, task table, due list, search, notices.

``install(window)`` is called once by the main window (one line there); everything else
lives in the tracking widgets. The widgets follow the open Document through
``window.document_replaced``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMenu, QPushButton

from models import tracking
from models.errors import PlanDeskError
from models.vocab import Light
from ui import strings
from ui.backup import db_jobs
from ui.host import Host
from ui.outline.plan_tree_model import (
    KIND_PLAN,
    KIND_SECTION,
    KIND_TASK,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
)
from ui.tracking.checkpoints_widget import TrackingPanelWidget
from ui.tracking.due_list_view import DueListView
from ui.tracking.search_view import SearchBox, SearchResultsView
from ui.tracking.task_table_view import TaskTableView

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 250


class TrackingUi:
    """The tracking parts of one main window (the window keeps it as ``tracking``)."""

    def __init__(self, window: Host) -> None:
        self.window = window
        doc = window.document
        self.table = TaskTableView(doc, window.push)
        self.due = DueListView(doc.db)
        self.results = SearchResultsView(doc.db)
        self.search_box = SearchBox(window)
        self.panel = TrackingPanelWidget(doc, window.push)
        window.task_panel.add_extra_widget(self.panel)
        self.table_dock = self._dock("task_table_dock", strings.ACT_TASK_TABLE, self.table)
        self.due_dock = self._dock("due_list_dock", strings.ACT_DUE_LIST, self.due)
        self.search_dock = self._dock("search_dock", strings.ACT_SEARCH_RESULTS, self.results)
        window.tabifyDockWidget(self.table_dock, self.due_dock)
        window.tabifyDockWidget(self.due_dock, self.search_dock)
        for dock in (self.table_dock, self.due_dock, self.search_dock):
            dock.hide()
        self.notice = QPushButton(window)
        self.notice.setObjectName("due_notice")
        self.notice.setFlat(True)
        self.notice.setCursor(Qt.CursorShape.PointingHandCursor)
        self.notice.setToolTip(strings.DUE_NOTICE_TIP)
        self.notice.hide()
        # permanent: a status message would paint over an ordinary status-bar widget
        window.statusBar().insertPermanentWidget(0, self.notice)
        self._due_timer = QTimer(window)
        self._due_timer.setSingleShot(True)
        self._due_timer.setInterval(REFRESH_DELAY_MS)
        self._due_timer.timeout.connect(self.refresh_due)
        self._due_full = False
        self._due_nodes = set()
        self._notice_generation = 0
        self._create_menu()
        window.toolbar.addSeparator()
        window.toolbar.addWidget(self.search_box)
        self._connect()
        self._bind(doc)

    # ------------------------------------------------------------ construction
    def _dock(self, name: str, title: str, widget: Any) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _create_menu(self) -> None:
        w = self.window
        menu = QMenu(strings.MENU_TRACKING, w)
        w.menuBar().insertMenu(w.help_menu.menuAction(), menu)
        self.menu = menu
        table = self.table_dock.toggleViewAction()
        table.setText(strings.ACT_TASK_TABLE)
        table.setShortcut("Ctrl+Shift+T")
        table.setStatusTip(strings.TIP_TASK_TABLE)
        due = self.due_dock.toggleViewAction()
        due.setText(strings.ACT_DUE_LIST)
        due.setShortcut("Ctrl+Shift+D")
        due.setStatusTip(strings.TIP_DUE_LIST)
        results = self.search_dock.toggleViewAction()
        results.setText(strings.ACT_SEARCH_RESULTS)
        menu.addActions([table, due, results])
        w.actions["task_table"], w.actions["due_list"] = table, due
        menu.addSeparator()
        w.add_action(menu, strings.ACT_BULK_EDIT, self.table.ask_bulk_edit, key="bulk_edit")
        w.add_action(menu, strings.ACT_UNITS, self.open_units, key="units")
        menu.addSeparator()
        w.add_action(menu, strings.ACT_IMPORT_TABLE, self.import_table, key="import_table")
        w.add_action(
            menu, strings.ACT_FEEDBACK_SHEETS, self.write_feedback_sheets, key="feedback_sheets"
        )
        w.add_action(menu, strings.ACT_IMPORT_FEEDBACK, self.import_feedback, key="import_feedback")
        menu.addSeparator()
        w.add_action(
            menu, strings.ACT_TRACKING_SETTINGS, self.open_settings, key="tracking_settings"
        )

    def _connect(self) -> None:
        w = self.window
        self.table_dock.visibilityChanged.connect(lambda visible: visible and self.follow())
        self.due_dock.visibilityChanged.connect(lambda visible: visible and self.refresh_due())
        self.search_box.search_requested.connect(self.run_search)
        self.results.node_activated.connect(w.select_node)
        self.due.node_activated.connect(w.select_node)
        self.table.task_activated.connect(w.select_node)
        self.notice.clicked.connect(self.show_due_list)
        w.task_panel.task_shown.connect(self.panel.show_task)
        w.document_replaced.connect(self._bind)

    def _bind(self, doc: Any) -> None:
        """Follow a (new) Document: its tree selection and its changes."""
        if self.table.document is not doc:
            self.table.set_document(doc)
            self.panel.set_document(doc)
            self.due.set_database(doc.db)
            self.results.set_database(doc.db)
        self.window.tree_view.selectionModel().currentChanged.connect(self._on_current_changed)
        doc.changed.connect(self._on_document_changed)
        self.update_notice()

    # ------------------------------------------------------------ following the window
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.table_dock.isVisible():
            self.follow(current)

    def follow(self, index: QModelIndex | None = None) -> None:
        """Show the tasks of the plan or section selected in the tree (a task: its section)."""
        index = self.window.tree_view.currentIndex() if index is None else index
        kind = index.data(NodeKindRole) if index.isValid() else None
        if kind == KIND_TASK and index.parent().isValid():
            index = index.parent()
            kind = index.data(NodeKindRole)
        if kind not in (KIND_PLAN, KIND_SECTION):
            self.table.load(None)
            return
        plan_id = index.data(PlanIdRole)
        section_id = index.data(NodeIdRole) if kind == KIND_SECTION else None
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        try:
            self.table.load(plan_id, section_id, title)
        except PlanDeskError:
            self.table.load(None)

    def _on_document_changed(self, change: Any) -> None:
        # Shortly after a burst of edits: field edits update their rows in place; a change
        # of the outline or of whole plans rebuilds the list (only when it is shown).
        if change.structure or change.plans or not change.node_ids:
            self._due_full = True
        self._due_nodes |= set(change.node_ids)
        self._due_timer.start()

    def refresh_due(self) -> None:
        """Refresh the due list (when shown) and the notice in the status bar."""
        if self.window.document is None:
            return
        full, nodes = self._due_full, self._due_nodes
        self._due_full, self._due_nodes = False, set()
        if self.due_dock.isVisible():
            if full or not nodes:
                self.due.reload_in_background()  # a county database: seconds of SQL
            else:
                self.due.refresh_tasks(nodes)
        self.update_notice()

    def update_notice(self) -> None:
        """The status-bar notice: shown when anything is red or yellow (counted in a job)."""
        doc = self.window.document
        if doc is None:  # closed at exit
            return
        self._notice_generation += 1
        generation = self._notice_generation

        def show(counts: dict[str, int]) -> None:
            if generation == self._notice_generation and self.window.document is doc:
                self._show_notice(counts)

        db_jobs.start_query(self.window, doc.db.path, tracking.alert_counts, show)

    def _show_notice(self, counts: dict[str, int]) -> None:
        if counts[Light.RED] or counts[Light.YELLOW]:
            self.notice.setText(strings.DUE_NOTICE.format(**counts))
            self.notice.show()
        else:
            self.notice.hide()

    def show_due_list(self) -> None:
        """Open the due list; it is read again in the background."""
        was_visible = self.due_dock.isVisible()
        self.due_dock.show()  # becoming visible rebuilds the list (visibilityChanged)
        self.due_dock.raise_()
        if was_visible or not self.due_dock.isVisible():
            self.due.reload_in_background()

    def show_task_table(self) -> None:
        """Open the task table for the current selection."""
        self.table_dock.show()
        self.table_dock.raise_()
        self.follow()

    def run_search(self, query: str) -> None:
        """Search all plans and show the results."""
        self.results.run(query)
        if query.strip():
            self.search_dock.show()
            self.search_dock.raise_()

    # ---------------------------------------------------- dialogs (ui/tracking/feedback_dialog.py)
    def open_units(self) -> None:
        from ui.tracking.units_dialog import UnitsDialog

        UnitsDialog(self.window.document, self.window.push, self.window).exec()

    def open_settings(self) -> None:
        from ui.tracking.units_dialog import TrackingSettingsDialog

        dialog = TrackingSettingsDialog(self.window.document.db, self.window)
        if dialog.exec():
            self.refresh_due()

    def import_table(self) -> None:
        from ui.tracking.feedback_dialog import import_task_table

        import_task_table(self.window)

    def write_feedback_sheets(self) -> None:
        from ui.tracking.feedback_dialog import write_feedback_sheets

        write_feedback_sheets(self.window)

    def import_feedback(self) -> None:
        from ui.tracking.feedback_dialog import import_feedback

        import_feedback(self.window)


def install(window: Host) -> TrackingUi:
    """Add tracking to the main window; returns the TrackingUi (the window keeps it)."""
    return TrackingUi(window)
