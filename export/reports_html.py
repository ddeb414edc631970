"""Reports as HTML for the preview and the printout (QTextDocument's rich-text subset).

Renders the same layout as the .docx (export/reports_layout.py): GB/T 9704 fonts by name
with common substitutes, first-line indent of two characters, tables, and a page break
before each attachment page and each 催办单.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from export.content import BLANK, DATE, HEADING, SIGNATURE, TITLE, Block
from export.reports_layout import Addressee, Attachment, Item, PageTitle, Table, report_items
from models.reports import ReportBase

FANGSONG = "'仿宋_GB2312', '仿宋', 'FangSong', 'AR PL UKai CN', serif"
KAITI = "'楷体_GB2312', '楷体', 'KaiTi', 'AR PL UKai CN', serif"
HEITI = "'黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif"
XBS = "'方正小标宋简体', '方正小标宋_GBK', '华文中宋', '宋体', 'Noto Serif CJK SC', serif"
HEADING_FONT = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}

_STYLE = f"""
body {{ font-family: {FANGSONG}; font-size: 16pt; color: #000; }}
p {{ margin: 0; line-height: 150%; }}
p.body {{ text-indent: 32pt; }}
p.title {{ font-family: {XBS}; font-size: 22pt; text-align: center; margin: 12pt 0; }}
p.flush {{ text-indent: 0; }}
p.right {{ text-align: right; }}
p.label {{ font-family: {HEITI}; text-indent: 0; }}
table.grid {{ border-collapse: collapse; margin: 6pt 0; }}
table.grid td, table.grid th {{ border: 1px solid #000; padding: 2pt 4pt; font-size: 12pt; }}
table.grid th {{ font-family: {HEITI}; font-weight: normal; }}
"""


def _p(text: str, cls: str = "body", style: str = "") -> str:
    extra = f' style="{style}"' if style else ""
    return f'<p class="{cls}"{extra}>{escape(text)}</p>'


def _block(block: Block) -> str:
    if block.kind == TITLE:
        return '<p class="title">' + "<br/>".join(escape(x) for x in block.lines) + "</p>"
    if block.kind == BLANK:
        return '<p class="body">&nbsp;</p>'
    if block.kind in (SIGNATURE, DATE):
        return _p(block.text, "right", "margin-right: 32pt;")
    if block.kind == HEADING:
        font = HEADING_FONT.get(min(block.level, 4), FANGSONG)
        weight = "font-weight: bold;" if block.level == 3 else ""
        return _p(block.text, "body", f"font-family: {font}; {weight}")
    return _p(block.text)


def _table(table: Table) -> str:
    total = sum(table.widths) or 1
    head = "".join(f'<th width="{w * 100 / total:.0f}%">{escape(h)}</th>'
                   for h, w in zip(table.headers, table.widths, strict=True))
    rows = []
    for row in table.rows:
        cells = []
        for index, value in enumerate(row):
            align = ' align="center"' if index in table.centered else ""
            text = "<br/>".join(escape(x) for x in str(value).split("\n"))
            cells.append(f"<td{align}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<table class="grid" width="100%" cellspacing="0" cellpadding="3" border="1">'
            f"<thead><tr>{head}</tr></thead>" + "".join(rows) + "</table>")


def items_html(items: list[Item]) -> str:
    """The HTML of a report layout."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Block):
            out.append(_block(item))
        elif isinstance(item, Table):
            out.append(_table(item))
        elif isinstance(item, Addressee):
            out.append(_p(item.text, "flush"))
        elif isinstance(item, Attachment):
            out.append(f'<p class="label" style="page-break-before: always;">'
                       f"{escape(item.label)}</p>")
            out.append('<p class="body">&nbsp;</p>')
            out.append(f'<p class="title">{escape(item.title)}</p>')
        elif isinstance(item, PageTitle):
            out.append(f'<p class="title" style="page-break-before: always;">'
                       f"{escape(item.title)}</p>")
    return "\n".join(out)


def report_html(report: ReportBase, today: dt.date | None = None) -> str:
    """A complete HTML page of the report (what the preview shows and the printer prints)."""
    body = items_html(report_items(report, today))
    return (f'<html><head><meta charset="utf-8"/><style>{_STYLE}</style></head>'
            f"<body>{body}</body></html>")
