"""Round sheets out and back: the unit is marked (late after the due day), other rounds refused."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from export.feedback_sheet import export_feedback_sheets
from export.round_sheets import export_round_sheets
from models import clock, feedback, outline
from models.errors import ImportFileError
from models.supervision import rounds
from tests.db_hash import content_hash
from tests.frozen_clock import frozen_today

_today = frozen_today(dt.date(2025, 6, 20))


@pytest.fixture
def plan(db, plan_factory):
    pid = plan_factory()
    tasks = [n for n in outline.load_outline(db, pid) if n.kind == "task"]
    outline.update_node(db, tasks[0].id, owner_unit="党政办", due_date="2025-12-31")
    outline.update_node(db, tasks[1].id, owner_unit="党政办、纪委", due_date="2025-12-31")
    outline.update_node(db, tasks[2].id, owner_unit="农业办", due_date="2025-12-31")
    return pid, tasks


def _fill(path, progress):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        if isinstance(ws.cell(row=r, column=feedback.COL_ID).value, int):
            ws.cell(row=r, column=feedback.COL_NOTE, value="按计划推进。")
            ws.cell(row=r, column=feedback.COL_PROGRESS, value=progress)
    wb.save(path)


def _sheet(paths, unit):
    return next(p for p in paths if p.name.endswith(f"_{unit}.xlsx"))


def test_sheets_name_the_round_and_come_back_marking_the_unit(db, plan, tmp_path):
    pid, tasks = plan
    round_id = rounds.create_round(db, pid, "2025-06-25")
    paths = export_round_sheets(db, round_id, tmp_path)
    assert len(paths) == 3
    path = _sheet(paths, "党政办")
    ws = load_workbook(path).worksheets[0]
    assert "（2025年6月）" in ws.cell(row=1, column=feedback.COL_SEQ).value
    assert "2025年6月25日前报送" in ws.cell(row=2, column=feedback.COL_SEQ).value
    _fill(path, 55)
    receipt = rounds.receive_sheet(db, round_id, path, received_on="2025-06-24", signed_by="王主任")
    assert (receipt.unit, receipt.state, len(receipt.applied)) == ("党政办", "on_time", 2)
    assert outline.get_node(db, tasks[0].id).progress == 55
    unit = rounds.round_status(db, round_id).units[0]
    assert (unit.state, unit.received_on, unit.signed_by) == ("on_time", "2025-06-24", "王主任")
    rounds.undo_receipt(db, receipt)
    assert rounds.round_status(db, round_id).units[0].state == "pending"
    assert outline.get_node(db, tasks[0].id).progress == 0


def test_a_sheet_after_the_due_day_is_late(db, plan, tmp_path):
    pid, _ = plan
    round_id = rounds.create_round(db, pid, "2025-06-25")
    path = _sheet(export_round_sheets(db, round_id, tmp_path), "农业办")
    _fill(path, 40)
    receipt = rounds.receive_sheet(db, round_id, path, received_on="2025-06-27")
    assert receipt.state == "late"


def test_next_rounds_sheet_is_prefilled_with_last_rounds_progress(db, plan, tmp_path):
    pid, tasks = plan
    clock.set_today(dt.date(2025, 6, 26))
    first = rounds.create_round(db, pid, "2025-06-25")
    path = _sheet(export_round_sheets(db, first, tmp_path), "农业办")
    _fill(path, 40)
    rounds.receive_sheet(db, first, path, received_on="2025-06-25")
    second = rounds.create_round(db, pid, "2025-07-25")
    out = tmp_path / "second"
    out.mkdir()
    ws = load_workbook(_sheet(export_round_sheets(db, second, out), "农业办")).worksheets[0]
    lasts = [
        ws.cell(row=r, column=feedback.COL_LAST).value
        for r in range(1, ws.max_row + 1)
        if ws.cell(row=r, column=feedback.COL_ID).value == tasks[2].id
    ]
    assert lasts and lasts[0].startswith("2025年6月：40%")


def test_a_sheet_of_another_round_changes_nothing(db, plan, tmp_path):
    pid, _ = plan
    first = rounds.create_round(db, pid, "2025-06-25")
    second = rounds.create_round(db, pid, "2025-07-25")
    path = _sheet(export_round_sheets(db, first, tmp_path), "农业办")
    _fill(path, 40)
    before = content_hash(db.conn)
    with pytest.raises(ImportFileError):
        rounds.receive_sheet(db, second, path)
    assert content_hash(db.conn) == before


def test_a_plain_feedback_sheet_is_accepted_for_the_plans_round(db, plan, tmp_path):
    pid, _ = plan
    round_id = rounds.create_round(db, pid, "2025-06-25")
    path = next(p for p in export_feedback_sheets(db, pid, tmp_path) if "农业办" in p.name)
    _fill(path, 30)
    assert rounds.receive_sheet(db, round_id, path, received_on="2025-06-20").state == "on_time"
