"""Before a command writes a PDF: every character of it must have a glyph in some font.

Qt draws a character no installed font has as an empty box (.notdef) and writes the PDF all
the same. That is what a Windows PlanDesk did with Qt's offscreen platform (no font database
there): a PDF of boxes, exit code 0. The text is laid out here as export/pdf.py lays it out
(same HTML, same QTextDocument, Qt's font fallback included), and each character is looked up
in the fonts Qt chose for its paragraph: one that none of them has is drawn as a box.
"""

from __future__ import annotations

import unicodedata

from models.errors import ExportError

MISSING_TEXT = "PDF 中有字符在本机的字体里找不到，会显示为方框，未生成文件。"
SHOWN = 8  # at most this many missing characters named in the message


def _ignorable(ch: str) -> bool:
    """Blanks and control/format characters are not drawn, so they need no glyph."""
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf"}


def missing_characters(html: str) -> list[str]:
    """The distinct characters of ``html`` that Qt cannot draw with any font, in text order.

    Needs a QGuiApplication (the font database).
    """
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(700)  # any width: only which fonts Qt picks matters
    doc.size()  # lays the whole document out
    missing: dict[str, None] = {}
    block = doc.begin()
    while block.isValid():
        text = block.text()
        units = len(text.encode("utf-16-le")) // 2  # Qt counts UTF-16 code units
        # the fonts Qt chose for this paragraph, fallbacks included (-1 for "all" gives none).
        # QGlyphRun.stringIndexes() would map glyphs to characters, but it is wrong after a
        # font change inside a line (Qt 6.11): ask the fonts themselves instead.
        fonts = [run.rawFont() for run in block.layout().glyphRuns(0, units)]
        # Without any usable font (Qt's offscreen platform on Windows) Qt lays text out with a
        # "box" engine that claims every character and draws each as a box; it is no font
        # file, so it has no 'head' table (every TrueType/OpenType font has one).
        fonts = [font for font in fonts if font.fontTable("head")]
        for ch in text:
            if _ignorable(ch) or ch in missing:
                continue
            if not any(font.supportsCharacter(ord(ch)) for font in fonts):
                missing[ch] = None
        block = block.next()
    return list(missing)


def check_glyphs(html: str) -> None:
    """Raise ExportError naming the characters no font can draw (nothing is written then)."""
    missing = missing_characters(html)
    if missing:
        named = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in missing[:SHOWN])
        more = f" 等 {len(missing)} 个" if len(missing) > SHOWN else ""
        raise ExportError(MISSING_TEXT, detail=f"缺字：{named}{more}")
