"""Every .xlsx PlanDesk writes: text cells only (no formula, quote prefix on = + - @ tab CR),
A4 page setup with page numbers on every sheet, and hidden meta data that reads back exactly.

Issue 20 item 3 and issue 21 item 10. The workbooks are written from a plan whose title and
unit names are formula attacks, then every cell of every sheet is reopened and checked.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from export.content import load_plan_data
from export.feedback_sheet import export_feedback_sheets
from export.reports_xlsx import export_report_xlsx
from export.task_table import export_tasks_xlsx
from export.xlsx_common import FORMULA_START, PAGE_FOOTER
from models import feedback, outline
from models import reports as R
from models.outline import update_plan
from tests.frozen_clock import frozen_today
from tests.report_fixture import TODAY, make_report_plan

DDE_UNIT = "=MSEXCEL|'\\..\\Windows\\System32\\calc.exe'!''"
FORMULA_TITLE = '=HYPERLINK("http://example.invalid","点击")测试镇2025年工作计划'
ATTACKS = ("+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1")
Q2 = R.quarter_period(2025, 2)
STOCK_WINDOWS_FONTS = {"仿宋", "黑体", "宋体", "楷体", "微软雅黑", "Calibri"}


_today = frozen_today(TODAY)


@pytest.fixture
def hostile_plan(db):
    """The report fixture plan with a formula title, a DDE unit and formula-like tasks."""
    pid = make_report_plan(db)
    update_plan(db, pid, title=FORMULA_TITLE)
    tasks = [n for n in outline.load_outline(db, pid) if n.kind == "task"]
    outline.update_node(db, tasks[0].id, owner_unit=DDE_UNIT)
    for task, attack in zip(tasks[1:], ATTACKS, strict=False):
        outline.update_node(db, task.id, text=attack + task.text, target=attack)
    return pid, tasks


def _written(db, pid, folder: Path) -> list[Path]:
    """Every kind of workbook PlanDesk writes, for one plan."""
    out = [export_tasks_xlsx(load_plan_data(db, pid), folder / "tasks.xlsx")]
    out += export_feedback_sheets(db, pid, folder)
    for kind in sorted(set(R.REPORT_KINDS) - {"summary"}):
        report = R.build_report(db, kind, pid, Q2, TODAY)
        out.append(export_report_xlsx(report, folder / f"{kind}.xlsx"))
    return out


def cell_problems(path: Path) -> list[str]:
    """Every formula cell, and every formula-like text without the quote prefix."""
    problems = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                where = f"{path.name}!{ws.title}!{cell.coordinate}"
                if cell.data_type == "f":
                    problems.append(f"{where}: formula {cell.value!r}")
                elif isinstance(cell.value, str):
                    if cell.data_type != "s":
                        problems.append(f"{where}: {cell.data_type} cell {cell.value!r}")
                    if cell.value.startswith(FORMULA_START) and not cell.quotePrefix:
                        problems.append(f"{where}: no quote prefix on {cell.value!r}")
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                if "<f>" in xml or "<f " in xml:
                    problems.append(f"{path.name}!{name}: <f> element")
    return problems


def test_every_cell_of_every_workbook_is_safe_text(db, hostile_plan, tmp_path):
    pid, _ = hostile_plan
    paths = _written(db, pid, tmp_path)
    assert len(paths) >= 6
    problems = [p for path in paths for p in cell_problems(path)]
    assert problems == []
    # the attacks really are in the files (the check above had something to check)
    texts = {
        c.value
        for path in paths
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    assert DDE_UNIT in texts and any(t.startswith(FORMULA_TITLE) for t in texts)
    for attack in ATTACKS:
        # a leading tab/CR may be cleaned or trimmed before it reaches a cell (models/text/
        # clean.py); the formula-like rest must still be there, as safe text (checked above)
        left = attack.lstrip("\t\r")
        assert any(t.startswith(attack) or left in t for t in texts), attack


def test_the_cell_check_finds_a_formula_and_a_missing_prefix(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "=1+1"  # openpyxl writes a formula
    wb.active["A2"] = "x"
    wb.active["A3"].value = "+1"
    wb.active["A3"].data_type = "s"  # text, but Excel would compute it once edited
    wb.save(tmp_path / "bad.xlsx")
    got = cell_problems(tmp_path / "bad.xlsx")
    assert any("formula" in p for p in got) and any("no quote prefix" in p for p in got)


def test_feedback_meta_reads_back_the_unit_and_plan_exactly(db, hostile_plan, tmp_path):
    pid, tasks = hostile_plan
    paths = export_feedback_sheets(db, pid, tmp_path, units=[DDE_UNIT])
    wb = load_workbook(paths[0])
    meta = wb[feedback.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert {c.value: c.data_type for c in meta["B"] if c.value == DDE_UNIT} == {DDE_UNIT: "s"}
    assert wb.worksheets[0]["B1"].value.startswith(FORMULA_TITLE)
    ws = wb.worksheets[0]
    row = next(
        r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, feedback.COL_ID).value, int)
    )
    ws.cell(row=row, column=feedback.COL_NOTE, value="已完成。")
    ws.cell(row=row, column=feedback.COL_PROGRESS, value=100)
    wb.save(paths[0])
    preview = feedback.read_feedback(db, paths[0], plan_id=pid)
    assert (preview.unit, preview.plan_id) == (DDE_UNIT, pid)
    assert [r.task_id for r in preview.rows if r.note] == [tasks[0].id]
    applied = feedback.apply_feedback(db, preview)
    assert [a.task_id for a in applied] == [tasks[0].id]


def test_every_sheet_prints_on_a4_with_page_numbers_and_windows_fonts(db, hostile_plan, tmp_path):
    pid, _ = hostile_plan
    for path in _written(db, pid, tmp_path):
        wb = load_workbook(path)
        for ws in wb.worksheets:
            where = f"{path.name}!{ws.title}"
            assert int(ws.page_setup.paperSize) == 9, where
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            if ws.sheet_state == "visible":
                assert ws.oddFooter.center.text == PAGE_FOOTER, where
                assert ws.print_title_rows, where
            fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
            assert fonts <= STOCK_WINDOWS_FONTS, (where, fonts)


def test_wrapped_rows_are_tall_enough(db, hostile_plan, tmp_path):
    pid, _ = hostile_plan
    long_text = "推进农村人居环境整治提升，" * 12
    task = next(n for n in outline.load_outline(db, pid) if n.kind == "task")
    outline.update_node(db, task.id, text=long_text)
    path = export_tasks_xlsx(load_plan_data(db, pid), tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 2).value == long_text)
    width = ws.column_dimensions["B"].width
    lines = -(-2 * len(long_text) // int(width - 1))
    assert ws.row_dimensions[row].height >= 12 * 1.2 * lines
    short = next(r for r in range(3, ws.max_row + 1) if r != row)
    assert ws.row_dimensions[short].height < ws.row_dimensions[row].height
    title = ws.row_dimensions[1].height
    assert title >= 30 and ws["A1"].value.endswith("任务分解表")
