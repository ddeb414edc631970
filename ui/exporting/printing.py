"""Print preview, printing and PDF from the window, all over export/html.py + export/pdf.py.

The window keeps one QPrinter, so the printer and page choices are remembered. The
preview paints with export.pdf.paint_html, the same function that writes the PDF file,
so what is previewed is what is printed and exported.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui import messages, strings
from ui.exporting import fonts

log = logging.getLogger(__name__)

# Kept beside the windows, not attached to them: a window's one printer, and the windows
# (or dialogs) already told about substitute fonts.
_PRINTERS: weakref.WeakKeyDictionary[QWidget, QPrinter] = weakref.WeakKeyDictionary()
FONTS_TOLD: weakref.WeakSet[QWidget] = weakref.WeakSet()


def window_printer(window: QWidget) -> QPrinter:
    """The one QPrinter of a window (created on first use, then reused)."""
    printer = _PRINTERS.get(window)
    if printer is None:
        printer = _PRINTERS[window] = QPrinter(QPrinter.PrinterMode.HighResolution)
    return printer


def prepare_printer(printer: QPrinter, *, landscape: bool, title: str) -> None:
    """A4 with the plan's (or the task table's) margins and orientation."""
    from export.pdf import page_layout  # export.pdf loads on first use, not at start

    printer.setPageLayout(page_layout(landscape))
    printer.setDocName(title)


def render(printer: QPrinter, html: str) -> int:
    """Paint ``html`` on the printer (the preview's paintRequested slot); returns pages."""
    from export.pdf import paint_html

    return paint_html(html, printer)


def check_fonts(parent: QWidget | None, *, remember: QWidget | None = None) -> str | None:
    """Tell the user which substitute fonts printing and PDF will use (once per window).

    Returns the message shown, or None when every official font is installed (or the
    message was already shown to this window).
    """
    text = fonts.substitution_text(fonts.choose_fonts())
    if text is None:
        return None
    holder = remember if remember is not None else parent
    if holder is not None and holder in FONTS_TOLD:
        return None
    messages.show_info(parent, strings.FONTS_TITLE, text)
    if holder is not None:
        FONTS_TOLD.add(holder)
    return text


def make_preview(
    parent: QWidget | None, printer: QPrinter, html: str, *, title: str, landscape: bool = False
) -> QPrintPreviewDialog:
    """A print preview dialog over ``html`` (not shown: the caller opens it)."""
    prepare_printer(printer, landscape=landscape, title=title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(strings.PRINT_PREVIEW_TITLE.format(title=title))
    dialog.paintRequested.connect(lambda p: render(p, html))
    return dialog


def open_preview(window: QWidget, html: str, *, title: str, landscape: bool = False) -> None:
    """Check the fonts, then show the preview (the user can print from it)."""
    check_fonts(window)
    dialog = make_preview(window, window_printer(window), html, title=title, landscape=landscape)
    dialog.exec()


def export_pdf(
    window: QWidget, html: str, path: str | Path, *, title: str, landscape: bool = False
) -> Path:
    """Check the fonts, then write the PDF through the same painting code as printing."""
    check_fonts(window)
    from export.pdf import write_pdf

    return write_pdf(html, path, landscape=landscape, title=title)
