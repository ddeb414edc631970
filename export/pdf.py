"""HTML (export/html.py) to PDF with QTextDocument + QPdfWriter: the only Qt use in export/.

``paint_html`` draws onto any paged device, so print preview and printing (a QPrinter
from ui/printing.py) and the PDF export go through the same code. Needs a QGuiApplication;
the CLI creates one on the offscreen platform.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from export.atomic import atomic_output
from export.html import FAMILIES
from models.errors import ExportError

log = logging.getLogger(__name__)

# GB/T 9704 margins (left, top, right, bottom) in mm; the table page uses 26 mm all round.
PLAN_MARGINS_MM = (28.0, 37.0, 26.0, 35.0)
TABLE_MARGINS_MM = (26.0, 26.0, 26.0, 26.0)
FOOTER_GAP_MM = 7.0  # the 一字线 of the page number sits 7 mm below the text block
LAYOUT_DPI = 96.0


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


def paint_html(html: str, device: QPagedPaintDevice, *, page_numbers: bool = True) -> int:
    """Lay out ``html`` on the device's pages and paint them; returns the page count.

    Page numbers are drawn as '— N —' in 4号 宋体, odd pages right and even pages left
    (GB/T 9704 7.5), 7 mm below the text block.
    """
    # The document is laid out in CSS pixels (96 per inch, the unit of export/html.py)
    # and painted scaled to the device's resolution.
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    dpi = device.resolution()
    scale = dpi / LAYOUT_DPI
    rect = device.pageLayout().paintRectPoints()
    width, height = rect.width() * LAYOUT_DPI / 72, rect.height() * LAYOUT_DPI / 72
    doc.setPageSize(QSizeF(width, height))
    pages = doc.pageCount()
    px_per_mm = LAYOUT_DPI / 25.4
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
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.clip = QRectF(0, page * height, width, height)
            painter.setClipRect(ctx.clip)
            doc.documentLayout().draw(painter, ctx)
            painter.restore()
            if page_numbers:
                painter.setFont(number_font)
                one_char = 14 / 72 * LAYOUT_DPI
                box = QRectF(
                    one_char,
                    height + FOOTER_GAP_MM * px_per_mm - one_char * 0.6,
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
    """Write ``html`` as an A4 PDF (atomically); raises ExportError when it cannot."""
    with atomic_output(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setPageLayout(page_layout(landscape))
        writer.setTitle(title)
        writer.setCreator("PlanDesk")
        pages = paint_html(html, writer)
        del writer  # flush and close the file before it is renamed
    log.info("wrote %d-page PDF %s", pages, path)
    return Path(path)
