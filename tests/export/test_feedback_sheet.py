"""Feedback sheets out and back, and the 任务分解表 .xlsx round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from export.content import load_plan_data
from export.feedback_sheet import export_feedback_sheets, task_table_numbers
from export.task_table import export_tasks_xlsx
from models import feedback, outline, tracking
from models.errors import ExportError, ImportFileError
from models.store import row_images
from tests.frozen_clock import frozen_today

_today = frozen_today(dt.date(2025, 4, 1))


def _tasks(db, pid):
    return [n for n in outline.load_outline(db, pid) if n.kind == "task"]


def _dump(db):
    return {
        t: [tuple(r) for r in db.query(f"SELECT * FROM {t} ORDER BY id")]
        for t in ("nodes", "progress_log", "field_changes")
    }


@pytest.fixture
def plan(db, plan_factory):
    pid = plan_factory()
    t = _tasks(db, pid)
    outline.update_node(db, t[0].id, owner_unit="党政办", deadline="6月底前")
    outline.update_node(db, t[1].id, owner_unit="党政办、纪委")
    outline.update_node(db, t[2].id, owner_unit="农业办", target="=5万亩")
    return pid, t


def _fill(path, values):
    """values: task id -> (note, progress, problems)."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, ws.max_row + 1):
        tid = ws.cell(row=r, column=feedback.COL_ID).value
        if isinstance(tid, int) and tid in values:
            note, progress, problems = values[tid]
            ws.cell(row=r, column=feedback.COL_NOTE, value=note)
            ws.cell(row=r, column=feedback.COL_PROGRESS, value=progress)
            ws.cell(row=r, column=feedback.COL_PROBLEMS, value=problems)
    wb.save(path)


def _sheet(paths, unit):
    return next(p for p in paths if unit in p.name)


def test_one_sheet_per_unit_with_hidden_ids(db, plan, tmp_path):
    pid, t = plan
    paths = export_feedback_sheets(db, pid, tmp_path)
    assert sorted(p.name for p in paths) == sorted(
        ["反馈表_党政办.xlsx", "反馈表_纪委.xlsx", "反馈表_农业办.xlsx"]
    )
    wb = load_workbook(_sheet(paths, "党政办"))
    ws = wb.worksheets[0]
    assert ws.column_dimensions["A"].hidden
    assert wb[feedback.META_SHEET].sheet_state == "veryHidden"
    headers = [ws.cell(row=4, column=c).value for c in range(2, 10)]
    assert headers == [
        "序号",
        "工作任务",
        "完成时限",
        "量化目标",
        "上次进展",
        "进展情况",
        "进度（%）",
        "存在问题",
    ]
    ids = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
    assert ids == [t[0].id, t[1].id]
    assert ws.cell(row=5, column=feedback.COL_DEADLINE).value == "6月底前"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
    farm = load_workbook(_sheet(paths, "农业办")).worksheets[0]
    assert farm.cell(row=5, column=feedback.COL_TARGET).data_type == "s"  # not a formula


def test_returned_sheet_applies_as_progress_notes_and_undoes(db, plan, tmp_path):
    pid, t = plan
    path = _sheet(export_feedback_sheets(db, pid, tmp_path), "党政办")
    _fill(path, {t[0].id: ("已召开3次会议。", 60, "场地紧张"), t[1].id: ("已完成。", "100%", None)})
    before = _dump(db)
    preview = feedback.read_feedback(db, path, plan_id=pid)
    assert _dump(db) == before  # reading writes nothing
    assert [(r.task_id, r.state, r.progress) for r in preview.rows] == [
        (t[0].id, "ok", 60),
        (t[1].id, "ok", 100),
    ]
    assert not preview.list_changed and preview.unit == "党政办"
    ids = [r.task_id for r in preview.rows]
    applied, rec = row_images.record(
        db, lambda: feedback.apply_feedback(db, preview), {"nodes": ids}, grows=["progress_log"]
    )
    assert [a.task_id for a in applied] == [t[0].id, t[1].id]
    notes = tracking.list_progress(db, t[0].id)
    assert [(n.text, n.progress_after, n.problems, n.author, n.entry_date) for n in notes] == [
        ("已召开3次会议。", 60, "场地紧张", "党政办", "2025-04-01")
    ]
    assert outline.get_node(db, t[1].id).status == "done"
    # undo (as ApplyFeedbackCommand does it) gives back every row to the letter
    row_images.put_back(db, rec.before)
    assert _dump(db) == before


def test_sheet_of_another_plan_is_refused(db, plan, plan_factory, tmp_path):
    pid, t = plan
    other = plan_factory(title="另一个计划")
    path = _sheet(export_feedback_sheets(db, pid, tmp_path), "党政办")
    _fill(path, {t[0].id: ("x", 10, None)})
    before = _dump(db)
    with pytest.raises(ImportFileError) as err:
        feedback.read_feedback(db, path, plan_id=other)
    assert "另一个计划" in err.value.user_text
    outline.delete_plan(db, pid)
    with pytest.raises(ImportFileError):
        feedback.read_feedback(db, path)
    assert before["progress_log"] == _dump(db)["progress_log"]


def test_changed_task_list_is_reported_not_applied(db, plan, tmp_path):
    pid, t = plan
    path = _sheet(export_feedback_sheets(db, pid, tmp_path), "党政办")
    _fill(path, {t[0].id: ("a", 10, None), t[1].id: ("b", 20, None)})
    outline.update_node(db, t[0].id, text="按季度召开会议。")
    outline.remove_node(db, t[1].id)
    outline.update_node(db, t[3].id, owner_unit="党政办")
    preview = feedback.read_feedback(db, path)
    states = {r.task_id: (r.state, r.reasons) for r in preview.rows}
    assert states[t[0].id] == ("conflict", [feedback.R_TASK_CHANGED])
    assert states[t[1].id] == ("error", [feedback.R_TASK_GONE])
    assert preview.list_changed and preview.added_tasks == [t[3].id]
    assert feedback.apply_feedback(db, preview) == []
    assert tracking.list_progress(db, t[0].id) == []
    applied = feedback.apply_feedback(db, preview, include_conflicts=True)
    assert [a.task_id for a in applied] == [t[0].id]


def test_row_edited_twice_and_reimport_are_reported(db, plan, tmp_path):
    pid, t = plan
    path = _sheet(export_feedback_sheets(db, pid, tmp_path), "党政办")
    _fill(path, {t[0].id: ("a", 10, None), t[1].id: ("b", 20, None)})
    # the same task copied into a second row
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.append([t[1].id, "", "", "", "", "", "c", 30, ""])
    wb.save(path)
    preview = feedback.read_feedback(db, path)
    assert [(r.task_id, r.state) for r in preview.rows] == [
        (t[0].id, "ok"),
        (t[1].id, "error"),
        (t[1].id, "error"),
    ]
    assert feedback.R_DUPLICATE in preview.rows[1].reasons
    feedback.apply_feedback(db, preview)
    # the same sheet imported again: the note is already there
    again = feedback.read_feedback(db, path)
    assert again.rows[0].state == "error" and again.rows[0].reasons == [feedback.R_ALREADY]
    # progress recorded in PlanDesk after the sheet was sent: a conflict
    tracking.add_progress(db, t[0].id, "另行记录。", 15)
    _fill(path, {t[0].id: ("new", 40, None)})
    third = feedback.read_feedback(db, path)
    assert third.rows[0].state == "conflict"
    assert third.rows[0].reasons == [feedback.R_PROGRESS_SINCE]


def test_bad_progress_and_foreign_files(db, plan, tmp_path):
    pid, t = plan
    path = _sheet(export_feedback_sheets(db, pid, tmp_path), "党政办")
    _fill(path, {t[0].id: ("a", "很多", None), t[1].id: ("b", 120, None)})
    preview = feedback.read_feedback(db, path)
    assert [r.reasons for r in preview.rows] == [[feedback.R_BAD_PROGRESS]] * 2
    plain = tmp_path / "plain.xlsx"
    from openpyxl import Workbook

    Workbook().save(plain)
    with pytest.raises(ImportFileError):
        feedback.read_feedback(db, plain)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ImportFileError):
        feedback.read_feedback(db, junk)
    with pytest.raises(ExportError):
        export_feedback_sheets(db, pid, tmp_path / "missing-folder")


# ---------------------------------------------------------------- 任务分解表 round trip
def _table_cells(path):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]  # row 1 is the title
    return wb, ws, {h: i + 1 for i, h in enumerate(headers)}


def test_task_table_round_trip_updates_only_changed_fields(db, plan, tmp_path):
    pid, t = plan
    path = tmp_path / "table.xlsx"
    export_tasks_xlsx(load_plan_data(db, pid), path)
    wb, ws, col = _table_cells(path)
    assert ws.cell(row=3, column=col["工作任务"]).value == t[0].text
    ws.cell(row=3, column=col["责任单位"], value="组织办")
    ws.cell(row=4, column=col["完成时限"], value="9月底前")
    ws.cell(row=5, column=col["进度/状态"], value="进行中 60%")
    ws.cell(row=6, column=col["工作任务"], value="打造“霍山”特色品牌。")  # text edited
    wb.save(path)
    before = _dump(db)
    numbers = task_table_numbers(db, pid)
    preview = feedback.read_task_table(db, pid, path, numbers=numbers)
    assert _dump(db) == before
    got = {c.task_id: c.changes for c in preview.changes}
    assert got == {
        t[0].id: {"owner_unit": ("党政办", "组织办")},
        t[1].id: {"deadline": (None, "9月底前")},
        t[2].id: {"status": ("not_started", "in_progress"), "progress": (0, 60)},
        t[3].id: {"text": ("打造特色品牌。", "打造“霍山”特色品牌。")},
    }
    assert preview.unmatched_rows == [] and preview.missing_tasks == [] and not preview.errors
    ids = [c.task_id for c in preview.changes]
    _, rec = row_images.record(db, lambda: feedback.apply_task_table(db, preview), {"nodes": ids})
    after = {n.id: n for n in _tasks(db, pid)}
    assert after[t[0].id].owner_unit == "组织办"
    assert (after[t[1].id].deadline, after[t[1].id].due_date) == ("9月底前", "2025-09-30")
    assert (after[t[2].id].status, after[t[2].id].progress) == ("in_progress", 60)
    assert after[t[3].id].text == "打造“霍山”特色品牌。"
    # nothing else changed: compare every column except the edited ones and updated_at
    cols = [r[1] for r in db.query("PRAGMA table_info(nodes)")]
    edited = {"owner_unit", "deadline", "due_date", "status", "progress", "text", "updated_at"}
    keep = [i for i, c in enumerate(cols) if c not in edited]
    assert [tuple(r[i] for i in keep) for r in _dump(db)["nodes"]] == [
        tuple(r[i] for i in keep) for r in before["nodes"]
    ]
    row_images.put_back(db, rec.before)
    assert _dump(db) == before  # every column, updated_at included


def test_task_table_unmatched_missing_and_bad_cells(db, plan, tmp_path):
    pid, t = plan
    path = tmp_path / "table.xlsx"
    export_tasks_xlsx(load_plan_data(db, pid), path)
    wb, ws, col = _table_cells(path)
    ws.delete_rows(4)  # the second task's row is gone
    ws.cell(row=4, column=col["进度/状态"], value="差不多了")
    ws.append(["九", "一项全新的任务。", "", "", "", "", "", ""])
    wb.save(path)
    preview = feedback.read_task_table(db, pid, path, numbers=task_table_numbers(db, pid))
    assert preview.missing_tasks == [t[1].id]
    assert preview.unmatched_rows == [(ws.max_row, "一项全新的任务。")]
    assert preview.errors == [(4, "status_progress", "差不多了")]
    assert preview.changes == []


def test_table_of_another_plan_is_refused(db, plan, plan_factory, tmp_path):
    pid, t = plan
    other = plan_factory(title="别的计划", sections=[("甲", ["完全不同的任务。"])])
    path = tmp_path / "table.xlsx"
    export_tasks_xlsx(load_plan_data(db, pid), path)
    with pytest.raises(ImportFileError):
        feedback.read_task_table(db, other, path, numbers=task_table_numbers(db, other))
