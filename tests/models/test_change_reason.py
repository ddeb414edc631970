"""The 定稿 rule in the one field edit: a deadline/target change of a final plan needs a reason."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from export.content import load_plan_data
from export.feedback_sheet import task_table_numbers
from export.task_table import export_tasks_xlsx
from models import feedback, outline, tracking
from models.errors import ChangeReasonRequiredError


def _tasks(db, pid):
    return [n for n in outline.load_outline(db, pid) if n.kind == "task"]


def _dump(db):
    return {
        t: [tuple(r) for r in db.query(f"SELECT * FROM {t} ORDER BY id")]
        for t in ("nodes", "field_changes")
    }


@pytest.fixture
def final_plan(db, plan_factory):
    pid = plan_factory()
    tasks = _tasks(db, pid)
    outline.update_node(db, tasks[0].id, deadline="6月底前")
    outline.update_plan(db, pid, status="final")
    return pid, tasks


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.parametrize("field", ["deadline", "target"])
def test_a_blank_reason_is_refused_and_nothing_written(db, final_plan, field, reason):
    _pid, tasks = final_plan
    before = _dump(db)
    with pytest.raises(ChangeReasonRequiredError):
        tracking.update_task_fields(db, tasks[0].id, {field: "9月底前"}, reason=reason)
    assert _dump(db) == before


def test_with_a_reason_the_change_is_logged(db, final_plan):
    _pid, tasks = final_plan
    tracking.update_task_fields(db, tasks[0].id, {"deadline": "9月底前"}, reason=" 县里调整 ")
    changes = tracking.list_field_changes(db, tasks[0].id)
    assert [(c.field, c.old_value, c.new_value, c.reason) for c in changes] == [
        ("deadline", "6月底前", "9月底前", "县里调整")
    ]


def test_other_fields_and_unchanged_values_need_no_reason(db, final_plan):
    _pid, tasks = final_plan
    tracking.update_task_fields(db, tasks[0].id, {"owner_unit": "党政办", "deadline": "6月底前"})
    assert outline.get_node(db, tasks[0].id).owner_unit == "党政办"
    assert tracking.list_field_changes(db, tasks[0].id) == []


def test_a_draft_plan_needs_no_reason(db, plan_factory):
    pid = plan_factory()
    task = _tasks(db, pid)[0]
    tracking.update_task_fields(db, task.id, {"deadline": "9月底前"})
    assert outline.get_node(db, task.id).deadline == "9月底前"
    assert tracking.list_field_changes(db, task.id) == []


def test_a_section_goes_through_the_same_edit(db, final_plan):
    pid, _tasks_ = final_plan
    section = next(n for n in outline.load_outline(db, pid) if n.kind == "section")
    tracking.update_task_fields(db, section.id, {"heading": "新的标题"})
    assert outline.get_node(db, section.id).heading == "新的标题"


def test_a_bulk_edit_without_reason_writes_nothing(db, final_plan):
    _pid, tasks = final_plan
    before = _dump(db)
    changes = {tasks[1].id: {"owner_unit": "党政办"}, tasks[0].id: {"deadline": "9月底前"}}
    with pytest.raises(ChangeReasonRequiredError):
        tracking.update_tasks(db, changes)
    assert _dump(db) == before  # the first task's unit is not written either
    tracking.update_tasks(db, changes, reason="县里调整")
    assert len(tracking.list_field_changes(db, tasks[0].id)) == 1


def test_an_imported_task_table_needs_a_reason(db, final_plan, tmp_path):
    pid, tasks = final_plan
    path = tmp_path / "table.xlsx"
    export_tasks_xlsx(load_plan_data(db, pid), path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.value: i + 1 for i, c in enumerate(ws[2])}
    ws.cell(row=3, column=col["完成时限"], value="9月底前")
    wb.save(path)
    preview = feedback.read_task_table(db, pid, path, numbers=task_table_numbers(db, pid))
    before = _dump(db)
    with pytest.raises(ChangeReasonRequiredError):
        feedback.apply_task_table(db, preview)
    assert _dump(db) == before
    feedback.apply_task_table(db, preview, reason="县里调整")
    assert [c.reason for c in tracking.list_field_changes(db, tasks[0].id)] == ["县里调整"]
