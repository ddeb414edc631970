"""GUI flows of the main window (offscreen, qtbot): edit, delete/undo, move, indent, settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from models import outline
from models.store.open import open_database
from ui import messages, strings
from ui.document import Document
from ui.outline.plan_tree_model import NodeIdRole, NodeKindRole
from ui.shell.detail_stack import PAGE_PLAN, PAGE_SECTION, PAGE_TASK
from ui.shell.main_window import MainWindow

# The offscreen platform warns once per shown top-level window; nothing of ours.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _first_plan(window) -> int:
    return window.document.tree_model.plan_ids()[0]


def _plan_rows(window, plan_id):
    model = window.document.tree_model
    parent = model.index_for_plan(plan_id)
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def _edit_line(panel, field, text):
    edit = panel.editor(field)
    edit.setText(text)  # never keyClicks Chinese text (TOOLCHAIN.md)
    edit.editingFinished.emit()


def _refuse_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def test_window_shows_sample_and_db_path(window):
    assert window.document.tree_model.rowCount() == 1  # the 2024 year row
    assert str(window.document.path) in window.db_label.text()
    assert window.tree_view.isHeaderHidden()
    assert window.file_menu.title() == strings.MENU_FILE
    assert window.detail_stack.currentIndex() == 0


def test_select_task_edit_owner_unit_then_reopen(window, db_path):
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    section = _plan_rows(window, pid)[0]
    task_index = window.document.tree_model.index(0, 0, section)
    assert task_index.data(NodeKindRole) == "task"
    window.tree_view.setCurrentIndex(task_index)
    assert window.detail_stack.currentIndex() == PAGE_TASK
    task_id = task_index.data(NodeIdRole)
    _edit_line(window.task_panel, "owner_unit", "镇农业农村办")
    assert outline.get_node(window.document.db, task_id).owner_unit == "镇农业农村办"
    window.close()
    window.close_document()
    reopened = open_database(db_path)
    try:
        assert outline.get_node(reopened, task_id).owner_unit == "镇农业农村办"
    finally:
        reopened.close()


def test_pending_edit_is_saved_on_close(window, db_path):
    pid = _first_plan(window)
    window.select_plan(pid)
    assert window.detail_stack.currentIndex() == PAGE_PLAN
    window.plan_panel.editor("doc_number").setText("X政发〔2024〕3号")  # no editingFinished
    window.close()
    window.close_document()
    with open_database(db_path) as reopened:
        assert outline.get_plan(reopened, pid).doc_number == "X政发〔2024〕3号"


def test_delete_section_undo_brings_back_tasks(window, monkeypatch):
    asked = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda p, t, text: asked.append(text) or True)
    db = window.document.db
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    section_index = _plan_rows(window, pid)[0]
    section_id = section_index.data(NodeIdRole)
    before = [(n.id, n.text) for n in outline.load_outline(db, pid)]
    task_ids = [n.id for n in outline.children(db, pid, section_id)]
    assert task_ids
    window.tree_view.setCurrentIndex(section_index)
    window.actions["delete"].trigger()
    assert len(asked) == 1
    assert not window.document.tree_model.index_for_node(section_id).isValid()
    assert all(nid not in {n.id for n in outline.load_outline(db, pid)} for nid in task_ids)
    window.actions["undo"].trigger()
    assert [(n.id, n.text) for n in outline.load_outline(db, pid)] == before
    restored = window.document.tree_model.index_for_node(section_id)
    assert restored.isValid()
    assert window.document.tree_model.rowCount(restored) == len(task_ids)


def test_delete_cancelled_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a: False)
    pid = _first_plan(window)
    window.select_plan(pid)
    window.actions["delete"].trigger()
    assert pid in window.document.tree_model.plan_ids()
    assert window.document.undo_stack.count() == 0


def test_move_section_down_renumbers_tree(window):
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    first, second = _plan_rows(window, pid)[:2]
    first_title, second_title = first.data()[2:], second.data()[2:]
    first_id = first.data(NodeIdRole)
    window.tree_view.setCurrentIndex(first)
    window.actions["move_down"].trigger()
    rows = _plan_rows(window, pid)
    assert rows[0].data() == "一、" + second_title
    assert rows[1].data() == "二、" + first_title
    assert window.current_node_id() == first_id  # the selection followed the node
    window.actions["move_up"].trigger()
    assert _plan_rows(window, pid)[0].data() == "一、" + first_title


def test_indent_and_outdent(window):
    db = window.document.db
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    second = _plan_rows(window, pid)[1]
    first_id = _plan_rows(window, pid)[0].data(NodeIdRole)
    second_id = second.data(NodeIdRole)
    window.tree_view.setCurrentIndex(second)
    window.actions["indent"].trigger()
    node = outline.get_node(db, second_id)
    assert node.parent_id == first_id
    index = window.document.tree_model.index_for_node(second_id)
    assert index.data().startswith("（一）")
    assert window.current_node_id() == second_id
    window.actions["outdent"].trigger()
    node = outline.get_node(db, second_id)
    assert (node.parent_id, node.position) == (None, 1)
    assert window.document.tree_model.index_for_node(second_id).data().startswith("二、")


def test_tab_key_in_tree_indents(window, qtbot):
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    second = _plan_rows(window, pid)[1]
    second_id = second.data(NodeIdRole)
    window.tree_view.setFocus()
    window.tree_view.setCurrentIndex(second)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Tab)
    assert outline.get_node(window.document.db, second_id).parent_id is not None


def test_drop_moves_through_command(window):
    pid = _first_plan(window)
    model = window.document.tree_model
    model.ensure_plan_loaded(pid)
    rows = _plan_rows(window, pid)
    first_id = rows[0].data(NodeIdRole)
    mime = model.mimeData([rows[0]])
    assert model.dropMimeData(
        mime, Qt.DropAction.MoveAction, len(rows), 0, model.index_for_plan(pid)
    )
    assert outline.get_node(window.document.db, first_id).position == len(rows) - 1
    assert _plan_rows(window, pid)[-1].data(NodeIdRole) == first_id
    assert window.document.undo_stack.count() == 1
    window.actions["undo"].trigger()
    assert outline.get_node(window.document.db, first_id).position == 0


def test_add_section_subsection_task(window):
    db = window.document.db
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    first = _plan_rows(window, pid)[0]
    first_id = first.data(NodeIdRole)
    count = len(_plan_rows(window, pid))
    window.tree_view.setCurrentIndex(first)
    window.actions["add_section"].trigger()
    new_id = window.current_node_id()
    node = outline.get_node(db, new_id)
    assert (node.parent_id, node.position, node.heading) == (None, 1, strings.NEW_SECTION_HEADING)
    assert len(_plan_rows(window, pid)) == count + 1
    assert window.detail_stack.currentIndex() == PAGE_SECTION
    window.actions["add_subsection"].trigger()
    sub = outline.get_node(db, window.current_node_id())
    assert sub.parent_id == new_id
    window.select_node(first_id)
    window.actions["add_task"].trigger()
    task = outline.get_node(db, window.current_node_id())
    tasks_before = [n for n in outline.children(db, pid, first_id) if n.kind == "task"]
    assert task.kind == "task" and task.parent_id == first_id
    assert task.position == len(tasks_before) - 1  # after the last task, before sub-sections
    assert window.detail_stack.currentIndex() == PAGE_TASK


def test_new_plan_selected(window):
    window.actions["new_plan"].trigger()
    assert window.current_kind() == "plan"
    plan = outline.get_plan(window.document.db, window.current_plan_id())
    assert plan.title == strings.NEW_PLAN_TITLE
    window.actions["undo"].trigger()
    assert plan.id not in window.document.tree_model.plan_ids()


def test_bad_year_shows_message_and_db_unchanged(window, monkeypatch):
    shown = _refuse_boxes(monkeypatch)
    pid = _first_plan(window)
    window.select_plan(pid)
    _edit_line(window.plan_panel, "year", "abc")
    assert len(shown) == 1 and "年度" in shown[0].user_text
    assert outline.get_plan(window.document.db, pid).year == 2024
    assert window.plan_panel.editor("year").text() == "2024"  # the panel shows the stored value
    assert window.document.undo_stack.count() == 0


def test_bad_progress_shows_message_and_db_unchanged(window, monkeypatch):
    shown = _refuse_boxes(monkeypatch)
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    task_index = window.document.tree_model.index(0, 0, _plan_rows(window, pid)[0])
    window.tree_view.setCurrentIndex(task_index)
    task_id = task_index.data(NodeIdRole)
    # the spin box stops at 100, so send what a broken editor would
    window.task_panel.field_edited.emit(task_id, "progress", 150)
    assert len(shown) == 1 and "进度" in shown[0].user_text
    assert outline.get_node(window.document.db, task_id).progress == 0


def test_bad_signed_date_message(window, monkeypatch):
    shown = _refuse_boxes(monkeypatch)
    pid = _first_plan(window)
    window.select_plan(pid)
    before = outline.get_plan(window.document.db, pid).signed_date
    _edit_line(window.plan_panel, "signed_date", "去年")
    assert len(shown) == 1
    assert outline.get_plan(window.document.db, pid).signed_date == before


def test_year_edit_moves_plan_and_keeps_selection(window):
    pid = _first_plan(window)
    window.select_plan(pid)
    _edit_line(window.plan_panel, "year", "2025")
    model = window.document.tree_model
    assert model.index_for_plan(pid).parent().data() == strings.YEAR_LABEL.format(year=2025)
    assert window.current_plan_id() == pid and window.current_kind() == "plan"


def test_status_combo_changes_tree_icon_state(window):
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    task_index = window.document.tree_model.index(0, 0, _plan_rows(window, pid)[0])
    window.tree_view.setCurrentIndex(task_index)
    combo = window.task_panel.editor("status")
    combo.setCurrentIndex(combo.findData("done"))
    combo.activated.emit(combo.currentIndex())
    task_id = task_index.data(NodeIdRole)
    assert outline.get_node(window.document.db, task_id).status == "done"
    from ui.outline.plan_tree_model import StatusRole

    assert window.document.tree_model.index_for_node(task_id).data(StatusRole) == "done"


def test_settings_restored(qtbot, db_path, window):
    window.showNormal()  # a first start on a small screen (offscreen: 800 px) is maximized
    window.resize(700, 520)
    window.splitter.setSizes([200, 700])
    sizes = window.splitter.sizes()
    window.close()
    second = MainWindow(Document(open_database(db_path)))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    try:
        assert (second.size().width(), second.size().height()) == (700, 520)
        assert second.splitter.sizes() == sizes
    finally:
        second.close_document()


def test_load_sample_is_one_undoable_step(window):
    before = len(window.document.tree_model.plan_ids())
    window.actions["load_sample"].trigger()
    assert len(window.document.tree_model.plan_ids()) == before + 3
    window.actions["undo"].trigger()
    assert len(window.document.tree_model.plan_ids()) == before


def test_open_other_database(window, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    monkeypatch.setattr(messages, "get_save_path", lambda *a: str(other))
    window.actions["new_db"].trigger()
    assert window.document.path == other
    assert window.document.tree_model.rowCount(QModelIndex()) == 0
    assert str(other) in window.db_label.text()


def test_open_non_database_shows_error(window, tmp_path, monkeypatch):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    shown = _refuse_boxes(monkeypatch)
    monkeypatch.setattr(messages, "get_open_path", lambda *a: str(junk))
    old_path = window.document.path
    window.actions["open_db"].trigger()
    assert len(shown) == 1
    assert window.document.path == old_path


def test_add_action_api_for_features(window):
    called = []
    action = window.add_action(
        window.report_menu, "报表测试", lambda: called.append(1), key="test_report"
    )
    assert window.report_menu.menuAction().isVisible()
    action.trigger()
    assert called == [1]
    assert window.actions["test_report"] is action


def test_shift_tab_and_ctrl_arrows_in_tree(window, qtbot):
    db = window.document.db
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    second_id = _plan_rows(window, pid)[1].data(NodeIdRole)
    window.tree_view.setFocus()
    window.select_node(second_id)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert outline.get_node(db, second_id).parent_id is not None
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert (
        outline.get_node(db, second_id).parent_id,
        outline.get_node(db, second_id).position,
    ) == (None, 1)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert outline.get_node(db, second_id).position == 2
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert outline.get_node(db, second_id).position == 1


def test_tab_in_panel_editor_does_not_indent(window, qtbot):
    db = window.document.db
    pid = _first_plan(window)
    window.document.tree_model.ensure_plan_loaded(pid)
    second_id = _plan_rows(window, pid)[1].data(NodeIdRole)
    window.select_node(second_id)
    editor = window.section_panel.editor("heading")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert outline.get_node(db, second_id).parent_id is None


def test_toolbar_undo_button_follows_stack(window):
    button = window.actions["undo_button"]
    assert not button.isEnabled()
    window.actions["new_plan"].trigger()
    assert button.isEnabled()
    assert button.text() == strings.UNDO_PREFIX
    assert strings.UNDO_ADD_PLAN in button.toolTip()
    button.trigger()
    assert not button.isEnabled()
    assert window.actions["redo_button"].isEnabled()


def test_task_style_combo_renumbers_tasks_in_tree(window):
    pid = _first_plan(window)
    model = window.document.tree_model
    model.ensure_plan_loaded(pid)
    section = _plan_rows(window, pid)[0]
    window.tree_view.setCurrentIndex(section)
    assert window.detail_stack.currentIndex() == PAGE_SECTION
    combo = window.section_panel.editor("task_style")
    combo.setCurrentIndex(combo.findData("yishi"))
    combo.activated.emit(combo.currentIndex())
    tasks = [model.index(r, 0, section) for r in range(model.rowCount(section))]
    assert tasks[0].data().startswith("一是") and tasks[1].data().startswith("二是")
    window.actions["undo"].trigger()
    assert not tasks[0].data().startswith("一是")


def test_expanding_a_plan_in_the_view_loads_it(window, qtbot):
    model = window.document.tree_model
    pid = model.plan_ids()[1]
    assert not model.is_plan_loaded(pid)
    window.tree_view.expand(model.index_for_plan(pid))
    qtbot.waitUntil(lambda: model.is_plan_loaded(pid), timeout=3000)
    assert model.rowCount(model.index_for_plan(pid)) > 0


def test_convert_task_to_section_action(window):
    pid = _first_plan(window)
    model = window.document.tree_model
    model.ensure_plan_loaded(pid)
    task_index = model.index(0, 0, _plan_rows(window, pid)[0])
    task_id = task_index.data(NodeIdRole)
    window.tree_view.setCurrentIndex(task_index)
    window.actions["to_section"].trigger()
    assert outline.get_node(window.document.db, task_id).kind == "section"
    assert window.detail_stack.currentIndex() == PAGE_SECTION
    window.actions["undo"].trigger()
    assert outline.get_node(window.document.db, task_id).kind == "task"
