"""A returned feedback sheet: the preview of its rows (ok, conflict, error) and applying it."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from models import outline, tracking
from models.entities import Node
from models.errors import ImportFileError, NotFoundError
from models.feedback.sheet_layout import (
    COL_ID,
    COL_NOTE,
    COL_PROBLEMS,
    COL_PROGRESS,
    COL_TEXT,
    META_SHEET,
    feedback_tasks,
    read_meta,
    sheet_id,
    task_fingerprint,
)
from models.feedback.workbooks import cell_text, open_returned_workbook
from models.store.db import Database

log = logging.getLogger(__name__)


OK = "ok"
CONFLICT = "conflict"  # may be applied after the user has looked at it
ERROR = "error"  # never applied
# Reasons (codes; the UI and CLI show labels)
R_TASK_CHANGED = "task_changed"  # the task text/deadline/target changed since the sheet was sent
R_PROGRESS_SINCE = "progress_since"  # progress was recorded in PlanDesk since then
R_DUPLICATE = "duplicate_row"  # the same task appears in two rows of the sheet
R_TASK_GONE = "task_gone"  # the task was deleted or moved to another plan
R_NOT_LISTED = "not_listed"  # a row whose id was not on the sheet as sent
R_BAD_PROGRESS = "bad_progress"  # 进度 is not a number 0–100
R_ALREADY = "already_imported"  # the same note is already in the progress log
R_OWNER_CHANGED = "owner_changed"  # the task is no longer this unit's


@dataclass(slots=True)
class FeedbackRow:
    """One filled row of a returned feedback sheet, with what applying it would do."""

    row: int  # the Excel row number
    task_id: int | None
    task_text: str
    note: str
    progress: int | None
    problems: str
    old_progress: int | None = None
    state: str = OK
    reasons: list[str] = field(default_factory=list)

    def flag(self, state: str, reason: str) -> None:
        """Record a reason; ERROR outranks CONFLICT outranks OK."""
        self.reasons.append(reason)
        if state == ERROR or self.state == OK:
            self.state = state


@dataclass(slots=True)
class FeedbackPreview:
    """What a returned sheet would change; apply with :func:`apply_feedback`."""

    path: str
    plan_id: int
    unit: str
    generated: str
    rows: list[FeedbackRow]
    list_changed: bool  # the unit's task list in PlanDesk differs from the sheet's
    added_tasks: list[int]  # tasks of the unit that were not on the sheet
    empty_rows: int = 0

    @property
    def applicable(self) -> list[FeedbackRow]:
        """Rows that apply without a question."""
        return [r for r in self.rows if r.state == OK]


def _parse_progress(cell: Any) -> int | None | Literal["bad"]:
    """A 进度 cell → 0–100, None when empty, or the string ``"bad"``."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int | float):
        number = float(value)
        if "%" in str(cell.number_format or ""):
            number *= 100  # Excel turns a typed 60% into 0.6 shown as a percentage
    else:
        m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d+)?)\s*[%％]?\s*", str(value))
        if not m:
            return "bad"
        number = float(m[1])
    if not 0 <= number <= 100:
        return "bad"
    return int(round(number))


def read_feedback(db: Database, path: str | Path, *, plan_id: int | None = None) -> FeedbackPreview:
    """Read a returned feedback sheet into a preview; nothing is written.

    Raises:
        ImportFileError: not a PlanDesk feedback sheet, or a sheet of another plan
            (``plan_id`` given and different) or of a plan that no longer exists.
    """
    path = Path(path)
    wb = open_returned_workbook(path)
    if META_SHEET not in wb.sheetnames:
        raise ImportFileError("该文件不是 PlanDesk 生成的反馈表，无法导入。", path=str(path))
    meta = read_meta(wb[META_SHEET], path)
    if plan_id is not None and meta.plan_id != plan_id:
        raise ImportFileError(
            "这份反馈表属于另一个计划，未导入任何内容。",
            path=str(path),
            detail=f"sheet plan {meta.plan_id}, expected {plan_id}",
        )
    if db.scalar("SELECT 1 FROM plans WHERE id = ?", (meta.plan_id,)) is None:
        raise ImportFileError("反馈表对应的计划已不存在，未导入任何内容。", path=str(path))
    ws = wb.worksheets[0]
    sent = {t.task_id: t for t in meta.tasks}
    current = {t.id: t for t in feedback_tasks(db, meta.plan_id, meta.unit)}
    latest = tracking.latest_progress(db, meta.plan_id)
    preview = FeedbackPreview(
        str(path), meta.plan_id, meta.unit, meta.generated, [], list_changed=False, added_tasks=[]
    )
    seen: dict[int, FeedbackRow] = {}
    for r in range(1, ws.max_row + 1):
        task_id = sheet_id(ws.cell(row=r, column=COL_ID).value)
        if task_id is None:
            continue  # title, instructions, header (or an id tampered with: not listed)
        note = cell_text(ws.cell(row=r, column=COL_NOTE).value)
        problems = cell_text(ws.cell(row=r, column=COL_PROBLEMS).value)
        progress = _parse_progress(ws.cell(row=r, column=COL_PROGRESS))
        if not note and not problems and progress is None:
            preview.empty_rows += 1
            continue
        row = FeedbackRow(
            r,
            task_id,
            cell_text(ws.cell(row=r, column=COL_TEXT).value),
            note,
            progress if isinstance(progress, int) else None,  # "bad" is flagged below
            problems,
        )
        preview.rows.append(row)
        if progress == "bad":
            row.flag(ERROR, R_BAD_PROGRESS)
        if task_id in seen:
            row.flag(ERROR, R_DUPLICATE)
            seen[task_id].flag(ERROR, R_DUPLICATE)
        seen[task_id] = row
        if task_id not in sent:
            row.flag(ERROR, R_NOT_LISTED)
            continue
        node = _node_or_none(db, task_id)
        if node is None or node.plan_id != meta.plan_id:
            row.flag(ERROR, R_TASK_GONE)
            continue
        row.task_text = node.text
        row.old_progress = node.progress
        if task_fingerprint(node) != sent[task_id].fingerprint:
            row.flag(CONFLICT, R_TASK_CHANGED)
        if task_id not in current:
            row.flag(CONFLICT, R_OWNER_CHANGED)
        last = latest.get(task_id)
        if last is not None and last.id != sent[task_id].latest_progress_id:
            if _same_note(db, task_id, row):
                row.flag(ERROR, R_ALREADY)
            else:
                row.flag(CONFLICT, R_PROGRESS_SINCE)
    preview.added_tasks = [t for t in current if t not in sent]
    preview.list_changed = bool(preview.added_tasks) or any(
        t not in current or task_fingerprint(current[t]) != sent[t].fingerprint for t in sent
    )
    return preview


def _node_or_none(db: Database, node_id: int) -> Node | None:
    try:
        return outline.get_node(db, node_id)
    except NotFoundError:  # the task was deleted since the sheet was written
        return None


def _same_note(db: Database, task_id: int, row: FeedbackRow) -> bool:
    return (
        db.scalar(
            "SELECT 1 FROM progress_log WHERE task_id = ? AND text = ? "
            "AND progress_after IS ? AND coalesce(problems, '') = ?",
            (task_id, row.note, row.progress, row.problems),
        )
        is not None
    )


@dataclass(slots=True)
class AppliedEntry:
    """One progress note added by an import, with the task values before it (for undo)."""

    entry_id: int
    task_id: int
    old: dict[str, Any]


def apply_feedback(
    db: Database,
    preview: FeedbackPreview,
    *,
    include_conflicts: bool = False,
    entry_date: str | None = None,
) -> list[AppliedEntry]:
    """Add the preview's rows as progress notes in one transaction.

    OK rows always; CONFLICT rows only with ``include_conflicts``; ERROR rows never.
    """
    rows = [r for r in preview.rows if r.state == OK or (include_conflicts and r.state == CONFLICT)]
    applied: list[AppliedEntry] = []
    with db.transaction():
        for r in rows:
            assert r.task_id is not None
            entry_id, old = tracking.add_progress(
                db,
                r.task_id,
                r.note,
                r.progress,
                entry_date=entry_date,
                author=preview.unit,
                problems=r.problems or None,
            )
            applied.append(AppliedEntry(entry_id, r.task_id, old))
    log.info("applied %d feedback rows of %s", len(applied), preview.unit)
    return applied
