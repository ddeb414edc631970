"""The main window's actions, menus, toolbars and the tree's right-click menu.

Other features add their menu entries through :func:`add_action` (the window's
``add_action``, ui/host.py); every action is kept under its key in ``window.actions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QToolBar

from ui import strings
from ui.host import Host
from ui.outline.plan_tree_model import KIND_PLAN, KIND_SECTION, KIND_TASK
from ui.plain_text import plain_tip
from ui.shell import help_dialog, window_files
from ui.shell.outline_editing import OutlineEditor
from ui.shell.start_page import toolbar_icon
from ui.shell.window_files import FileWindow


class ActionWindow(FileWindow, Protocol):
    """The window's own slots behind its actions."""

    def close(self) -> bool: ...

    def show_about(self) -> None: ...

    def show_guide(self) -> None: ...

    def save_now(self) -> None: ...

    def find(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Menus:
    """The window's menus, and the separator above Quit (feature entries go before it)."""

    file: QMenu
    recent: QMenu
    edit: QMenu
    plan: QMenu
    view: QMenu
    report: QMenu
    help: QMenu
    file_quit_separator: QAction


def make_action(
    window: Host,
    key: str,
    text: str,
    slot: Callable[[], Any] | None = None,
    shortcuts: list[QKeySequence | str] | None = None,
    tip: str = "",
    tree_only: bool = False,
) -> QAction:
    """An action of the window, kept as ``window.actions[key]``."""
    action = QAction(text, window)
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
        window.tree_view.addAction(action)
    window.actions[key] = action
    return action


def add_action(
    window: Host,
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
    action = make_action(
        window,
        key or f"extra_{len(window.actions)}",
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
        window.toolbar.addAction(action)
    return action


def create_actions(window: ActionWindow, editor: OutlineEditor, undo_group: QUndoGroup) -> None:
    """The window's own actions: outline edits, files, undo/redo, view and help."""

    def make(*args: Any, **options: Any) -> QAction:
        return make_action(window, *args, **options)

    make("new_plan", strings.ACT_NEW_PLAN, editor.new_plan, ["Ctrl+N"], strings.TIP_NEW_PLAN)
    make(
        "add_section",
        strings.ACT_ADD_SECTION,
        lambda: editor.add_node(KIND_SECTION),
        ["Ctrl+Shift+N"],
        strings.TIP_ADD_SECTION,
    )
    make(
        "add_subsection",
        strings.ACT_ADD_SUBSECTION,
        lambda: editor.add_node("subsection"),
        ["Ctrl+Alt+N"],
        strings.TIP_ADD_SUBSECTION,
    )
    make(
        "add_task",
        strings.ACT_ADD_TASK,
        lambda: editor.add_node(KIND_TASK),
        ["Ctrl+T"],
        strings.TIP_ADD_TASK,
    )
    make(
        "delete",
        strings.ACT_DELETE,
        editor.delete_current,
        [QKeySequence.StandardKey.Delete],
        strings.TIP_DELETE,
        tree_only=True,
    )
    make(
        "move_up",
        strings.ACT_MOVE_UP,
        lambda: editor.move_current(-1),
        ["Ctrl+Up"],
        tree_only=True,
    )
    make(
        "move_down",
        strings.ACT_MOVE_DOWN,
        lambda: editor.move_current(1),
        ["Ctrl+Down"],
        tree_only=True,
    )
    make("indent", strings.ACT_INDENT, editor.indent_current, ["Tab", "Ctrl+Right"], tree_only=True)
    make(
        "outdent",
        strings.ACT_OUTDENT,
        editor.outdent_current,
        ["Shift+Tab", "Ctrl+Left"],
        tree_only=True,
    )
    make("to_section", strings.ACT_TO_SECTION, lambda: editor.set_current_kind(KIND_SECTION))
    make("to_task", strings.ACT_TO_TASK, lambda: editor.set_current_kind(KIND_TASK))
    make("load_sample", strings.ACT_LOAD_SAMPLE, editor.load_sample_plans)
    make(
        "open_db",
        strings.ACT_OPEN_DB,
        lambda: window_files.ask_open_database(window),
        ["Ctrl+O"],
    )
    make("new_db", strings.ACT_NEW_DB, lambda: window_files.ask_new_database(window))
    make("quit", strings.ACT_QUIT, window.close, [QKeySequence.StandardKey.Quit])
    make("about", strings.ACT_ABOUT, window.show_about)
    make(
        "help_guide",
        strings.ACT_HELP_GUIDE,
        window.show_guide,
        [QKeySequence.StandardKey.HelpContents],
    )
    make(
        "help_shortcuts",
        strings.ACT_HELP_SHORTCUTS,
        lambda: help_dialog.open_shortcuts(window, window.actions.values()),
    )
    make("save", strings.ACT_SAVE, window.save_now, [QKeySequence.StandardKey.Save])
    make("find", strings.ACT_FIND, window.find, [QKeySequence.StandardKey.Find])
    make("rename_plan", strings.ACT_RENAME_PLAN, editor.rename_current_plan, ["F2"])
    make("expand_plan", strings.ACT_EXPAND_PLAN, editor.expand_current_plan)
    make("collapse_all", strings.ACT_COLLAPSE_ALL, window.tree_view.collapseAll)
    _create_undo_actions(window, undo_group)


def _create_undo_actions(window: Host, undo_group: QUndoGroup) -> None:
    undo = undo_group.createUndoAction(window, strings.UNDO_PREFIX)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = undo_group.createRedoAction(window, strings.REDO_PREFIX)
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    window.actions["undo"] = undo
    window.actions["redo"] = redo
    # Toolbar twins with a fixed short text (the menu entries say what will be undone,
    # which would make the toolbar jump); the full text is their tooltip.
    for key, text, source in (
        ("undo_button", strings.UNDO_PREFIX, undo),
        ("redo_button", strings.REDO_PREFIX, redo),
    ):
        twin = QAction(text, window)
        twin.setObjectName(f"action_{key}")
        twin.setEnabled(False)
        twin.triggered.connect(source.trigger)
        source.changed.connect(lambda t=twin, s=source: _sync_twin(t, s))
        window.actions[key] = twin


def _sync_twin(twin: QAction, source: QAction) -> None:
    twin.setEnabled(source.isEnabled())
    twin.setToolTip(plain_tip(source.text()))


def create_menus(bar: QMenuBar, actions: dict[str, QAction]) -> Menus:
    """The menu bar with the window's own entries (features add theirs later)."""
    a = actions
    file_menu = bar.addMenu(strings.MENU_FILE)
    file_menu.addActions([a["new_db"], a["open_db"]])
    recent_menu = file_menu.addMenu(strings.ACT_RECENT_MENU)
    recent_menu.setObjectName("recent_menu")
    file_menu.addAction(a["save"])
    file_menu.addSeparator()
    file_menu.addAction(a["load_sample"])
    file_menu.addSeparator()
    # Import/export/print/backup entries go above this separator (insert_before_quit).
    quit_separator = file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu(strings.MENU_EDIT)
    edit_menu.addActions([a["undo"], a["redo"]])
    edit_menu.addSeparator()
    edit_menu.addAction(a["delete"])
    edit_menu.addSeparator()
    edit_menu.addAction(a["find"])
    plan_menu = bar.addMenu(strings.MENU_PLAN)
    plan_menu.addActions([a["new_plan"], a["rename_plan"]])
    plan_menu.addSeparator()
    plan_menu.addActions([a["add_section"], a["add_subsection"], a["add_task"]])
    plan_menu.addSeparator()
    plan_menu.addActions([a["move_up"], a["move_down"], a["indent"], a["outdent"]])
    plan_menu.addActions([a["to_section"], a["to_task"]])
    view_menu = bar.addMenu(strings.MENU_VIEW)
    view_menu.addActions([a["expand_plan"], a["collapse_all"]])
    view_menu.addSeparator()
    report_menu = bar.addMenu(strings.MENU_REPORT)
    report_menu.menuAction().setVisible(False)  # shown when the first entry arrives
    help_menu = bar.addMenu(strings.MENU_HELP)
    help_menu.addActions([a["help_guide"], a["help_shortcuts"]])
    help_menu.addSeparator()
    help_menu.addAction(a["about"])
    return Menus(
        file_menu,
        recent_menu,
        edit_menu,
        plan_menu,
        view_menu,
        report_menu,
        help_menu,
        quit_separator,
    )


def create_toolbars(
    window: QMainWindow, actions: dict[str, QAction], view_menu: QMenu
) -> tuple[QToolBar, QToolBar]:
    """(steps toolbar, main toolbar); the steps are added by :func:`fill_steps_toolbar`."""
    # the year's main steps, as icons with their names under them (filled once the
    # features have added their actions)
    steps_toolbar = QToolBar(strings.TOOLBAR_STEPS, window)
    steps_toolbar.setObjectName("steps_toolbar")
    steps_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    steps_toolbar.setMovable(False)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, steps_toolbar)
    toolbar = QToolBar(strings.TOOLBAR_MAIN, window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.setMovable(False)
    a = actions
    toolbar.addAction(a["new_plan"])
    toolbar.addSeparator()
    toolbar.addActions([a["add_section"], a["add_subsection"], a["add_task"], a["delete"]])
    toolbar.addSeparator()
    toolbar.addActions([a["move_up"], a["move_down"], a["outdent"], a["indent"]])
    toolbar.addSeparator()
    toolbar.addActions([a["undo_button"], a["redo_button"]])
    toolbar.addSeparator()
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    toggle = toolbar.toggleViewAction()
    toggle.setText(strings.ACT_SHOW_TOOLBAR)
    view_menu.addAction(toggle)
    return steps_toolbar, toolbar


def fill_steps_toolbar(
    steps_toolbar: QToolBar, actions: dict[str, QAction], view_menu: QMenu
) -> None:
    """The year's steps, once the features have added their actions."""
    for key, icon in (
        ("import", "import"),
        ("rollover", "rollover"),
        ("export_word", "export_word"),
        ("report", "report"),
        ("due_list", "due_list"),
    ):
        action = actions.get(key)
        if action is None:
            continue
        action.setIcon(toolbar_icon(icon))
        action.setIconText(strings.STEP_TEXT.get(key, action.text()))
        steps_toolbar.addAction(action)
    actions["new_plan"].setIcon(toolbar_icon("new_plan"))
    toggle = steps_toolbar.toggleViewAction()
    toggle.setText(strings.ACT_SHOW_STEPS_TOOLBAR)
    view_menu.addAction(toggle)


def show_tree_context_menu(window: Host, pos: QPoint) -> None:
    """The tree's customContextMenuRequested: the menu of the row under the mouse."""
    view = window.tree_view
    index = view.indexAt(pos)
    if index.isValid():
        view.setCurrentIndex(index)
    build_tree_context_menu(window).exec(view.viewport().mapToGlobal(pos))


def build_tree_context_menu(window: Host) -> QMenu:
    """The right-click menu of the current tree row (what WPS users look for there)."""
    menu = QMenu(window)
    a = window.actions
    kind = window.current_kind()
    if kind == KIND_PLAN:
        plan_steps = [a.get(k) for k in ("export_word", "print_preview", "report", "rollover")]
        menu.addActions([action for action in plan_steps if action is not None])
        menu.addSeparator()
        menu.addActions([a["add_section"], a["add_task"]])
        menu.addSeparator()
        menu.addActions([a["rename_plan"], a["delete"]])
        extra = [x for x in window.tree_context_actions if x not in plan_steps]
        if extra:
            menu.addSeparator()
            menu.addActions(extra)
        return menu
    if kind not in (KIND_SECTION, KIND_TASK):
        menu.addAction(a["new_plan"])
        return menu
    for key in window.node_clipboard_keys:
        menu.addAction(a[key])
    if window.node_clipboard_keys:
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
    if window.tree_context_actions:
        menu.addSeparator()
        menu.addActions(window.tree_context_actions)
    return menu
