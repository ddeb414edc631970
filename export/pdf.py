"""HTML (export/html.py) to PDF with QTextDocument + QPdfWriter: the only Qt use in export/.

``paint_html`` draws onto any paged device, so print preview and printing (a QPrinter
from ui/exporting/printing.py) and the PDF export go through the same code. Needs a QGuiApplication;
the CLI creates one on the offscreen platform.

QTextDocument ignores keep-with-next and splits table rows across pages (and then prints
the cut row over the repeated header), so ``paginate`` does that part itself: it lays the
document out, finds the first page break that breaks a rule, moves the break in the HTML
(a page break before a paragraph, or the table split before the row with its header
repeated) and lays out again until every rule holds. The rules read the flags that
export/html.py writes as ``-qt-user-state`` (see html.KEEP_NEXT …).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
)

from export import html as html_mod
from export.atomic import atomic_output
from export.html import FAMILIES
from export.pdf_unicode import fix_to_unicode
from models.errors import ExportError

log = logging.getLogger(__name__)

# GB/T 9704 margins (left, top, right, bottom) in mm; the table page uses 26 mm all round.
PLAN_MARGINS_MM = (28.0, 37.0, 26.0, 35.0)
TABLE_MARGINS_MM = (26.0, 26.0, 26.0, 26.0)
FOOTER_GAP_MM = 7.0  # the 一字线 of the page number sits 7 mm below the text block
LAYOUT_DPI = 96.0
PX_PER_MM = LAYOUT_DPI / 25.4
MAX_PASSES = 400  # one pass per moved break; a 40-page plan needs a few dozen

_STATE = re.compile(r'style="-qt-user-state: (\d+);')


def page_layout(landscape: bool = False) -> QPageLayout:
    """A4 with the margins of the plan (portrait) or of the task table (landscape)."""
    margins = TABLE_MARGINS_MM if landscape else PLAN_MARGINS_MM
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        QMarginsF(*margins),
        QPageLayout.Unit.Millimeter,
    )


# ---------------------------------------------------------------- pagination
@dataclass(slots=True)
class _Unit:
    """A paragraph or a table row as the pagination sees it (layout pixels)."""

    top: float
    bottom: float
    flags: int
    serial: int = -1  # paragraphs: the number in their marker
    table: int = -1  # rows: the table's index and the row's index in it
    row: int = -1


def _number_markers(html: str) -> str:
    """Give every flagged paragraph a unique user state: serial * FLAG_SPACE + flags."""
    counter = iter(range(1, 1 << 20))
    space = html_mod.FLAG_SPACE
    return _STATE.sub(
        lambda m: f'style="-qt-user-state: {next(counter) * space + int(m.group(1)) % space};',
        html,
    )


def _document(html: str, width: float, height: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(width, height))
    return doc


def _units(doc: QTextDocument) -> list[_Unit]:
    """Flagged paragraphs and table rows in document order."""
    layout = doc.documentLayout()
    units: list[_Unit] = []
    # keyed by the table's first position: id() of the wrapper is no identity, since
    # shiboken frees it between blocks and the next table's wrapper may reuse the address
    tables: dict[int, int] = {}
    rows: dict[tuple[int, int], _Unit] = {}
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        lines = block.layout()
        if lines.lineCount():
            first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
            top, bottom = rect.y() + first.y(), rect.y() + last.y() + last.height()
        else:
            top, bottom = rect.y(), rect.y() + rect.height()
        table = QTextCursor(block).currentTable()
        if table is not None:
            t = tables.setdefault(table.firstPosition(), len(tables))
            row = table.cellAt(QTextCursor(block)).row()
            if row >= table.format().headerRowCount():
                unit = rows.get((t, row))
                if unit is None:
                    unit = rows[(t, row)] = _Unit(top, bottom, 0, table=t, row=row)
                    units.append(unit)
                unit.top, unit.bottom = min(unit.top, top), max(unit.bottom, bottom)
        elif block.userState() > 0:
            state = block.userState()
            units.append(_Unit(top, bottom, state % html_mod.FLAG_SPACE, serial=state))
        block = block.next()
    return units


def _page(y: float, height: float) -> int:
    return int((y + 0.01) // height)


def _at_page_top(units: list[_Unit], i: int, height: float) -> bool:
    """Whether unit i already starts its page (moving it further cannot help)."""
    return i == 0 or _page(units[i].top, height) != _page(units[i - 1].bottom - 0.02, height)


def _first_fix(units: list[_Unit], height: float) -> _Unit | None:
    """The unit before which a page break must go, or None when every rule holds."""
    for i, unit in enumerate(units):
        if unit.table >= 0:
            if (
                _page(unit.top, height) != _page(unit.bottom - 0.02, height)
                and unit.bottom - unit.top < height * 0.9
                and not _at_page_top(units, i, height)
            ):
                return unit
            continue
        if not unit.flags & html_mod.KEEP_NEXT or i + 1 == len(units):
            continue
        nxt = units[i + 1]
        if _page(unit.bottom - 0.02, height) == _page(nxt.top, height):
            continue
        start = i
        while start and units[start - 1].table < 0 and units[start - 1].flags & html_mod.KEEP_NEXT:
            start -= 1
        if not _at_page_top(units, start, height):
            return units[start]
    return None


def _break_before(html: str, unit: _Unit) -> str:
    """The HTML with a page break before a paragraph, or the table split before a row."""
    if unit.table < 0:
        marker = f'style="-qt-user-state: {unit.serial};'
        return html.replace(marker, marker + " page-break-before: always;", 1)
    start = -1
    for _ in range(unit.table + 1):
        start = html.index("<table", start + 1)
    open_end = html.index(">", start) + 1
    head_end = html.index("</thead>", open_end) + len("</thead>")
    pos = start
    for _ in range(unit.row + 1):  # row 0 is the header row
        pos = html.index("<tr", pos + 1)
    opening = html[start:open_end].replace('style="', 'style="page-break-before: always; ', 1)
    return (
        html[:pos] + "</tbody></table>" + opening + html[open_end:head_end] + "<tbody>" + html[pos:]
    )


def _fixed_bottom(doc: QTextDocument, block) -> float:
    """The bottom of a block's fixed-height lines (Qt's rect holds the natural height)."""
    rect = doc.documentLayout().blockBoundingRect(block)
    return rect.y() + block.blockFormat().lineHeight() * max(1, block.layout().lineCount())


def _foot_gap(html: str, doc: QTextDocument, height: float) -> str:
    """Push the 版记 (flag FOOT) down to the foot of its page (GB/T 9704 7.4)."""
    foot = []
    block = doc.begin()
    while block.isValid():
        state = block.userState()
        if state > 0 and state % html_mod.FLAG_SPACE & html_mod.FOOT:
            foot.append(block)
        block = block.next()
    if not foot:
        return html.replace(html_mod.FOOT_GAP, "")
    top = doc.documentLayout().blockBoundingRect(foot[0]).y()
    page_end = (_page(top, height) + 1) * height
    gap = max(0.0, page_end - max(_fixed_bottom(doc, b) for b in foot) - 1.0)
    spacer = (
        f'<p style="margin: 0; font-size: 1pt; line-height: {gap:.1f}px; '
        '-qt-line-height-type: fixed;">&nbsp;</p>'
    )
    return html.replace(html_mod.FOOT_GAP, spacer)


def paginate(html: str, width: float, height: float) -> QTextDocument:
    """The laid-out document with every keep-with-next and unsplit-row rule applied."""
    html = _number_markers(html)
    doc = _document(html, width, height)
    for _ in range(MAX_PASSES):
        unit = _first_fix(_units(doc), height)
        if unit is None:
            break
        html = _break_before(html, unit)
        doc = _document(html, width, height)
    else:
        log.warning("pagination did not settle after %d passes", MAX_PASSES)
    if html_mod.FOOT_GAP in html:
        doc = _document(_foot_gap(html, doc, height), width, height)
    return doc


# ---------------------------------------------------------------- painting
def _rules(doc: QTextDocument, width: float) -> list[tuple[float, float, str]]:
    """Lines the flags ask for: (y, thickness px, colour), layout pixels, full width.

    The red line under the 发文字号 (RED_RULE) and the 版记's separator lines.
    """
    out = []
    layout = doc.documentLayout()
    mm = PX_PER_MM
    block = doc.begin()
    while block.isValid():
        state = block.userState()
        flags = state % html_mod.FLAG_SPACE if state > 0 else 0
        rect = layout.blockBoundingRect(block)
        if flags & html_mod.RED_RULE:
            below = html_mod.BODY_PT + html_mod.rule_below_line_pt()  # from the line box top
            out.append((rect.y() + below * LAYOUT_DPI / 72, html_mod.RED_RULE_MM * mm, "#ff0000"))
        if flags & html_mod.THICK_ABOVE:
            out.append((rect.y(), html_mod.THICK_MM * mm, "#000000"))
        if flags & html_mod.THIN_BELOW:
            out.append((_fixed_bottom(doc, block), html_mod.THIN_MM * mm, "#000000"))
        if flags & html_mod.THICK_BELOW:
            out.append((_fixed_bottom(doc, block) - 0.5, html_mod.THICK_MM * mm, "#000000"))
        block = block.next()
    return out


def _draw_page(
    doc: QTextDocument, painter: QPainter, page: int, width: float, height: float
) -> None:
    """Draw what lies on one page, each line once.

    QTextDocumentLayout.draw paints a paragraph that runs over a page break whole on both
    pages (the clip hides the part on the wrong page, but the PDF's text layer keeps it,
    so copying gives the line twice). Top-level paragraphs are drawn line by line here,
    each line on the page its top is on; tables (whose rows never cross a page break after
    ``paginate``) are drawn by the layout, clipped to their own box.
    """
    layout = doc.documentLayout()
    top, bottom = page * height, (page + 1) * height
    children = []  # (frame or None, block) in document order
    it = doc.rootFrame().begin()
    while not it.atEnd():
        children.append((it.currentFrame(), it.currentBlock()))
        it += 1
    for n, (frame, block) in enumerate(children):
        if frame is not None:
            # clipped to the table and away from its neighbours, which the layout would
            # otherwise draw again where their boxes touch the table's
            box = layout.frameBoundingRect(frame).intersected(QRectF(0, top, width, height))
            if n and children[n - 1][0] is None:
                above = layout.blockBoundingRect(children[n - 1][1])
                box.setTop(max(box.top(), above.y() + above.height()))
            if n + 1 < len(children) and children[n + 1][0] is None:
                box.setBottom(min(box.bottom(), layout.blockBoundingRect(children[n + 1][1]).y()))
            box = box.adjusted(0, 1, 0, -1)
            if box.height() > 0:
                ctx = QAbstractTextDocumentLayout.PaintContext()
                ctx.clip = box
                layout.draw(painter, ctx)
            continue
        text = block.layout()
        origin = text.position()
        for k in range(text.lineCount()):
            line = text.lineAt(k)
            # by its middle: a fixed-height line may start above its block
            if top <= origin.y() + line.y() + line.height() / 2 < bottom:
                line.draw(painter, origin)


def paint_html(html: str, device: QPagedPaintDevice, *, page_numbers: bool = True) -> int:
    """Lay out ``html`` on the device's pages and paint them; returns the page count.

    Page numbers are drawn as '— N —' in 4号 宋体, odd pages right and even pages left
    (GB/T 9704 7.5), 7 mm below the text block.
    """
    # The document is laid out in CSS pixels (96 per inch, the unit of export/html.py)
    # and painted scaled to the device's resolution.
    dpi = device.logicalDpiX()  # QPdfWriter and QPrinter report their resolution here
    scale = dpi / LAYOUT_DPI
    rect = device.pageLayout().paintRectPoints()
    width, height = rect.width() * LAYOUT_DPI / 72, rect.height() * LAYOUT_DPI / 72
    doc = paginate(html, width, height)
    pages = doc.pageCount()
    rules = _rules(doc, width)
    number_font = QFont()
    number_font.setFamilies(list(FAMILIES["songti"]))
    number_font.setPixelSize(round(14 / 72 * LAYOUT_DPI))  # 4号, in layout pixels
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("无法开始打印或生成 PDF。")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.save()
            painter.translate(0, -page * height)
            painter.setClipRect(QRectF(0, page * height, width, height))
            _draw_page(doc, painter, page, width, height)
            for y, thick, colour in rules:
                if _page(y, height) == page:
                    pen = QPen(QColor(colour))
                    pen.setWidthF(thick)
                    painter.setPen(pen)
                    painter.drawLine(QPointF(0, y), QPointF(width, y))
            painter.restore()
            if page_numbers:
                painter.setFont(number_font)
                one_char = 14 / 72 * LAYOUT_DPI
                box = QRectF(
                    one_char,
                    height + FOOTER_GAP_MM * PX_PER_MM - one_char * 0.6,
                    width - 2 * one_char,
                    one_char * 1.4,
                )
                align = Qt.AlignmentFlag.AlignRight if page % 2 == 0 else Qt.AlignmentFlag.AlignLeft
                painter.drawText(
                    box, int(align | Qt.AlignmentFlag.AlignVCenter), f"\u2014 {page + 1} \u2014"
                )
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(html: str, path: str | Path, *, landscape: bool = False, title: str = "") -> Path:
    """Write ``html`` as an A4 PDF (atomically); raises ExportError when it cannot.

    The text layer is repaired afterwards (export/pdf_unicode.py), so copying from the
    PDF gives 工 and not the radical ⼯.
    """
    with atomic_output(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setPageLayout(page_layout(landscape))
        writer.setTitle(title)
        writer.setCreator("PlanDesk")
        pages = paint_html(html, writer)
        del writer  # flush and close the file before it is repaired and renamed
        tmp_path = Path(tmp)
        tmp_path.write_bytes(fix_to_unicode(tmp_path.read_bytes()))
    log.info("wrote %d-page PDF %s", pages, path)
    return Path(path)
