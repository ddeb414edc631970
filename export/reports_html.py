"""Reports as HTML for the preview, the printout and PDF (QTextDocument's rich-text subset).

Renders the same layout as the .docx (export/reports_layout.py). Paragraphs are drawn by
export/html.py, the plan's HTML writer (same fonts, sizes, indents and signature places);
this module adds the tables, the 主送机关 line and the page breaks before each attachment
page and each 催办单.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from export import html as plan_html
from export.content import Block, signature_places
from export.county_bulletin import items_of  # every report kind, the county 通报 too
from export.reports_layout import (
    Addressee,
    Attachment,
    Item,
    PageTitle,
    Table,
    fit_widths,
)
from models.reports import ReportBase

_P = plan_html._P
_BREAK = "page-break-before: always;"
_CELL = f"border: 1px solid #000000; padding: {plan_html.px(3)}; vertical-align: middle;"


def _title(text: str, extra: str = "") -> str:
    return (
        f'<p class="title" {plan_html.marker(plan_html.KEEP_NEXT)} margin: 0; '
        "text-align: center; "
        f"font-size: {plan_html.TITLE_PT}pt; line-height: {plan_html.px(35)}; "
        f'-qt-line-height-type: fixed; {plan_html.font_css("xbs")} {extra}">'
        f"{escape(text)}</p>"
    )


def _table(table: Table) -> str:
    widths = fit_widths(table)
    total = sum(widths) or 1
    # Qt's rich text ignores <col>: the widths go on the head cells
    head = "".join(
        f'<th width="{w * 100 / total:.1f}%" style="{_CELL} {plan_html.font_css("heiti")} '
        f'font-weight: normal;">{escape(h)}</th>'
        for h, w in zip(table.headers, widths, strict=True)
    )
    rows = []
    for row in table.rows:
        cells = []
        for index, value in enumerate(row):
            align = " text-align: center;" if index in table.centered else ""
            text = "<br/>".join(escape(x) for x in str(value).split("\n"))
            cells.append(f'<td style="{_CELL}{align}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        f'style="border-collapse: collapse; font-size: 12pt; '
        f'{plan_html.font_css("fangsong")}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def items_html(items: list[Item]) -> str:
    """The HTML body of a report layout."""
    sign_right, date_right = signature_places(items)
    out: list[str] = []
    flags = plan_html.keep_flags(items)
    blank = f'<p class="blank" {plan_html.marker()} {_P}">&nbsp;</p>'
    for item, flag in zip(items, flags, strict=True):
        if isinstance(item, Block):
            out.append(plan_html._block_html(item, sign_right, date_right, flag))
        elif isinstance(item, Table):
            out.append(_table(item))
        elif isinstance(item, Addressee):
            out.append(f'<p class="addressee" {plan_html.marker()} {_P}">{escape(item.text)}</p>')
        elif isinstance(item, Attachment):
            out.append(
                f'<p class="label" {plan_html.marker(plan_html.KEEP_NEXT)} {_P} '
                f'{plan_html.font_css("heiti")} {_BREAK}">'
                f"{escape(item.label)}</p>"
            )
            out += [blank, _title(item.title), blank]
        elif isinstance(item, PageTitle):
            out += [_title(item.title, _BREAK), blank]
    return "\n".join(out)


def report_title(items: list[Item]) -> str:
    """The first title of a layout (the document's name)."""
    return next((i.text for i in items if isinstance(i, Block) and i.kind == "title"), "")


def report_html(report: ReportBase, today: dt.date | None = None) -> str:
    """A complete HTML page of the report (what the preview shows and the printer prints)."""
    items = items_of(report, today)
    return plan_html._page(report_title(items), items_html(items))
