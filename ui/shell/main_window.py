"""The main window: the plan tree on the left, the details of the selection on the right.

The window is the shell: its layout, signal wiring and the members features may use
(ui/host.py). Its parts live beside it: actions, menus and toolbars (window_actions),
database files (window_files), outline edits (outline_editing), the detail panels
(detail_stack), the tree's current row (tree_selection) and the saved geometry
(window_settings). Other features add their menu entries with :meth:`MainWindow.add_action`
into the menus (file_menu, edit_menu, plan_menu, view_menu, report_menu, help_menu).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTreeView,
    QWidget,
)

from models import __version__
from models.errors import PlanDeskError
from ui import jobs, messages, strings
from ui.backup import db_file_guard
from ui.backup.backup_dialog import install as install_backup
from ui.document import Change, Document
from ui.evidence import install as install_evidence
from ui.exchange.exchange_dialog import install as install_exchange
from ui.exporting.check_dialog import install as install_check
from ui.exporting.export_dialog import install as install_export
from ui.exporting.report_dialog import install as install_reports
from ui.importing import reimport
from ui.importing.import_controller import install_import
from ui.outline import node_clipboard, tree_state
from ui.rollover.rollover_dialog import install as install_rollover
from ui.shell import (
    help_dialog,
    recent_files,
    screen_fit,
    single_instance,
    text_undo,
    tree_selection,
    wheel_guard,
    window_actions,
    window_files,
    window_settings,
)
from ui.shell.detail_stack import DetailStack
from ui.shell.outline_editing import OutlineEditor
from ui.supervision import install as install_supervision
from ui.tracking.tracking_ui import install as install_tracking

log = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 5000


class MainWindow(QMainWindow):
    """PlanDesk's window over one open Document.

    Signals:
        document_replaced(Document): another database was opened (views bound to the
            old document's models must rebind).
    """

    document_replaced = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wheel_guard.install(QApplication.instance())  # also when started without ui.shell.app
        screen_fit.install(QApplication.instance())
        text_undo.install(QApplication.instance())
        self.document: Document | None = None
        self.setWindowTitle(strings.APP_NAME)
        self._undo_group = QUndoGroup(self)
        self.actions: dict[str, QAction] = {}
        # Extra entries for the tree's context menu (other features append actions here).
        self.tree_context_actions: list[QAction] = []
        # cut/copy/paste/duplicate entries of sections and tasks (ui/outline/node_clipboard.py)
        self.node_clipboard_keys: list[str] = []
        self.raise_watcher = single_instance.RaiseWatcher(self)
        self.raise_watcher.raise_requested.connect(self.bring_to_front)
        self._create_widgets()
        self.outline_editor = OutlineEditor(self, self.detail_stack)
        window_actions.create_actions(self, self.outline_editor, self._undo_group)
        self._create_menus()
        self.steps_toolbar, self.toolbar = window_actions.create_toolbars(
            self, self.actions, self.view_menu
        )
        self._connect_signals()
        self.set_document(document)
        # The features (ui/host.py): each binds to the open document, returns what the
        # window keeps, and gets what it needs of another feature as an argument.
        install_rollover(self)  # 计划 menu: rollover and comparison; task history box
        self.reports = install_reports(self)  # 报表 menu: progress report, bulletin, …
        self.export_actions = install_export(self)  # 文件 menu: export Word/…, print, PDF
        self.import_controller = install_import(self)  # 文件 menu: import; dropped files
        reimport.install(self, self.import_controller)  # the same plan imported again
        self.node_clipboard = node_clipboard.install(self)  # 编辑 menu: cut/copy/paste
        install_backup(self)  # 文件 menu: backup, restore; daily backup when a DB opens
        install_check(self)  # 文件 menu: 检查公文格式… (GB/T 9704 checker)
        install_exchange(self)  # 文件 menu: 发送数据包… / 接收数据包… (models/exchange/)
        self.tracking = install_tracking(self)  # 督办 menu: task table, due list, search
        self.supervision = install_supervision(self, self.tracking)  # rounds, 督办事项
        self.evidence = install_evidence(self, self.tracking)  # 佐证材料, 目标考核自评
        window_actions.fill_steps_toolbar(self.steps_toolbar, self.actions, self.view_menu)
        window_settings.restore(self, self.splitter)

    # ------------------------------------------------------------ construction
    def _create_widgets(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.tree_view = QTreeView(self.splitter)
        self.tree_view.setObjectName("plan_tree")
        self.tree_view.setHeaderHidden(True)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setDragEnabled(True)
        self.tree_view.setAcceptDrops(True)
        self.tree_view.setDropIndicatorShown(True)
        self.tree_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail_stack = DetailStack(self.splitter)
        self.start_page = self.detail_stack.start_page  # while nothing is selected
        self.plan_panel = self.detail_stack.plan_panel
        self.section_panel = self.detail_stack.section_panel
        self.task_panel = self.detail_stack.task_panel
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([460, 640])
        self.setCentralWidget(self.splitter)
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        self.resize(screen_fit.sized_for_screen(self, 1200, 780))

    def _create_menus(self) -> None:
        menus = window_actions.create_menus(self.menuBar(), self.actions)
        self.file_menu = menus.file
        self.recent_menu = menus.recent
        self.edit_menu = menus.edit
        self.plan_menu = menus.plan
        self.view_menu = menus.view
        self.report_menu = menus.report
        self.help_menu = menus.help
        self._file_quit_separator = menus.file_quit_separator

    def _connect_signals(self) -> None:
        editor = self.outline_editor
        self.recent_menu.aboutToShow.connect(
            lambda: window_files.fill_recent_menu(self.recent_menu, self)
        )
        self.start_page.chosen.connect(editor.on_start_chosen)
        self.tree_view.customContextMenuRequested.connect(
            lambda pos: window_actions.show_tree_context_menu(self, pos)
        )
        self.plan_panel.field_edited.connect(editor.on_plan_field_edited)
        self.section_panel.field_edited.connect(editor.on_node_field_edited)
        self.task_panel.field_edited.connect(editor.on_node_field_edited)

    # ------------------------------------------------------------ public API for features
    def add_action(
        self, menu: QMenu, text: str, slot: Callable[[], Any], **options: Any
    ) -> QAction:
        """A feature's action in a menu (and optionally the toolbar): window_actions.add_action."""
        return window_actions.add_action(self, menu, text, slot, **options)

    @property
    def file_quit_separator(self) -> QAction:
        """The separator above Quit in the file menu (insert import/export entries before it)."""
        return self._file_quit_separator

    def current_kind(self) -> str | None:
        """'year', 'plan', 'section', 'task' or None."""
        return tree_selection.current_kind(self.tree_view)

    def current_plan_id(self) -> int | None:
        """Plan of the current tree row (also for a section or task), else None."""
        return tree_selection.current_plan_id(self.tree_view)

    def current_node_id(self) -> int | None:
        """Section or task id of the current tree row, else None."""
        return tree_selection.current_node_id(self.tree_view)

    def select_plan(self, plan_id: int) -> None:
        """Make a plan the current row."""
        tree_selection.select_plan(self.tree_view, self.document, plan_id)

    def select_node(self, node_id: int) -> None:
        """Make a section or task the current row, loading and expanding what is needed."""
        tree_selection.select_node(self.tree_view, self.document, node_id)

    def commit_panels(self) -> None:
        """Report an edit still sitting in an editor (focus-out may not have happened)."""
        self.detail_stack.commit_pending()

    def bring_to_front(self) -> None:
        """Show the window on top (a second start on the same database asked for it)."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_status(self, text: str) -> None:
        """A confirmation that needs no answer."""
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def run_job(self, fn: Callable[..., Any], **options: Any) -> jobs.RunningJob:
        """Background work on this window (ui/jobs.py: progress box, errors, lifetime)."""
        return jobs.run_job(self, fn, **options)

    def push(self, command: Any) -> Any:
        """Push a command; an expected error is logged and shown. Returns the result or None."""
        assert self.document is not None
        try:
            return self.document.push(command)
        except PlanDeskError as exc:
            log.warning("command refused: %s", exc)
            messages.show_error(self, exc)
            return None

    # ------------------------------------------------------------ document
    def set_document(self, document: Document) -> None:
        """Show another open database; the previous one is closed."""
        old = self.document
        move_requested = self.outline_editor.on_tree_move_requested
        if old is not None:
            self.commit_panels()
            tree_state.save(self.tree_view, old.path)
            old.changed.disconnect(self._on_document_changed)
            old.tree_model.move_requested.disconnect(move_requested)
            self._undo_group.removeStack(old.undo_stack)
        self.document = document
        self.tree_view.setModel(document.tree_model)
        self.tree_view.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        document.changed.connect(self._on_document_changed)
        document.tree_model.move_requested.connect(move_requested)
        self._undo_group.addStack(document.undo_stack)
        self._undo_group.setActiveStack(document.undo_stack)
        self.db_label.setText(strings.STATUS_DB.format(path=document.path))
        recent_files.remember(document.path)
        if document.lock is not None:  # the writer: a second start on this file raises us
            self.raise_watcher.watch(document.path)
        self.setWindowTitle(strings.WINDOW_TITLE.format(name=document.path.name))
        self.tree_view.expandToDepth(0)  # years open, plans closed: outlines load on demand
        self.detail_stack.show_row(document, QModelIndex())
        remembered = tree_state.restore(self.tree_view, document.path)
        if remembered is not None and remembered.isValid():
            tree_selection.select_index(self.tree_view, remembered)
        if old is not None:
            old.close()
            old.deleteLater()
        self.document_replaced.emit(document)

    def close_document(self) -> None:
        """Close the database (at exit); the window shows nothing afterwards."""
        if self.document is None:
            return
        self.commit_panels()
        tree_state.save(self.tree_view, self.document.path)
        self.detail_stack.show_empty()  # nothing left to commit on a later closeEvent
        self._undo_group.removeStack(self.document.undo_stack)
        self.tree_view.setModel(None)  # the model dies with the Document
        self.document.close()
        self.document = None

    def open_database_file(self, path: str | Path, *, create: bool = False) -> bool:
        """Open (or create empty) another database file; errors are shown. True on success."""
        return window_files.open_database_file(self, path, create=create)

    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.commit_panels()
        self.detail_stack.show_row(self.document, current)

    def _on_document_changed(self, change: Change) -> None:
        self.detail_stack.refresh(self.document, self.tree_view.currentIndex(), change)

    # ------------------------------------------------------------ view / help
    def show_guide(self) -> None:
        """Help > user guide: the HTML page shipped in resources/help/."""
        self._guide = help_dialog.open_guide(self)

    def save_now(self) -> None:
        """Ctrl+S: everything is saved already; commit a field being typed and say so."""
        if self.document is not None:
            self.commit_panels()
        self.show_status(strings.MSG_AUTOSAVED)

    def find(self) -> None:
        """Ctrl+F: into the search box (or ask, when the toolbar hides it)."""
        box = self.tracking.search_box
        if box.isVisible():
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()
            return
        query = messages.ask_text(self, strings.FIND_TITLE, strings.FIND_PROMPT, box.text())
        if query:
            box.setText(query)
            box.search_requested.emit(query)

    def show_about(self) -> None:
        messages.show_info(
            self,
            strings.ABOUT_TITLE,
            strings.ABOUT_TEXT.format(
                version=__version__, path=self.document.path if self.document else ""
            ),
        )

    # ------------------------------------------------------------ focus and close
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            db_file_guard.check_on_focus(self)  # replaced by a sync tool while away?

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.document is not None:
            self.commit_panels()
            tree_state.save(self.tree_view, self.document.path)
        window_settings.save(self, self.splitter)
        super().closeEvent(event)
