"""The 版头 (red header: 发文机关标志, 发文字号, red line) and the 版记 of GB/T 9704 7.2 and 7.4,
in the page and styles of export/gongwen_styles.py.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from lxml import etree

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

    The table sits in a text box anchored to the last paragraph, its bottom on the 版心's
    bottom: Word, WPS and LibreOffice all place that on the foot of the page where the text
    ends. (A floating table did so in Word only: LibreOffice 7.4 keeps a floating table as
    wide as the text inline, and the 版记 followed the 落款.)
    """
    rows = ([banji.copy_to] if banji.copy_to else []) + [None]
    table = doc.add_table(rows=len(rows), cols=2)
    tbl_pr = table._tbl.tblPr
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
    # the paragraph the text box is anchored to, one point high
    anchor = doc.add_paragraph(style=style)
    ooxml.set_line_exact(anchor._p.get_or_add_pPr(), 20)
    lines = [_banji_lines(text) for text in rows]
    height = sum(lines) * BANJI_LINE_PT + (2 * THICK_SZ + (len(rows) - 1) * THIN_SZ) / 8
    _into_text_box(doc, table._tbl, anchor._p, TEXT_WIDTH_PT, height)


def _banji_lines(text: str | None) -> int:
    """Lines of one 版记 row: the 抄送 wraps within the 版心 less one character each side."""
    if not text:
        return 1
    per_line = int((TEXT_WIDTH_PT - 2 * BANJI_PT) // BANJI_PT)
    return max(1, -(-len(text) // per_line))


EMU_PER_PT = 12700
_BOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _into_text_box(
    doc: DocxDocument, tbl: etree._Element, paragraph: etree._Element, width: float, height: float
) -> None:
    """Move ``tbl`` into a borderless text box anchored in ``paragraph``, its bottom edge on
    the bottom margin, centred, as wide as ``width`` (points); text wraps above and below."""
    ids = [int(i) for i in doc.element.body.xpath(".//wp:docPr/@id") if str(i).isdigit()]
    cx, cy = round(width * EMU_PER_PT), round(height * EMU_PER_PT)
    run = parse_xml(
        f"<w:r {_BOX_NS}><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2"'
        ' behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="{max(ids, default=0) + 1}" name="版记"/>'
        "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData"
        ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        "</wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"'
        ' anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
    content = run.xpath(".//w:txbxContent")[0]
    content.append(tbl)  # moves it out of the body
    content.append(parse_xml(f"<w:p {_BOX_NS}/>"))  # a text box's content ends with a paragraph
    paragraph.append(run)
