"""Receiving and chasing: a unit marked received, chased, or its returned sheet applied."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import clock, feedback
from models.errors import ImportFileError, InvalidOperationError
from models.store import row_images
from models.store.db import Database
from models.supervision.rounds.reading import get_round
from models.supervision.rounds.shapes import META_ROUND, check_day
from models.supervision.rounds.status import round_status, unit_state

log = logging.getLogger(__name__)


def _unit_row(db: Database, round_id: int, unit: str) -> Any:
    row = db.query_one(
        "SELECT * FROM round_units WHERE round_id = ? AND unit = ?", (round_id, unit)
    )
    if row is None:
        raise InvalidOperationError(f"“{unit}”不在本轮应报单位之列。")
    return row


_UNIT_FIELDS = ("received_on", "received_from", "signed_by", "chased_on", "chase_count")


def unit_values(db: Database, round_id: int, unit: str) -> dict[str, Any]:
    """A unit's report fields in a round (what :func:`restore_unit` takes)."""
    row = _unit_row(db, round_id, unit)
    return {k: row[k] for k in _UNIT_FIELDS}


def mark_received(
    db: Database,
    round_id: int,
    unit: str,
    received_on: str | dt.date | None = None,
    *,
    signed_by: str | None = None,
    received_from: str = "",
) -> dict[str, Any]:
    """Record that ``unit`` reported (paper or sheet); returns the previous values (undo)."""
    get_round(db, round_id)
    day = check_day(received_on or clock.today(), "报送日期")
    row = _unit_row(db, round_id, unit)
    old = {k: row[k] for k in _UNIT_FIELDS}
    with db.transaction() as conn:
        conn.execute(
            "UPDATE round_units SET received_on = ?, received_from = ?, signed_by = ? WHERE id = ?",
            (day.isoformat(), received_from, (signed_by or "").strip() or None, row["id"]),
        )
    return old


def restore_unit(db: Database, round_id: int, unit: str, old: dict[str, Any]) -> None:
    """Put a unit's report fields back (undo of receiving or chasing)."""
    row = _unit_row(db, round_id, unit)
    sets = ", ".join(f"{k} = ?" for k in old)
    with db.transaction() as conn:
        conn.execute(f"UPDATE round_units SET {sets} WHERE id = ?", (*old.values(), row["id"]))


def chase(db: Database, round_id: int, on: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """催报: record a reminder to every unit that has not reported; returns old values by unit."""
    status = round_status(db, round_id, on)
    day = (on or clock.today()).isoformat()
    old: dict[str, dict[str, Any]] = {}
    with db.transaction() as conn:
        for u in status.to_chase:
            row = _unit_row(db, round_id, u.unit)
            old[u.unit] = {k: row[k] for k in _UNIT_FIELDS}
            conn.execute(
                "UPDATE round_units SET chased_on = ?, chase_count = chase_count + 1 WHERE id = ?",
                (day, row["id"]),
            )
    return old


def sheet_round_id(path: str | Path) -> int | None:
    """The round a feedback sheet was issued for (None for a sheet issued without one)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # a damaged file: read_feedback reports it properly
        raise ImportFileError("反馈表已损坏，无法读取。", path=str(path), detail=str(exc)) from exc
    try:
        if feedback.META_SHEET not in wb.sheetnames:
            return None
        for row in wb[feedback.META_SHEET].iter_rows(values_only=True):
            if row and row[0] == META_ROUND and len(row) > 1 and str(row[1]).isdigit():
                return int(row[1])
        return None
    finally:
        wb.close()


@dataclass(slots=True)
class Receipt:
    """What receiving a sheet did, for the report and for undo."""

    round_id: int
    unit: str
    state: str
    applied: list[feedback.AppliedEntry]
    old_unit: dict[str, Any]
    preview: feedback.FeedbackPreview
    # whole-row images of the tasks and notes the sheet touched (exact undo)
    images: row_images.Recorded = field(default_factory=row_images.Recorded)


def receive_sheet(
    db: Database,
    round_id: int,
    path: str | Path,
    *,
    received_on: str | dt.date | None = None,
    signed_by: str | None = None,
    include_conflicts: bool = False,
) -> Receipt:
    """Apply a returned sheet and mark its unit as reported, in one transaction.

    Raises:
        ImportFileError: the sheet belongs to another plan or another round.
        InvalidOperationError: its unit is not expected in this round.
    """
    rnd = get_round(db, round_id)
    preview = feedback.read_feedback(db, path, plan_id=rnd.plan_id)
    sheet_round = sheet_round_id(path)
    if sheet_round is not None and sheet_round != round_id:
        raise ImportFileError(
            "这份反馈表属于另一个报送轮次，未导入任何内容。",
            path=str(path),
            detail=f"sheet round {sheet_round}, expected {round_id}",
        )
    day = check_day(received_on or clock.today(), "报送日期")
    _unit_row(db, round_id, preview.unit)
    task_ids = [r.task_id for r in preview.rows if r.task_id is not None]

    def change() -> list[feedback.AppliedEntry]:
        return feedback.apply_feedback(
            db, preview, include_conflicts=include_conflicts, entry_date=day.isoformat()
        )

    with db.transaction():
        applied, images = row_images.record(
            db, change, {"nodes": task_ids}, grows=("progress_log",)
        )
        old = mark_received(
            db,
            round_id,
            preview.unit,
            day,
            signed_by=signed_by,
            received_from=Path(path).name,
        )
    state = unit_state(day.isoformat(), rnd.due_date, day)
    log.info("round %s: %s reported on %s (%s)", round_id, preview.unit, day, state)
    return Receipt(round_id, preview.unit, state, applied, old, preview, images)


def undo_receipt(db: Database, receipt: Receipt) -> None:
    """Take back a received sheet: its progress notes and the unit's mark."""
    with db.transaction():
        row_images.put_back(db, receipt.images.before)
        restore_unit(db, receipt.round_id, receipt.unit, receipt.old_unit)
