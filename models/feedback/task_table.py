"""An edited 任务分解表 (.xlsx) read back: the preview of its changes and applying them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import outline, tracking
from models.entities import Node
from models.errors import ImportFileError, InvalidOperationError
from models.feedback.workbooks import cell_text, open_returned_workbook
from models.store.db import Database
from models.vocab import TASK_STATUS, NodeKind, code_for

# Header words of the task table (export/task_table.py HEADERS, plus common variants).
TABLE_HEADERS = {
    "序号": "number",
    "工作任务": "text",
    "任务内容": "text",
    "主要任务": "text",
    "工作内容": "text",
    "牵头领导": "lead_leader",
    "分管领导": "lead_leader",
    "责任单位": "owner_unit",
    "牵头单位": "owner_unit",
    "配合单位": "co_units",
    "协办单位": "co_units",
    "责任人": "owner_person",
    "完成时限": "deadline",
    "时间节点": "deadline",
    "完成时间": "deadline",
    "量化目标": "target",
    "目标": "target",
    "进度/状态": "status_progress",
    "状态": "status",
    "进度": "progress",
}
TABLE_FIELDS = (
    "text",
    "lead_leader",
    "owner_unit",
    "co_units",
    "owner_person",
    "deadline",
    "target",
    "status",
    "progress",
)
_PERCENT = re.compile(r"(\d{1,3})\s*[%％]")


@dataclass(slots=True)
class TableChange:
    """A row of the edited table matched to a task, with the fields that differ."""

    row: int
    task_id: int
    seq: int
    text: str
    changes: dict[str, tuple[Any, Any]]  # field -> (old, new)
    matched_by: str  # 'number' | 'text'


@dataclass(slots=True)
class TablePreview:
    """What importing an edited 任务分解表 would change."""

    path: str
    plan_id: int
    changes: list[TableChange]
    unchanged: int
    unmatched_rows: list[tuple[int, str]]  # (row, text) of rows matched to no task
    missing_tasks: list[int]  # tasks of the plan with no row in the sheet
    errors: list[tuple[int, str, str]]  # (row, field, cell text) that could not be read


def _header_row(ws: Any) -> tuple[int, dict[int, str]]:
    for r in range(1, min(ws.max_row, 12) + 1):
        cols: dict[int, str] = {}
        for c in range(1, ws.max_column + 1):
            word = re.sub(r"\s+", "", cell_text(ws.cell(row=r, column=c).value))
            if word in TABLE_HEADERS and TABLE_HEADERS[word] not in cols.values():
                cols[c] = TABLE_HEADERS[word]
        if "text" in cols.values() and len(cols) >= 2:
            return r, cols
    raise ImportFileError("表中没有找到“工作任务”等表头，不是任务分解表。")


def _status_and_progress(kind: str, value: str) -> tuple[dict[str, Any], bool]:
    """Cell text → {'status'?, 'progress'?}; False when it cannot be read."""
    out: dict[str, Any] = {}
    value = value.strip()
    if not value:
        return out, True
    m = _PERCENT.search(value)
    if kind in ("status_progress", "progress"):
        if m:
            out["progress"] = int(m[1])
            value = _PERCENT.sub("", value).strip()
        elif kind == "progress":
            if value.isdigit() and len(value) <= 3:
                out["progress"] = int(value)
                value = ""
            else:
                return {}, False
    if value and kind in ("status_progress", "status"):
        code = code_for(TASK_STATUS, value)
        if code is None:
            return {}, False
        out["status"] = code
    if "progress" in out and not 0 <= out["progress"] <= 100:
        return {}, False
    return out, True


def read_task_table(
    db: Database, plan_id: int, path: str | Path, *, numbers: dict[int, str] | None = None
) -> TablePreview:
    """Match the rows of an edited 任务分解表 to the plan's tasks; nothing is written.

    A row is matched by its 序号 (``numbers``: task id → the number the export wrote;
    without it the 1-based task order) when the text is the same or the number is
    unique, otherwise by identical task text. Only changed fields are listed.
    """
    path = Path(path)
    wb = open_returned_workbook(path)
    ws = wb.worksheets[0]
    header, cols = _header_row(ws)
    tasks = [n for n in outline.load_outline(db, plan_id) if n.kind == NodeKind.TASK]
    if numbers is None:
        numbers = {t.id: str(i) for i, t in enumerate(tasks, 1)}
    tasks_of = _TableMatcher.of(tasks, numbers)
    preview = TablePreview(str(path), plan_id, [], 0, [], [], [])
    rows: list[tuple[int, dict[str, str]]] = []
    for r in range(header + 1, ws.max_row + 1):
        cells = {name: cell_text(ws.cell(row=r, column=c).value) for c, name in cols.items()}
        if any(cells.values()):
            rows.append((r, cells))
    pending, same_text = _match_unchanged(preview, rows, tasks_of)
    _match_edited(preview, pending, tasks_of)
    if tasks and rows and not same_text:
        raise ImportFileError(
            "表中没有一行能对应到本计划的任务，可能不是本计划的任务分解表。", path=str(path)
        )
    preview.missing_tasks = [t.id for t in tasks if t.id not in tasks_of.used]
    preview.changes.sort(key=lambda c: c.seq)
    return preview


@dataclass(slots=True)
class _TableMatcher:
    """A plan's tasks looked up by the table's 序号 and by text; ``used``: matched ones."""

    by_number: dict[str, int]
    by_id: dict[int, Node]
    seq: dict[int, int]
    by_text: dict[str, list[int]]
    used: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, tasks: list[Node], numbers: dict[int, str]) -> _TableMatcher:
        by_text: dict[str, list[int]] = {}
        for t in tasks:
            by_text.setdefault(t.text.strip(), []).append(t.id)
        return cls(
            {str(v).strip(): k for k, v in numbers.items() if str(v).strip()},
            {t.id: t for t in tasks},
            {t.id: i for i, t in enumerate(tasks, 1)},
            by_text,
        )

    def only_task_with(self, text: str) -> int | None:
        """The one unmatched task with this text, else None."""
        same = [t for t in self.by_text.get(text, []) if t not in self.used]
        return same[0] if len(same) == 1 else None

    def take(self, preview: TablePreview, r: int, tid: int, cells: dict[str, str], by: str) -> None:
        self.used.add(tid)
        _compare(preview, r, self.by_id[tid], self.seq[tid], cells, by)


def _match_unchanged(
    preview: TablePreview, rows: list[tuple[int, dict[str, str]]], tasks: _TableMatcher
) -> tuple[list[tuple[int, dict[str, str]]], int]:
    """Pass 1: number and text agree, or the text is unique and unchanged. Returns the rows
    left and how many rows hold a task's text as stored (proof it is this plan's table)."""
    pending: list[tuple[int, dict[str, str]]] = []
    same_text = 0
    for r, cells in rows:
        text = cells.get("text", "")
        tid = tasks.by_number.get(cells.get("number", ""))
        if tid is not None and tasks.by_id[tid].text.strip() == text and tid not in tasks.used:
            same_text += 1
            tasks.take(preview, r, tid, cells, "number")
            continue
        same = tasks.only_task_with(text)
        if text and same is not None and tid is None:
            same_text += 1
            tasks.take(preview, r, same, cells, "text")
            continue
        pending.append((r, cells))
    return pending, same_text


def _match_edited(
    preview: TablePreview, pending: list[tuple[int, dict[str, str]]], tasks: _TableMatcher
) -> None:
    """Pass 2: the text was edited, the number still points at the task."""
    for r, cells in pending:
        tid = tasks.by_number.get(cells.get("number", ""))
        if tid is None or tid in tasks.used:
            tid = tasks.only_task_with(cells.get("text", ""))
        if tid is None:
            preview.unmatched_rows.append((r, cells.get("text", "")))
            continue
        tasks.take(preview, r, tid, cells, "number")


def _compare(
    preview: TablePreview, r: int, task: Node, seq: int, cells: dict[str, str], matched_by: str
) -> None:
    new: dict[str, Any] = {}
    for name, value in cells.items():
        if name == "number":
            continue
        if name in ("status_progress", "status", "progress"):
            parsed, ok = _status_and_progress(name, value)
            if not ok:
                preview.errors.append((r, name, value))
                continue
            new.update(parsed)
            continue
        if name == "text" and not value:
            continue  # an emptied task text is not a request to blank the task
        new[name] = value or None
    changes = {}
    for name, value in new.items():
        old = getattr(task, name)
        if (old if old != "" else None) != value:
            changes[name] = (old, value)
    if changes:
        preview.changes.append(TableChange(r, task.id, seq, task.text, changes, matched_by))
    else:
        preview.unchanged += 1


def apply_task_table(
    db: Database, preview: TablePreview, *, reason: str = "", task_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Apply the previewed changes (all, or those of ``task_ids``) in one transaction.

    Returns the old values per task.
    """
    wanted = None if task_ids is None else set(task_ids)
    old: dict[int, dict[str, Any]] = {}
    with db.transaction():
        for change in preview.changes:
            if wanted is not None and change.task_id not in wanted:
                continue
            node = outline.get_node(db, change.task_id)
            if node.plan_id != preview.plan_id:
                raise InvalidOperationError("任务已不在该计划中，请重新读取表格。")
            values = {k: new for k, (_old, new) in change.changes.items()}
            old[change.task_id] = tracking.update_task_fields(
                db, change.task_id, values, reason=reason
            )
    return old
