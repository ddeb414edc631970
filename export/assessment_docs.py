"""The 目标考核自评表 as .xlsx, and the 自评报告 as a GB/T 9704 .docx with the evidence
list as 附件. Every fact comes from models/evidence/assessment.py; 【待补充】 marks what
was never recorded."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from export import content as C
from export import xlsx_common
from export.atomic import atomic_output
from export.content import Block, Part
from export.docx_package import finish_package
from export.evidence_list import sheet_table
from export.reports_docx import new_report_document, write_items
from export.reports_layout import Attachment, Item, Table
from models import clock
from models.errors import ExportError
from models.evidence.assessment import PENDING, RULE_TEXT, SelfAssessment, SelfRow
from models.evidence.files import kind_label, size_text
from models.text.numerals import cn_numeral

log = logging.getLogger(__name__)

XLSX_HEADERS = (
    "序号",
    "考核项目",
    "分值",
    "考核指标",
    "评分标准",
    "负责考核部门",
    "对应工作任务",
    "是否完成",
    "完成进度",
    "佐证材料",
    "建议分",
    "自评分",
    "详细说明",
)
XLSX_WIDTHS = (6, 16, 7, 26, 26, 12, 28, 9, 9, 28, 8, 8, 40)
EVIDENCE_HEADERS = (
    "序号",
    "考核项目",
    "工作任务",
    "文件名",
    "类型",
    "大小",
    "拍摄时间",
    "添加时间",
)
EVIDENCE_WIDTHS = (6, 18, 30, 28, 12, 10, 18, 18)


def _num(value: float | None) -> str:
    return PENDING if value is None else f"{value:g}"


def title_of(sa: SelfAssessment) -> str:
    """XX镇2025年度目标考核自评表."""
    return f"{sa.organization}{sa.year}年度目标考核自评表"


def _number(row: SelfRow, n: int) -> str:
    return row.item.number or str(n)


def _tasks_text(row: SelfRow) -> str:
    if not row.tasks:
        return PENDING
    return "\n".join(t.text for t in row.tasks)


def _evidence_text(row: SelfRow) -> str:
    files = row.evidence
    if not files:
        return f"0份 {PENDING}"
    return f"{len(files)}份：" + "、".join(e.name for e in files)


def _progress(row: SelfRow) -> str:
    return PENDING if row.progress is None else f"{row.progress}%"


# ---------------------------------------------------------------- .xlsx
def build_workbook(sa: SelfAssessment) -> Workbook:
    """The 自评表 (one row per item, a total row) and a sheet of the 佐证材料."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    lines: list[list[object]] = []
    for n, row in enumerate(sa.rows, 1):
        item = row.item
        lines.append(
            [
                _number(row, n),
                item.project,
                item.points,
                item.indicator,
                item.criteria,
                item.department,
                _tasks_text(row),
                row.completed,
                _progress(row),
                _evidence_text(row),
                _num(row.proposed),
                _num(row.score),
                row.details,
            ]
        )
    total = sa.total_score
    lines.append(["合计", "", sa.total_points, *[""] * 8, _num(total), ""])
    sheet_table(ws, XLSX_HEADERS, XLSX_WIDTHS, title_of(sa), lines)
    note_row = ws.max_row + 2
    xlsx_common.write(ws, note_row, 1, f"说明：{RULE_TEXT}自评分栏为填报人确认或修改后的分数。")
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=13)
    files = wb.create_sheet("佐证材料")
    sheet_table(
        files, EVIDENCE_HEADERS, EVIDENCE_WIDTHS, f"{title_of(sa)}佐证材料清单", _evidence_rows(sa)
    )
    return wb


def _evidence_rows(sa: SelfAssessment) -> list[list[object]]:
    out: list[list[object]] = []
    for n, row in enumerate(sa.rows, 1):
        for task in row.tasks:
            for e in task.evidence:
                out.append(
                    [
                        len(out) + 1,
                        f"{_number(row, n)} {row.item.project}",
                        task.text,
                        e.name,
                        kind_label(e.kind),
                        size_text(e.size),
                        e.taken_at or "",
                        e.created_at,
                    ]
                )
    return out


def export_xlsx(sa: SelfAssessment, path: str | os.PathLike[str]) -> Path:
    """Write the 自评表 as .xlsx (atomically)."""
    xlsx_common.save_workbook(build_workbook(sa), Path(path))
    log.info("wrote the self-assessment of %d to %s", sa.year, path)
    return Path(path)


# ---------------------------------------------------------------- .docx
def _body(text: str) -> Block:
    return Block(C.BODY, [Part(text)])


def _heading(text: str, level: int) -> Block:
    return Block(C.HEADING, [Part(text, C.ROLE_HEADING)], level=level, standalone=True)


def report_items(sa: SelfAssessment, today: dt.date) -> list[Item]:
    """The 自评报告: totals, a summary table, one part per item, the evidence 附件."""
    title = f"{sa.organization}{sa.year}年度目标考核自评报告"
    total = sa.total_score
    score_text = f"自评得分{total:g}分" if total is not None else f"自评得分{PENDING}"
    items: list[Item] = [
        Block(C.TITLE, lines=C.split_title(title)),
        Block(C.BLANK),
        _body(f"对照{sa.year}年度目标考核细则，现将{sa.organization}目标考核自评情况报告如下。"),
        _heading("一、总体情况", 1),
        _body(
            f"{sa.year}年度考核细则共{len(sa.rows)}项，总分值{sa.total_points:g}分，"
            f"{score_text}。{RULE_TEXT}"
        ),
    ]
    if sa.rows:
        items.append(
            Table(
                ["序号", "考核项目", "分值", "是否完成", "佐证材料", "自评分"],
                [
                    [
                        _number(r, n),
                        r.item.project,
                        f"{r.item.points:g}",
                        r.completed,
                        f"{len(r.evidence)}份",
                        _num(r.score),
                    ]
                    for n, r in enumerate(sa.rows, 1)
                ],
                [6, 30, 6, 10, 9, 8],
                centered=(0, 2, 3, 4, 5),
            )
        )
        items.append(_heading("二、逐项自评情况", 1))
    for n, row in enumerate(sa.rows, 1):
        item = row.item
        items.append(_heading(f"（{cn_numeral(n)}）{item.project}", 2))
        if item.indicator:
            items.append(_body(f"考核指标：{item.indicator}"))
        tasks = "；".join(t.text.rstrip("。；;") for t in row.tasks) if row.tasks else PENDING
        items.append(_body(f"对应工作任务：{tasks}。" if row.tasks else f"对应工作任务：{tasks}"))
        if row.tasks:
            items.append(_body(f"完成情况：{row.completed}，完成进度{_progress(row)}。"))
        else:
            items.append(_body(f"完成情况：{PENDING}"))
        for k, line in enumerate(row.details.split("\n")):
            items.append(_body(f"详细说明：{line}" if k == 0 else line))
        proposed = "" if row.proposed is None else f"（按规则建议{row.proposed:g}分）"
        score = PENDING if row.score is None else f"{row.score:g}分"
        items.append(
            _body(
                f"自评分：{score}{proposed}，分值{item.points:g}分。佐证材料{len(row.evidence)}份。"
            )
        )
    files = _evidence_rows(sa)
    items += [Block(C.BLANK), _body("附件：佐证材料清单"), Block(C.BLANK)]
    if sa.organization:
        items.append(Block(C.SIGNATURE, [Part(sa.organization)]))
    items.append(Block(C.DATE, [Part(C.date_text(today))]))
    items.append(Attachment("佐证材料清单"))
    if files:
        items.append(
            Table(
                ["序号", "考核项目", "工作任务", "文件名", "类型"],
                # the name without its extension (the type says it): no ASCII dot in a 公文
                [[str(f[0]), str(f[1]), str(f[2]), Path(str(f[3])).stem, str(f[4])] for f in files],
                [6, 16, 30, 24, 10],
                centered=(0,),
            )
        )
    else:
        items.append(_body(f"尚未留存佐证材料。{PENDING}"))
    return items


def build_docx(sa: SelfAssessment, today: dt.date | None = None) -> DocxDocument:
    """The 自评报告 as a GB/T 9704 document."""
    today = today or clock.today()
    doc = new_report_document()
    write_items(doc, report_items(sa, today))
    finish_package(doc, author=sa.organization, title=title_of(sa))
    return doc


def export_docx(
    sa: SelfAssessment, path: str | os.PathLike[str], today: dt.date | None = None
) -> Path:
    """Write the 自评报告 .docx (atomically)."""
    if not sa.rows:
        raise ExportError(f"{sa.year}年度还没有考核细则，请先导入或录入考核项目。")
    doc = build_docx(sa, today)
    with atomic_output(Path(path)) as tmp:
        doc.save(str(tmp))
    log.info("wrote the self-assessment report of %d to %s", sa.year, path)
    return Path(path)


def export(sa: SelfAssessment, path: str | os.PathLike[str], today: dt.date | None = None) -> Path:
    """Write .xlsx or .docx by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        if not sa.rows:
            raise ExportError(f"{sa.year}年度还没有考核细则，请先导入或录入考核项目。")
        return export_xlsx(sa, path)
    if suffix == ".docx":
        return export_docx(sa, path, today)
    raise ExportError("自评表可导出为 .xlsx 或 .docx。", detail=str(path))
