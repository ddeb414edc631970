"""Opening a returned workbook (ImportFileError when it cannot be read) and its cell text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from models.errors import ImportFileError


def cell_text(value: Any) -> str:
    """A cell's value as stripped text; a date as its ISO day."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def open_returned_workbook(path: Path) -> Any:
    """The workbook through the guarded opener (size, zip, entities, real sheet size)."""
    from models.office_guard import open_workbook

    if not path.is_file():
        raise ImportFileError(f"找不到文件“{path.name}”。", path=str(path))
    wb, _layouts = open_workbook(path, read_only=False)
    return wb
