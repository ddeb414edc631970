"""The 版头 (red header: 发文机关标志, 发文字号, red line) and the 版记 of GB/T 9704 7.2 and 7.4,
in the page and styles of export/gongwen_styles.py.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT

from export import ooxml
from export.content import Banji
from export.gongwen_styles import (
    BANJI_LINE_PT,
    BANJI_PT,
    BODY_PT,
    ISSUER_PT,
    RED,
    S_BANJI,
    S_DOCNUM,
    S_ISSUER,
    TEXT_HEIGHT_PT,
    TEXT_WIDTH_PT,
    TITLE_EM_OFFSET,
    _run,
    _style_name,
    ooxml_el,
)

# 版头 geometry (GB/T 9704 7.2), in points from the 版心's top edge. A 行 is one 3号 character
# plus 7/8 of one (3.2): 30 pt. With an exact line height equal to the font size both Word
# and LibreOffice put the em box within ±0.07 em of the line box, so the line boxes are
# placed where the em boxes belong.
HANG_PT = 30.0  # 行 (3.2)
ISSUER_TOP_PT = 35 / 25.4 * 72  # 7.2.2: 35 mm below the 版心's top (下行文)
RULE_GAP_PT = 4 / 25.4 * 72  # 7.2.4: the red line 4 mm below the 发文字号
RULE_SZ = 8  # eighths of a point: a 1 pt red line
EM_SHIFT = 0.05  # the em box's top lies about this much of the size above the line box


def red_header_geometry(issuer_pt: float = ISSUER_PT) -> dict[str, float]:
    """Where the 版头 goes (points from the 版心 top): em tops of the mark, the 发文字号 and
    the title, and the red line (7.2.2–7.2.4, 7.3.1: the title two 行 below the line)."""
    issuer_top = ISSUER_TOP_PT
    number_top = issuer_top + issuer_pt + 2 * HANG_PT  # 发文字号 two lines below
    rule = number_top + BODY_PT + RULE_GAP_PT
    return {
        "issuer_top": issuer_top,
        "number_top": number_top,
        "rule": rule,
        "title_top": rule + 2 * HANG_PT,
    }


def add_red_header(doc: DocxDocument, issuer: str | None, doc_number: str | None) -> None:
    """版头: red 发文机关标志, 发文字号 and the red separator line (GB/T 9704 7.2).

    Written as a borderless one-column table, so the body checks of the document (black
    text, line grid) are not affected by the red mark. Each cell paragraph has an exact
    line height equal to its font size and the space before that puts it where 7.2 says;
    the last row is an empty spacer that brings the title two 行 below the red line.
    """
    if not issuer and not doc_number:
        return
    g = red_header_geometry()
    rows: list[tuple[str, str, float, float]] = []  # style, text, size, before
    line_bottom = 0.0  # bottom of the previous line box
    if issuer:
        top = g["issuer_top"] + EM_SHIFT * ISSUER_PT
        rows.append((S_ISSUER, issuer, ISSUER_PT, top))
        line_bottom = top + ISSUER_PT
    number_line_top = g["number_top"] + EM_SHIFT * BODY_PT
    if not issuer:
        number_line_top = g["issuer_top"] + EM_SHIFT * BODY_PT
    rows.append((S_DOCNUM, doc_number or "", BODY_PT, number_line_top - line_bottom))
    line_bottom = number_line_top + BODY_PT
    rule = line_bottom + RULE_GAP_PT - EM_SHIFT * BODY_PT
    # LibreOffice draws a bottom border at line bottom + space + half its width.
    space = max(0, round(rule - line_bottom - RULE_SZ / 16))
    # the title's em box sits TITLE_EM_OFFSET below its line box top (35 pt line, 22 pt)
    spacer = 2 * HANG_PT - TITLE_EM_OFFSET - RULE_SZ / 16
    table = doc.add_table(rows=len(rows) + 1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = ooxml.child(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        ooxml.set_attrs(ooxml_el(borders, f"w:{edge}"), val="nil")
    margins = ooxml.child(table._tbl.tblPr, "w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        ooxml.set_attrs(ooxml_el(margins, f"w:{edge}"), w=0, type="dxa")
    for row, (style_id, text, size, before) in zip(table.rows, rows, strict=False):
        p = row.cells[0].paragraphs[0]
        p.style = doc.styles[_style_name(doc, style_id)]
        ppr = p._p.get_or_add_pPr()
        ooxml.set_flag(ppr, "w:snapToGrid", False)
        spacing = ooxml.child(ppr, "w:spacing")
        ooxml.set_attrs(
            spacing, before=round(before * 20), after=0, line=round(size * 20), lineRule="exact"
        )
        if text:
            _run(p, text)
    ppr = table.rows[len(rows) - 1].cells[0].paragraphs[0]._p.get_or_add_pPr()
    border = ooxml_el(ooxml.child(ppr, "w:pBdr"), "w:bottom")
    ooxml.set_attrs(border, val="single", sz=RULE_SZ, space=space, color=RED)
    last = table.rows[-1].cells[0].paragraphs[0]
    last.style = doc.styles[_style_name(doc, S_DOCNUM)]
    ppr = last._p.get_or_add_pPr()
    ooxml.set_flag(ppr, "w:snapToGrid", False)
    ooxml.set_line_exact(ppr, round(spacer * 20))


THICK_SZ, THIN_SZ = 8, 6  # separator lines: 0.35 mm and 0.25 mm (7.4.1), in 1/8 pt


def add_banji(doc: DocxDocument, banji: Banji) -> None:
    """版记 (GB/T 9704 7.4): 抄送机关, then 印发机关 left and 印发日期 right, between separator
    lines as wide as the 版心 (thick first and last, thin between), on the last page's foot.

    A floating table placed from the 版心's top so that its last line is the 版心's last,
    on the page where the text ends (Word, WPS). LibreOffice 7.4 keeps a floating table
    as wide as the text inline (a heuristic of its importer): there the 版记 follows the
    落款 on the last page instead.
    """
    rows = ([banji.copy_to] if banji.copy_to else []) + [None]
    height = len(rows) * BANJI_LINE_PT + (2 * THICK_SZ + (len(rows) - 1) * THIN_SZ) / 8
    table = doc.add_table(rows=len(rows), cols=2)
    tbl_pr = table._tbl.tblPr
    ooxml.set_attrs(
        ooxml.child(tbl_pr, "w:tblpPr"),
        leftFromText=0,
        rightFromText=0,
        vertAnchor="margin",
        horzAnchor="margin",
        tblpXSpec="center",
        tblpY=round((TEXT_HEIGHT_PT - height) * 20),
    )
    ooxml.set_attrs(ooxml.child(tbl_pr, "w:tblOverlap"), val="never")
    ooxml.set_attrs(ooxml.child(tbl_pr, "w:tblW"), w=round(TEXT_WIDTH_PT * 20), type="dxa")
    borders = ooxml.child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = ooxml_el(borders, f"w:{edge}")
        if edge in ("left", "right", "insideV"):
            ooxml.set_attrs(el, val="nil")
        else:
            sz = THIN_SZ if edge == "insideH" else THICK_SZ
            ooxml.set_attrs(el, val="single", sz=sz, space=0, color="000000")
    margins = ooxml.child(tbl_pr, "w:tblCellMar")
    for edge in ("left", "right"):
        ooxml.set_attrs(ooxml_el(margins, f"w:{edge}"), w=0, type="dxa")
    style = _style_name(doc, S_BANJI)
    for row, text in zip(table.rows, rows, strict=True):
        if text is not None:  # 抄送: one cell across, 左右各空一字
            p = row.cells[0].merge(row.cells[1]).paragraphs[0]
            p.style = doc.styles[style]
            ooxml.set_indent(p._p.get_or_add_pPr(), left_chars=1, right_chars=1, char_pt=BANJI_PT)
            _run(p, text)
            continue
        for cell, value, side in (
            (row.cells[0], banji.printed_by, "left"),
            (row.cells[1], banji.printed_on, "right"),
        ):
            p = cell.paragraphs[0]
            p.style = doc.styles[style]
            ppr = p._p.get_or_add_pPr()
            ooxml.set_jc(ppr, side)
            if side == "left":  # 印发机关 左空一字, 印发日期 右空一字
                ooxml.set_indent(ppr, left_chars=1, char_pt=BANJI_PT)
            else:
                ooxml.set_indent(ppr, right_chars=1, char_pt=BANJI_PT)
            if value:
                _run(p, value)
    # the paragraph the floating table is anchored to (a body cannot end with a table)
    anchor = doc.add_paragraph(style=style)
    ooxml.set_line_exact(anchor._p.get_or_add_pPr(), 20)
