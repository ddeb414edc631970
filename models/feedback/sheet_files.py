"""The sheet files of a folder: one per unit, never a file that holds answers."""

from __future__ import annotations

import re
from pathlib import Path

from models.errors import ImportFileError
from models.feedback.sheet_layout import COL_ID, COL_NOTE, COL_PROBLEMS, COL_PROGRESS, META_SHEET
from models.feedback.workbooks import cell_text, open_returned_workbook

MAX_NAME_CHARS = 60  # of the unit's part of a file name (Windows paths stay short)


def _name_part(unit: str) -> str:
    part = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "_", unit).strip("_. ") or "unit"
    return part[:MAX_NAME_CHARS]


def has_answers(path: Path) -> bool:
    """True when ``path`` is a feedback sheet with something filled in by the unit — or is
    any other file we cannot read as an unfilled sheet (never overwritten either)."""
    try:
        wb = open_returned_workbook(path)
    except ImportFileError:
        return True
    try:
        if META_SHEET not in wb.sheetnames:
            return True
        ws = wb.worksheets[0]
        for r in range(1, ws.max_row + 1):
            if not str(ws.cell(row=r, column=COL_ID).value or "").strip().isdigit():
                continue
            if any(
                cell_text(ws.cell(row=r, column=c).value)
                for c in (COL_NOTE, COL_PROGRESS, COL_PROBLEMS)
            ):
                return True
        return False
    finally:
        wb.close()


def sheet_paths(folder: Path, units: list[str]) -> dict[str, Path]:
    """A file per unit in ``folder``: 反馈表_<unit>.xlsx, made unique (units whose names
    clean to the same file name, case-insensitively as on Windows), never a file holding
    answers (a returned sheet gets a new name beside it: 反馈表_<unit>_2.xlsx)."""
    taken: set[str] = set()
    out: dict[str, Path] = {}
    for unit in units:
        base = f"反馈表_{_name_part(unit)}"
        for n in range(1, 10_000):
            path = folder / (f"{base}.xlsx" if n == 1 else f"{base}_{n}.xlsx")
            key = path.name.casefold()
            if key in taken or (path.exists() and has_answers(path)):
                continue
            taken.add(key)
            out[unit] = path
            break
    return out
