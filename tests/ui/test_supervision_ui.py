"""Supervision in the window: the rounds dock, 督办事项 and their closing, all undoable."""

from __future__ import annotations

import datetime as dt

import pytest

from models import clock, outline
from models.supervision import items, rounds
from tests.frozen_clock import frozen_today
from ui import messages
from ui import strings as sstrings
from ui.supervision import item_dialog
from ui.supervision.round_view import COL_STATE

pytestmark = pytest.mark.gui


_today = frozen_today(dt.date(2024, 6, 27))


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc.user_text))
    return shown


@pytest.fixture
def plan_id(window):
    """The first sample plan with three units on its first tasks."""
    db = window.document.db
    pid = outline.list_plans(db)[0].id
    tasks = [n for n in outline.load_outline(db, pid) if n.kind == "task"]
    for task, unit in zip(tasks[:3], ("农业办", "党政办", "财政所"), strict=True):
        outline.update_node(db, task.id, owner_unit=unit, due_date="2024-12-31")
    return pid


def test_menu_entries_and_hidden_dock(window):
    assert window.actions["rounds"].text() == sstrings.ACT_ROUNDS
    assert window.actions["items"].text() == sstrings.ACT_ITEMS
    assert not window.supervision.rounds_dock.isVisible()
    assert window.supervision.rounds.combo.count() == 0  # hidden: nothing computed at start


def test_the_dock_shows_the_latest_round_when_opened(window, plan_id):
    rounds.create_round(window.document.db, plan_id, "2024-05-25")
    rounds.create_round(window.document.db, plan_id, "2024-06-25")
    window.actions["rounds"].trigger()
    view = window.supervision.rounds
    assert view.combo.count() == 2 and view.current_round_id() == 2
    assert view.table.rowCount() == 3


def test_new_round_shows_units_and_undo_removes_it(window, plan_id, errors):
    window.supervision.show_rounds()
    view = window.supervision.rounds
    round_id = view.new_round(plan_id, "2024-06-25")
    assert errors == [] and round_id is not None
    assert view.current_round_id() == round_id
    assert view.table.rowCount() == 3
    assert view.table.item(0, COL_STATE).text() == "未报"  # the 25th has passed
    assert "应报 3 个" in view.counts.text()
    window.document.undo_stack.undo()
    assert rounds.list_rounds(window.document.db) == []
    assert view.current_round_id() is None and view.counts.text() == sstrings.ROUND_NONE
    window.document.undo_stack.redo()
    assert [r.id for r in rounds.list_rounds(window.document.db)] == [round_id]


def test_mark_and_chase_are_undo_steps(window, plan_id, errors):
    window.supervision.show_rounds()
    view = window.supervision.rounds
    round_id = view.new_round(plan_id, "2024-06-25")
    assert view.mark("党政办", "2024-06-26", "王主任")
    states = {view.table.item(r, 0).text(): view.table.item(r, 1).text() for r in range(3)}
    assert states["党政办"] == "迟报"
    assert sorted(view.chase()) == ["农业办", "财政所"]
    status = rounds.round_status(window.document.db, round_id)
    assert {u.unit: u.chase_count for u in status.units} == {"农业办": 1, "党政办": 0, "财政所": 1}
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    status = rounds.round_status(window.document.db, round_id)
    assert all(u.state == "missing" and u.chase_count == 0 for u in status.units)
    assert errors == []


def test_bad_due_date_shows_a_message_and_writes_nothing(window, plan_id, errors):
    view = window.supervision.rounds
    assert view.new_round(plan_id, "2024-6-x") is None
    assert len(errors) == 1 and "2025-06-25" in errors[0]
    assert rounds.list_rounds(window.document.db) == []
    assert window.document.undo_stack.count() == 0


def test_round_documents_and_closing_from_the_view(window, plan_id, errors, tmp_path):
    view = window.supervision.rounds
    view.new_round(plan_id, "2024-06-25")
    written = view.write_document("bulletin", str(tmp_path / "通报.docx"))
    assert written.issue.label == "2024年第1期"
    assert view.close_round()
    assert rounds.list_rounds(window.document.db)[0].closed_on == "2024-06-27"
    window.document.undo_stack.undo()
    assert rounds.list_rounds(window.document.db)[0].closed_on is None
    assert errors == []


def test_add_item_then_close_and_undo_each_step(window, errors):
    dialog = window.supervision.show_items()
    item_id = dialog.add(
        {
            "text": "落实书记批示，解决安置点饮水问题。",
            "source": "instruction",
            "source_ref": "",
            "assigned_on": "2024-06-03",
            "time_class": "rush",
            "owner_unit": "水利站",
            "co_units": "",
            "lead_leader": "",
            "assigned_by": "张书记",
        }
    )
    assert errors == [] and item_id is not None
    db = window.document.db
    assert dialog.table.rowCount() == 1 and dialog.current_item() == item_id
    ledger = items.get_item(db, item_id).node.plan_id
    assert window.document.tree_model.index_for_plan(ledger).isValid()
    assert dialog.close_item("done", {"result": "已通水", "evidence": "照片", "on": ""})
    assert items.get_item(db, item_id).state == "done"
    assert dialog.table.item(0, 7).text() == sstrings.ITEM_STATE["done"]
    assert dialog.close_item("cancel", {"by": "李主任", "note": "", "on": "2024-06-10"})
    assert items.get_item(db, item_id).state == "closed"
    stack = window.document.undo_stack
    stack.undo()
    assert items.get_item(db, item_id).state == "done"
    stack.undo()
    assert items.get_item(db, item_id).state == "open"
    stack.undo()  # the item itself, and the ledger plan it created
    assert items.list_items(db) == [] and dialog.table.rowCount() == 0
    assert not window.document.tree_model.index_for_plan(ledger).isValid()
    stack.redo()
    stack.redo()
    assert items.get_item(db, item_id).state == "done"


def test_bad_closing_shows_a_message(window, errors):
    dialog = window.supervision.show_items()
    item_id = dialog.add(
        {"text": "事项。", "source": "meeting", "assigned_on": "2024-06-03", "time_class": "normal"}
    )
    dialog.select_item(item_id)
    count = window.document.undo_stack.count()
    assert dialog.close_item("cancel", {"by": "李主任", "on": ""}) is None
    assert errors == ["事项办结后才能销号。"]
    assert window.document.undo_stack.count() == count


def test_item_form_values_go_through_the_dialog(window, monkeypatch, errors):
    def fill(dialog):
        dialog.text.setPlainText("完成低产林改造。")
        dialog.assigned.setText("2024-06-03")
        dialog.unit.setCurrentText("林业站")
        return True

    monkeypatch.setattr(item_dialog, "run_dialog", fill)
    window.supervision.new_item()
    found = items.list_items(window.document.db)
    assert errors == [] and [i.node.owner_unit for i in found] == ["林业站"]
    assert found[0].time_class == "normal"


def test_receiving_a_sheet_is_one_undo_step(window, plan_id, errors, tmp_path):
    from openpyxl import load_workbook

    from models import feedback

    window.supervision.show_rounds()
    view = window.supervision.rounds
    clock.set_today(dt.date(2024, 6, 20))
    view.new_round(plan_id, "2024-06-25")
    paths = view.write_sheets(str(tmp_path))
    path = next(p for p in paths if p.name.endswith("_农业办.xlsx"))
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if isinstance(ws.cell(row=r, column=feedback.COL_ID).value, int):
            ws.cell(row=r, column=feedback.COL_NOTE, value="推进中。")
            ws.cell(row=r, column=feedback.COL_PROGRESS, value=35)
    wb.save(path)
    db = window.document.db
    task = next(
        n
        for n in outline.load_outline(db, plan_id)
        if n.kind == "task" and n.owner_unit == "农业办"
    )
    receipt = view.receive(str(path))
    assert errors == [] and receipt.state == "on_time"
    assert outline.get_node(db, task.id).progress == 35
    assert view.table.item(0, COL_STATE).text() == "已报"
    window.document.undo_stack.undo()
    assert outline.get_node(db, task.id).progress == 0
    assert rounds.round_status(db, view.current_round_id()).units[0].state == "pending"
    window.document.undo_stack.redo()
    assert outline.get_node(db, task.id).progress == 35
    assert rounds.round_status(db, view.current_round_id()).units[0].received_on == "2024-06-20"


def test_pace_reason_from_the_menu_is_an_undo_step(window, plan_id, monkeypatch, errors):
    from models.supervision import pace

    db = window.document.db
    task = next(n for n in outline.load_outline(db, plan_id) if n.kind == "task")
    window.select_node(task.id)
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "待上级资金下达")
    window.actions["pace_reason"].trigger()
    assert errors == [] and pace.pace_reason(db, task.id) == "待上级资金下达"
    assert pace.plan_paces(db, plan_id)[task.id].pace == "other"
    window.document.undo_stack.undo()
    assert pace.pace_reason(db, task.id) is None
    window.select_plan(plan_id)
    window.actions["pace_reason"].trigger()
    assert errors == [sstrings.SELECT_TASK]
