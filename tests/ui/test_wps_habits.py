"""What WPS/Word users reach for: Ctrl+S, Ctrl+F, right-click menus, recent files, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models import outline
from models.store.open import open_database
from ui import messages, strings
from ui.shell import help_dialog, recent_files, window_actions, window_files

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_ctrl_s_says_it_is_saved_already(window, qtbot):
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == strings.MSG_AUTOSAVED


def test_ctrl_f_goes_to_the_search_box(window, qtbot, monkeypatch):
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: pytest.fail("asked"))
    window.showNormal()
    window.resize(1900, 700)  # room for the whole toolbar
    box = window.tracking.search_box
    qtbot.waitUntil(box.isVisible)
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus)


def test_ctrl_f_asks_when_the_box_is_hidden(window, monkeypatch):
    box = window.tracking.search_box
    box.setVisible(False)
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "农业")
    queries: list[str] = []
    box.search_requested.connect(queries.append)
    window.actions["find"].trigger()
    assert queries == ["农业"]


def test_plan_context_menu_is_complete(window):
    window.select_plan(window.document.tree_model.plan_ids()[0])
    texts = menu_texts(window_actions.build_tree_context_menu(window))
    for text in (
        strings.ACT_EXPORT_WORD,
        strings.ACT_PRINT_PREVIEW,
        strings.ACT_REPORT,
        strings.ACT_ROLLOVER,
        strings.ACT_RENAME_PLAN,
        strings.ACT_DELETE,
    ):
        assert text in texts


def test_rename_plan_is_undoable(window, monkeypatch):
    plan_id = window.document.tree_model.plan_ids()[0]
    window.select_plan(plan_id)
    old = outline.get_plan(window.document.db, plan_id).title
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "新的标题")
    window.actions["rename_plan"].trigger()
    assert outline.get_plan(window.document.db, plan_id).title == "新的标题"
    window.actions["undo"].trigger()
    assert outline.get_plan(window.document.db, plan_id).title == old


def test_recent_databases_in_the_file_menu(window, tmp_path, monkeypatch):
    other = tmp_path / "另一个.db"
    open_database(other).close()
    recent_files.remember(other)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if other.name in a.text())
    assert window.document.path.name not in [a.text() for a in window.recent_menu.actions()]
    entry.trigger()
    assert window.document.path.resolve() == other.resolve()
    assert recent_files.recent()[0] == other.resolve()


def test_a_vanished_recent_database_is_said_and_dropped(window, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error_text", lambda parent, text: shown.append(text))
    gone = tmp_path / "gone.db"
    recent_files.remember(gone)
    assert not window_files.open_recent(window, gone.resolve())
    assert shown == [strings.RECENT_MISSING.format(path=gone.resolve())]
    assert gone.resolve() not in recent_files.recent()


def test_help_guide_is_a_chinese_page_in_the_app(window, qtbot):
    window.actions["help_guide"].trigger()
    dialog = window._guide
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "PlanDesk 使用说明" in text and "Ctrl+S" in text
    assert Path(dialog.browser.source().toLocalFile()).name == "guide.html"


def test_shortcut_list_names_the_keys(window, qtbot):
    rows = dict(help_dialog.shortcut_rows(window.actions.values()))
    assert rows[strings.ACT_SAVE] == "Ctrl+S"
    assert "Ctrl+F" in rows[strings.ACT_FIND.replace("…", "")]
    dialog = help_dialog.open_shortcuts(window, window.actions.values())
    qtbot.addWidget(dialog)
    assert "Ctrl+E" in dialog.browser.toPlainText()
