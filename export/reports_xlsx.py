"""Reports as .xlsx workbooks (openpyxl): progress report, 督查通报 with a chart, 催办单.

The content comes from models/reports.py. Every text cell is written as text, so a task
that starts with = + - @ never becomes a formula; sheets are set up to print on A4.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export import xlsx_common
from export.reports_layout import days_text
from export.xlsx_common import font, print_setup, set_value, write
from models.errors import ExportError
from models.reports import (
    Bulletin,
    ProgressReport,
    Reminders,
    ReportBase,
    SectionBlock,
    SummaryDraft,
    TaskView,
    cn_date,
)
from models.vocab import Light, TaskState

log = logging.getLogger(__name__)

FONT_NAME = "宋体"  # ships with every Windows
BODY_PT = 11
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LIGHT_TEXT: dict[str | None, str] = {Light.RED: Light.RED.label, Light.YELLOW: Light.YELLOW.label}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


# ---------------------------------------------------------------- cell helpers
def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    fmt: str | None = None,
    bold: bool = False,
    align: Alignment = WRAP,
    border: bool = True,
) -> None:
    """Write one cell; text is always stored as text (never a formula)."""
    cell = ws.cell(row=row, column=col)
    set_value(cell, value)
    if fmt:
        cell.number_format = fmt
    cell.font = font(FONT_NAME, BODY_PT, bold=bold)
    cell.alignment = align
    if border:
        cell.border = BORDER


def _title(ws: Worksheet, text: str, subtitle: str, widths: Sequence[float]) -> int:
    """A merged title row and a subtitle row; returns the next free row."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    xlsx_common.title_row(ws, text, len(widths))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
    cell = write(ws, 2, 1, subtitle)
    cell.font = font(FONT_NAME, BODY_PT)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    xlsx_common.fit_row_height(ws, 2, [sum(widths)], size=BODY_PT)
    return 3


def _header(ws: Worksheet, row: int, headers: list[str], widths: Sequence[float]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        put(ws, row, col, text, bold=True, align=CENTER)
        ws.cell(row=row, column=col).fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width


def _print_setup(ws: Worksheet, header_row: int, *, landscape: bool = True) -> None:
    """A4, fit to page width, page numbers, header row repeated on every printed page."""
    print_setup(ws, header_row, landscape=landscape)


def _subtitle(report: ReportBase) -> str:
    return (
        f"统计期间：{report.period.range_text}    统计截至：{cn_date(report.as_of)}    "
        f"{report.plan.organization or ''}"
    )


def _notes_text(row: TaskView) -> str:
    return "\n".join(f"{n.entry_date}：{n.text}" for n in row.notes)


def _last_text(row: TaskView) -> str:
    note = row.latest
    return f"{note.entry_date}：{note.text}" if note is not None else ""


def sheet_name(text: str, used: set[str]) -> str:
    """A valid, unique worksheet name (≤ 31 characters, no []:*?/\\)."""
    base = _SHEET_BAD.sub("_", text).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name in used:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


# ---------------------------------------------------------------- progress report
def _totals_rows(ws: Worksheet, row: int, report: ReportBase) -> int:
    t = report.totals
    items = [
        ("任务总数", t.total),
        (TaskState.DONE.label, t.done),
        (TaskState.ON_TRACK.label, t.on_track),
        (TaskState.OVERDUE.label, t.overdue),
        (TaskState.NOT_STARTED.label, t.not_started),
        (TaskState.SUSPENDED.label, t.suspended),
    ]
    # columns 2.. are wide enough for the labels (column 1 is the narrow 序号)
    for col, (name, value) in enumerate(items, start=2):
        put(ws, row, col, name, bold=True, align=CENTER)
        ws.cell(row=row, column=col).fill = HEADER_FILL
        put(ws, row + 1, col, value, align=CENTER)
    col = len(items) + 2
    put(ws, row, col, "完成率", bold=True, align=CENTER)
    ws.cell(row=row, column=col).fill = HEADER_FILL
    put(ws, row + 1, col, t.completion_rate / 100, fmt="0.0%", align=CENTER)
    return row + 3


def fit_row_height(ws: Worksheet, row: int, widths: Sequence[float]) -> None:
    """Set a row's height from its wrapped text (spreadsheets do not measure it on load)."""
    xlsx_common.fit_row_height(ws, row, widths, size=BODY_PT)


def _walk(blocks: list[SectionBlock], path: str = "") -> list[tuple[str, TaskView]]:
    out: list[tuple[str, TaskView]] = []
    for block in blocks:
        here = (path + " " if path else "") + f"{block.number}{block.heading}".strip()
        out.extend((here, row) for row in block.tasks)
        out.extend(_walk(block.children, here))
    return out


def build_progress_workbook(report: ProgressReport) -> Workbook:
    """进展情况: totals, every task with its state and the notes of the period; 逾期任务."""
    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    headers = [
        "序号",
        "所属章节",
        "工作任务",
        "责任单位",
        "牵头领导",
        "完成时限",
        "状态",
        "进度",
        "本期进展",
        "情况",
    ]
    widths = [6, 22, 40, 14, 10, 12, 10, 8, 44, 12]
    row = _title(ws, f"{report.plan.title}{report.period.label}进展情况", _subtitle(report), widths)
    row = _totals_rows(ws, row, report)
    header_row = row
    _header(ws, header_row, headers, widths)
    for n, (section, task) in enumerate(_walk(report.sections), start=1):
        r = header_row + n
        values: list[Any] = [
            n,
            section,
            task.text,
            task.owner_unit,
            task.lead_leader,
            task.deadline_text,
            task.status_label,
            task.progress / 100,
            _notes_text(task) or "本期无进展记录",
            task.state_label,
        ]
        for col, value in enumerate(values, start=1):
            put(
                ws,
                r,
                col,
                value,
                fmt="0%" if col == 8 else None,
                align=CENTER if col in (1, 7, 8, 10) else WRAP,
            )
        fit_row_height(ws, r, widths)
    _print_setup(ws, header_row)

    late = wb.create_sheet("逾期任务")
    headers = [
        "序号",
        "工作任务",
        "责任单位",
        "牵头领导",
        "完成时限",
        "逾期天数",
        "进度",
        "最近进展",
    ]
    widths = [6, 44, 16, 10, 12, 10, 8, 44]
    row = _title(late, "逾期任务清单", _subtitle(report), widths)
    _header(late, row, headers, widths)
    if not report.overdue:
        put(late, row + 1, 1, "无逾期任务", align=CENTER)
        late.merge_cells(
            start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(headers)
        )
    for n, task in enumerate(report.overdue, start=1):
        values = [
            n,
            task.text,
            task.owner_unit,
            task.lead_leader,
            task.deadline_text,
            task.days_late,
            task.progress / 100,
            _last_text(task),
        ]
        for col, value in enumerate(values, start=1):
            put(
                late,
                row + n,
                col,
                value,
                fmt="0%" if col == 7 else None,
                align=CENTER if col in (1, 6, 7) else WRAP,
            )
        fit_row_height(late, row + n, widths)
    _print_setup(late, row)
    return wb


# ---------------------------------------------------------------- bulletin
def build_bulletin_workbook(report: Bulletin) -> Workbook:
    """督查通报: the ranked units with a bar chart of completion rates; 逾期事项."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位完成情况"
    headers = [
        "排名",
        "责任单位",
        "任务数",
        *TaskState.labels().values(),
        "完成率",
    ]
    widths = [6, 18, 8, 8, 10, 10, 8, 8, 10]
    row = _title(ws, f"{report.plan.title}{report.period.label}督查情况", _subtitle(report), widths)
    header_row = row
    _header(ws, header_row, headers, widths)
    for n, unit in enumerate(report.units, start=1):
        t = unit.totals
        values = [
            unit.rank,
            unit.unit,
            t.total,
            t.done,
            t.on_track,
            t.overdue,
            t.not_started,
            t.suspended,
            t.completion_rate / 100,
        ]
        for col, value in enumerate(values, start=1):
            put(
                ws,
                header_row + n,
                col,
                value,
                fmt="0.0%" if col == 9 else None,
                align=WRAP if col == 2 else CENTER,
            )
    last = header_row + len(report.units)
    total_row = last + 1
    t = report.totals
    put(ws, total_row, 1, "合计", bold=True, align=CENTER)
    put(ws, total_row, 2, "（按任务计）", align=CENTER)
    for col, value in enumerate(
        [
            t.total,
            t.done,
            t.on_track,
            t.overdue,
            t.not_started,
            t.suspended,
            t.completion_rate / 100,
        ],
        start=3,
    ):
        put(ws, total_row, col, value, fmt="0.0%" if col == 9 else None, align=CENTER, bold=True)
    _print_setup(ws, header_row, landscape=False)
    if report.units:
        chart = BarChart()
        chart.type = "col"
        chart.title = "各责任单位完成率"
        chart.y_axis.title = "完成率"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.legend = None
        data = Reference(ws, min_col=9, min_row=header_row, max_row=last)
        cats = Reference(ws, min_col=2, min_row=header_row + 1, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
        for flag in ("showCatName", "showSerName", "showLegendKey", "showPercent"):
            setattr(chart.dataLabels, flag, False)
        chart.height = 9
        chart.width = max(16, 1.6 * len(report.units))
        ws.add_chart(chart, f"A{total_row + 3}")

    late = wb.create_sheet("逾期事项")
    headers = ["责任单位", "序号", "工作任务", "完成时限", "逾期天数", "进度", "最近进展"]
    widths = [16, 6, 44, 12, 10, 8, 44]
    row = _title(late, "逾期事项清单", _subtitle(report), widths)
    _header(late, row, headers, widths)
    r = row
    for unit in report.units:
        for n, task in enumerate(unit.overdue_items, start=1):
            r += 1
            values = [
                unit.unit,
                n,
                task.text,
                task.deadline_text,
                task.days_late,
                task.progress / 100,
                _last_text(task),
            ]
            for col, value in enumerate(values, start=1):
                put(
                    late,
                    r,
                    col,
                    value,
                    fmt="0%" if col == 6 else None,
                    align=CENTER if col in (2, 5, 6) else WRAP,
                )
            fit_row_height(late, r, widths)
    if r == row:
        put(late, row + 1, 1, "无逾期事项", align=CENTER)
        late.merge_cells(
            start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(headers)
        )
    _print_setup(late, row)
    return wb


# ---------------------------------------------------------------- reminders
def build_reminder_workbook(report: Reminders) -> Workbook:
    """One printable sheet per 责任单位 with its red and yellow items."""
    wb = Workbook()
    first = wb.active
    used: set[str] = set()
    headers = ["序号", "工作任务", "完成时限", "类别", "逾期/剩余", "进度", "最近进展", "办理情况"]
    widths = [6, 40, 12, 8, 10, 8, 36, 20]
    if not report.sheets:
        first.title = sheet_name("催办单", used)
        _title(first, "催办单", _subtitle(report), widths)
        put(first, 3, 1, "无逾期或临期事项", border=False)
        return wb
    for index, sheet in enumerate(report.sheets):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = sheet_name(sheet.unit, used)
        row = _title(
            ws,
            "催办单",
            f"{sheet.unit}：    统计截至{cn_date(report.as_of)}，"
            f"逾期{sheet.red}项，临期{sheet.yellow}项。",
            widths,
        )
        _header(ws, row, headers, widths)
        for n, task in enumerate(sheet.items, start=1):
            values = [
                n,
                task.item_text if task.checkpoint_id else task.text,
                task.deadline_text,
                LIGHT_TEXT.get(task.light, ""),
                days_text(task),
                task.progress / 100,
                _last_text(task),
                "",
            ]
            for col, value in enumerate(values, start=1):
                put(
                    ws,
                    row + n,
                    col,
                    value,
                    fmt="0%" if col == 6 else None,
                    align=CENTER if col in (1, 4, 5, 6) else WRAP,
                )
            fit_row_height(ws, row + n, widths)
        end = row + len(sheet.items) + 2
        put(
            ws,
            end,
            1,
            f"请抓紧办理，并及时反馈办理情况。{report.plan.organization or ''}"
            f"    {cn_date(report.as_of)}",
            border=False,
            align=Alignment(horizontal="left"),
        )
        _print_setup(ws, row)
    return wb


# ---------------------------------------------------------------- entry point
def build_report_workbook(report: ReportBase) -> Workbook:
    """The workbook of any report kind; the draft summary has no workbook form."""
    if isinstance(report, ProgressReport):
        return build_progress_workbook(report)
    if isinstance(report, Bulletin):
        return build_bulletin_workbook(report)
    if isinstance(report, Reminders):
        return build_reminder_workbook(report)
    if isinstance(report, SummaryDraft):
        raise ExportError("年度工作总结（草稿）只能导出为 Word 文档（.docx）。")
    from export.county_workbook import CountyBulletin, county_workbook  # issue 19, county side

    if isinstance(report, CountyBulletin):
        return county_workbook(report)
    raise ExportError(detail=f"no workbook for {type(report).__name__}")


def export_report_xlsx(report: ReportBase, path: str | Path) -> Path:
    """Write the report workbook to ``path`` atomically; ExportError when it cannot."""
    wb = build_report_workbook(report)
    xlsx_common.save_workbook(wb, path)
    log.info("exported %s report of plan %s to %s", type(report).__name__, report.plan.id, path)
    return Path(path)
