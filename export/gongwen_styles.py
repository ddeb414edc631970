"""The GB/T 9704 page, document defaults, named styles and page numbers of export/gongwen.py.

Every font, size and spacing lives here as a named style (公文正文, 公文标题, 公文一级标题 …);
the 版头/版记 builders (export/gongwen_header.py) and the body writer (export/gongwen.py)
only refer to them.
"""

from __future__ import annotations

import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from export import ooxml

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
ISSUER_PT = 36.0  # 发文机关标志 (the size is the office's choice; 36 pt fits 12 characters)
BANJI_PT = 14.0  # 4号 (7.4.1)
BANJI_LINE_PT = 24.0  # line box of a 版记 row

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


TITLE_LINE_PT = 35.0  # the title's exact line height (公文标题 style)
# where a 22 pt em box sits in a 35 pt exact line: LibreOffice 9 pt, Word 12 pt below its top
TITLE_EM_OFFSET = 10.5


def _style_name(doc: DocxDocument, style_id: str) -> str:
    for st in doc.styles:
        if st.style_id == style_id:
            return st.name
    raise KeyError(style_id)
