"""Feedback sheets (任务进展反馈表): one printable .xlsx per 责任单位, read back by models/feedback.

The layout (which column holds what, the hidden id column, the meta sheet) is defined in
models/feedback.py, so the writer and the reader cannot drift apart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from export import xlsx_common
from export.content import load_plan_data
from export.task_rows import task_rows
from export.xlsx_common import FONT_HEADER, FONT_TEXT, font, set_value, write
from models import feedback, tracking
from models.errors import ExportError
from models.store.db import Database

log = logging.getLogger(__name__)

BODY_PT = 12
HEADERS = {
    feedback.COL_ID: "编号",
    feedback.COL_SEQ: "序号",
    feedback.COL_TEXT: "工作任务",
    feedback.COL_DEADLINE: "完成时限",
    feedback.COL_TARGET: "量化目标",
    feedback.COL_LAST: "上次进展",
    feedback.COL_NOTE: "进展情况",
    feedback.COL_PROGRESS: "进度（%）",
    feedback.COL_PROBLEMS: "存在问题",
}
WIDTHS = {
    feedback.COL_ID: 8,
    feedback.COL_SEQ: 9,
    feedback.COL_TEXT: 46,
    feedback.COL_DEADLINE: 12,
    feedback.COL_TARGET: 14,
    feedback.COL_LAST: 24,
    feedback.COL_NOTE: 40,
    feedback.COL_PROGRESS: 9,
    feedback.COL_PROBLEMS: 24,
}
INSTRUCTION = (
    "请在“进展情况”“进度（%）”“存在问题”三列填写，其他列和行请勿改动、删除或排序；"
    "进度填 0 到 100 的整数。填好后保存原文件，交回党政办。"
)
FILL_INPUT = PatternFill("solid", fgColor="FFF8DC")


def task_table_numbers(db: Database, plan_id: int) -> dict[int, str]:
    """Task id → the 序号 export/task_table.py writes, to match an edited table back."""
    data = load_plan_data(db, plan_id)
    return {view.node_id: view.full_number for view in task_rows(data)}


def sheet_title(plan_title: str, unit: str) -> str:
    """The title line printed above the table."""
    return f"{plan_title}任务进展反馈表"


def build_feedback_workbook(db: Database, plan_id: int, unit: str) -> Workbook:
    """The feedback sheet of ``unit`` for a plan: its tasks, three columns to fill."""
    meta, tasks = feedback.sheet_meta(db, plan_id, unit)
    if not tasks:
        raise ExportError(f"“{unit}”在本计划中没有任务，无需生成反馈表。")
    data = load_plan_data(db, plan_id)
    numbers = task_table_numbers(db, plan_id)
    latest = tracking.latest_progress(db, plan_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "反馈表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = font(FONT_TEXT, BODY_PT)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    last_col = feedback.FEEDBACK_COLUMNS
    letter = get_column_letter(last_col)
    for col, width in WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    widths = [WIDTHS[c] for c in range(feedback.COL_SEQ, last_col + 1)]

    xlsx_common.title_row(
        ws, sheet_title(data.plan.title, unit), last_col, first_col=feedback.COL_SEQ
    )
    write(
        ws, 2, feedback.COL_SEQ, f"责任单位：{unit}        填报日期：      年   月   日"
    ).font = body_font
    ws.merge_cells(f"B2:{letter}2")
    cell = write(ws, 3, feedback.COL_SEQ, INSTRUCTION)
    cell.font, cell.alignment = font(FONT_TEXT, 10), wrap
    ws.merge_cells(f"B3:{letter}3")
    ws.row_dimensions[3].height = 30
    header_row = 4
    for col, text in HEADERS.items():
        cell = write(ws, header_row, col, text)
        cell.font = font(FONT_HEADER, BODY_PT, bold=True)
        cell.border, cell.alignment = border, centre
    for r, task in enumerate(tasks, header_row + 1):
        last = latest.get(task.id)
        last_text = ""
        if last is not None:
            last_text = f"{last.entry_date} {last.text}".strip()
            if last.progress_after is not None:
                last_text += f"（{last.progress_after}%）"
        values = {
            feedback.COL_ID: task.id,
            feedback.COL_SEQ: numbers.get(task.id, ""),
            feedback.COL_TEXT: task.text,
            feedback.COL_DEADLINE: task.deadline or "",
            feedback.COL_TARGET: task.target or "",
            feedback.COL_LAST: last_text,
        }
        for col in range(1, last_col + 1):
            cell = ws.cell(row=r, column=col)
            value = values.get(col)
            if value is not None:
                set_value(cell, value)
            cell.font, cell.border = body_font, border
            cell.alignment = (
                wrap
                if col
                in (feedback.COL_TEXT, feedback.COL_LAST, feedback.COL_NOTE, feedback.COL_PROBLEMS)
                else centre
            )
            if col in (feedback.COL_NOTE, feedback.COL_PROGRESS, feedback.COL_PROBLEMS):
                cell.fill = FILL_INPUT
        xlsx_common.fit_row_height(ws, r, widths, size=BODY_PT, first_col=feedback.COL_SEQ)
    end = header_row + len(tasks)
    progress_letter = get_column_letter(feedback.COL_PROGRESS)
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
    )
    dv.error = "进度请填写 0 到 100 的整数。"
    ws.add_data_validation(dv)
    dv.add(f"{progress_letter}{header_row + 1}:{progress_letter}{end}")
    ws.column_dimensions["A"].hidden = True
    xlsx_common.print_setup(ws, header_row)
    ws.print_area = f"B1:{letter}{end}"

    # The meta data (plan id, unit, fingerprints) as string and number cells only: a unit
    # name such as =MSEXCEL|… must stay text and read back as it was written.
    hidden = wb.create_sheet(feedback.META_SHEET)
    for row in feedback.meta_rows(meta):
        xlsx_common.append_row(hidden, row)
    hidden.sheet_state = "veryHidden"
    xlsx_common.page_setup_all(wb)
    return wb


def export_feedback_sheet(db: Database, plan_id: int, unit: str, path: str | Path) -> Path:
    """Write one unit's feedback sheet (atomically)."""
    wb = build_feedback_workbook(db, plan_id, unit)
    xlsx_common.save_workbook(wb, path)
    log.info("wrote feedback sheet of %s (plan %s) to %s", unit, plan_id, path)
    return Path(path)


def export_feedback_sheets(
    db: Database, plan_id: int, folder: str | Path, units: list[str] | None = None
) -> list[Path]:
    """One sheet per 责任单位 (all units of the plan unless given) into ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，请选择其他文件夹。")
    names = units if units is not None else feedback.feedback_units(db, plan_id)
    if not names:
        raise ExportError("本计划的任务还没有填写责任单位，无法生成反馈表。")
    targets = feedback.sheet_paths(folder, names)  # unique, never over a filled-in sheet
    return [export_feedback_sheet(db, plan_id, unit, targets[unit]) for unit in names]
