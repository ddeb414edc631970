"""Handcrafted 公文 .docx files for the checker's tests, built with python-docx alone.

Deliberately independent of export/gongwen.py: the good file is written from the standard's
numbers, and every knob of ``Spec`` breaks one rule, so each rule is seen to fail.
Body fonts come from the Normal style and heading fonts from direct run formatting, so both
paths of the checker's style resolution are exercised.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_TEXT = (
    "坚持以人民为中心的发展思想，统筹推进经济社会发展各项工作，确保各项目标任务落到实处，"
    "切实增强人民群众的获得感、幸福感、安全感，为全面建设社会主义现代化国家贡献力量。"
)
DEFAULT_PARAGRAPHS = (
    ("h1", "一、总体要求"),
    ("body", BODY_TEXT),
    ("h2", "（一）指导思想"),
    ("body", BODY_TEXT),
    ("h3", "1.加强组织领导。" + BODY_TEXT[:40]),
    ("h4", "（1）明确责任分工。" + BODY_TEXT[:30]),
    ("h4", "（2）建立工作台账。" + BODY_TEXT[:30]),
    ("h3", "2.强化督查考核。" + BODY_TEXT[:40]),
    ("h2", "（二）工作目标"),
    ("body", BODY_TEXT),
    ("h1", "二、重点任务"),
    ("body", BODY_TEXT * 2),
)
HEADING_FONTS = {"h1": "黑体", "h2": "楷体_GB2312", "h3": "仿宋_GB2312", "h4": "仿宋_GB2312"}


@dataclass
class Spec:
    """What to write; the defaults follow GB/T 9704 exactly."""

    page_mm: tuple[float, float] = (210, 297)
    margins_mm: dict = field(
        default_factory=lambda: {"top": 37, "bottom": 35, "left": 28, "right": 26}
    )
    line_twips: int = 579
    condense_twips: int = -5
    body_font: str = "仿宋_GB2312"
    body_size: float = 16
    title: tuple[str, ...] = ("测试镇2025年度重点工作计划",)
    title_font: str = "方正小标宋简体"
    title_size: float = 22
    heading_fonts: dict = field(default_factory=lambda: dict(HEADING_FONTS))
    paragraphs: tuple[tuple[str, str], ...] = DEFAULT_PARAGRAPHS
    first_line_twips: int | None = 640
    space_after_pt: float = 0
    colored_run: str | None = None  # a hex colour for one body run
    indent_with_spaces: bool = False
    issuer: str | None = None
    issuer_red: bool = True
    issuer_space_mm: float = 35.0
    doc_number: str | None = None
    red_line: bool = True
    signature: str | None = "中共测试镇委员会办公室"
    date: str | None = "2025年2月3日"
    date_with_spaces: bool = False
    sealed_layout: bool = False  # 署名 centred over a date 4 字 from the margin
    centred_signature: bool = False  # 署名 centred over a date 2 字 from the margin (wrong)
    break_before_signature: bool = False  # the 落款 alone on a page
    break_between_signature_and_date: bool = False
    break_after_heading: bool = False  # a page ends with 一、 heading
    attachment: bool = False  # an attachment page after the 落款
    attachment_font: str = "黑体"
    attachment_new_page: bool = True
    page_numbers: bool = True
    pagenum_form: str = "— {} —"
    pagenum_size: float = 14
    even_odd: bool = True
    footer_mm: float = 25.5


def good() -> Spec:
    """The spec of a file that breaks no rule."""
    return Spec()


def variant(**changes) -> Spec:
    """The good spec with some fields changed."""
    return replace(Spec(), **changes)


def _rfonts(rpr, east_asia: str, latin: str = "Times New Roman") -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _exact(paragraph, twips: int) -> None:
    pf = paragraph.paragraph_format
    pf.line_spacing = Pt(twips / 20)
    pf.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY


def _run(paragraph, text: str, *, font: str | None = None, size: float | None = None, **kw):
    run = paragraph.add_run(text)
    if font:
        _rfonts(run._r.get_or_add_rPr(), font)
    if size:
        run.font.size = Pt(size)
    if kw.get("color"):
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor.from_string(kw["color"])
    if kw.get("spacing") is not None:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(kw["spacing"]))
        run._r.get_or_add_rPr().append(sp)
    return run


def _border_bottom(paragraph, color: str, space_pt: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "12"), ("space", str(space_pt)), ("color", color)):
        bottom.set(qn(f"w:{k}"), v)
    bdr.append(bottom)
    # pBdr goes after pStyle/keepNext… and before spacing/ind/jc in the schema's order
    later = ("shd", "tabs", "spacing", "ind", "jc")
    anchor = next((el for t in later if (el := ppr.find(qn(f"w:{t}"))) is not None), None)
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)


def _page_field(paragraph, form: str, size: float) -> None:
    before, _, after = form.partition("{}")
    _run(paragraph, before, font="宋体", size=size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run._r.append(fc)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            run._r.append(it)
    num = _run(paragraph, "1", font="宋体", size=size)
    _rfonts(num._r.get_or_add_rPr(), "宋体", "宋体")
    end = paragraph.add_run()
    end.font.size = Pt(size)
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "end")
    end._r.append(fc)
    _run(paragraph, after, font="宋体", size=size)
    for run in paragraph.runs:
        _rfonts(run._r.get_or_add_rPr(), "宋体", "宋体")


def _footer(footer, spec: Spec, *, odd: bool) -> None:
    p = footer.paragraphs[0]
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    if spec.even_odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if odd:
            p.paragraph_format.right_indent = Pt(14)
        else:
            p.paragraph_format.left_indent = Pt(14)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(p, spec.pagenum_form, spec.pagenum_size)


def build(spec: Spec, path: Path) -> Path:
    """Write the .docx a spec describes; returns its path."""
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(spec.page_mm[0]), Mm(spec.page_mm[1])
    m = spec.margins_mm
    sec.top_margin, sec.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    sec.left_margin, sec.right_margin = Mm(m["left"]), Mm(m["right"])
    sec.footer_distance = Mm(spec.footer_mm)
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sec._sectPr.append(grid)
    for key in list(grid.attrib):
        del grid.attrib[key]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(spec.line_twips))

    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _rfonts(rpr, spec.body_font)
    normal.font.size = Pt(spec.body_size)
    sp = OxmlElement("w:spacing")
    sp.set(qn("w:val"), str(spec.condense_twips))
    rpr.append(sp)
    npf = normal.paragraph_format
    npf.space_before, npf.space_after = Pt(0), Pt(spec.space_after_pt)
    npf.line_spacing, npf.line_spacing_rule = Pt(spec.line_twips / 20), 4
    npf.widow_control = False

    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    first = True

    def para():
        nonlocal first
        if first:
            first = False
            return body
        return doc.add_paragraph()

    if spec.issuer:
        p = para()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Mm(spec.issuer_space_mm + 3) - Pt(12)
        p.paragraph_format.line_spacing = Pt(60)
        color = "FF0000" if spec.issuer_red else None
        _run(p, spec.issuer, font="方正小标宋简体", size=40, color=color, spacing=0)
        p = para()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(spec.line_twips / 20 * 2 - 4)
        if spec.doc_number:
            _run(p, spec.doc_number)
        if spec.red_line:
            _border_bottom(p, "FF0000", 2)
        p = para()  # the two blank lines between the red line and the title
        p = para()
    for k, line in enumerate(spec.title):
        p = para()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _exact(p, 2 * spec.line_twips if k == 0 else spec.line_twips)
        _run(p, line, font=spec.title_font, size=spec.title_size, spacing=0)
    para()  # one blank line under the title
    colored = spec.colored_run
    for kind, text in spec.paragraphs:
        p = para()
        if spec.first_line_twips is not None and not spec.indent_with_spaces:
            p.paragraph_format.first_line_indent = Pt(spec.first_line_twips / 20)
        if spec.indent_with_spaces:
            text = "　　" + text
        if kind == "body":
            _run(p, text, color=colored)
            colored = None
            continue
        stop = text.find("。")
        head, rest = (text[: stop + 1], text[stop + 1 :]) if stop >= 0 else (text, "")
        _run(p, head, font=spec.heading_fonts[kind], bold=kind == "h3")
        if rest:
            _run(p, rest)
        if kind == "h1" and spec.break_after_heading:
            p.paragraph_format.keep_with_next = False
            spec = replace(spec, break_after_heading=False)
            brk = doc.add_paragraph()
            brk.add_run().add_break(WD_BREAK.PAGE)
    if spec.signature or spec.date:
        p = para()  # 下空一行
        if spec.break_before_signature:
            p.add_run().add_break(WD_BREAK.PAGE)
    if spec.signature:
        p = para()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if spec.sealed_layout or spec.centred_signature:
            date_chars = 5 + (len(spec.date or "") - 5) / 2
            offset = 4 if spec.sealed_layout else 2
            extra = (date_chars - len(spec.signature)) / 2
            p.paragraph_format.right_indent = Pt(16 * (offset + extra))
        else:
            p.paragraph_format.right_indent = Pt(32)
        _run(p, spec.signature)
        if spec.break_between_signature_and_date:
            p.add_run().add_break(WD_BREAK.PAGE)
    if spec.date:
        p = para()
        text = spec.date
        if spec.date_with_spaces:
            text = "　" * 18 + text
        elif spec.sealed_layout or spec.centred_signature:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(64 if spec.sealed_layout else 32)
        else:  # the date's first character 2 字 right of the 署名's first character
            width_pt = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
            sig = len(spec.signature or "")
            p.paragraph_format.left_indent = Pt(width_pt - 32 - 16 * sig + 32)
        _run(p, text)
    if spec.attachment:
        p = doc.add_paragraph()
        p.paragraph_format.page_break_before = spec.attachment_new_page
        p.paragraph_format.first_line_indent = Pt(0)
        _run(p, "附件", font=spec.attachment_font)
        doc.add_paragraph()
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, "重点工作任务分解表", font=spec.title_font, size=spec.title_size, spacing=0)
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, BODY_TEXT)
    if spec.page_numbers:
        if spec.even_odd:
            doc.settings.odd_and_even_pages_header_footer = True
            _footer(sec.even_page_footer, spec, odd=False)
        _footer(sec.footer, spec, odd=True)
    out = Path(path)
    doc.save(str(out))
    return out
