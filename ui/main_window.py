"""The main window: the plan tree on the left, the details of the selection on the right.

Other features add their menu entries with small edits: the menus are attributes
(file_menu, edit_menu, plan_menu, view_menu, report_menu, help_menu) and
:meth:`MainWindow.add_action` creates an action in one of them (and on the toolbar).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QWidget,
)

from models import __version__, clock, outline
from models.errors import PlanDeskError
from models.sample import load_sample
from models.startup import open_or_create
from models.store.db_guard import LeftoverWalError
from models.store.open import open_database
from ui import (
    change_reason,
    db_file_guard,
    help_dialog,
    jobs,
    messages,
    node_clipboard,
    recent_files,
    reimport,
    screen_fit,
    single_instance,
    strings,
    text_undo,
    tree_state,
    wheel_guard,
)
from ui.backup_dialog import install as install_backup
from ui.check_dialog import install as install_check
from ui.commands import (
    AddNodeCommand,
    AddPlanCommand,
    CreatePlanCommand,
    DeletePlanCommand,
    EditNodeFieldCommand,
    EditPlanFieldCommand,
    MoveNodeCommand,
    RemoveNodeCommand,
    SetNodeKindCommand,
)
from ui.document import Change, Document
from ui.evidence import install as install_evidence
from ui.exchange_dialog import install as install_exchange
from ui.export_dialog import install as install_export
from ui.import_controller import install_import
from ui.locking import acquire_or_ask
from ui.plain_text import plain_tip
from ui.plan_panel import PlanPanel
from ui.plan_tree_model import (
    KIND_PLAN,
    KIND_SECTION,
    KIND_TASK,
    KIND_YEAR,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
)
from ui.report_dialog import install as install_reports
from ui.rollover_dialog import install as install_rollover
from ui.section_panel import SectionPanel
from ui.start_page import START_IMPORT, START_NEW, START_ROLLOVER, StartPage, toolbar_icon
from ui.supervision import install as install_supervision
from ui.task_panel import TaskPanel
from ui.tracking_ui import install as install_tracking

log = logging.getLogger(__name__)

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
SETTINGS_SPLITTER = "main_window/splitter"
SETTINGS_TOOLBAR = "main_window/toolbar_visible"
SETTINGS_MAXIMIZED = "main_window/maximized"
# Screens this narrow (the township's 1366×768) start maximized the first time.
SMALL_SCREEN_WIDTH = 1400
STATUS_TIMEOUT_MS = 5000

# pages of the detail stack
PAGE_EMPTY, PAGE_PLAN, PAGE_SECTION, PAGE_TASK = range(4)


class MainWindow(QMainWindow):
    """PlanDesk's window over one open Document.

    Signals:
        document_replaced(Document): another database was opened (views bound to the
            old document's models must rebind).
    """

    document_replaced = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wheel_guard.install(QApplication.instance())  # also when started without ui.app
        screen_fit.install(QApplication.instance())
        text_undo.install(QApplication.instance())
        self.document: Document | None = None
        self.setWindowTitle(strings.APP_NAME)
        self._undo_group = QUndoGroup(self)
        self.actions: dict[str, QAction] = {}
        self._panel_shows: tuple[Any, ...] | None = None  # (kind, plan, node) in the panel
        # Extra entries for the tree's context menu (other features append actions here).
        self.tree_context_actions: list[QAction] = []
        # cut/copy/paste/duplicate entries of sections and tasks (ui/node_clipboard.py)
        self.node_clipboard_keys: list[str] = []
        self.raise_watcher = single_instance.RaiseWatcher(self)
        self.raise_watcher.raise_requested.connect(self.bring_to_front)
        self._create_widgets()
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
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
        self._fill_steps_toolbar()
        self._restore_settings()

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
        self.detail_stack = QStackedWidget(self.splitter)
        self.start_page = StartPage(self.detail_stack)  # while nothing is selected
        empty = self.start_page
        self.plan_panel = PlanPanel(self.detail_stack)
        self.section_panel = SectionPanel(self.detail_stack)
        self.task_panel = TaskPanel(self.detail_stack)
        for page in (empty, self.plan_panel, self.section_panel, self.task_panel):
            self.detail_stack.addWidget(page)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([460, 640])
        self.setCentralWidget(self.splitter)
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        self.resize(screen_fit.sized_for_screen(self, 1200, 780))

    def _make_action(
        self,
        key: str,
        text: str,
        slot: Callable[[], Any] | None = None,
        shortcuts: list[QKeySequence | str] | None = None,
        tip: str = "",
        tree_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{key}")
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        if tree_only:
            # Tab, Delete, Ctrl+Up… must keep their usual meaning inside the panel editors.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree_view.addAction(action)
        self.actions[key] = action
        return action

    def _create_actions(self) -> None:
        make = self._make_action
        make("new_plan", strings.ACT_NEW_PLAN, self.new_plan, ["Ctrl+N"], strings.TIP_NEW_PLAN)
        make(
            "add_section",
            strings.ACT_ADD_SECTION,
            lambda: self.add_node("section"),
            ["Ctrl+Shift+N"],
            strings.TIP_ADD_SECTION,
        )
        make(
            "add_subsection",
            strings.ACT_ADD_SUBSECTION,
            lambda: self.add_node("subsection"),
            ["Ctrl+Alt+N"],
            strings.TIP_ADD_SUBSECTION,
        )
        make(
            "add_task",
            strings.ACT_ADD_TASK,
            lambda: self.add_node("task"),
            ["Ctrl+T"],
            strings.TIP_ADD_TASK,
        )
        make(
            "delete",
            strings.ACT_DELETE,
            self.delete_current,
            [QKeySequence.StandardKey.Delete],
            strings.TIP_DELETE,
            tree_only=True,
        )
        make(
            "move_up",
            strings.ACT_MOVE_UP,
            lambda: self.move_current(-1),
            ["Ctrl+Up"],
            tree_only=True,
        )
        make(
            "move_down",
            strings.ACT_MOVE_DOWN,
            lambda: self.move_current(1),
            ["Ctrl+Down"],
            tree_only=True,
        )
        make(
            "indent", strings.ACT_INDENT, self.indent_current, ["Tab", "Ctrl+Right"], tree_only=True
        )
        make(
            "outdent",
            strings.ACT_OUTDENT,
            self.outdent_current,
            ["Shift+Tab", "Ctrl+Left"],
            tree_only=True,
        )
        make("to_section", strings.ACT_TO_SECTION, lambda: self.set_current_kind(KIND_SECTION))
        make("to_task", strings.ACT_TO_TASK, lambda: self.set_current_kind(KIND_TASK))
        make("load_sample", strings.ACT_LOAD_SAMPLE, self.load_sample_plans)
        make("open_db", strings.ACT_OPEN_DB, self.ask_open_database, ["Ctrl+O"])
        make("new_db", strings.ACT_NEW_DB, self.ask_new_database)
        make("quit", strings.ACT_QUIT, self.close, [QKeySequence.StandardKey.Quit])
        make("about", strings.ACT_ABOUT, self.show_about)
        make(
            "help_guide",
            strings.ACT_HELP_GUIDE,
            self.show_guide,
            [QKeySequence.StandardKey.HelpContents],
        )
        make(
            "help_shortcuts",
            strings.ACT_HELP_SHORTCUTS,
            lambda: help_dialog.open_shortcuts(self, self.actions.values()),
        )
        make("save", strings.ACT_SAVE, self.save_now, [QKeySequence.StandardKey.Save])
        make("find", strings.ACT_FIND, self.find, [QKeySequence.StandardKey.Find])
        make("rename_plan", strings.ACT_RENAME_PLAN, self.rename_current_plan, ["F2"])
        make("expand_plan", strings.ACT_EXPAND_PLAN, self.expand_current_plan)
        make("collapse_all", strings.ACT_COLLAPSE_ALL, self.tree_view.collapseAll)
        undo = self._undo_group.createUndoAction(self, strings.UNDO_PREFIX)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self._undo_group.createRedoAction(self, strings.REDO_PREFIX)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actions["undo"] = undo
        self.actions["redo"] = redo
        # Toolbar twins with a fixed short text (the menu entries say what will be undone,
        # which would make the toolbar jump); the full text is their tooltip.
        for key, text, source in (
            ("undo_button", strings.UNDO_PREFIX, undo),
            ("redo_button", strings.REDO_PREFIX, redo),
        ):
            twin = QAction(text, self)
            twin.setObjectName(f"action_{key}")
            twin.setEnabled(False)
            twin.triggered.connect(source.trigger)
            source.changed.connect(lambda t=twin, s=source: self._sync_twin(t, s))
            self.actions[key] = twin

    @staticmethod
    def _sync_twin(twin: QAction, source: QAction) -> None:
        twin.setEnabled(source.isEnabled())
        twin.setToolTip(plain_tip(source.text()))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        a = self.actions
        self.file_menu = bar.addMenu(strings.MENU_FILE)
        self.file_menu.addActions([a["new_db"], a["open_db"]])
        self.recent_menu = self.file_menu.addMenu(strings.ACT_RECENT_MENU)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(a["save"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["load_sample"])
        self.file_menu.addSeparator()
        # Import/export/print/backup entries go above this separator (insert_before_quit).
        self._file_quit_separator = self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.edit_menu = bar.addMenu(strings.MENU_EDIT)
        self.edit_menu.addActions([a["undo"], a["redo"]])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(a["delete"])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(a["find"])
        self.plan_menu = bar.addMenu(strings.MENU_PLAN)
        self.plan_menu.addActions([a["new_plan"], a["rename_plan"]])
        self.plan_menu.addSeparator()
        self.plan_menu.addActions([a["add_section"], a["add_subsection"], a["add_task"]])
        self.plan_menu.addSeparator()
        self.plan_menu.addActions([a["move_up"], a["move_down"], a["indent"], a["outdent"]])
        self.plan_menu.addActions([a["to_section"], a["to_task"]])
        self.view_menu = bar.addMenu(strings.MENU_VIEW)
        self.view_menu.addActions([a["expand_plan"], a["collapse_all"]])
        self.view_menu.addSeparator()
        self.report_menu = bar.addMenu(strings.MENU_REPORT)
        self.report_menu.menuAction().setVisible(False)  # shown when the first entry arrives
        self.help_menu = bar.addMenu(strings.MENU_HELP)
        self.help_menu.addActions([a["help_guide"], a["help_shortcuts"]])
        self.help_menu.addSeparator()
        self.help_menu.addAction(a["about"])

    def _create_toolbar(self) -> None:
        # the year's main steps, as icons with their names under them (filled once the
        # features have added their actions: _fill_steps_toolbar)
        self.steps_toolbar = QToolBar(strings.TOOLBAR_STEPS, self)
        self.steps_toolbar.setObjectName("steps_toolbar")
        self.steps_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.steps_toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.steps_toolbar)
        self.toolbar = QToolBar(strings.TOOLBAR_MAIN, self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        a = self.actions
        self.toolbar.addAction(a["new_plan"])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["add_section"], a["add_subsection"], a["add_task"], a["delete"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["move_up"], a["move_down"], a["outdent"], a["indent"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["undo_button"], a["redo_button"]])
        self.toolbar.addSeparator()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        toggle = self.toolbar.toggleViewAction()
        toggle.setText(strings.ACT_SHOW_TOOLBAR)
        self.view_menu.addAction(toggle)

    def _fill_steps_toolbar(self) -> None:
        for key, icon in (
            ("import", "import"),
            ("rollover", "rollover"),
            ("export_word", "export_word"),
            ("report", "report"),
            ("due_list", "due_list"),
        ):
            action = self.actions.get(key)
            if action is None:
                continue
            action.setIcon(toolbar_icon(icon))
            action.setIconText(strings.STEP_TEXT.get(key, action.text()))
            self.steps_toolbar.addAction(action)
        self.actions["new_plan"].setIcon(toolbar_icon("new_plan"))
        toggle = self.steps_toolbar.toggleViewAction()
        toggle.setText(strings.ACT_SHOW_STEPS_TOOLBAR)
        self.view_menu.addAction(toggle)

    def _on_start_chosen(self, key: str) -> None:
        if key == START_NEW:
            self.new_plan()
        elif key == START_IMPORT:
            self.actions["import"].trigger()
        elif key == START_ROLLOVER:
            plans = self.document.tree_model.plan_ids()
            if not plans:
                messages.show_info(self, strings.TITLE_INFO, strings.START_NO_PLAN)
                return
            if self.current_plan_id() is None:  # the newest plan is last year's
                newest = max(
                    plans, key=lambda p: (outline.get_plan(self.document.db, p).year or 0, p)
                )
                self.select_plan(newest)
            self.actions["rollover"].trigger()

    def _connect_signals(self) -> None:
        self.start_page.chosen.connect(self._on_start_chosen)
        self.tree_view.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.plan_panel.field_edited.connect(self._on_plan_field_edited)
        self.section_panel.field_edited.connect(self._on_node_field_edited)
        self.task_panel.field_edited.connect(self._on_node_field_edited)

    # ------------------------------------------------------------ public API for features
    def add_action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], Any],
        *,
        key: str | None = None,
        shortcut: str | QKeySequence | None = None,
        tip: str = "",
        toolbar: bool = False,
        before: QAction | None = None,
        shortcuts: list[QKeySequence | str] | None = None,
        tree_only: bool = False,
    ) -> QAction:
        """Add a feature's action to a menu (and optionally the toolbar); returns it.

        Example (in a feature's install function)::

            window.add_action(window.file_menu, strings.ACT_IMPORT, dialog_opener,
                              key="import", shortcut="Ctrl+I", toolbar=True,
                              before=window.file_quit_separator)
        """
        action = self._make_action(
            key or f"extra_{len(self.actions)}",
            text,
            slot,
            shortcuts or ([shortcut] if shortcut else None),
            tip,
            tree_only,
        )
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        menu.menuAction().setVisible(True)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    @property
    def file_quit_separator(self) -> QAction:
        """The separator above Quit in the file menu (insert import/export entries before it)."""
        return self._file_quit_separator

    def current_kind(self) -> str | None:
        """'year', 'plan', 'section', 'task' or None."""
        index = self.tree_view.currentIndex()
        return index.data(NodeKindRole) if index.isValid() else None

    def current_plan_id(self) -> int | None:
        """Plan of the current tree row (also for a section or task), else None."""
        index = self.tree_view.currentIndex()
        return index.data(PlanIdRole) if index.isValid() else None

    def current_node_id(self) -> int | None:
        """Section or task id of the current tree row, else None."""
        index = self.tree_view.currentIndex()
        return index.data(NodeIdRole) if index.isValid() else None

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
        if old is not None:
            self.commit_panels()
            tree_state.save(self.tree_view, old.path)
            old.changed.disconnect(self._on_document_changed)
            old.tree_model.move_requested.disconnect(self._on_tree_move_requested)
            self._undo_group.removeStack(old.undo_stack)
        self.document = document
        self.tree_view.setModel(document.tree_model)
        self.tree_view.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        document.changed.connect(self._on_document_changed)
        document.tree_model.move_requested.connect(self._on_tree_move_requested)
        self._undo_group.addStack(document.undo_stack)
        self._undo_group.setActiveStack(document.undo_stack)
        self.db_label.setText(strings.STATUS_DB.format(path=document.path))
        recent_files.remember(document.path)
        if document.lock is not None:  # the writer: a second start on this file raises us
            self.raise_watcher.watch(document.path)
        self.setWindowTitle(strings.WINDOW_TITLE.format(name=document.path.name))
        self.tree_view.expandToDepth(0)  # years open, plans closed: outlines load on demand
        self._show_panel_for(QModelIndex())
        remembered = tree_state.restore(self.tree_view, document.path)
        if remembered is not None and remembered.isValid():
            self._select_index(remembered)
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
        self._show_empty()  # nothing left to commit on a later closeEvent
        self._undo_group.removeStack(self.document.undo_stack)
        self.tree_view.setModel(None)  # the model dies with the Document
        self.document.close()
        self.document = None

    def open_database_file(self, path: str | Path, *, create: bool = False) -> bool:
        """Open (or create empty) another database file; errors are shown. True on success."""
        if self.document is not None and Path(path).resolve() == self.document.path.resolve():
            self.show_status(strings.MSG_DB_OPENED.format(path=path))
            return True  # already open here (and locked by this window)
        got = acquire_or_ask(self, path)  # one writer; read-only when another PlanDesk has it
        if got is None:
            return False
        lock, read_only = got
        try:
            if read_only:
                db = open_database(path, read_only=True)
            elif create:
                db, _created = open_or_create(Path(path), sample=False)
            else:
                try:
                    db = open_database(path)
                except LeftoverWalError as wal_exc:  # a -wal beside a copied file: ask first
                    decision = db_file_guard.ask_leftover_wal(self, wal_exc)
                    if decision is None:
                        raise
                    db = open_database(path, wal=decision)
        except PlanDeskError as exc:
            if lock is not None:
                lock.release()
            log.warning("cannot open %s: %s", path, exc)
            messages.show_error(self, exc)
            return False
        self.set_document(Document(db, lock=lock))
        if read_only:
            self.setWindowTitle(self.windowTitle() + strings.READ_ONLY_SUFFIX)
        self.show_status(strings.MSG_DB_OPENED.format(path=path))
        return True

    def ask_open_database(self) -> None:
        path = messages.get_open_path(
            self,
            strings.OPEN_DB_TITLE,
            strings.DB_FILE_FILTER,
            str(self.document.path.parent) if self.document else "",
        )
        if path:
            self.open_database_file(path)

    def ask_new_database(self) -> None:
        path = messages.get_save_path(
            self,
            strings.NEW_DB_TITLE,
            strings.DB_FILE_FILTER,
            str(self.document.path.parent) if self.document else "",
        )
        if not path:
            return
        if Path(path).exists():
            messages.show_info(self, strings.TITLE_INFO, strings.MSG_DB_EXISTS.format(path=path))
            return
        self.open_database_file(path, create=True)

    # ------------------------------------------------------------ selection
    def select_plan(self, plan_id: int) -> None:
        """Make a plan the current row."""
        index = self.document.tree_model.index_for_plan(plan_id)
        self._select_index(index)

    def select_node(self, node_id: int) -> None:
        """Make a section or task the current row, loading and expanding what is needed."""
        model = self.document.tree_model
        index = model.index_for_node(node_id)
        if not index.isValid():
            try:
                plan_id = outline.get_node(self.document.db, node_id).plan_id
            except PlanDeskError:
                return
            model.ensure_plan_loaded(plan_id)
            index = model.index_for_node(node_id)
        self._select_index(index)

    def _select_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.tree_view.expand(parent)
            parent = parent.parent()
        self.tree_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.tree_view.scrollTo(index)

    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.commit_panels()
        self._show_panel_for(current)

    def commit_panels(self) -> None:
        """Report an edit still sitting in an editor (focus-out may not have happened)."""
        page = self.detail_stack.currentWidget()
        if page in (self.plan_panel, self.section_panel, self.task_panel):
            page.commit_pending()

    def _show_panel_for(self, index: QModelIndex) -> None:
        kind = index.data(NodeKindRole) if index.isValid() else None
        shown = (kind, index.data(PlanIdRole), index.data(NodeIdRole)) if kind else None
        if shown != self._panel_shows:  # another item: start at its first field
            self._panel_shows = shown
            for panel in (self.plan_panel, self.section_panel, self.task_panel):
                panel.scroll_to_top()
        db = self.document.db
        try:
            if kind == KIND_PLAN:
                plan_id = index.data(PlanIdRole)
                sections, tasks = self._plan_counts(plan_id)
                self.plan_panel.show_plan(outline.get_plan(db, plan_id), sections, tasks)
                self.detail_stack.setCurrentIndex(PAGE_PLAN)
            elif kind in (KIND_SECTION, KIND_TASK):
                node_id = index.data(NodeIdRole)
                node = outline.get_node(db, node_id)
                number = self.document.tree_model.node_number(node_id)
                context = self._context_of(index)
                self.section_panel.set_context(context)
                self.task_panel.set_context(context)
                if node.kind == KIND_SECTION:
                    self.section_panel.show_section(node, number)
                    self.detail_stack.setCurrentIndex(PAGE_SECTION)
                else:
                    self.task_panel.show_task(node, number)
                    self.detail_stack.setCurrentIndex(PAGE_TASK)
            else:
                self._show_empty()
        except PlanDeskError:  # the row's object is gone (e.g. deleted by undo)
            self._show_empty()

    @staticmethod
    def _context_of(index: QModelIndex) -> str:
        """'Plan title > numbered heading > ...' for the rows above a node."""
        parts: list[str] = []
        parent = index.parent()
        while parent.isValid() and parent.data(NodeKindRole) != KIND_YEAR:
            parts.append(parent.data() or "")
            parent = parent.parent()
        return strings.CONTEXT_SEPARATOR.join(reversed(parts))

    def _plan_counts(self, plan_id: int) -> tuple[int, int]:
        counts = self.document.tree_model.outline_counts(plan_id)
        if counts is not None:
            return counts
        nodes = outline.load_outline(self.document.db, plan_id)
        sections = sum(1 for n in nodes if n.kind == KIND_SECTION)
        return sections, len(nodes) - sections

    def _show_empty(self) -> None:
        for panel in (self.plan_panel, self.section_panel, self.task_panel):
            panel.clear()
        self.detail_stack.setCurrentIndex(PAGE_EMPTY)

    def _on_document_changed(self, change: Change) -> None:
        index = self.tree_view.currentIndex()
        if not index.isValid():
            self._show_empty()
            return
        kind = index.data(NodeKindRole)
        if kind == KIND_PLAN and index.data(PlanIdRole) in change.plan_ids:
            self._show_panel_for(index)
        elif kind in (KIND_SECTION, KIND_TASK) and (
            index.data(NodeIdRole) in change.node_ids or change.structure
        ):
            self._show_panel_for(index)  # numbers in the panel title may have changed

    # ------------------------------------------------------------ panel edits
    def _on_plan_field_edited(self, plan_id: int, field: str, value: Any) -> None:
        try:
            self.document.push(EditPlanFieldCommand(self.document, plan_id, field, value))
        except PlanDeskError as exc:
            log.warning("edit of plan %s.%s refused: %s", plan_id, field, exc)
            messages.show_error(self, exc)
            self.reload_panel()
            return
        self.select_plan(plan_id)  # a new year moves the plan under another year row

    def _on_node_field_edited(self, node_id: int, field: str, value: Any) -> None:
        reason = change_reason.ask(self, self.document.db, {node_id: {field: value}})
        if reason is None:  # cancelled: show the stored value again
            self.reload_panel()
            return
        try:
            self.document.push(EditNodeFieldCommand(self.document, node_id, field, value, reason))
        except PlanDeskError as exc:
            log.warning("edit of node %s.%s refused: %s", node_id, field, exc)
            messages.show_error(self, exc)
            self.reload_panel()

    def reload_panel(self) -> None:
        """Show the stored values of the selected node again (after a refused edit)."""
        self._show_panel_for(self.tree_view.currentIndex())

    # ------------------------------------------------------------ plan actions
    def new_plan(self) -> None:
        plan_id = self.push(
            AddPlanCommand(self.document, title=strings.NEW_PLAN_TITLE, year=clock.today().year)
        )
        if plan_id is None:
            return
        self.select_plan(plan_id)
        self._focus_editor(self.plan_panel, "title")

    def load_sample_plans(self) -> None:
        db = self.document.db
        ids = self.push(
            CreatePlanCommand(self.document, strings.UNDO_LOAD_SAMPLE, lambda: load_sample(db))
        )
        if ids:
            self.select_plan(ids[0])
            self.show_status(strings.MSG_SAMPLE_LOADED.format(count=len(ids)))

    def _insert_point(self, what: str) -> tuple[int, int | None, int | None] | None:
        """(plan id, parent id, position) for a new section/subsection/task."""
        kind = self.current_kind()
        plan_id = self.current_plan_id()
        db = self.document.db
        if kind == KIND_PLAN:
            if what == "task":  # top-level tasks come before the sections
                tops = outline.children(db, plan_id, None)
                return plan_id, None, sum(1 for n in tops if n.kind == KIND_TASK)
            return plan_id, None, None
        if kind not in (KIND_SECTION, KIND_TASK):
            return None
        node = outline.get_node(db, self.current_node_id())
        if kind == KIND_SECTION:
            if what == "section":
                return plan_id, node.parent_id, node.position + 1
            if what == "subsection":
                return plan_id, node.id, None
            kids = outline.children(db, plan_id, node.id)
            return plan_id, node.id, sum(1 for n in kids if n.kind == KIND_TASK)
        if what == "task":
            return plan_id, node.parent_id, node.position + 1
        return plan_id, node.parent_id, None  # a section next to a task: after its siblings

    def _section_style_for(self, plan_id: int, parent_id: int | None) -> dict[str, Any]:
        """task_style and run_in of a new section: its sibling sections', else its parent's.

        A new section with fixed defaults mixed formats in the exported document.
        """
        db = self.document.db
        siblings = [n for n in outline.children(db, plan_id, parent_id) if n.kind == KIND_SECTION]
        current = self.current_node_id()
        # the section the user adds next to, else the last sibling section
        model = next((n for n in siblings if n.id == current), siblings[-1] if siblings else None)
        if model is None and parent_id is not None:
            model = outline.get_node(db, parent_id)
        if model is None:
            return {"task_style": "numbered"}
        return {"task_style": model.task_style or "numbered", "run_in": model.run_in}

    def add_node(self, what: str) -> None:
        """Add a section ('section' = sibling, 'subsection' = child) or a 'task'."""
        point = self._insert_point(what)
        if point is None:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        plan_id, parent_id, position = point
        if what == "task":
            command = AddNodeCommand(
                self.document, plan_id, parent_id, "task", position, text=strings.NEW_TASK_TEXT
            )
        else:
            command = AddNodeCommand(
                self.document,
                plan_id,
                parent_id,
                "section",
                position,
                heading=strings.NEW_SECTION_HEADING,
                **self._section_style_for(plan_id, parent_id),
            )
        node_id = self.push(command)
        if node_id is None:
            return
        self.select_node(node_id)
        if what == "task":
            self._focus_editor(self.task_panel, "text")
        else:
            self._focus_editor(self.section_panel, "heading")

    def _focus_editor(self, panel: QWidget, field: str) -> None:
        editor = panel.editor(field)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.selectAll()

    def delete_current(self) -> None:
        kind = self.current_kind()
        db = self.document.db
        index = self.tree_view.currentIndex()
        if kind == KIND_PLAN:
            plan = outline.get_plan(db, self.current_plan_id())
            text = strings.CONFIRM_DELETE_PLAN.format(title=plan.title)
            command: Any = DeletePlanCommand(self.document, plan.id)
        elif kind in (KIND_SECTION, KIND_TASK):
            node = outline.get_node(db, self.current_node_id())
            if kind == KIND_SECTION:
                count = len(outline.subtree_ids(db, node.id)) - 1
                text = strings.CONFIRM_DELETE_SECTION.format(title=node.heading, count=count)
            else:
                text = strings.CONFIRM_DELETE_TASK.format(title=node.text[:40])
            command = RemoveNodeCommand(self.document, node.id)
        else:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        if not messages.ask_yes_no(self, strings.TITLE_CONFIRM, text):
            return
        parent = QPersistentModelIndex(index.parent())
        row = index.row()
        self.push(command)
        # select a neighbour: the next row, else the previous one, else the parent
        model = self.document.tree_model
        if not parent.isValid():
            row = 0  # the parent (a year row) went away with its last plan
        count = model.rowCount(parent)
        if count:
            self._select_index(model.index(min(row, count - 1), 0, parent))
        elif parent.isValid():
            self._select_index(model.index(parent.row(), 0, parent.parent()))
        else:
            self._show_empty()

    def move_current(self, step: int) -> None:
        node_id = self.current_node_id()
        if node_id is None:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        node = outline.get_node(self.document.db, node_id)
        siblings = len(outline.children(self.document.db, node.plan_id, node.parent_id))
        position = node.position + step
        if position < 0 or position >= siblings:
            self.show_status(strings.MSG_CANNOT_MOVE)
            return
        template = strings.UNDO_MOVE_UP if step < 0 else strings.UNDO_MOVE_DOWN
        self._move(node_id, node.parent_id, position, template.format(title=node.title[:16]))

    def indent_current(self) -> None:
        node_id = self.current_node_id()
        if node_id is None:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        target = outline.indent_target(self.document.db, node_id)
        if target is None:
            self.show_status(strings.MSG_CANNOT_INDENT)
            return
        title = outline.get_node(self.document.db, node_id).title[:16]
        self._move(node_id, target[0], target[1], strings.UNDO_INDENT.format(title=title))

    def outdent_current(self) -> None:
        node_id = self.current_node_id()
        if node_id is None:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        target = outline.outdent_target(self.document.db, node_id)
        if target is None:
            self.show_status(strings.MSG_CANNOT_OUTDENT)
            return
        title = outline.get_node(self.document.db, node_id).title[:16]
        self._move(node_id, target[0], target[1], strings.UNDO_OUTDENT.format(title=title))

    def set_current_kind(self, kind: str) -> None:
        """Turn the current task into a section, or the current (empty) section into a task."""
        current = self.current_kind()
        wanted_from = KIND_TASK if kind == KIND_SECTION else KIND_SECTION
        if current != wanted_from:
            self.show_status(
                strings.MSG_NOT_A_TASK if wanted_from == KIND_TASK else strings.MSG_NOT_A_SECTION
            )
            return
        node_id = self.current_node_id()
        self.push(SetNodeKindCommand(self.document, node_id, kind))
        self.select_node(node_id)
        self._show_panel_for(self.tree_view.currentIndex())

    def _move(self, node_id: int, parent_id: int | None, position: int, text: str) -> None:
        self.push(MoveNodeCommand(self.document, node_id, parent_id, position, text))
        self.select_node(node_id)

    def _on_tree_move_requested(self, node_id: int, parent_id: Any, position: int) -> None:
        self.push(MoveNodeCommand(self.document, node_id, parent_id, position))
        self.select_node(node_id)

    # ------------------------------------------------------------ view / help
    def expand_current_plan(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        model = self.document.tree_model
        model.ensure_plan_loaded(plan_id)
        self.tree_view.expandRecursively(model.index_for_plan(plan_id))

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

    def rename_current_plan(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None or self.current_kind() != KIND_PLAN:
            self.show_status(strings.MSG_SELECT_FIRST)
            return
        plan = outline.get_plan(self.document.db, plan_id)
        title = messages.ask_text(
            self, strings.RENAME_PLAN_TITLE, strings.RENAME_PLAN_PROMPT, plan.title
        )
        if title and title.strip() and title.strip() != plan.title:
            self._on_plan_field_edited(plan_id, "title", title.strip())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.document.path.resolve() if self.document is not None else None
        paths = [p for p in recent_files.recent() if p != current]
        if not paths:
            self.recent_menu.addAction(strings.RECENT_EMPTY).setEnabled(False)
        for number, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.triggered.connect(lambda _c=False, p=path: self.open_recent(p))

    def open_recent(self, path: Path) -> bool:
        """Open a database of the recent list; a vanished file is said and dropped."""
        if not path.exists():
            recent_files.forget(path)
            messages.show_error_text(self, strings.RECENT_MISSING.format(path=path))
            return False
        return self.open_database_file(path)

    def show_about(self) -> None:
        messages.show_info(
            self,
            strings.ABOUT_TITLE,
            strings.ABOUT_TEXT.format(
                version=__version__, path=self.document.path if self.document else ""
            ),
        )

    def _on_tree_context_menu(self, pos: Any) -> None:
        index = self.tree_view.indexAt(pos)
        if index.isValid():
            self.tree_view.setCurrentIndex(index)
        self.build_tree_context_menu().exec(self.tree_view.viewport().mapToGlobal(pos))

    def build_tree_context_menu(self) -> QMenu:
        """The right-click menu of the current tree row (what WPS users look for there)."""
        menu = QMenu(self)
        a = self.actions
        kind = self.current_kind()
        if kind == KIND_PLAN:
            plan_steps = [a.get(k) for k in ("export_word", "print_preview", "report", "rollover")]
            menu.addActions([action for action in plan_steps if action is not None])
            menu.addSeparator()
            menu.addActions([a["add_section"], a["add_task"]])
            menu.addSeparator()
            menu.addActions([a["rename_plan"], a["delete"]])
            extra = [x for x in self.tree_context_actions if x not in plan_steps]
            if extra:
                menu.addSeparator()
                menu.addActions(extra)
            return menu
        if kind not in (KIND_SECTION, KIND_TASK):
            menu.addAction(a["new_plan"])
            return menu
        for key in self.node_clipboard_keys:
            menu.addAction(a[key])
        if self.node_clipboard_keys:
            menu.addSeparator()
        menu.addActions([a["add_section"], a["add_subsection"], a["add_task"]])
        menu.addSeparator()
        menu.addActions([a["move_up"], a["move_down"], a["indent"], a["outdent"]])
        if kind == KIND_TASK:
            menu.addAction(a["to_section"])
        elif kind == KIND_SECTION:
            menu.addAction(a["to_task"])
        menu.addSeparator()
        menu.addAction(a["delete"])
        if self.tree_context_actions:
            menu.addSeparator()
            menu.addActions(self.tree_context_actions)
        return menu

    # ------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value(SETTINGS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        maximized = settings.value(SETTINGS_MAXIMIZED)
        if maximized is None:  # first start: a small screen is used whole
            maximized = screen_fit.available_area(self).width() < SMALL_SCREEN_WIDTH
        if maximized in (True, "true"):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = settings.value(SETTINGS_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = settings.value(SETTINGS_SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        """Remember geometry, toolbar state and the splitter."""
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_MAXIMIZED, self.isMaximized())
        settings.setValue(SETTINGS_STATE, self.saveState())
        settings.setValue(SETTINGS_SPLITTER, self.splitter.saveState())
        settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            db_file_guard.check_on_focus(self)  # replaced by a sync tool while away?

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.document is not None:
            self.commit_panels()
            tree_state.save(self.tree_view, self.document.path)
        self.save_settings()
        super().closeEvent(event)
