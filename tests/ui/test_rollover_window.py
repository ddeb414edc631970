"""Rollover and comparison from the main window's 计划 menu; the history box in the task panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from models import outline
from ui import strings
from ui.outline.plan_tree_model import KIND_TASK
from ui.rollover import rollover_dialog
from ui.rollover.compare_dialog import CompareDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_plan_menu_has_the_entries(window):
    texts = [a.text() for a in window.plan_menu.actions()]
    assert strings.ACT_ROLLOVER in texts and strings.ACT_COMPARE in texts
    assert window.actions["rollover"].text() == strings.ACT_ROLLOVER
    assert window.actions["rollover"] in window.tree_context_actions


def test_rollover_from_the_window_selects_the_new_plan_and_undoes(qtbot, window):
    db = window.document.db
    window.select_plan(1)
    dialog = rollover_dialog.open_rollover(window)
    dialog.buttons.accepted.emit()
    new_id = max(p.id for p in outline.list_plans(db))
    assert outline.get_plan(db, new_id).title == "XX镇2025年工作计划"
    assert window.current_plan_id() == new_id
    reviews = [w for w in window.findChildren(rollover_dialog.ReviewDialog)]
    assert len(reviews) == 1 and reviews[0].isVisible()
    # click-through from the review list to a node of the new plan
    rows = reviews[0].review_list
    assert rows.topLevelItemCount() == 1  # 力争2025年 in a 2025 plan
    item = rows.review_item(rows.topLevelItem(0))
    rows.itemActivated.emit(rows.topLevelItem(0), 0)
    assert window.current_node_id() == item.node_id
    assert outline.get_node(db, item.node_id).plan_id == new_id
    reviews[0].compare_button.click()  # straight to the side-by-side view
    compares = window.findChildren(CompareDialog)
    assert len(compares) == 1 and compares[0].plan_ids() == (1, new_id)
    compares[0].close()
    window.actions["undo"].trigger()
    assert [p.id for p in outline.list_plans(db)] == [1, 2, 3]
    window.actions["redo"].trigger()
    assert outline.get_plan(db, new_id).source_plan_id == 1
    reviews[0].close()


def test_task_panel_shows_the_history_of_a_carried_task(qtbot, window):
    db = window.document.db
    window.select_plan(1)
    dialog = rollover_dialog.open_rollover(window)
    dialog.buttons.accepted.emit()
    new_id = window.current_plan_id()
    task = next(n for n in outline.load_outline(db, new_id) if n.kind == KIND_TASK)
    window.select_node(task.id)
    history = window.task_panel.history
    assert history.isVisible()
    assert [e.year for e in history.entries] == [2024]
    assert "XX镇2024年工作计划" in history.view.toPlainText()
    old_task = history.entries[0].task_id
    history.view.anchorClicked.emit(QUrl(f"node:{old_task}"))
    assert window.current_node_id() == old_task


def test_compare_from_the_window(qtbot, window):
    db = window.document.db
    window.select_plan(2)
    rollover_dialog.open_rollover(window).buttons.accepted.emit()
    new_id = window.current_plan_id()
    dialog = rollover_dialog.open_compare(window)
    assert dialog.plan_ids() == (2, new_id)
    assert dialog.result is not None and dialog.result.counts()["added"] == 0
    first_task = next(n for n in outline.load_outline(db, 2) if n.kind == KIND_TASK)
    dialog.node_activated.emit(first_task.id)
    assert window.current_node_id() == first_task.id
    dialog.close()
