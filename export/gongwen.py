"""A plan as a .docx in the GB/T 9704-2012 layout (see shared/docs/gbt9704.md).

Every font, size and spacing lives in named styles (公文正文, 公文标题, 公文一级标题 …),
so a secretary who edits the file in Word or WPS keeps a clean document. The content
comes from export/content.py, the same paragraphs the HTML printout uses.

This module writes the body; the page and styles are export/gongwen_styles.py, the
版头 and 版记 export/gongwen_header.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
    Block,
    PlanData,
    banji_of,
    keep_with_next,
    plan_blocks,
    signature_places,
    text_width,
)
from export.docx_package import finish_package
from export.gongwen_header import (
    EM_SHIFT,
    HANG_PT,
    ISSUER_TOP_PT,
    RULE_GAP_PT,
    RULE_SZ,
    THICK_SZ,
    THIN_SZ,
    add_banji,
    add_red_header,
    red_header_geometry,
)
from export.gongwen_styles import (
    BANJI_LINE_PT,
    BANJI_PT,
    BODY_PT,
    CONDENSE_TWIPS,
    FANGSONG,
    GLYPH_PT,
    HEADING_FONTS,
    HEITI,
    ISSUER_PT,
    KAITI,
    LEVEL_NAMES,
    LINE_TWIPS,
    PAGENUM_PT,
    RED,
    S_ATTACH_LABEL,
    S_BANJI,
    S_BODY,
    S_BODY_CHAR,
    S_DOCNUM,
    S_ISSUER,
    S_PAGENUM,
    S_SIGN,
    S_TITLE,
    SONGTI,
    TEXT_HEIGHT_PT,
    TEXT_WIDTH_PT,
    TITLE_EM_OFFSET,
    TITLE_LINE_PT,
    TITLE_PT,
    XIAOBIAOSONG,
    _run,
    _style_name,
    heading_char_style_id,
    heading_style_id,
    new_gongwen_document,
    ooxml_el,
    setup_document_defaults,
    setup_page,
    setup_page_numbers,
    setup_styles,
)

log = logging.getLogger(__name__)

# The page, styles and 版头/版记 live in gongwen_styles / gongwen_header; they are
# re-exported so that `from export.gongwen import X` and `gongwen.X` keep working.
__all__ = [
    "BANJI_LINE_PT",
    "BANJI_PT",
    "BODY_PT",
    "CONDENSE_TWIPS",
    "CONTENT_STYLE_IDS",
    "EM_SHIFT",
    "FANGSONG",
    "GLYPH_PT",
    "HANG_PT",
    "HEADING_FONTS",
    "HEITI",
    "ISSUER_PT",
    "ISSUER_TOP_PT",
    "KAITI",
    "LEVEL_NAMES",
    "LINE_TWIPS",
    "PAGENUM_PT",
    "RED",
    "RULE_GAP_PT",
    "RULE_SZ",
    "SONGTI",
    "STYLE_NAMES",
    "S_ATTACH_LABEL",
    "S_BANJI",
    "S_BODY",
    "S_BODY_CHAR",
    "S_DOCNUM",
    "S_ISSUER",
    "S_PAGENUM",
    "S_SIGN",
    "S_TITLE",
    "TEXT_HEIGHT_PT",
    "TEXT_WIDTH_PT",
    "THICK_SZ",
    "THIN_SZ",
    "TITLE_EM_OFFSET",
    "TITLE_LINE_PT",
    "TITLE_PT",
    "XIAOBIAOSONG",
    "add_banji",
    "add_red_header",
    "build_plan_docx",
    "docx_paragraph_texts",
    "docx_plan_text",
    "export_plan_docx",
    "heading_char_style_id",
    "heading_style_id",
    "new_gongwen_document",
    "ooxml_el",
    "organization_of",
    "red_header_geometry",
    "setup_document_defaults",
    "setup_page",
    "setup_page_numbers",
    "setup_styles",
    "style_names",
    "write_blocks",
]


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
