"""The 开始 page, the toolbar of main steps, and the tree that remembers its state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from models import outline
from models.store.open import open_database
from resources import resource_path
from ui import messages, strings
from ui.document import Document
from ui.shell.detail_stack import PAGE_EMPTY
from ui.shell.main_window import MainWindow
from ui.shell.start_page import START_IMPORT, START_NEW, START_ROLLOVER

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_start_page_shows_while_nothing_is_selected(window):
    assert window.detail_stack.currentIndex() == PAGE_EMPTY
    assert window.detail_stack.currentWidget() is window.start_page
    texts = [b.text().strip() for b in window.start_page.buttons.values()]
    assert texts == [strings.START_IMPORT, strings.START_ROLLOVER, strings.START_NEW]


def test_start_buttons_run_the_first_steps(window, monkeypatch):
    triggered: list[str] = []
    for key in ("import", "rollover"):
        action = window.actions[key]
        action.triggered.disconnect()
        action.triggered.connect(lambda _c=False, k=key: triggered.append(k))
    window.start_page.buttons[START_IMPORT].click()
    window.start_page.buttons[START_ROLLOVER].click()
    assert triggered == ["import", "rollover"]
    assert window.current_plan_id() is not None  # rollover starts from the newest plan
    before = len(window.document.tree_model.plan_ids())
    window.start_page.buttons[START_NEW].click()
    assert len(window.document.tree_model.plan_ids()) == before + 1


def test_rollover_without_plans_says_what_to_do(qtbot, db_path, monkeypatch):
    win = MainWindow(Document(open_database(db_path)))
    qtbot.addWidget(win)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, title, text: shown.append(text))
    win.start_page.buttons[START_ROLLOVER].click()
    assert shown == [strings.START_NO_PLAN]
    win.close_document()


def test_steps_toolbar_has_icons_with_text_under(window):
    bar = window.steps_toolbar
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    keys = ["import", "rollover", "export_word", "report", "due_list"]
    for key in keys:
        action = window.actions[key]
        assert action in bar.actions()
        assert not action.icon().isNull(), key
        assert bar.widgetForAction(action).isVisible()
        assert isinstance(bar.widgetForAction(action), QToolButton)
    assert resource_path("icons", "toolbar", "LICENSE.txt").is_file()


def test_tree_remembers_open_rows_and_selection(qtbot, db_path, window):
    db = window.document.db
    plan_id = window.document.tree_model.plan_ids()[1]
    task = next(n.id for n in outline.load_outline(db, plan_id) if n.kind == "task")
    window.select_node(task)
    window.close()
    window.close_document()
    again = MainWindow(Document(open_database(db_path)))
    qtbot.addWidget(again)
    assert again.current_node_id() == task
    assert again.tree_view.isExpanded(again.document.tree_model.index_for_plan(plan_id))
    other = again.document.tree_model.plan_ids()[0]
    assert not again.tree_view.isExpanded(again.document.tree_model.index_for_plan(other))
    again.close_document()
