"""What a UI feature may use of the main window: the typed API of ``MainWindow``.

Features (export, import, backup, rollover, reports, tracking, supervision, …) receive the
window as a :class:`Host` and use nothing else of it. ``ui/shell/main_window.py`` is the one
implementation; ``tests/ui/test_host.py`` checks that it provides every member below and
that no feature imports ``ui.shell.main_window``. A feature's own objects are returned by its
``install`` function and kept by the window, never attached to it by the feature; what a
feature needs from another one is passed to its ``install`` as an argument, so the order
of installation is the order of the arguments.

A Host is a ``QMainWindow``: features parent their dialogs and message boxes on it and add
docks and status-bar widgets to it (the ``QMainWindow`` methods listed at the end).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QStatusBar, QToolBar, QTreeView

    from ui.document import Document
    from ui.jobs import RunningJob
    from ui.outline.task_panel import TaskPanel


@runtime_checkable
class Host(Protocol):
    """The members of the main window a feature may use."""

    # ---------------------------------------------------------------- the open database
    document: Document | None
    document_replaced: SignalInstance  # (Document): another database was opened

    def push(self, command: Any) -> Any:
        """Push an undo command; an expected error is shown. The result or None."""

    def set_document(self, document: Document) -> None:
        """Show another open database (restore from a backup)."""

    def commit_panels(self) -> None:
        """Report an edit still sitting in an editor of the detail panels."""

    def show_status(self, text: str) -> None:
        """A confirmation that needs no answer (status bar)."""

    def run_job(self, fn: Callable[..., Any], **options: Any) -> RunningJob:
        """Background work on the window: ui/jobs.py ``run_job`` parented on it."""

    # ---------------------------------------------------------------- the selection
    tree_view: QTreeView
    task_panel: TaskPanel

    def current_kind(self) -> str | None:
        """'year', 'plan', 'section', 'task' or None."""

    def current_plan_id(self) -> int | None:
        """The plan of the current tree row, else None."""

    def current_node_id(self) -> int | None:
        """The section or task of the current tree row, else None."""

    def select_plan(self, plan_id: int) -> None:
        """Make a plan the current row."""

    def select_node(self, node_id: int) -> None:
        """Make a section or task the current row."""

    # ---------------------------------------------------------------- menus and actions
    actions: dict[str, QAction]
    file_menu: QMenu
    edit_menu: QMenu
    plan_menu: QMenu
    report_menu: QMenu
    help_menu: QMenu
    toolbar: QToolBar
    tree_context_actions: list[QAction]  # extra entries of the tree's right-click menu
    node_clipboard_keys: list[str]  # cut/copy/paste entries of that menu (node_clipboard)

    @property
    def file_quit_separator(self) -> QAction:
        """The separator above Quit (import/export/backup entries go before it)."""

    # add_action(menu, text, slot, *, key=None, shortcut=None, tip="", toolbar=False,
    # before=None, shortcuts=None, tree_only=False) -> QAction: a feature's action in a menu
    # (and optionally on the toolbar); the signature is ui/shell/window_actions.add_action's
    add_action: Callable[..., QAction]

    # ---------------------------------------------------------------- the QMainWindow itself
    def addDockWidget(self, area: Any, dock: QDockWidget) -> None: ...  # noqa: N802

    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None: ...  # noqa: N802

    def menuBar(self) -> QMenuBar: ...  # noqa: N802

    def statusBar(self) -> QStatusBar: ...  # noqa: N802

    def installEventFilter(self, filter_: QObject) -> None: ...  # noqa: N802

    def setAcceptDrops(self, on: bool) -> None: ...  # noqa: N802
