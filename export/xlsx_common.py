"""Shared .xlsx conventions: text that is never a formula, fonts a stock Windows has,
title rows, row heights that fit wrapped text, and the A4 print setup of every sheet.

Every cell PlanDesk writes goes through ``set_value`` (directly or through ``write`` and
``append_row``): openpyxl turns any string starting with "=" into a formula, and Excel and
WPS would evaluate a cell starting with + - @ (or a tab/CR before them) once it is edited.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

# A cell text starting with one of these could be read by Excel as a formula (or a DDE
# link): it gets the quote prefix, so it stays text even after the cell is edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAGE_FOOTER = "第 &P 页，共 &N 页"

# Fonts every Windows 10/11 ships (the GB2312-suffixed and 方正 names are not installed
# there, and Excel/WPS would fall back to a Latin font for the whole sheet).
FONT_TEXT = "仿宋"
FONT_HEADER = "黑体"
FONT_TITLE = "宋体"
GB2312_CHARSET = 134  # tells Excel the font is a Chinese (GB2312) font


def font(name: str = FONT_TEXT, size: float = 12, *, bold: bool = False) -> Font:
    """A cell font with the Chinese charset set (how Excel itself writes 仿宋/黑体/宋体)."""
    return Font(name=name, size=size, bold=bold, charset=GB2312_CHARSET)


def needs_quote_prefix(text: str) -> bool:
    """True when a text would start a formula if typed into Excel."""
    return text.startswith(FORMULA_START)


def set_value(cell: Cell, value: Any) -> None:
    """Write a value; text is always a string cell, never a formula (formula injection)."""
    if isinstance(value, str):
        value = str(value)  # a str subclass must not reach openpyxl's type guessing
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a formula
        if needs_quote_prefix(value):
            cell.quotePrefix = True
        return
    cell.value = value


def write(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write one cell through ``set_value``; returns the cell for styling."""
    cell = ws.cell(row=row, column=col)
    set_value(cell, value)
    return cell


def append_row(ws: Worksheet, values: Iterable[Any]) -> int:
    """Append a row through ``set_value`` (``ws.append`` would write "=…" as a formula);
    returns the row number."""
    row = ws._current_row + 1  # the row ws.append would use
    for col, value in enumerate(values, start=1):
        write(ws, row, col, value)
    return row


_WIDE = re.compile("[\u2e81-\U0010ffff]")  # what counts double: ord(ch) > 0x2E80


def text_units(text: str) -> int:
    """Width of a text in Excel column units: a Chinese character is two, Latin one."""
    return len(text) + len(_WIDE.findall(text))  # in C: a per-character loop cost 10 %


def wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column of ``width`` characters."""
    usable = max(int(width) - 1, 1)
    return sum(max(1, -(-text_units(part) // usable)) for part in text.split("\n"))


def fit_row_height(
    ws: Worksheet, row: int, widths: Sequence[float], *, size: float = 12, first_col: int = 1
) -> None:
    """Set a row's height from its wrapped text (Excel and WPS do not measure it on load).

    Args:
        widths: the column widths, starting at ``first_col``.
        size: the font size in pt; a line takes about 1.3 × size.
    """
    lines = 1
    for col, width in enumerate(widths, start=first_col):
        value = ws.cell(row=row, column=col).value
        if isinstance(value, str) and value:
            lines = max(lines, wrapped_lines(value, width))
    ws.row_dimensions[row].height = max(18, round(size * 1.3 * lines + 5, 1))


def title_row(
    ws: Worksheet, text: str, last_col: int, *, row: int = 1, first_col: int = 1, size: float = 16
) -> Cell:
    """A merged, centred title over the table's columns, tall enough for its lines."""
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    cell = write(ws, row, first_col, text)
    cell.font = font(FONT_TITLE, size, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    total = sum(
        ws.column_dimensions[get_column_letter(c)].width or 9
        for c in range(first_col, last_col + 1)
    )
    # title characters are larger than body ones: scale the usable width down
    lines = wrapped_lines(text, total * 11 / size)
    ws.row_dimensions[row].height = max(30, round(size * 1.4 * lines + 8, 1))
    return cell


def print_setup(
    ws: Worksheet,
    header_row: int | None,
    *,
    landscape: bool = True,
    footer: bool = True,
    title_rows: int | None = None,
) -> None:
    """A4 fit to page width, page numbers in the footer, the header row frozen and repeated
    on every printed page (``title_rows`` overrides which rows repeat)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_options.horizontalCentered = True
    if header_row is not None:
        repeat = title_rows or header_row
        ws.print_title_rows = f"{repeat}:{repeat}" if title_rows is None else f"1:{repeat}"
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if footer:
        ws.oddFooter.center.text = PAGE_FOOTER
        ws.oddFooter.center.font = f"{FONT_TEXT},Regular"
        ws.oddFooter.center.size = 10


def page_setup_all(wb: Workbook) -> None:
    """Give every sheet without a print setup the plain A4 one (a chart or meta sheet)."""
    for ws in wb.worksheets:
        if str(ws.page_setup.paperSize) != str(ws.PAPERSIZE_A4):
            print_setup(ws, None, landscape=False)


# ---------------------------------------------------------------- saving
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# The order of a font's children in the schema (and in files Excel writes); openpyxl writes
# name/charset first, which strict validators (the Open XML SDK) reject.
_FONT_ORDER = (
    "b i strike condense extend outline shadow u vertAlign sz color name family charset scheme"
).split()


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save atomically, then tidy the package as Excel itself would write it: font children
    in schema order, and text in a shared-strings table instead of inline strings (Excel
    would otherwise rewrite the whole file on its first save)."""
    from export.atomic import atomic_output

    page_setup_all(wb)
    with atomic_output(path) as tmp:
        wb.save(str(tmp))
        _tidy_package(Path(tmp))
    return Path(path)


def _tidy_package(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    strings: dict[str, int] = {}
    for name in [n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")]:
        root = etree.fromstring(parts[name])
        changed = False
        for cell in root.iter(f"{{{_MAIN}}}c"):
            if cell.get("t") != "inlineStr":
                continue
            inline = cell.find(f"{{{_MAIN}}}is")
            if inline is None:  # an empty text: no value at all
                del cell.attrib["t"]
                changed = True
                continue
            text = "".join(t.text or "" for t in inline.iter(f"{{{_MAIN}}}t"))
            value = etree.Element(f"{{{_MAIN}}}v")
            value.text = str(strings.setdefault(text, len(strings)))
            inline.addprevious(value)
            cell.remove(inline)
            cell.set("t", "s")
            changed = True
        if changed:
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if strings:
        _add_shared_strings(parts, strings)
    styles = parts.get("xl/styles.xml")
    if styles is not None:
        root = etree.fromstring(styles)
        rank = {f"{{{_MAIN}}}{tag}": i for i, tag in enumerate(_FONT_ORDER)}
        for font_el in root.iter(f"{{{_MAIN}}}font"):
            font_el[:] = sorted(font_el, key=lambda child: rank.get(child.tag, len(rank)))
        parts["xl/styles.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _add_shared_strings(parts: dict[str, bytes], strings: dict[str, int]) -> None:
    from lxml import etree

    sst = etree.Element(f"{{{_MAIN}}}sst", nsmap={None: _MAIN})
    sst.set("count", str(len(strings)))
    sst.set("uniqueCount", str(len(strings)))
    for text in strings:  # dicts keep insertion order: index i is the i-th key
        t = etree.SubElement(etree.SubElement(sst, f"{{{_MAIN}}}si"), f"{{{_MAIN}}}t")
        t.text = text
        if text != text.strip() or any(ch in text for ch in "\t\r\n"):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parts["xl/sharedStrings.xml"] = etree.tostring(sst, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    if not any(o.get("PartName") == "/xl/sharedStrings.xml" for o in types):
        override = etree.SubElement(types, f"{{{_CT}}}Override")
        override.set("PartName", "/xl/sharedStrings.xml")
        override.set("ContentType", _SST_CT)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    if not any(r.get("Type") == _SST_TYPE for r in rels):
        used = {r.get("Id") for r in rels}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        rel = etree.SubElement(rels, f"{{{_REL}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", _SST_TYPE)
        rel.set("Target", "sharedStrings.xml")
    parts["xl/_rels/workbook.xml.rels"] = etree.tostring(
        rels, xml_declaration=True, encoding="UTF-8"
    )
