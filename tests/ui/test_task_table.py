"""The task table: model under QAbstractItemModelTester, edits as commands, bulk edit, paste."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from models import outline, tracking
from models.errors import PlanDeskError
from ui import messages, strings
from ui.commands.tracking import (
    AddCheckpointsCommand,
    AddProgressEntryCommand,
    EditTasksCommand,
)
from ui.tracking.task_table_model import Col, SortRole, TaskFilterProxy, TaskIdRole, TaskTableModel
from ui.tracking.task_table_view import TaskTableView, from_tsv, to_tsv

pytestmark = pytest.mark.gui


def _tasks(db, pid):
    return [n for n in outline.load_outline(db, pid) if n.kind == "task"]


def _safe_push(document):
    def push(command):
        try:
            return document.push(command)
        except PlanDeskError:
            return None

    return push


@pytest.fixture
def plan(db, plan_factory):
    pid = plan_factory(year=2025)
    t = _tasks(db, pid)
    outline.update_node(db, t[0].id, owner_unit="党政办", deadline="6月底前")
    outline.update_node(db, t[2].id, owner_unit="农业办", progress=40, status="in_progress")
    return pid, t


@pytest.fixture
def view(qtbot, document, plan):
    v = TaskTableView(document, _safe_push(document))
    qtbot.addWidget(v)
    v.load(plan[0], title="测试")
    return v


def test_model_passes_qt_model_tester(qtmodeltester, db, plan):
    pid, t = plan
    edits = []
    model = TaskTableModel(db, lambda *a: edits.append(a) or True)
    model.load(pid)
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == len(Col)
    outline.update_node(db, t[1].id, owner_unit="组织办")
    model.refresh_tasks([t[1].id])
    qtmodeltester.check(model)
    outline.remove_node(db, t[3].id)
    model.refresh_tasks([t[0].id])  # the row set changed: a full reload
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_model_roles_and_set_data_calls_on_edit(db, plan):
    pid, t = plan
    edits = []
    model = TaskTableModel(db, lambda *a: edits.append(a) or True)
    model.load(pid)
    idx = model.index(2, Col.PROGRESS)
    assert idx.data() == "40%" and idx.data(SortRole) == 40
    assert idx.data(Qt.ItemDataRole.EditRole) == 40
    assert model.index(0, Col.UNIT).data() == "党政办"
    assert model.index(0, Col.DEADLINE).data(SortRole) == "2025-06-30"
    assert model.index(1, Col.DEADLINE).data(SortRole) == "9999"
    assert model.index(0, Col.STATUS).data() == "未开始"
    assert model.index(0, Col.TEXT).data(TaskIdRole) == t[0].id
    assert model.setData(model.index(1, Col.UNIT), " 财政所 ")
    assert model.setData(model.index(1, Col.STATUS), "进行中")
    assert model.setData(model.index(1, Col.PROGRESS), "55%")
    assert not model.setData(model.index(1, Col.PROGRESS), "abc")
    assert not model.setData(model.index(1, Col.STATUS), "差不多")
    assert not model.setData(model.index(1, Col.SEQ), "9")
    assert model.setData(model.index(0, Col.UNIT), "党政办")  # unchanged: no edit
    assert edits == [
        (t[1].id, "owner_unit", "财政所"),
        (t[1].id, "status", "in_progress"),
        (t[1].id, "progress", 55),
    ]
    assert not model.flags(model.index(0, Col.LATEST)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, Col.TEXT)) & Qt.ItemFlag.ItemIsEditable


def test_cell_edit_is_an_undoable_command(view, document, plan):
    pid, t = plan
    model = view.model
    assert model.setData(model.index(1, Col.UNIT), "组织办")
    assert outline.get_node(document.db, t[1].id).owner_unit == "组织办"
    assert view.proxy.index(1, Col.UNIT).data() == "组织办"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert outline.get_node(document.db, t[1].id).owner_unit is None
    assert view.proxy.index(1, Col.UNIT).data() == ""
    document.undo_stack.redo()
    assert view.proxy.index(1, Col.UNIT).data() == "组织办"


def test_bulk_edit_and_undo(view, document, plan):
    pid, t = plan
    ids = [x.id for x in t]
    assert view.bulk_edit("deadline", "9月底前", ids)
    assert [n.due_date for n in _tasks(document.db, pid)] == ["2025-09-30"] * 4
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == strings.UNDO_BULK_EDIT.format(
        field="完成时限", count=4
    )
    document.undo_stack.undo()
    got = [(n.deadline, n.due_date) for n in _tasks(document.db, pid)]
    assert got == [("6月底前", "2025-06-30"), (None, None), (None, None), (None, None)]


def test_bulk_edit_needs_a_reason_after_final(view, document, plan, monkeypatch):
    pid, t = plan
    outline.update_plan(document.db, pid, status="final")
    asked = []
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: asked.append(a) or None)
    assert not view.bulk_edit("deadline", "9月底前", [t[0].id])  # cancelled: nothing
    assert outline.get_node(document.db, t[0].id).deadline == "6月底前"
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "县里调整")
    assert view.bulk_edit("deadline", "9月底前", [t[0].id])
    log = tracking.list_field_changes(document.db, t[0].id)
    assert [(c.old_value, c.new_value, c.reason) for c in log] == [
        ("6月底前", "9月底前", "县里调整")
    ]
    assert view.bulk_edit("owner_unit", "组织办", [t[0].id])  # no reason for other fields
    assert len(asked) == 1


def test_bad_value_is_refused_and_nothing_pushed(view, document, plan, monkeypatch):
    pid, t = plan
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    command = EditTasksCommand(document, {t[0].id: {"progress": 300}}, "x")
    with pytest.raises(PlanDeskError):
        document.push(command)
    assert document.undo_stack.count() == 0
    assert outline.get_node(document.db, t[0].id).progress == 0


def test_tsv_round_trip():
    rows = [["a", "b\tc"], ['说"明"', "两\n行"]]
    assert from_tsv(to_tsv(rows)) == rows
    assert from_tsv("甲\t乙\r\n丙\t丁\r\n") == [["甲", "乙"], ["丙", "丁"]]


def test_copy_and_paste_cells(view, document, plan, qapp):
    pid, t = plan
    sel = view.table.selectionModel()
    sel.select(view.proxy.index(0, Col.UNIT), QItemSelectionModel.SelectionFlag.Select)
    sel.select(view.proxy.index(0, Col.DEADLINE), QItemSelectionModel.SelectionFlag.Select)
    assert view.copy_cells() == 2
    assert QApplication.clipboard().text() == "党政办\t6月底前"
    # paste a 2×2 block from Excel at row 2, column 责任单位
    QApplication.clipboard().setText("组织办\t纪委\r\n财政所\t\r\n")
    view.table.setCurrentIndex(view.proxy.index(1, Col.UNIT))
    view.table.clearSelection()
    assert view.paste_cells() == 4
    nodes = _tasks(document.db, pid)
    assert (nodes[1].owner_unit, nodes[1].co_units) == ("组织办", "纪委")
    assert (nodes[2].owner_unit, nodes[2].co_units) == ("财政所", None)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    nodes = _tasks(document.db, pid)
    assert (nodes[1].owner_unit, nodes[2].owner_unit) == (None, "农业办")


def test_paste_one_value_into_many_cells_skips_read_only(view, document, plan):
    pid, t = plan
    QApplication.clipboard().setText("林业站")
    sel = view.table.selectionModel()
    for r in range(4):
        sel.select(view.proxy.index(r, Col.UNIT), QItemSelectionModel.SelectionFlag.Select)
    sel.select(view.proxy.index(0, Col.LATEST), QItemSelectionModel.SelectionFlag.Select)
    view.table.setCurrentIndex(view.proxy.index(0, Col.UNIT))
    for r in range(4):
        sel.select(view.proxy.index(r, Col.UNIT), QItemSelectionModel.SelectionFlag.Select)
    assert view.paste_cells() == 4
    assert {n.owner_unit for n in _tasks(document.db, pid)} == {"林业站"}


def test_filters_and_sorting(view, plan):
    pid, t = plan
    view.filter_edit.setText("油茶")
    assert view.proxy.rowCount() == 1
    view.filter_edit.setText("")
    view.unit_combo.setCurrentIndex(view.unit_combo.findData("农业办"))
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, Col.TEXT).data(TaskIdRole) == t[2].id
    view.unit_combo.setCurrentIndex(0)
    view.status_combo.setCurrentIndex(view.status_combo.findData("in_progress"))
    assert view.proxy.rowCount() == 1
    view.status_combo.setCurrentIndex(0)
    view.table.sortByColumn(Col.PROGRESS, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, Col.TEXT).data(TaskIdRole) == t[2].id
    assert view.count_label.text() == strings.TABLE_COUNT.format(count=4)


def test_progress_and_checkpoint_commands(document, plan):
    pid, t = plan
    entry = document.push(AddProgressEntryCommand(document, t[0].id, "已部署。", 30, "2025-03-01"))
    node = outline.get_node(document.db, t[0].id)
    assert (node.progress, node.status) == (30, "in_progress")
    document.undo_stack.undo()
    assert tracking.list_progress(document.db, t[0].id) == []
    assert outline.get_node(document.db, t[0].id).status == "not_started"
    document.undo_stack.redo()
    assert [e.id for e in tracking.list_progress(document.db, t[0].id)] == [entry]
    assert outline.get_node(document.db, t[0].id).progress == 30
    ids = document.push(AddCheckpointsCommand(document, t[0].id, rule="quarterly"))
    assert len(ids) == 4
    document.undo_stack.undo()
    assert tracking.list_checkpoints(document.db, t[0].id) == []
    document.undo_stack.redo()
    assert [c.id for c in tracking.list_checkpoints(document.db, t[0].id)] == ids
