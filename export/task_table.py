"""任务分解表: every task of a plan as a landscape .docx table or an .xlsx sheet."""

from __future__ import annotations

import logging
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from export import ooxml, xlsx_common
from export.atomic import atomic_output
from export.content import PlanData
from export.docx_package import finish_package
from export.gongwen import (
    FANGSONG,
    HEITI,
    S_TITLE,
    new_gongwen_document,
    organization_of,
)
from export.task_rows import HEADERS, cells, printed_rows, table_title, task_rows
from models.vocab import TASK_STATUS

log = logging.getLogger(__name__)

# Column widths: Excel characters, and millimetres in the Word table (text width 245 mm).
XLSX_WIDTHS = (9, 60, 12, 18, 18, 14, 18, 14)
DOCX_WIDTHS_MM = (20, 82, 22, 26, 26, 22, 23, 22)
TABLE_PT = 12.0  # 小四: a wide table in 3号 would hold a few words per cell


# ---------------------------------------------------------------- .xlsx
XLSX_TITLE_ROW, XLSX_HEADER_ROW = 1, 2
XLSX_PT = 12
S_XLSX_TEXT, S_XLSX_CENTRE = "任务表正文", "任务表居中"  # named styles (shown in Excel's gallery)


def build_task_workbook(data: PlanData) -> Workbook:
    """The task table as an openpyxl workbook: a title row, the header row (repeated on
    every printed page), one row per task with a height that fits its wrapped text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = xlsx_common.font(xlsx_common.FONT_HEADER, XLSX_PT, bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    # Two shared named styles for the 16,000 body cells of a 2,000-task plan: assigning a
    # Font/Border/Alignment per cell made openpyxl hash each one (80 % of the export time).
    body = {}
    for name, alignment in ((S_XLSX_TEXT, wrap), (S_XLSX_CENTRE, centre)):
        style = NamedStyle(name=name)
        style.font = xlsx_common.font(xlsx_common.FONT_TEXT, XLSX_PT)
        style.border, style.alignment = border, alignment
        wb.add_named_style(style)
        body[name] = style.name
    for col, width in enumerate(XLSX_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width

    xlsx_common.title_row(ws, table_title(data), len(HEADERS), row=XLSX_TITLE_ROW)
    for col, text in enumerate(HEADERS, 1):
        cell = xlsx_common.write(ws, XLSX_HEADER_ROW, col, text)
        cell.font, cell.border, cell.alignment = header_font, border, centre
    first = XLSX_HEADER_ROW + 1
    for r, row in enumerate(task_rows(data), first):
        for col, value in enumerate(cells(row), 1):
            cell = ws.cell(row=r, column=col)
            cell.style = body[S_XLSX_TEXT if col in (2, 7) else S_XLSX_CENTRE]
            xlsx_common.set_value(cell, value)  # after the style: it may set quotePrefix
        xlsx_common.fit_row_height(ws, r, XLSX_WIDTHS, size=XLSX_PT)
    xlsx_common.print_setup(ws, XLSX_HEADER_ROW)
    last = max(ws.max_row, first)
    statuses = ",".join(TASK_STATUS.values())
    dv = DataValidation(
        type="list", formula1=f'"{statuses}"', allow_blank=True, showErrorMessage=False
    )
    dv.promptTitle = "进度/状态"
    dv.prompt = "从列表中选择，或写“进行中 60%”"
    ws.add_data_validation(dv)
    dv.add(f"H{first}:H{max(last, 200)}")
    return wb


def export_tasks_xlsx(data: PlanData, path: str | Path) -> Path:
    """Write the task table as .xlsx (atomically)."""
    wb = build_task_workbook(data)
    xlsx_common.save_workbook(wb, path)
    log.info("exported task table of plan %s to %s", data.plan.id, path)
    return Path(path)


# ---------------------------------------------------------------- .docx
def write_cell(cell, text: str, *, bold_font: str | None = None, center: bool = False) -> None:
    """Write ``text`` into a table cell: 小四 GB fonts, single spacing, centred vertically."""
    ooxml.set_attrs(ooxml.child(cell._tc.get_or_add_tcPr(), "w:vAlign"), val="center")
    p = cell.paragraphs[0]
    ppr = p._p.get_or_add_pPr()
    ooxml.set_line_single(ppr)
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "center" if center else "left")
    ooxml.set_flag(ppr, "w:snapToGrid", False)
    if not text:
        return
    run = p.add_run(text)
    rpr = run._r.get_or_add_rPr()
    ooxml.set_fonts(rpr, east_asia=bold_font or FANGSONG, latin=ooxml.LATIN_FONT)
    ooxml.set_char_spacing(rpr, 0)
    ooxml.set_size(rpr, TABLE_PT)


def build_task_docx(data: PlanData):
    """The task table as a landscape A4 Word document with a repeated header row."""
    doc = new_gongwen_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(26)
    section.left_margin = section.right_margin = Mm(26)
    section.footer_distance = Mm(15)
    names = {st.style_id: st.name for st in doc.styles}
    title = doc.add_paragraph(style=names[S_TITLE])
    title.add_run(table_title(data))
    rows = printed_rows(data)
    table = doc.add_table(rows=1 + len(rows), cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Walk the w:tr/w:tc elements directly: python-docx's row.cells rebuilds the whole
    # cell grid on every call, which is quadratic for a table of hundreds of tasks.
    trs = table._tbl.tr_lst
    ooxml.set_flag_element(trs[0].get_or_add_trPr(), "w:tblHeader")
    for tc, text in zip(trs[0].tc_lst, HEADERS, strict=True):
        write_cell(_Cell(tc, table), text, bold_font=HEITI, center=True)
    for tr, row in zip(trs[1:], rows, strict=True):
        ooxml.set_flag_element(tr.get_or_add_trPr(), "w:cantSplit")  # a row stays whole
        if isinstance(row, str):  # a section: one cell across the table
            first = tr.tc_lst[0]
            for tc in tr.tc_lst[1:]:
                tr.remove(tc)
            ooxml.set_attrs(ooxml.child(first.get_or_add_tcPr(), "w:gridSpan"), val=len(HEADERS))
            write_cell(_Cell(first, table), row, bold_font=HEITI)
            ppr = first.p_lst[0].get_or_add_pPr()
            ooxml.set_flag(ppr, "w:keepNext")  # never the last row of a page
            continue
        for col, (tc, value) in enumerate(zip(tr.tc_lst, row, strict=True)):
            write_cell(_Cell(tc, table), value, center=col not in (1, 6))
    fix_table_widths(table, DOCX_WIDTHS_MM)
    finish_package(doc, author=organization_of(data.plan), title=table_title(data))
    return doc


def fix_table_widths(table, widths_mm: tuple[int, ...]) -> None:
    """Fixed layout with explicit grid and cell widths (LibreOffice reads tblGrid)."""
    tbl_pr = table._tbl.tblPr
    ooxml.set_attrs(ooxml.child(tbl_pr, "w:tblLayout"), type="fixed")
    ooxml.set_attrs(
        ooxml.child(tbl_pr, "w:tblW"), w=int(sum(Mm(w).twips for w in widths_mm)), type="dxa"
    )
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        ooxml.set_attrs(col, w=Mm(width).twips)
    for tr in table._tbl.tr_lst:
        if len(tr.tc_lst) == 1 and len(widths_mm) > 1:  # a merged section row
            _Cell(tr.tc_lst[0], table).width = Mm(sum(widths_mm))
            continue
        for tc, width in zip(tr.tc_lst, widths_mm, strict=True):
            _Cell(tc, table).width = Mm(width)


def export_tasks_docx(data: PlanData, path: str | Path) -> Path:
    """Write the task table as .docx (atomically)."""
    doc = build_task_docx(data)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    log.info("exported task table of plan %s to %s", data.plan.id, path)
    return Path(path)
