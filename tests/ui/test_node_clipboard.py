"""Cut, copy, paste and duplicate of sections and tasks, within and across plans, undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models import outline
from ui import strings
from ui.shell import window_actions

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def sections(window, plan_id):
    return [n for n in outline.children(window.document.db, plan_id, None) if n.kind == "section"]


def subtree_texts(window, node_id):
    db = window.document.db
    ids = set(outline.subtree_ids(db, node_id))
    node = outline.get_node(db, node_id)
    return [n.title for n in outline.load_outline(db, node.plan_id) if n.id in ids]


def test_copy_paste_a_section_into_another_plan_and_undo(window):
    plans = window.document.tree_model.plan_ids()
    source = sections(window, plans[0])[0]
    window.select_node(source.id)
    assert window.node_clipboard.copy()
    assert source.heading in QGuiApplication.clipboard().text()
    # the outline's own texts, not the task table's "{count} 个单元格" ones
    assert window.statusBar().currentMessage() == strings.MSG_NODES_COPIED
    window.select_plan(plans[1])
    before = len(outline.load_outline(window.document.db, plans[1]))
    new_id = window.node_clipboard.paste()
    assert new_id is not None and window.current_node_id() == new_id
    assert outline.get_node(window.document.db, new_id).plan_id == plans[1]
    assert subtree_texts(window, new_id) == subtree_texts(window, source.id)
    assert "{" not in window.document.undo_stack.undoText()
    window.actions["undo"].trigger()
    assert len(outline.load_outline(window.document.db, plans[1])) == before
    window.actions["redo"].trigger()
    assert subtree_texts(window, new_id) == subtree_texts(window, source.id)


def test_cut_then_paste_moves_with_two_undo_steps(window):
    plan_id = window.document.tree_model.plan_ids()[0]
    first, second = sections(window, plan_id)[:2]
    texts = subtree_texts(window, first.id)
    window.select_node(first.id)
    assert window.node_clipboard.cut()
    assert first.id not in [n.id for n in outline.load_outline(window.document.db, plan_id)]
    window.select_node(second.id)
    new_id = window.node_clipboard.paste()
    assert subtree_texts(window, new_id) == texts
    assert outline.get_node(window.document.db, new_id).position == 1  # after the old 二、
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert subtree_texts(window, first.id) == texts  # back where it was


def test_ctrl_d_duplicates_in_the_tree_but_not_in_a_field(window, qtbot):
    plan_id = window.document.tree_model.plan_ids()[0]
    task = next(n for n in outline.load_outline(window.document.db, plan_id) if n.kind == "task")
    window.select_node(task.id)
    window.tree_view.setFocus()
    count = len(outline.load_outline(window.document.db, plan_id))
    qtbot.keyClick(window.tree_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(outline.load_outline(window.document.db, plan_id)) == count + 1
    copy = outline.get_node(window.document.db, window.current_node_id())
    assert copy.text == task.text and copy.position == task.position + 1
    edit = window.task_panel.editor("owner_unit")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() != strings.MSG_NODES_COPIED  # the field's own copy


def test_paste_with_nothing_copied_says_so(window):
    window.select_plan(window.document.tree_model.plan_ids()[0])
    assert window.node_clipboard.paste() is None
    assert window.statusBar().currentMessage() == strings.MSG_NOTHING_TO_PASTE


def test_node_menu_has_the_clipboard_entries(window):
    plan_id = window.document.tree_model.plan_ids()[0]
    window.select_node(sections(window, plan_id)[0].id)
    texts = [a.text() for a in window_actions.build_tree_context_menu(window).actions()]
    for text in (strings.ACT_CUT, strings.ACT_COPY, strings.ACT_PASTE, strings.ACT_DUPLICATE):
        assert text in texts
