"""A plan as a .docx in the GB/T 9704-2012 layout (see shared/docs/gbt9704.md).

Every font, size and spacing lives in named styles (公文正文, 公文标题, 公文一级标题 …),
so a secretary who edits the file in Word or WPS keeps a clean document. The content
comes from export/content.py, the same paragraphs the HTML printout uses.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from export import font_names, ooxml
from export.atomic import atomic_output
from export.content import (
    BLANK,
    DATE,
    HEADING,
    ROLE_HEADING,
    SIGNATURE,
    TASK,
    TITLE,
    Banji,
    Block,
    PlanData,
    banji_of,
    keep_with_next,
    plan_blocks,
    signature_places,
    text_width,
)
from export.docx_package import finish_package

log = logging.getLogger(__name__)

# Fonts named in the document (the official names; Word substitutes via fontTable altName).
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGENUM_PT = 14.0  # 4号
LINE_TWIPS = 579  # 28.95 pt: 22 lines in the 225 mm text block
CONDENSE_TWIPS = -5  # −0.25 pt: 28 glyphs of 16 pt in 156 mm
RED = "FF0000"
TEXT_WIDTH_PT = 156 / 25.4 * 72  # the 版心's width
TEXT_HEIGHT_PT = 225 / 25.4 * 72  # the 版心's height
GLYPH_PT = BODY_PT + CONDENSE_TWIPS / 20  # a condensed 3号 character

# Style ids (ASCII, stable) and the names Word shows.
S_BODY = "GongwenBody"
S_TITLE = "GongwenTitle"
S_SIGN = "GongwenSignature"
S_PAGENUM = "GongwenPageNumber"
S_BODY_CHAR = "GongwenBodyChar"
S_ISSUER = "GongwenIssuer"
S_DOCNUM = "GongwenDocNumber"
S_ATTACH_LABEL = "GongwenAttachmentLabel"
S_BANJI = "GongwenBanji"
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}
LEVEL_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


def heading_style_id(level: int) -> str:
    """Paragraph style id of a heading level (levels beyond 4 use level 4)."""
    return f"GongwenHeading{min(max(level, 1), 4)}"


def heading_char_style_id(level: int) -> str:
    """Character style id of a run-in heading of a level."""
    return f"GongwenHeading{min(max(level, 1), 4)}Char"


# ---------------------------------------------------------------- document setup
def setup_page(section, *, footer_mm: float = 25.5) -> None:
    """A4 portrait, margins 37/35/28/26 mm, the 579-twip line grid."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(footer_mm)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for key in list(grid.attrib):
        del grid.attrib[key]
    # A line grid only. With type="linesAndChars" (charSpace -847, so that Word's 页面设置
    # would show 28 字) LibreOffice 7.4 drops the -0.25 pt condensing and sets 27
    # characters per line, even in paragraphs off the grid (measured: 17 of 20 full
    # lines held 27); the exact 28.95 pt lines and the condensing give 22 × 28 as it is.
    ooxml.set_attrs(grid, type="lines", linePitch=LINE_TWIPS)


def setup_document_defaults(doc: DocxDocument) -> None:
    """Explicit fonts in docDefaults (no theme fonts, zh-CN), no 10 pt after, settings."""
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    if dd is None:
        dd = OxmlElement("w:docDefaults")
        styles.insert(0, dd)
    rpr_default = dd.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        dd.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)  # theme fonts would resolve to a Japanese font
    ooxml.set_fonts(rpr, east_asia=FANGSONG, latin=ooxml.LATIN_FONT)
    ooxml.set_size(rpr, BODY_PT)
    ooxml.set_attrs(ooxml.child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr_default = dd.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        dd.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    ooxml.set_line_single(ppr)

    settings = doc.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is None:
        tfl = OxmlElement("w:themeFontLang")
        settings.append(tfl)
    ooxml.set_attrs(tfl, val="en-US", eastAsia="zh-CN")
    csc = settings.find(qn("w:characterSpacingControl"))
    if csc is not None:
        ooxml.set_attrs(csc, val="compressPunctuation")
    doc.settings.odd_and_even_pages_header_footer = True
    ooxml.add_font_fallbacks(doc)


def setup_styles(doc: DocxDocument, *, keep_existing: bool = False) -> None:
    """The named styles: Normal, 公文正文, 公文标题, 公文一~四级标题 (+ run-in character styles),
    公文正文字符, 公文落款, 公文页码, 发文机关标志, 发文字号.

    With ``keep_existing`` (a user template as the style base) Normal and any of these
    styles that the document already has are left exactly as they are.
    """
    para, char = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
    existing = {st.get(qn("w:styleId")) for st in doc.styles.element.findall(qn("w:style"))}
    existing |= {st.name for st in doc.styles}

    def add(style_id: str, name: str, kind: WD_STYLE_TYPE, base: str | None = None):
        if keep_existing and (style_id in existing or name in existing):
            return OxmlElement("w:style")  # detached: edits to it go nowhere
        return ooxml.add_style(doc, style_id, name, kind, base)

    if not keep_existing:
        normal = doc.styles["Normal"].element
        rpr = ooxml.style_rpr(normal)
        ooxml.set_fonts(rpr, east_asia=FANGSONG, latin=ooxml.LATIN_FONT)
        ooxml.set_char_spacing(rpr, CONDENSE_TWIPS)
        ooxml.set_size(rpr, BODY_PT)
        ppr = ooxml.style_ppr(normal)
        ooxml.set_line_exact(ppr, LINE_TWIPS)
        ooxml.set_jc(ppr, "both")

    body = add(S_BODY, "公文正文", para, "Normal")
    ooxml.set_indent(ooxml.style_ppr(body), first_chars=2)
    ooxml.set_char_spacing(ooxml.style_rpr(body), CONDENSE_TWIPS)
    # headings are based on 公文正文, which a template may hold under another id
    body_id = next((st.style_id for st in doc.styles if st.name == "公文正文"), S_BODY)

    title = add(S_TITLE, "公文标题", para, "Normal")
    ppr = ooxml.style_ppr(title)
    ooxml.set_flag(ppr, "w:keepNext")
    ooxml.set_flag(ppr, "w:snapToGrid", False)  # 22 pt lines would take two grid rows
    ooxml.set_line_exact(ppr, round(TITLE_LINE_PT * 20))  # a 2号 line with the usual leading
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "center")
    rpr = ooxml.style_rpr(title)
    ooxml.set_fonts(rpr, east_asia=XIAOBIAOSONG, latin=XIAOBIAOSONG)
    ooxml.set_bold(rpr, False)
    ooxml.set_char_spacing(rpr, 0)
    ooxml.set_size(rpr, TITLE_PT)

    for level, (font, bold) in HEADING_FONTS.items():
        name = f"公文{LEVEL_NAMES[level]}级标题"
        h = add(heading_style_id(level), name, para, body_id)
        ooxml.set_attrs(ooxml.child(ooxml.style_ppr(h), "w:outlineLvl"), val=level - 1)
        rpr = ooxml.style_rpr(h)
        ooxml.set_fonts(rpr, east_asia=font)
        ooxml.set_bold(rpr, bold)
        c = add(heading_char_style_id(level), name + "（段内）", char)
        rpr = ooxml.style_rpr(c)
        ooxml.set_fonts(rpr, east_asia=font)
        ooxml.set_bold(rpr, bold)

    bc = add(S_BODY_CHAR, "公文正文字符", char)
    rpr = ooxml.style_rpr(bc)
    ooxml.set_fonts(rpr, east_asia=FANGSONG, latin=ooxml.LATIN_FONT)
    ooxml.set_bold(rpr, False)

    sign = add(S_SIGN, "公文落款", para, "Normal")
    ppr = ooxml.style_ppr(sign)
    ooxml.set_indent(ppr, right_chars=2)
    ooxml.set_jc(ppr, "right")

    pn = add(S_PAGENUM, "公文页码", para, "Normal")
    ppr = ooxml.style_ppr(pn)
    ooxml.set_flag(ppr, "w:snapToGrid", False)
    ooxml.set_line_single(ppr)
    ooxml.set_indent(ppr, char_pt=PAGENUM_PT)
    rpr = ooxml.style_rpr(pn)
    ooxml.set_fonts(rpr, east_asia=SONGTI, latin=SONGTI)
    ooxml.set_char_spacing(rpr, 0)
    ooxml.set_size(rpr, PAGENUM_PT)

    issuer = add(S_ISSUER, "发文机关标志", para, "Normal")
    ppr = ooxml.style_ppr(issuer)
    ooxml.set_flag(ppr, "w:snapToGrid", False)
    ooxml.set_line_single(ppr)
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "center")
    rpr = ooxml.style_rpr(issuer)
    ooxml.set_fonts(rpr, east_asia=XIAOBIAOSONG, latin=XIAOBIAOSONG)
    ooxml.set_color(rpr, RED)
    ooxml.set_char_spacing(rpr, 0)
    ooxml.set_size(rpr, ISSUER_PT)

    label = add(S_ATTACH_LABEL, "公文附件标识", para, "Normal")
    ppr = ooxml.style_ppr(label)
    ooxml.set_flag(ppr, "w:keepNext")
    ooxml.set_flag(ppr, "w:pageBreakBefore")  # an attachment starts on a new page (7.3.7)
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "left")
    ooxml.set_fonts(ooxml.style_rpr(label), east_asia=HEITI)

    banji = add(S_BANJI, "公文版记", para, "Normal")
    ppr = ooxml.style_ppr(banji)
    ooxml.set_flag(ppr, "w:snapToGrid", False)
    ooxml.set_line_exact(ppr, round(BANJI_LINE_PT * 20))
    rpr = ooxml.style_rpr(banji)
    ooxml.set_fonts(rpr, east_asia=FANGSONG, latin=ooxml.LATIN_FONT)
    ooxml.set_char_spacing(rpr, 0)
    ooxml.set_size(rpr, BANJI_PT)

    num = add(S_DOCNUM, "发文字号", para, "Normal")
    ppr = ooxml.style_ppr(num)
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "center")


# ---------------------------------------------------------------- footers
# Characters Latin and Chinese fonts share: Word draws them in the Chinese font only
# when the run says w:hint="eastAsia" (ECMA-376 17.3.2.26). Only their own runs get the
# hint: LibreOffice would draw a whole hinted run's digits in the Chinese font too.
_SHARED_MARKS = re.compile("([“”‘’—…·]+)")


def _run(paragraph: Paragraph, text: str | None = None, style_id: str | None = None):
    """Append the run(s) for ``text`` (one per stretch of shared marks); returns the last."""
    pieces = [x for x in _SHARED_MARKS.split(text) if x] if text else [text]
    r = None
    for piece in pieces:
        r = paragraph._p.add_r()
        if style_id:
            r.get_or_add_rPr().style = style_id
        if piece and _SHARED_MARKS.fullmatch(piece):
            ooxml.set_attrs(ooxml.child(r.get_or_add_rPr(), "w:rFonts"), hint="eastAsia")
        if piece is not None:
            t = OxmlElement("w:t")
            t.text = piece
            t.set(qn("xml:space"), "preserve")
            r.append(t)
    return r


def _page_field(paragraph: Paragraph) -> None:
    """'— N —' with a PAGE field (U+2014 一字线 on each side, GB/T 9704 7.5)."""
    _run(paragraph, "\u2014 ")
    begin = _run(paragraph)
    ooxml.set_attrs(ooxml_el(begin, "w:fldChar"), fldCharType="begin")
    instr = _run(paragraph)
    it = ooxml_el(instr, "w:instrText")
    it.text = " PAGE "
    it.set(qn("xml:space"), "preserve")
    sep = _run(paragraph)
    ooxml.set_attrs(ooxml_el(sep, "w:fldChar"), fldCharType="separate")
    _run(paragraph, "1")
    end = _run(paragraph)
    ooxml.set_attrs(ooxml_el(end, "w:fldChar"), fldCharType="end")
    _run(paragraph, " \u2014")


def ooxml_el(parent, tag: str):
    """Append a new element ``tag`` to ``parent``."""
    el = OxmlElement(tag)
    parent.append(el)
    return el


def setup_page_numbers(doc: DocxDocument, section=None) -> None:
    """Odd pages right, even pages left, one 4号 character in from the edge."""
    section = section or doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for r in list(p._p.iterchildren(qn("w:r"))):
            p._p.remove(r)
        p.style = doc.styles["公文页码"]
        ppr = p._p.get_or_add_pPr()
        ooxml.set_jc(ppr, side)
        if side == "right":
            ooxml.set_indent(ppr, right_chars=1, char_pt=PAGENUM_PT)
        else:
            ooxml.set_indent(ppr, left_chars=1, char_pt=PAGENUM_PT)
        _page_field(p)


# ---------------------------------------------------------------- content
def new_gongwen_document() -> DocxDocument:
    """An empty document with the GB/T 9704 page, styles and page numbers."""
    doc = Document()
    for p in list(doc.paragraphs):  # python-docx's template has none, but be safe
        p._p.getparent().remove(p._p)
    setup_page(doc.sections[0])
    setup_document_defaults(doc)
    setup_styles(doc)
    setup_page_numbers(doc)
    return doc


# 版头 geometry (GB/T 9704 7.2), in points from the 版心's top edge. A 行 is one 3号 character
# plus 7/8 of one (3.2): 30 pt. With an exact line height equal to the font size both Word
# and LibreOffice put the em box within ±0.07 em of the line box, so the line boxes are
# placed where the em boxes belong.
ISSUER_PT = 36.0  # 发文机关标志 (the size is the office's choice; 36 pt fits 12 characters)
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


BANJI_PT = 14.0  # 4号 (7.4.1)
BANJI_LINE_PT = 24.0  # line box of a 版记 row
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


TITLE_LINE_PT = 35.0  # the title's exact line height (公文标题 style)
# where a 22 pt em box sits in a 35 pt exact line: LibreOffice 9 pt, Word 12 pt below its top
TITLE_EM_OFFSET = 10.5


def _style_name(doc: DocxDocument, style_id: str) -> str:
    for st in doc.styles:
        if st.style_id == style_id:
            return st.name
    raise KeyError(style_id)


CONTENT_STYLE_IDS = (
    S_BODY,
    S_TITLE,
    S_SIGN,
    S_BODY_CHAR,
    *(heading_style_id(n) for n in range(1, 5)),
    *(heading_char_style_id(n) for n in range(1, 5)),
)


STYLE_NAMES = {
    S_BODY: "公文正文",
    S_TITLE: "公文标题",
    S_SIGN: "公文落款",
    S_BODY_CHAR: "公文正文字符",
    **{heading_style_id(n): f"公文{LEVEL_NAMES[n]}级标题" for n in range(1, 5)},
    **{heading_char_style_id(n): f"公文{LEVEL_NAMES[n]}级标题（段内）" for n in range(1, 5)},
}


def style_names(doc: DocxDocument) -> dict[str, str]:
    """Our style ids -> the names of the styles in ``doc`` (python-docx looks up by name).

    A style is found by its id, or else by its Chinese name (a user template may have
    defined 公文正文 itself, under another id).
    """
    present = {st.name for st in doc.styles}
    out = {}
    for sid in CONTENT_STYLE_IDS:
        try:
            out[sid] = _style_name(doc, sid)
        except KeyError:
            if STYLE_NAMES[sid] not in present:
                raise
            out[sid] = STYLE_NAMES[sid]
    return out


def write_blocks(
    doc: DocxDocument, blocks: list[Block], names: dict[str, str] | None = None
) -> None:
    """Append the plan's paragraphs to ``doc`` using the 公文 styles (or ``names``)."""
    names = names or style_names(doc)
    # Resolve names to ids once: python-docx scans every style on each by-name assignment.
    by_name = {st.name: st.style_id for st in doc.styles}
    ids = {key: by_name[name] for key, name in names.items()}
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))

    made: list[Paragraph] = []

    def para(key: str) -> Paragraph:
        p = OxmlElement("w:p")
        if sect is not None:
            sect.addprevious(p)
        else:
            body.append(p)
        p.get_or_add_pPr().style = ids[key]
        made.append(Paragraph(p, doc._body))
        return made[-1]

    sign_right, date_right = signature_places(blocks)
    for block, keep in zip(blocks, keep_with_next(blocks), strict=True):
        made.clear()
        _write_block(block, para, ids, sign_right, date_right)
        for p in made:
            ppr = p._p.get_or_add_pPr()
            if keep:
                ooxml.set_flag(ppr, "w:keepNext")
            if block.kind in (SIGNATURE, DATE):
                ooxml.set_flag(ppr, "w:keepLines")


def _write_block(
    block: Block, para, ids: dict[str, str], sign_right: float, date_right: float
) -> None:
    """One block as paragraph(s) made by ``para(style key)``."""
    if block.kind == TITLE:
        p = para(S_TITLE)
        for i, line in enumerate(block.lines):
            if i:
                ooxml_el(_run(p), "w:br")
            _run(p, line)
    elif block.kind == BLANK:
        para(S_BODY)
    elif block.kind in (SIGNATURE, DATE):
        p = para(S_SIGN)
        right = sign_right if block.kind == SIGNATURE else date_right
        ppr = p._p.get_or_add_pPr()
        if right <= 6:
            ooxml.set_indent(ppr, right_chars=right)
        else:
            # a short 署名 moved far left (7.3.5.2): placed from the left edge instead,
            # which is where its first character must stand
            start_pt = TEXT_WIDTH_PT - right * BODY_PT - text_width(block.text) * GLYPH_PT
            ooxml.set_indent(ppr)
            ind = ppr.find(qn("w:ind"))
            ind.attrib.pop(qn("w:leftChars"))  # in twips only: a 字 of a condensed line
            ooxml.set_attrs(ind, left=round(start_pt * 20))
            ooxml.set_jc(ppr, "left")
        _run(p, block.text)
    elif block.kind == HEADING:
        _write_parts(para(heading_style_id(block.level)), block, ids)
    elif block.kind == TASK and block.level:
        _write_parts(para(S_BODY), block, ids)
    else:
        _run(para(S_BODY), block.text)


def _write_parts(p: Paragraph, block: Block, ids: dict[str, str]) -> None:
    for part in block.parts:
        if not part.text:
            continue
        if part.role == ROLE_HEADING:
            _run(p, part.text, ids[heading_char_style_id(block.level)])
        elif block.kind == HEADING:
            _run(p, part.text, ids[S_BODY_CHAR])
        else:
            _run(p, part.text)


def build_plan_docx(
    data: PlanData,
    *,
    today: dt.date | None = None,
    red_header: bool = True,
    fonts: str = font_names.OFFICIAL,
) -> DocxDocument:
    """The plan as a python-docx Document in the GB/T 9704 layout.

    The 版头 (red 发文机关标志, 发文字号, red line) is added only when the plan has an
    issuer or a document number and ``red_header`` is true.
    """
    doc = new_gongwen_document()
    if red_header:
        add_red_header(doc, data.plan.issuer, data.plan.doc_number)
    write_blocks(doc, plan_blocks(data, today=today))
    banji = banji_of(data.plan, today)
    if banji is not None:
        add_banji(doc, banji)
    font_names.apply_font_names(doc, fonts)
    finish_package(doc, author=organization_of(data.plan), title=data.plan.title)
    return doc


def organization_of(plan) -> str:
    """Who the file is from (its author in 文件属性): the organization, else the signer."""
    return (plan.organization or plan.signed_by or plan.issuer or "").strip()


def export_plan_docx(
    data: PlanData,
    path: str | Path,
    *,
    today: dt.date | None = None,
    red_header: bool = True,
    fonts: str = font_names.OFFICIAL,
) -> Path:
    """Write the plan to ``path`` (atomically); raises ExportError when it cannot.

    ``fonts``: the official font names or the Windows ones (export/font_names.py)."""
    doc = build_plan_docx(data, today=today, red_header=red_header, fonts=fonts)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    log.info("exported plan %s to %s", data.plan.id, path)
    return Path(path)


# ---------------------------------------------------------------- reading back
def docx_paragraph_texts(path: str | Path) -> list[str]:
    """Non-empty top-level paragraph texts of a .docx, line breaks removed.

    Tables (the 版头) are skipped; used to compare an export with its plan.
    """
    doc = Document(str(path))
    out = []
    for p in doc.element.body.iterchildren(qn("w:p")):
        parts = []
        for node in p.iter(qn("w:t"), qn("w:br")):
            if node.tag == qn("w:t"):
                parts.append(node.text or "")
        text = "".join(parts)
        if text.strip():
            out.append(text)
    return out


def docx_plan_text(path: str | Path) -> list[str]:
    """The content paragraphs of an exported plan: everything before the 落款."""
    texts = docx_paragraph_texts(path)
    doc = Document(str(path))
    sign_ids = {S_SIGN}
    out = []
    for p, text in zip((p for p in doc.paragraphs if p.text.strip()), texts, strict=False):
        if p.style is not None and p.style.style_id in sign_ids:
            break
        out.append(text)
    return out
