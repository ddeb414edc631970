"""A plan's 佐证材料 exported: the files in numbered folders and the 佐证材料清单 workbook
(with the bordered sheet table it shares with the 自评表). Apart from export/evidence_files.py
because of openpyxl: the task panel imports that module at every start."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

from export import evidence_files, xlsx_common
from export.evidence_files import LIST_NAME, EvidenceRow, task_text
from models import outline
from models.entities import Node
from models.errors import ExportError
from models.evidence import store
from models.evidence.files import kind_label, size_text
from models.store.db import Database

log = logging.getLogger(__name__)

HEADERS = (
    "序号",
    "所属部分",
    "工作任务",
    "文件名",
    "类型",
    "大小",
    "拍摄时间",
    "拍摄地点",
    "说明",
    "添加时间",
    "存放位置",
)
WIDTHS = (6, 22, 36, 28, 12, 10, 18, 24, 24, 18, 40)
MISSING_HEADERS = ("序号", "所属部分", "工作任务", "责任单位", "完成时限")
MISSING_WIDTHS = (6, 26, 50, 18, 14)


def sheet_table(
    ws: Any, headers: tuple[str, ...], widths: tuple[int, ...], title: str, lines: list[list[Any]]
) -> None:
    """A titled, bordered table on ``ws`` from row 1, its header row repeated when printed."""
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = xlsx_common.font(xlsx_common.FONT_HEADER, 11, bold=True)
    cell_font = xlsx_common.font(xlsx_common.FONT_TEXT, 11)
    wrap = Alignment(wrap_text=True, vertical="center")
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    xlsx_common.title_row(ws, title, len(headers))
    for col, text in enumerate(headers, 1):
        cell = xlsx_common.write(ws, 2, col, text)
        cell.font, cell.border = head_font, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(lines, 3):
        for col, value in enumerate(values, 1):
            cell = xlsx_common.write(ws, r, col, value)
            cell.font, cell.border, cell.alignment = cell_font, border, wrap
        xlsx_common.fit_row_height(ws, r, widths, size=11)
    xlsx_common.print_setup(ws, 2)


def build_list_workbook(
    title: str, rows: list[EvidenceRow], places: list[Path], missing: list[tuple[str, Node]]
) -> Workbook:
    """The 佐证材料清单: one row per file; a second sheet lists the tasks without any."""
    wb = Workbook()
    ws = wb.active
    ws.title = "佐证材料清单"
    lines = []
    for n, (row, place) in enumerate(zip(rows, places, strict=True), 1):
        e = row.evidence
        lines.append(
            [
                n,
                row.part,
                f"{row.task_number}{row.task_text}",
                e.name,
                kind_label(e.kind),
                size_text(e.size),
                e.taken_at or "",
                e.place,
                e.note,
                e.created_at,
                place.as_posix(),
            ]
        )
    sheet_table(ws, HEADERS, WIDTHS, f"{title}佐证材料清单", lines)
    gap = wb.create_sheet("缺佐证任务")
    gap_lines = [
        [n, part, task_text(node), node.owner_unit or "", node.deadline or ""]
        for n, (part, node) in enumerate(missing, 1)
    ]
    sheet_table(gap, MISSING_HEADERS, MISSING_WIDTHS, f"{title}尚无佐证材料的任务", gap_lines)
    return wb


def export_plan(db: Database, plan_id: int, out_dir: str | os.PathLike[str]) -> Path:
    """Write every file of a plan into ``out_dir``, in folders by section and task number,
    plus 佐证材料清单.xlsx; returns the list's path.

    Raises:
        ExportError: ``out_dir`` is a file or a folder that is not empty.
    """
    out = Path(out_dir)
    plan = outline.get_plan(db, plan_id)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(
            f"“{out}”已存在且不是空文件夹，请选择一个新的或空的文件夹。", detail=str(out)
        )
    rows, missing = evidence_files.plan_rows(db, plan_id)
    taken: set[Path] = set()
    places = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for row in rows:
            rel = evidence_files.free_name(row.folder, row.evidence.name, taken)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(store.evidence_data(db, row.evidence.id))
            places.append(rel)
    except OSError as exc:
        raise ExportError(f"写入“{out}”失败：{exc.strerror or exc}", detail=str(exc)) from exc
    path = out / LIST_NAME
    xlsx_common.save_workbook(build_list_workbook(plan.title, rows, places, missing), path)
    log.info("exported %d evidence file(s) of plan %d to %s", len(rows), plan_id, out)
    return path
