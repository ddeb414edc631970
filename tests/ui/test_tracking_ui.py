"""Tracking in the main window: task table, due list, search, notices, panel, feedback."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt

from export.content import load_plan_data
from export.task_table import export_tasks_xlsx
from models import feedback, outline, tracking
from models.vocab import LIGHT
from tests.frozen_clock import frozen_today
from ui import messages, strings
from ui.commands.outline import RemoveNodeCommand
from ui.commands.tracking import edit_task_field
from ui.document import Document
from ui.shell.main_window import MainWindow
from ui.tracking import feedback_dialog
from ui.tracking.due_list_view import DueCol, DueListModel
from ui.tracking.task_table_model import Col
from ui.tracking.units_dialog import UnitsDialog

pytestmark = pytest.mark.gui


_today = frozen_today(dt.date(2024, 6, 10))


def _plan_tasks(win, plan_id):
    return [n for n in outline.load_outline(win.document.db, plan_id) if n.kind == "task"]


def _first_plan(win):
    return outline.list_plans(win.document.db)[0].id


def test_menu_docks_and_search_box_exist(window):
    assert window.tracking.menu.title() == strings.MENU_TRACKING
    assert window.actions["task_table"].text() == strings.ACT_TASK_TABLE
    assert window.tracking.search_box.placeholderText() == strings.SEARCH_PH
    assert not window.tracking.table_dock.isVisible()


def test_task_table_follows_the_tree(window, qtbot):
    pid = _first_plan(window)
    window.select_plan(pid)
    window.tracking.show_task_table()
    table = window.tracking.table
    assert table.model.rowCount() == len(_plan_tasks(window, pid))
    section = next(
        n
        for n in outline.load_outline(window.document.db, pid)
        if n.kind == "section" and outline.children(window.document.db, pid, n.id)
    )
    window.select_node(section.id)
    inside = set(outline.subtree_ids(window.document.db, section.id))
    assert set(table.model.task_ids()) == inside & {t.id for t in _plan_tasks(window, pid)}


def test_table_edit_is_undone_by_the_window_undo(window):
    pid = _first_plan(window)
    window.select_plan(pid)
    window.tracking.show_task_table()
    model = window.tracking.table.model
    tid = model.task_id(0)
    assert model.setData(model.index(0, Col.UNIT), "党政办")
    assert outline.get_node(window.document.db, tid).owner_unit == "党政办"
    window.actions["undo"].trigger()
    assert outline.get_node(window.document.db, tid).owner_unit is None
    assert model.index(0, Col.UNIT).data() == ""


def test_due_list_counts_and_double_click_opens_the_task(window, qtbot):
    pid = _first_plan(window)
    t = _plan_tasks(window, pid)
    window.push(edit_task_field(window.document, t[0].id, "due_date", "2024-06-09"))
    window.push(edit_task_field(window.document, t[1].id, "due_date", "2024-06-12"))
    window.tracking.show_due_list()
    due = window.tracking.due
    qtbot.waitUntil(lambda: not due.loading)  # read in a job
    counts = due.counts()
    assert counts["red"] == 1 and counts["yellow"] == 1
    assert due.counts_label.text() == strings.DUE_COUNTS.format(**counts)
    first = due.proxy.index(0, DueCol.TEXT)
    assert first.data() == t[0].text
    due.table.doubleClicked.emit(first)
    assert window.current_node_id() == t[0].id
    due.set_light_filter("yellow")
    assert due.proxy.rowCount() == 1
    due.set_light_filter(None)
    assert due.proxy.rowCount() == len(due.model.items)


def test_due_model_passes_the_model_tester(qtmodeltester, sample_db):
    model = DueListModel(sample_db)
    model.reload(dt.date(2024, 6, 10))
    qtmodeltester.check(model)


def test_notice_on_start_and_click_opens_due_list(qtbot, sample_db, db_path):
    task = next(n for n in outline.load_outline(sample_db, 1) if n.kind == "task")
    outline.update_node(sample_db, task.id, due_date="2024-06-01")
    win = MainWindow(Document(sample_db))
    qtbot.addWidget(win)
    win.show()
    notice = win.tracking.notice
    qtbot.waitUntil(notice.isVisible)  # counted in a job
    assert notice.text() == strings.DUE_NOTICE.format(red=1, yellow=0)
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    assert win.tracking.due_dock.isVisible()
    win.push(edit_task_field(win.document, task.id, "status", "done"))
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=3000)
    win.close_document()


def test_search_selects_the_node_and_follows_undo(window, qtbot):
    results = window.tracking.results
    window.tracking.search_box.setText("羊")
    window.tracking.search_box.returnPressed.emit()
    hits = results.hits
    assert hits and all("羊" in h.snippet for h in hits)
    from ui.tracking.search_view import HtmlRole, marked_html

    assert "<b>羊</b>" in results.list.item(0).data(HtmlRole)
    assert "\x02" not in results.list.item(0).text()
    assert marked_html("a<b\x02羊\x03") == "a&lt;b<b>羊</b>"
    assert not results.list.grab().isNull()  # the bold-match delegate paints
    assert window.tracking.search_dock.isVisible()
    item = results.list.item(0)
    results.list.itemClicked.emit(item)
    assert window.current_node_id() == hits[0].node_id
    count = len(hits)
    window.push(RemoveNodeCommand(window.document, hits[0].node_id))
    assert len(results.run("羊")) == count - 1
    window.actions["undo"].trigger()
    assert len(results.run("羊")) == count
    assert results.run("油茶") and results.run("乡村振兴") is not None


def test_task_panel_progress_and_checkpoints(window):
    pid = _first_plan(window)
    task = _plan_tasks(window, pid)[0]
    window.select_node(task.id)
    panel = window.tracking.panel
    assert panel.task_id == task.id
    panel.pr_text.setText("完成年度部署。")
    panel.pr_progress.setValue(30)
    assert panel.add_progress() is not None
    assert panel.pr_table.rowCount() == 1
    node = outline.get_node(window.document.db, task.id)
    assert (node.progress, node.status) == (30, "in_progress")
    ids = panel.add_recurring("quarterly")
    assert len(ids) == 4 and panel.cp_table.rowCount() == 4
    panel.mark_done([ids[0]])
    assert tracking.get_checkpoint(window.document.db, ids[0]).done_date == "2024-06-10"
    panel.remove_checkpoints([ids[1]])
    assert panel.cp_table.rowCount() == 3
    for _ in range(4):
        window.actions["undo"].trigger()
    assert panel.cp_table.rowCount() == 0 and panel.pr_table.rowCount() == 0
    assert outline.get_node(window.document.db, task.id).progress == 0


def test_units_dialog_feeds_the_pick_list(window, qtbot, no_error_boxes):
    dialog = UnitsDialog(window.document, window.push, window)
    qtbot.addWidget(dialog)
    assert dialog.add("党政办")
    assert dialog.names("unit") == ["党政办"]
    assert not dialog.add("党政办")  # duplicate refused (error shown, nothing pushed)
    assert len(no_error_boxes) == 1
    assert tracking.pick_list(window.document.db, "unit")[0] == "党政办"
    window.actions["undo"].trigger()
    dialog.reload()
    assert dialog.names("unit") == []


@pytest.fixture
def no_error_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def test_feedback_sheets_out_and_back(window, tmp_path, monkeypatch, no_error_boxes):
    pid = _first_plan(window)
    t = _plan_tasks(window, pid)
    window.push(edit_task_field(window.document, t[0].id, "owner_unit", "农业办"))
    window.select_plan(pid)
    monkeypatch.setattr(messages, "get_folder", lambda *a: str(tmp_path))
    paths = feedback_dialog.write_feedback_sheets(window)
    assert [p.name for p in paths] == ["反馈表_农业办.xlsx"]
    wb = load_workbook(paths[0])
    ws = wb.worksheets[0]
    ws.cell(row=5, column=feedback.COL_NOTE, value="已完成部署。")
    ws.cell(row=5, column=feedback.COL_PROGRESS, value=50)
    wb.save(paths[0])
    monkeypatch.setattr(feedback_dialog, "confirm_preview", lambda dialog: True)
    assert feedback_dialog.import_feedback(window, str(paths[0])) == 1
    assert outline.get_node(window.document.db, t[0].id).progress == 50
    window.actions["undo"].trigger()
    assert outline.get_node(window.document.db, t[0].id).progress == 0
    assert tracking.list_progress(window.document.db, t[0].id) == []
    window.actions["redo"].trigger()
    assert tracking.list_progress(window.document.db, t[0].id)[0].text == "已完成部署。"
    assert no_error_boxes == []


def test_import_edited_task_table(window, tmp_path, monkeypatch, no_error_boxes):
    pid = _first_plan(window)
    path = tmp_path / "table.xlsx"
    export_tasks_xlsx(load_plan_data(window.document.db, pid), path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(row=3, column=4, value="组织办")  # 责任单位 of the first task (row 1: title)
    wb.save(path)
    window.select_plan(pid)
    seen = []
    monkeypatch.setattr(
        feedback_dialog,
        "confirm_preview",
        lambda dialog: seen.append(dialog.table.rowCount()) or True,
    )
    assert feedback_dialog.import_task_table(window, str(path)) == 1
    assert seen == [1]
    first = _plan_tasks(window, pid)[0]
    assert first.owner_unit == "组织办"
    window.actions["undo"].trigger()
    assert outline.get_node(window.document.db, first.id).owner_unit is None
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"junk")
    assert feedback_dialog.import_task_table(window, str(bad)) == 0
    assert len(no_error_boxes) == 1


def test_bulk_edit_from_the_table_selection(window):
    pid = _first_plan(window)
    window.select_plan(pid)
    window.tracking.show_task_table()
    view = window.tracking.table
    sel = view.table.selectionModel()
    for r in range(3):
        sel.select(view.proxy.index(r, Col.TEXT), QItemSelectionModel.SelectionFlag.Select)
    assert view.bulk_edit("owner_unit", "财政所")
    units = [n.owner_unit for n in _plan_tasks(window, pid)]
    assert units[:3] == ["财政所"] * 3 and "财政所" not in units[3:]
    window.actions["undo"].trigger()
    assert all(n.owner_unit is None for n in _plan_tasks(window, pid))


def test_panel_deadline_edit_after_final_asks_and_logs(window, monkeypatch):
    pid = _first_plan(window)
    outline.update_plan(window.document.db, pid, status="final")
    task = _plan_tasks(window, pid)[0]
    window.select_node(task.id)
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: None)
    window.task_panel.field_edited.emit(task.id, "deadline", "9月底前")
    assert outline.get_node(window.document.db, task.id).deadline is None  # cancelled
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "县里调整")
    window.task_panel.field_edited.emit(task.id, "deadline", "9月底前")
    assert outline.get_node(window.document.db, task.id).deadline == "9月底前"
    changes = tracking.list_field_changes(window.document.db, task.id)
    assert [(c.field, c.new_value, c.reason) for c in changes] == [
        ("deadline", "9月底前", "县里调整")
    ]
    window.task_panel.field_edited.emit(task.id, "owner_unit", "党政办")  # no question
    assert outline.get_node(window.document.db, task.id).owner_unit == "党政办"
    table = window.tracking.panel.changes_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(1, 5)] == ["完成时限", "", "9月底前", "县里调整"]


def test_due_list_updates_rows_in_place_and_reloads_for_new_items(window, qtbot):
    pid = _first_plan(window)
    t = _plan_tasks(window, pid)
    window.push(edit_task_field(window.document, t[0].id, "due_date", "2024-06-09"))
    window.tracking.show_due_list()
    due = window.tracking.due
    qtbot.waitUntil(lambda: not due.loading)  # read in a job
    rows = due.model.rowCount()
    resets = []
    due.model.modelReset.connect(lambda: resets.append(1))
    window.push(edit_task_field(window.document, t[0].id, "due_date", "2024-06-12"))
    qtbot.waitUntil(lambda: due.counts()["yellow"] == 1, timeout=3000)
    assert resets == [] and due.model.rowCount() == rows
    assert due.counts()["red"] == 0
    from ui.commands.tracking import AddCheckpointsCommand

    window.push(AddCheckpointsCommand(window.document, t[0].id, title="x", due_date="2024-06-01"))
    qtbot.waitUntil(lambda: due.model.rowCount() == rows + 1, timeout=3000)
    assert resets == [1] and due.counts()["red"] == 1


def test_due_list_sorts_and_groups_in_the_model(window, qtbot):
    pid = _first_plan(window)
    t = _plan_tasks(window, pid)
    window.push(edit_task_field(window.document, t[0].id, "owner_unit", "乙单位"))
    window.push(edit_task_field(window.document, t[1].id, "owner_unit", "甲单位"))
    window.push(edit_task_field(window.document, t[1].id, "due_date", "2024-06-01"))
    window.tracking.show_due_list()
    due = window.tracking.due
    qtbot.waitUntil(lambda: not due.loading)  # read in a job
    assert due.proxy.index(0, DueCol.TEXT).data() == t[1].text  # red first
    due.group_combo.setCurrentIndex(due.group_combo.findData("owner_unit"))
    units = [due.proxy.index(r, DueCol.UNIT).data() for r in range(due.proxy.rowCount())]
    assert units == sorted(units, key=lambda u: (u == "", u))  # empty ones last
    due.sort_by(DueCol.UNIT, Qt.SortOrder.DescendingOrder)
    assert due.proxy.index(0, DueCol.UNIT).data() == max(units)
    due.reload()  # the chosen order survives a rebuild
    assert due.proxy.index(0, DueCol.UNIT).data() == max(units)


def test_due_list_group_table_counts_and_filters(window, qtbot):
    pid = _first_plan(window)
    t = _plan_tasks(window, pid)
    window.push(edit_task_field(window.document, t[0].id, "owner_unit", "农业办"))
    window.push(edit_task_field(window.document, t[0].id, "due_date", "2024-06-01"))
    window.push(edit_task_field(window.document, t[1].id, "owner_unit", "农业办"))
    window.tracking.show_due_list()
    due = window.tracking.due
    qtbot.waitUntil(lambda: not due.loading)  # read in a job
    assert not due.groups_table.isVisibleTo(due)
    due.group_combo.setCurrentIndex(due.group_combo.findData("owner_unit"))
    assert due.groups_table.isVisibleTo(due)
    headers = [due.groups_table.horizontalHeaderItem(c).text() for c in range(6)]
    assert headers == [strings.DUE_GROUP_FIRST, *LIGHT.values(), strings.DUE_GROUP_TOTAL]
    first = [due.groups_table.item(0, c).text() for c in range(6)]
    assert first == ["农业办", "1", "0", "0", "1", "2"]  # most red first
    due.groups_table.cellClicked.emit(0, 0)
    assert due.unit_combo.currentData() == "农业办"
    assert due.proxy.rowCount() == 2
