"""Reports as .docx in the GB/T 9704 layout: 进展情况报告, 督查通报, 催办单, 年度工作总结（草稿）.

The page, styles, page numbers, title lines and signature come from export/gongwen.py and
export/content.py (the plan exporter), so there is one GB/T 9704 implementation. This
module adds what reports need on top: tables, the 主送机关 line, and attachment pages
(附件 label, attachment title). The layout comes from export/reports_layout.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm

from export import gongwen, ooxml
from export.atomic import atomic_output
from export.content import BLANK, TITLE, Block, split_title
from export.county_bulletin import items_of  # every report kind, the county 通报 too
from export.docx_package import finish_package
from export.reports_layout import (
    Addressee,
    Attachment,
    Item,
    PageTitle,
    Table,
    fit_widths,
)
from models.reports import ReportBase

log = logging.getLogger(__name__)

S_TABLE = "GongwenTable"
S_TABLE_HEAD = "GongwenTableHead"
TABLE_PT = 12.0  # 小四: tables are outside the 3号 body grid (GB/T 9704 allows it)
TEXT_WIDTH_MM = 156.0


# ---------------------------------------------------------------- document pieces
def _setup_table_styles(doc: DocxDocument) -> None:
    """公文表格 / 公文表头: 仿宋 (黑体 for the head) 小四, single spacing, no indent."""
    para = WD_STYLE_TYPE.PARAGRAPH
    for style_id, name, font in (
        (S_TABLE, "公文表格", gongwen.FANGSONG),
        (S_TABLE_HEAD, "公文表头", gongwen.HEITI),
    ):
        el = ooxml.add_style(doc, style_id, name, para, "Normal")
        ppr = ooxml.style_ppr(el)
        ooxml.set_flag(ppr, "w:snapToGrid", False)
        ooxml.set_line_single(ppr)
        ooxml.set_indent(ppr)
        ooxml.set_jc(ppr, "left" if style_id == S_TABLE else "center")
        rpr = ooxml.style_rpr(el)
        ooxml.set_fonts(rpr, east_asia=font, latin=ooxml.LATIN_FONT)
        ooxml.set_char_spacing(rpr, 0)
        ooxml.set_size(rpr, TABLE_PT)


def new_report_document() -> DocxDocument:
    """The GB/T 9704 document of export/gongwen.py plus the table styles."""
    doc = gongwen.new_gongwen_document()
    _setup_table_styles(doc)
    return doc


def _para(doc: DocxDocument, style_id: str):
    """A new body paragraph with a style set by id (a by-name lookup scans every style)."""
    p = doc.add_paragraph()
    p._p.style = style_id
    return p


def _text_run(paragraph, text: str):
    return gongwen._run(paragraph, text)


def add_addressee(doc: DocxDocument, text: str) -> None:
    """主送机关: flush left, full-width colon (GB/T 9704 7.3.2)."""
    p = _para(doc, gongwen.S_BODY)
    ooxml.set_indent(p._p.get_or_add_pPr())
    _text_run(p, text)


def add_attachment_start(
    doc: DocxDocument, title: str, label: str = "附件", names: dict[str, str] | None = None
) -> None:
    """An attachment page: 附件 in 3号 黑体 flush left on a new page, the title centred
    on line 3 (GB/T 9704 7.3.7)."""
    p = _para(doc, gongwen.S_BODY)
    ppr = p._p.get_or_add_pPr()
    ooxml.set_flag(ppr, "w:pageBreakBefore")
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "left")
    r = p.add_run(label)
    r._r.style = gongwen.heading_char_style_id(1)
    _para(doc, gongwen.S_BODY)
    if title:
        add_title(doc, title, names=names)


def add_title(
    doc: DocxDocument, title: str, *, page_break: bool = False, names: dict[str, str] | None = None
) -> None:
    """A centred title (balanced lines) followed by one blank line."""
    gongwen.write_blocks(doc, [Block(TITLE, lines=split_title(title)), Block(BLANK)], names)
    if page_break:
        p = doc.paragraphs[-2]
        ooxml.set_flag(p._p.get_or_add_pPr(), "w:pageBreakBefore")


def add_table(
    doc: DocxDocument,
    headers: list[str],
    rows: list[list[str]],
    widths_mm: list[float],
    *,
    centered: tuple[int, ...] = (),
) -> None:
    """A bordered table with a head row repeated on each page.

    Args:
        widths_mm: relative column widths, scaled to the 156 mm text block.
        centered: indexes of the columns whose cells are centred (numbers, short codes).
    """
    scale = TEXT_WIDTH_MM / sum(widths_mm)
    widths = [Mm(w * scale) for w in widths_mm]
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    ooxml.set_attrs(ooxml.child(table._tbl.tblPr, "w:tblLayout"), type="fixed")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # Styles are set by id on the XML: python-docx's lookup by name scans every style of
    # the document for each paragraph, which made a 2,000-row table take half a minute.
    for r_index, (row, values) in enumerate(zip(table.rows, [headers, *rows], strict=True)):
        if r_index == 0:
            ooxml.set_flag_element(row._tr.get_or_add_trPr(), "w:tblHeader")
        ooxml.set_flag_element(row._tr.get_or_add_trPr(), "w:cantSplit")  # a row stays whole
        style_id = S_TABLE_HEAD if r_index == 0 else S_TABLE
        for c_index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c_index]
            lines = str(value).split("\n") if value not in (None, "") else []
            first = cell.paragraphs[0]
            for n, line in enumerate(lines or [""]):
                p = first if n == 0 else cell.add_paragraph()
                p._p.style = style_id
                if line:
                    _text_run(p, line)
                if r_index and c_index in centered:
                    ooxml.set_jc(p._p.get_or_add_pPr(), "center")
            if not lines:
                first._p.style = style_id
    # an empty paragraph after a table keeps the next one from sticking to it
    _para(doc, gongwen.S_BODY)


def write_items(doc: DocxDocument, items: list[Item]) -> None:
    """Append a report layout to ``doc``; runs of paragraphs go through gongwen.write_blocks
    (so a signature and its date are placed together)."""
    pending: list[Block] = []
    names = gongwen.style_names(doc)  # once: looking the styles up costs ~0.1 s per call

    def flush() -> None:
        if pending:
            gongwen.write_blocks(doc, pending, names)
            pending.clear()

    for item in items:
        if isinstance(item, Block):
            pending.append(item)
            continue
        flush()
        if isinstance(item, Table):
            add_table(doc, item.headers, item.rows, fit_widths(item), centered=item.centered)
        elif isinstance(item, Addressee):
            add_addressee(doc, item.text)
        elif isinstance(item, Attachment):
            add_attachment_start(doc, item.title, item.label, names)
        elif isinstance(item, PageTitle):
            add_title(doc, item.title, page_break=True, names=names)
    flush()


# ---------------------------------------------------------------- entry point
def build_report_docx(report: ReportBase, today: dt.date | None = None) -> DocxDocument:
    """The GB/T 9704 document of any report; ``today`` is the 成文日期 (default: clock)."""
    doc = new_report_document()
    write_items(doc, items_of(report, today))
    finish_package(
        doc, author=gongwen.organization_of(report.plan), title=report_title_of(report, today)
    )
    return doc


def report_title_of(report: ReportBase, today: dt.date | None) -> str:
    from export.reports_html import report_title

    return report_title(items_of(report, today))


def export_report_docx(report: ReportBase, path: str | Path, today: dt.date | None = None) -> Path:
    """Write the report to ``path`` atomically; ExportError when it cannot."""
    doc = build_report_docx(report, today)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    log.info("exported %s of plan %s to %s", type(report).__name__, report.plan.id, path)
    return Path(path)
