"""Draw the PlanDesk application icon and write resources/icons/plandesk.png and plandesk.ico.

Run from the repository root:  python build_tools/make_icon.py
The icon is a white plan sheet with text lines and a red check mark on a dark-red rounded
square. It is drawn from vector paths (no font), so every run gives the same pictures.
The .ico holds PNG-compressed images of several sizes (Windows Vista and later read them).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256

BACKGROUND = QColor("#b3261e")  # the red of official documents, a little darker
SHEET = QColor("#ffffff")
FOLD = QColor("#e6d3d1")
LINES = QColor("#9a9a9a")
CHECK = QColor("#d32f2f")


def render(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, transparent outside the rounded square."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100.0, size / 100.0)  # draw in a 100 x 100 box
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BACKGROUND)
    p.drawRoundedRect(QRectF(2, 2, 96, 96), 18, 18)

    # the sheet with a folded top-right corner
    sheet = QPainterPath()
    sheet.moveTo(24, 14)
    sheet.lineTo(62, 14)
    sheet.lineTo(78, 30)
    sheet.lineTo(78, 86)
    sheet.lineTo(24, 86)
    sheet.closeSubpath()
    p.setBrush(SHEET)
    p.drawPath(sheet)
    fold = QPainterPath()
    fold.moveTo(62, 14)
    fold.lineTo(62, 30)
    fold.lineTo(78, 30)
    fold.closeSubpath()
    p.setBrush(FOLD)
    p.drawPath(fold)

    # text lines: the title line is red, the body lines grey (too small to see below 32 px)
    if size >= 32:
        p.setBrush(BACKGROUND)
        p.drawRect(QRectF(32, 24, 24, 5))
        p.setBrush(LINES)
        for y in (38, 47):
            p.drawRect(QRectF(32, y, 38, 4))

    pen = QPen(CHECK, 9 if size >= 32 else 12)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath(QPointF(36, 66))
    check.lineTo(47, 77)
    check.lineTo(68, 54)
    p.drawPath(check)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    """``img`` encoded as PNG."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data)


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An .ico file holding the given (size, png data) images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    payload = b""
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def main() -> int:
    """Write both files; prints their paths and sizes."""
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    png = ICON_DIR / "plandesk.png"
    png.write_bytes(png_bytes(render(PNG_SIZE)))
    ico = ICON_DIR / "plandesk.ico"
    ico.write_bytes(ico_bytes([(s, png_bytes(render(s))) for s in ICO_SIZES]))
    for path in (png, ico):
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
