"""Shared .xlsx conventions: text that is never a formula, and the A4 print setup."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

# A cell text starting with one of these would be read by Excel as a formula.
FORMULA_START = ("=", "+", "-", "@")
PAGE_FOOTER = "第 &P 页，共 &N 页"


def set_value(cell: Cell, value: Any) -> None:
    """Write a value; text is always stored as text, never as a formula (formula injection)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it text even after the cell is edited


def print_setup(
    ws: Worksheet, header_row: int, *, landscape: bool = True, footer: bool = True
) -> None:
    """A4 fit to page width, header row frozen and repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_options.horizontalCentered = True
    if footer:
        ws.oddFooter.center.text = PAGE_FOOTER
