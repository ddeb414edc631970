"""Feedback sheets issued for a reporting round: the plan's sheet, marked with the round.

The sheet is export/feedback_sheet.py's, so models/feedback.py reads it back as before;
this module adds the round to its title and hidden meta sheet (models/supervision/rounds.py
reads it to refuse a sheet of another round) and fills 上次进展 with what the unit
reported in the previous round.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from openpyxl import Workbook

from export.atomic import atomic_output
from export.feedback_sheet import build_feedback_workbook
from models import feedback
from models.errors import ExportError
from models.reports import cn_date
from models.store.db import Database
from models.supervision import rounds

log = logging.getLogger(__name__)


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "unit"


def build_round_workbook(db: Database, round_id: int, unit: str) -> Workbook:
    """The feedback sheet of ``unit`` for a round (its tasks, last round's figures)."""
    rnd = rounds.get_round(db, round_id)
    wb = build_feedback_workbook(db, rnd.plan_id, unit)
    ws = wb.worksheets[0]
    title = ws.cell(row=1, column=feedback.COL_SEQ)
    title.value = f"{title.value}（{rnd.title}）"
    due = rounds.check_day(rnd.due_date, "报送截止日期")
    ws.cell(
        row=2, column=feedback.COL_SEQ
    ).value = f"责任单位：{unit}    请于{cn_date(due)}前报送    单位负责人（签字）："
    prev = rounds.previous_round(db, rnd)
    if prev is not None:
        before = rounds.round_lights(db, prev.id)
        for r in range(1, ws.max_row + 1):
            raw = ws.cell(row=r, column=feedback.COL_ID).value
            if isinstance(raw, int) and raw in before:
                cell = ws.cell(row=r, column=feedback.COL_LAST)
                last = f"{prev.title}：{before[raw].progress}%"
                cell.value = f"{last}\n{cell.value}" if cell.value else last
    wb[feedback.META_SHEET].append([rounds.META_ROUND, round_id, rnd.due_date])
    return wb


def export_round_sheets(
    db: Database, round_id: int, folder: str | Path, units: list[str] | None = None
) -> list[Path]:
    """One sheet per unit of the round (all of them unless given) into ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，请选择其他文件夹。")
    status = rounds.round_status(db, round_id)
    names = units if units is not None else [u.unit for u in status.units]
    paths = []
    for unit in names:
        wb = build_round_workbook(db, round_id, unit)
        path = folder / f"反馈表_{_safe(status.round.title)}_{_safe(unit)}.xlsx"
        with atomic_output(path) as tmp:
            wb.save(str(tmp))
        paths.append(path)
    log.info("wrote %d sheets of round %s to %s", len(paths), round_id, folder)
    return paths
