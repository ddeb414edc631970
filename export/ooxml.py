"""Small WordprocessingML helpers python-docx lacks: ordered children, East Asian fonts, styles."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# Schema order of the children of w:rPr and w:pPr (Word may reject out-of-order XML).
_RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
_TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)
_TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)
_TRPR_ORDER = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
)
_ORDERS = {
    qn("w:rPr"): _RPR_ORDER,
    qn("w:pPr"): _PPR_ORDER,
    qn("w:tblPr"): _TBLPR_ORDER,
    qn("w:tcPr"): _TCPR_ORDER,
    qn("w:trPr"): _TRPR_ORDER,
}

LATIN_FONT = "Times New Roman"
TWIPS_PER_PT = 20


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(parent: etree._Element, tag: str) -> etree._Element:
    """Child ``w:<tag>`` of an rPr/pPr/tblPr/trPr/tcPr, created at its schema position."""
    el = parent.find(qn(tag))
    if el is not None:
        return el
    el = OxmlElement(tag)
    order = _ORDERS.get(parent.tag)
    name = tag.split(":", 1)[1]
    if order and name in order:
        rank = order.index(name)
        for i, existing in enumerate(parent):
            other = _local(existing.tag)
            if other in order and order.index(other) > rank:
                parent.insert(i, el)
                return el
    parent.append(el)
    return el


def set_attrs(el: etree._Element, **attrs: object) -> etree._Element:
    """Set w:-namespaced attributes."""
    for key, value in attrs.items():
        el.set(qn("w:" + key), str(value))
    return el


def set_fonts(rpr: etree._Element, east_asia: str | None = None, latin: str | None = None) -> None:
    """Name the East Asian font (w:eastAsia) and the Latin/digit font (ascii, hAnsi, cs)."""
    rfonts = child(rpr, "w:rFonts")
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn("w:" + theme), None)
    if latin:
        set_attrs(rfonts, ascii=latin, hAnsi=latin, cs=latin)
    if east_asia:
        set_attrs(rfonts, eastAsia=east_asia)


def set_size(rpr: etree._Element, pt: float) -> None:
    """Font size in points (stored as half-points)."""
    for tag in ("w:sz", "w:szCs"):
        set_attrs(child(rpr, tag), val=int(round(pt * 2)))


def set_bold(rpr: etree._Element, on: bool) -> None:
    """Bold on or explicitly off (off overrides a bold paragraph style)."""
    for tag in ("w:b", "w:bCs"):
        set_attrs(child(rpr, tag), val="1" if on else "0")


def set_color(rpr: etree._Element, rgb: str) -> None:
    """Text colour as RRGGBB or 'auto'."""
    set_attrs(child(rpr, "w:color"), val=rgb)


def set_char_spacing(rpr: etree._Element, twips: int) -> None:
    """Condense (negative) or expand character spacing, in twips."""
    set_attrs(child(rpr, "w:spacing"), val=twips)


def set_line_exact(ppr: etree._Element, twips: int) -> None:
    """Exact line spacing with no space before or after."""
    spacing = child(ppr, "w:spacing")
    for key in list(spacing.attrib):
        del spacing.attrib[key]
    set_attrs(spacing, before=0, beforeLines=0, after=0, afterLines=0, line=twips, lineRule="exact")


def set_line_single(ppr: etree._Element) -> None:
    """Single line spacing, no space before or after."""
    spacing = child(ppr, "w:spacing")
    for key in list(spacing.attrib):
        del spacing.attrib[key]
    set_attrs(spacing, before=0, after=0, line=240, lineRule="auto")


def set_indent(
    ppr: etree._Element,
    *,
    first_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    char_pt: float = 16,
) -> None:
    """Indents in characters, written both as *Chars and as twips (for older readers)."""
    ind = child(ppr, "w:ind")
    for key in list(ind.attrib):
        del ind.attrib[key]
    tw = char_pt * TWIPS_PER_PT
    set_attrs(
        ind,
        firstLineChars=int(round(first_chars * 100)),
        firstLine=int(round(first_chars * tw)),
        leftChars=int(round(left_chars * 100)),
        left=int(round(left_chars * tw)),
        rightChars=int(round(right_chars * 100)),
        right=int(round(right_chars * tw)),
    )


def set_jc(ppr: etree._Element, value: str) -> None:
    """Paragraph alignment: left, center, right, both."""
    set_attrs(child(ppr, "w:jc"), val=value)


def set_flag(ppr: etree._Element, tag: str, on: bool = True) -> None:
    """A boolean paragraph property such as keepNext or snapToGrid."""
    set_attrs(child(ppr, tag), val="1" if on else "0")


def set_flag_element(parent: etree._Element, tag: str) -> None:
    """An on/off property in the schema's short form, ``<w:tblHeader/>`` (val omitted = on)."""
    el = child(parent, tag)
    el.attrib.pop(qn("w:val"), None)


def add_style(
    doc: DocxDocument, style_id: str, name: str, kind: WD_STYLE_TYPE, base: str | None = None
) -> etree._Element:
    """Add (or reuse) a named style with a stable ASCII id; returns its w:style element."""
    styles = doc.styles.element
    for st in styles.findall(qn("w:style")):
        if st.get(qn("w:styleId")) == style_id:
            return st
    style = doc.styles.add_style(name, kind)
    el = style.element
    el.set(qn("w:styleId"), style_id)
    if base:
        based = el.find(qn("w:basedOn"))
        if based is None:
            based = OxmlElement("w:basedOn")
            name_el = el.find(qn("w:name"))
            name_el.addnext(based)
        set_attrs(based, val=base)
    style.quick_style = True
    return el


def style_rpr(style_el: etree._Element) -> etree._Element:
    """The w:rPr of a style element (created when missing)."""
    rpr = style_el.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        style_el.append(rpr)
    return rpr


def style_ppr(style_el: etree._Element) -> etree._Element:
    """The w:pPr of a style element, placed before w:rPr."""
    ppr = style_el.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        rpr = style_el.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(ppr)
        else:
            style_el.append(ppr)
    return ppr


# Fallback descriptions for word/fontTable.xml: name -> (altName, family, pitch, panose1).
# Word uses altName and the GB2312 charset (86) to substitute a missing font sensibly.
FONT_TABLE = {
    "仿宋_GB2312": ("仿宋", "modern", "fixed", "02010609030101010101"),
    "楷体_GB2312": ("楷体", "modern", "fixed", "02010609030101010101"),
    "方正小标宋简体": ("方正小标宋_GBK", "script", "fixed", "02000000000000000000"),
    "黑体": ("SimHei", "modern", "fixed", "02010609060101010101"),
    "宋体": ("SimSun", "auto", "variable", "02010600030101010101"),
}


def add_font_fallbacks(
    doc: DocxDocument, names: dict[str, tuple[str, str, str, str]] = FONT_TABLE
) -> None:
    """Describe our fonts in word/fontTable.xml (altName, charset 86, family, panose)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    try:
        part = doc.part.part_related_by(rel)
    except KeyError:
        return
    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) in names:
            root.remove(font)
    for name, (alt, family, pitch, panose) in names.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, val in (
            ("w:altName", alt),
            ("w:panose1", panose),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", pitch),
        ):
            set_attrs(etree.SubElement(font, qn(tag)), val=val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
