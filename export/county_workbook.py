"""The county 督查通报 (models/exchange/county.py) as a workbook: 单位排名 and 逾期任务.

Built on export/xlsx_common.py only, so export/reports_xlsx.py can hand a county 通报 to it
(``export_report_xlsx`` writes every report kind).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export import xlsx_common as xc
from export.reports_layout import plan_and_period
from models.exchange.county import CountyBulletin, OfficeStats
from models.reports import cn_date
from models.vocab import TaskState

SIZE = 11
_LINE = Side(style="thin", color="000000")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_MIDDLE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(vertical="center", wrap_text=True)
_GREY = PatternFill("solid", fgColor="D9D9D9")


def _cell(ws: Worksheet, row: int, col: int, value: Any, *, middle: bool, fmt: str = "") -> None:
    """A bordered cell; text stays text (xlsx_common.set_value never writes a formula)."""
    cell = ws.cell(row=row, column=col)
    xc.set_value(cell, value)
    cell.font = xc.font("宋体", SIZE)
    cell.alignment = _MIDDLE if middle else _LEFT
    cell.border = _BOX
    if fmt:
        cell.number_format = fmt


def _sheet(
    ws: Worksheet, title: str, report: CountyBulletin, heads: Sequence[str], widths: Sequence[float]
) -> int:
    """Title, the period line and the header row; returns the header row."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    xc.title_row(ws, title, len(widths))
    line = f"统计期间：{report.period.range_text}    统计截至：{cn_date(report.as_of)}    "
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
    xc.write(ws, 2, 1, line + (report.plan.organization or "")).font = xc.font("宋体", SIZE)
    for col, text in enumerate(heads, start=1):
        _cell(ws, 3, col, text, middle=True)
        ws.cell(row=3, column=col).fill = _GREY
        ws.cell(row=3, column=col).font = xc.font("宋体", SIZE, bold=True)
    return 3


def _ranking(o: OfficeStats) -> list[Any]:
    t = o.totals
    counts = [t.total, t.done, t.on_track, t.overdue, t.not_started, t.suspended, o.behind]
    return [o.rank, o.name, o.kind, *counts, t.completion_rate / 100, o.on_time_rate / 100]


def county_workbook(report: CountyBulletin) -> Workbook:
    """Sheet 单位排名 (the ranked offices), sheet 逾期任务 (each office's overdue tasks)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位排名"
    heads = ["排名", "单位", "类别", "任务数", *TaskState.labels().values(), "欠进度"]
    heads += ["完成率", "按期率"]
    widths = [6, 18, 8, 8, 8, 10, 10, 8, 8, 8, 10, 10]
    head = _sheet(ws, f"{plan_and_period(report)}督查情况", report, heads, widths)
    for row, office in enumerate(report.offices, start=head + 1):
        for col, value in enumerate(_ranking(office), start=1):
            _cell(ws, row, col, value, middle=col != 2, fmt="0.0%" if col >= 11 else "")
    xc.print_setup(ws, head, landscape=False)

    late = wb.create_sheet("逾期任务")
    heads = ["单位", "序号", "工作任务", "责任单位", "完成时限", "逾期天数", "进度", "最近进展"]
    widths = [14, 6, 40, 14, 12, 10, 8, 36]
    row = head = _sheet(late, "逾期任务清单", report, heads, widths)
    for office in report.offices:
        for n, task in enumerate(office.overdue_items, start=1):
            row += 1
            note = task.latest
            values = [office.name, n, task.text, "、".join(task.units), task.deadline_text]
            values += [task.days_late, task.progress / 100]
            values.append(f"{note.entry_date}：{note.text}" if note is not None else "")
            for col, value in enumerate(values, start=1):
                fmt = "0%" if col == 7 else ""
                _cell(late, row, col, value, middle=col in (2, 6, 7), fmt=fmt)
            xc.fit_row_height(late, row, widths, size=SIZE)
    if row == head:
        _cell(late, head + 1, 1, "无逾期任务", middle=True)
    xc.print_setup(late, head)
    return wb
