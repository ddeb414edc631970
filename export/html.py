"""The plan and the task table as HTML (no Qt), used for print preview, printing and PDF.

The structure and fonts follow the .docx export: the same paragraphs (export/content.py),
the official font names first, then the common substitutes, so that a printer without
仿宋_GB2312 still gets a 仿宋.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

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
)
from export.task_rows import HEADERS, printed_rows, table_title

# Official name first, then what Windows, WPS and Linux usually have.
FAMILIES = {
    "fangsong": ("仿宋_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "华文仿宋", "STFangsong"),
    "kaiti": ("楷体_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "华文楷体", "STKaiti"),
    "heiti": ("黑体", "SimHei", "方正黑体_GBK", "Noto Sans CJK SC"),
    "xbs": (
        "方正小标宋简体",
        "方正小标宋_GBK",
        "华文中宋",
        "STZhongsong",
        "宋体",
        "SimSun",
        "Noto Serif CJK SC",
    ),
    "songti": ("宋体", "SimSun", "Noto Serif CJK SC"),
}
HEADING_FAMILY = {1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}
LINE_PT = 28.95
BODY_PT = 16
TITLE_PT = 22
PX_PER_PT = 96 / 72  # lengths are written in CSS px (1/96 in): Qt's rich text honours those

# Pagination flags, written as -qt-user-state at the start of every top-level paragraph's
# style; export/pdf.py reads them back from the laid-out QTextDocument.
KEEP_NEXT = 1  # keep on the page of the next paragraph (headings, the 落款 and its lead-in)
FOOT = 2  # the 版记: pushed to the foot of the last page
RED_RULE = 4  # the 发文字号: the red separator line is drawn RED_RULE_GAP_MM below it
THICK_ABOVE = 8  # the 版记's separator lines (7.4.1): 0.35 mm above the paragraph
THIN_BELOW = 16  # 0.25 mm below it
THICK_BELOW = 32  # 0.35 mm below it (the 版记's last line, on the 版心's last line)
FLAG_SPACE = 64  # export/pdf.py numbers paragraphs serial * FLAG_SPACE + flags
THICK_MM, THIN_MM = 0.35, 0.25
RED_RULE_GAP_MM = 4.0
RED_RULE_MM = 0.35  # 1 pt, as in the .docx
FOOT_GAP = "<!--plandesk-foot-gap-->"  # where the space before the 版记 goes


def marker(flags: int = 0) -> str:
    """The start of a paginated paragraph's style attribute (see export/pdf.py)."""
    return f'style="-qt-user-state: {flags};'


def px(pt: float) -> str:
    """A length given in points as CSS pixels."""
    return f"{pt * PX_PER_PT:.2f}px"


LATIN_ROLES = ("fangsong", "kaiti", "heiti")  # digits and Latin in Times New Roman, as in the .docx


def font_css(role: str) -> str:
    """A CSS font-family list for a role (fangsong, kaiti, heiti, xbs, songti).

    Body roles name the .docx's Latin font first: Qt takes digits from it and falls back
    to the Chinese families for the rest, so the digits are as wide as in Word.
    """
    names = (("Times New Roman",) if role in LATIN_ROLES else ()) + FAMILIES[role]
    return "font-family: " + ", ".join(f"'{name}'" for name in names) + ";"


_P = f"margin: 0; line-height: {px(LINE_PT)}; -qt-line-height-type: fixed; font-size: {BODY_PT}pt;"
_BODY_P = f"{_P} text-indent: {px(2 * BODY_PT)}; text-align: justify;"


_SHARED_MARKS = re.compile("([“”‘’—…·]+)")


def text_html(text: str, role: str = "fangsong") -> str:
    """Escaped text; “ ” ‘ ’ — … in the Chinese font of ``role`` (the Latin font named
    first would draw them half-width, as Word does without the eastAsia hint)."""
    if role not in LATIN_ROLES:
        return escape(text)
    cjk = "font-family: " + ", ".join(f"'{n}'" for n in FAMILIES[role]) + ";"
    return _SHARED_MARKS.sub(lambda m: f'<span style="{cjk}">{m.group(1)}</span>', escape(text))


def _span(text: str, role: str, bold: bool = False) -> str:
    # 600, not bold: for a font without a bold face (仿宋) Qt fakes bold by drawing the
    # text twice, and the PDF's text layer then holds every character twice
    weight = " font-weight: 600;" if bold else " font-weight: normal;"
    return f'<span style="{font_css(role)}{weight}">{text_html(text, role)}</span>'


def keep_flags(items: list) -> list[int]:
    """The pagination flag of each item (KEEP_NEXT where content.keep_with_next says)."""
    return [KEEP_NEXT if keep else 0 for keep in keep_with_next(items)]


def _block_html(block: Block, sign_right: float, date_right: float, flags: int = 0) -> str:
    m = marker(flags)
    if block.kind == TITLE:
        lines = "<br/>".join(escape(line) for line in block.lines)
        return (
            f'<p class="title" {m} margin: 0; text-align: center; '
            f"font-size: {TITLE_PT}pt; line-height: {px(35)}; -qt-line-height-type: fixed; "
            f'{font_css("xbs")}">{lines}</p>'
        )
    if block.kind == BLANK:
        return f'<p class="blank" {m} {_P}">&nbsp;</p>'
    if block.kind in (SIGNATURE, DATE):
        right = (sign_right if block.kind == SIGNATURE else date_right) * BODY_PT
        return (
            f'<p class="{block.kind}" {m} {_P} text-align: right; '
            f'margin-right: {px(right)};">{escape(block.text)}</p>'
        )
    if block.kind in (HEADING, TASK) and block.level:
        level = min(block.level, 4)
        family = HEADING_FAMILY[level]
        parts = "".join(
            _span(p.text, family, bold=level == 3)
            if p.role == ROLE_HEADING
            else _span(p.text, "fangsong")
            for p in block.parts
            if p.text
        )
        # <p>, not <h1>: Qt's rich text forces its own sizes and margins on <hN>
        return f'<p class="level{level}" {m} {_BODY_P}">{parts}</p>'
    return f'<p class="body" {m} {_BODY_P}">{text_html(block.text)}</p>'


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>'
        f"<title>{escape(title)}</title></head>"
        f'<body style="{font_css("fangsong")} font-size: {BODY_PT}pt; color: #000000;">\n'
        f"{body}\n</body></html>\n"
    )


# Where Qt puts the em box in a line of fixed height equal to the font size (measured
# from the PDF: the em top lies this share of the size above the line top).
QT_EM_SHIFT = 0.09
QT_TITLE_EM_OFFSET = 8.5  # pt: a 22 pt em box below the top of its 35 pt fixed line


def rule_below_line_pt() -> float:
    """The red line's distance below the 发文字号's line box: 4 mm below its em box.

    (Qt reports the block's natural height; the fixed line box is the font size.)"""
    from export.gongwen import BODY_PT as NUMBER_PT

    return RED_RULE_GAP_MM / 25.4 * 72 - QT_EM_SHIFT * NUMBER_PT


def red_header_html(issuer: str | None, doc_number: str | None) -> str:
    """版头 in the geometry of export/gongwen.py (GB/T 9704 7.2); the red line is drawn by
    export/pdf.py under the paragraph flagged RED_RULE."""
    from export.gongwen import BODY_PT as NUMBER_PT
    from export.gongwen import HANG_PT, ISSUER_PT, red_header_geometry

    if not issuer and not doc_number:
        return ""
    g = red_header_geometry()
    line = "margin: 0; text-align: center; text-indent: 0; -qt-line-height-type: fixed;"
    number_top = (g["number_top"] if issuer else g["issuer_top"]) + QT_EM_SHIFT * NUMBER_PT
    first_top = g["issuer_top"] + QT_EM_SHIFT * ISSUER_PT if issuer else number_top
    # Qt drops the top margin of a document's first paragraph: a spacer line instead
    out = [
        f'<p class="header-top" {marker()} margin: 0; font-size: 1pt; '
        f'line-height: {px(first_top)}; -qt-line-height-type: fixed;">&nbsp;</p>'
    ]
    bottom = first_top
    if issuer:
        out.append(
            f'<p class="issuer" {marker()} {line} '
            f"font-size: {ISSUER_PT}pt; line-height: {px(ISSUER_PT)}; color: #ff0000; "
            f'{font_css("xbs")}">{escape(issuer)}</p>'
        )
        bottom += ISSUER_PT
    out.append(
        f'<p class="doc-number" {marker(RED_RULE)} {line} margin-top: {px(number_top - bottom)}; '
        f"font-size: {NUMBER_PT}pt; line-height: {px(NUMBER_PT)};"
        f'">{escape(doc_number or "")}</p>'
    )
    rule_to_line_bottom = rule_below_line_pt()
    spacer = 2 * HANG_PT - QT_TITLE_EM_OFFSET + rule_to_line_bottom
    out.append(
        f'<p class="header-space" {marker()} margin: 0; font-size: 1pt; '
        f'line-height: {px(spacer)}; -qt-line-height-type: fixed;">&nbsp;</p>'
    )
    return "\n".join(out)


def banji_html(banji: Banji) -> str:
    """版记 at the foot of the last page (export/pdf.py moves it there; the lines are drawn
    from the THICK_ABOVE / THIN_BELOW flags), in the layout of gongwen.add_banji."""
    from export.gongwen import BANJI_LINE_PT, BANJI_PT

    p = (
        f"margin: 0; text-indent: 0; font-size: {BANJI_PT}pt; line-height: {px(BANJI_LINE_PT)}; "
        f"-qt-line-height-type: fixed;"
    )
    side = f"margin-left: {px(BANJI_PT)}; margin-right: {px(BANJI_PT)};"
    out = [FOOT_GAP]
    first = FOOT | THICK_ABOVE
    if banji.copy_to:
        out.append(
            f'<p class="copy-to" {marker(first | THIN_BELOW)} {p} {side}">'
            f"{escape(banji.copy_to)}</p>"
        )
        first = FOOT
    out.append(
        '<table width="100%" cellspacing="0" cellpadding="0" style="border: none;"><tr>'
        f'<td><p {marker(first | THICK_BELOW)} {p} {side}">{escape(banji.printed_by)}</p></td>'
        f'<td><p {marker(FOOT)} {p} {side} text-align: right;">{escape(banji.printed_on)}'
        "</p></td></tr></table>"
    )
    return "\n".join(out)


def plan_html(data: PlanData, *, today: dt.date | None = None, red_header: bool = True) -> str:
    """The plan as one HTML page with the GB/T 9704 fonts, sizes and indents (and the
    版头 when the plan has one, like the .docx)."""
    blocks = plan_blocks(data, today=today)
    sign_right, date_right = signature_places(blocks)
    flags = keep_flags(blocks)
    body = "\n".join(
        _block_html(b, sign_right, date_right, f) for b, f in zip(blocks, flags, strict=True)
    )
    if red_header:
        head = red_header_html(data.plan.issuer, data.plan.doc_number)
        if head:  # the 版头 replaces the blank line before the title
            body = head + "\n" + body
    banji = banji_of(data.plan, today)
    if banji is not None:
        body += "\n" + banji_html(banji)
    return _page(data.plan.title, body)


def tasks_html(data: PlanData) -> str:
    """The 任务分解表 as an HTML table with a header row (repeated on each printed page):
    tasks numbered 1, 2, 3 under a row for each section, widths on the head cells (Qt's
    rich text ignores <col>)."""
    cell = f"border: 1px solid #000000; padding: {px(3)}; vertical-align: middle;"
    widths = (8, 34, 9, 11, 11, 9, 9, 9)
    head = "".join(
        f'<th width="{w}%" style="{cell} {font_css("heiti")} font-weight: normal;">{escape(h)}</th>'
        for h, w in zip(HEADERS, widths, strict=True)
    )
    rows = []
    for row in printed_rows(data):
        if isinstance(row, str):
            rows.append(
                f'<tr><td colspan="{len(HEADERS)}" style="{cell} {font_css("heiti")}">'
                f"{escape(row)}</td></tr>"
            )
            continue
        tds = "".join(
            f'<td style="{cell}{" text-align: center;" if i not in (1, 6) else ""}">'
            f"{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        rows.append(f"<tr>{tds}</tr>")
    body = (
        f"<p {marker(KEEP_NEXT)} margin: 0 0 {px(12)} 0; text-align: center; "
        f'font-size: {TITLE_PT}pt; {font_css("xbs")}">{escape(table_title(data))}</p>\n'
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        f'style="border-collapse: collapse; font-size: 12pt; {font_css("fangsong")}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return _page(table_title(data), body)
