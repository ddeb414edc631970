"""Reading back what the units returned: feedback sheets and an edited 任务分解表 (.xlsx).

Nothing here writes before the user has seen a preview: ``read_*`` builds the preview (no
database writes), ``apply_*`` applies it in one transaction and returns what undo needs.
A sheet from another plan raises ImportFileError; rows whose task changed, vanished or
appears twice are reported as conflicts or errors, never applied silently.
The sheet itself is written by export/feedback_sheet.py from the layout defined here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from models import clock, outline, tracking
from models.entities import Node
from models.errors import ImportFileError, InvalidOperationError, NotFoundError
from models.store.db import Database
from models.text.units import split_names
from models.vocab import TASK_STATUS, code_for

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- feedback sheet layout
FEEDBACK_FORMAT = "plandesk-feedback-1"
META_SHEET = "plandesk_meta"
# 1-based columns of the visible sheet; column A holds the task id and is hidden
COL_ID = 1
COL_SEQ = 2
COL_TEXT = 3
COL_DEADLINE = 4
COL_TARGET = 5
COL_LAST = 6
COL_NOTE = 7  # 进展情况 (filled by the unit)
COL_PROGRESS = 8  # 进度 % (filled by the unit)
COL_PROBLEMS = 9  # 存在问题 (filled by the unit)
FEEDBACK_COLUMNS = 9


def _split_units(text: str | None) -> list[str]:
    return split_names(text or "")


def feedback_units(db: Database, plan_id: int) -> list[str]:
    """The 责任单位 named by the plan's tasks, in order of first appearance."""
    names: dict[str, None] = {}
    for node in outline.load_outline(db, plan_id):
        if node.kind == "task":
            for unit in _split_units(node.owner_unit):
                names.setdefault(unit, None)
    return list(names)


def feedback_tasks(db: Database, plan_id: int, unit: str) -> list[Node]:
    """The tasks of a plan that ``unit`` is responsible for (also when shared: 党政办、财政所)."""
    return [
        n
        for n in outline.load_outline(db, plan_id)
        if n.kind == "task" and unit in _split_units(n.owner_unit)
    ]


def task_fingerprint(task: Node) -> str:
    """A short hash of what the unit was asked about: the task text and its 完成时限/目标."""
    data = "\x1f".join((task.text, task.deadline or "", task.target or ""))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def list_fingerprint(plan_id: int, unit: str, tasks: Iterable[Node]) -> str:
    """A hash of the whole sheet: plan, unit and every listed task with its fingerprint."""
    parts = [str(plan_id), unit] + [f"{t.id}:{task_fingerprint(t)}" for t in tasks]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class SheetTask:
    """What the feedback sheet recorded about one task when it was written."""

    task_id: int
    fingerprint: str
    latest_progress_id: int | None


@dataclass(slots=True)
class SheetMeta:
    """The hidden sheet of a feedback workbook."""

    plan_id: int
    unit: str
    generated: str
    fingerprint: str
    tasks: list[SheetTask]


def sheet_meta(db: Database, plan_id: int, unit: str) -> tuple[SheetMeta, list[Node]]:
    """The meta data and tasks of the feedback sheet of ``unit`` (for the writer)."""
    tasks = feedback_tasks(db, plan_id, unit)
    latest = tracking.latest_progress(db, plan_id)
    meta = SheetMeta(
        plan_id,
        unit,
        clock.today().isoformat(),
        list_fingerprint(plan_id, unit, tasks),
        [
            SheetTask(t.id, task_fingerprint(t), latest[t.id].id if t.id in latest else None)
            for t in tasks
        ],
    )
    return meta, tasks


def meta_rows(meta: SheetMeta) -> list[list[Any]]:
    """The rows of the hidden meta sheet."""
    rows: list[list[Any]] = [
        ["format", FEEDBACK_FORMAT],
        ["plan_id", meta.plan_id],
        ["unit", meta.unit],
        ["generated", meta.generated],
        ["fingerprint", meta.fingerprint],
        ["tasks", len(meta.tasks)],
    ]
    rows += [["task", t.task_id, t.fingerprint, t.latest_progress_id] for t in meta.tasks]
    return rows


MAX_ID = 2**63 - 1  # SQLite's INTEGER


def sheet_id(value: Any) -> int | None:
    """An id written into a sheet: a whole number 1..2^63-1, else None (tampered, huge,
    5,000 digits, a date …)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def _meta_id(value: Any) -> int:
    number = sheet_id(value)
    if number is None:
        raise ValueError(f"bad id {str(value)[:40]!r}")
    return number


def _read_meta(ws: Any, path: Path) -> SheetMeta:
    values: dict[str, Any] = {}
    tasks: list[SheetTask] = []
    broken = ImportFileError("反馈表的隐藏信息已损坏，无法导入。", path=str(path))
    for row in ws.iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        if row[0] == "task":
            latest = row[3] if len(row) > 3 else None
            try:
                tasks.append(
                    SheetTask(
                        _meta_id(row[1]),
                        str(row[2]),
                        _meta_id(latest) if latest not in (None, "") else None,
                    )
                )
            except (IndexError, ValueError) as exc:
                raise broken from exc
        else:
            values[str(row[0])] = row[1] if len(row) > 1 else None
    if values.get("format") != FEEDBACK_FORMAT:
        raise ImportFileError("该文件不是 PlanDesk 生成的反馈表，无法导入。", path=str(path))
    try:
        return SheetMeta(
            _meta_id(values["plan_id"]),
            str(values["unit"]),
            str(values["generated"]),
            str(values["fingerprint"]),
            tasks,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise broken from exc


# ---------------------------------------------------------------- reading feedback
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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _open_workbook(path: Path) -> Any:
    """The workbook through the guarded opener (size, zip, entities, real sheet size)."""
    from models.office_guard import open_workbook

    if not path.is_file():
        raise ImportFileError(f"找不到文件“{path.name}”。", path=str(path))
    wb, _layouts = open_workbook(path, read_only=False)
    return wb


def read_feedback(db: Database, path: str | Path, *, plan_id: int | None = None) -> FeedbackPreview:
    """Read a returned feedback sheet into a preview; nothing is written.

    Raises:
        ImportFileError: not a PlanDesk feedback sheet, or a sheet of another plan
            (``plan_id`` given and different) or of a plan that no longer exists.
    """
    path = Path(path)
    wb = _open_workbook(path)
    if META_SHEET not in wb.sheetnames:
        raise ImportFileError("该文件不是 PlanDesk 生成的反馈表，无法导入。", path=str(path))
    meta = _read_meta(wb[META_SHEET], path)
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
        note = _text(ws.cell(row=r, column=COL_NOTE).value)
        problems = _text(ws.cell(row=r, column=COL_PROBLEMS).value)
        progress = _parse_progress(ws.cell(row=r, column=COL_PROGRESS))
        if not note and not problems and progress is None:
            preview.empty_rows += 1
            continue
        row = FeedbackRow(
            r,
            task_id,
            _text(ws.cell(row=r, column=COL_TEXT).value),
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


# ---------------------------------------------------------------- 任务分解表 round trip
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
            word = re.sub(r"\s+", "", _text(ws.cell(row=r, column=c).value))
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
    wb = _open_workbook(path)
    ws = wb.worksheets[0]
    header, cols = _header_row(ws)
    tasks = [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]
    if numbers is None:
        numbers = {t.id: str(i) for i, t in enumerate(tasks, 1)}
    tasks_of = _TableMatcher.of(tasks, numbers)
    preview = TablePreview(str(path), plan_id, [], 0, [], [], [])
    rows: list[tuple[int, dict[str, str]]] = []
    for r in range(header + 1, ws.max_row + 1):
        cells = {name: _text(ws.cell(row=r, column=c).value) for c, name in cols.items()}
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


# ---------------------------------------------------------------- sheet files
MAX_NAME_CHARS = 60  # of the unit's part of a file name (Windows paths stay short)


def _name_part(unit: str) -> str:
    part = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "_", unit).strip("_. ") or "unit"
    return part[:MAX_NAME_CHARS]


def has_answers(path: Path) -> bool:
    """True when ``path`` is a feedback sheet with something filled in by the unit — or is
    any other file we cannot read as an unfilled sheet (never overwritten either)."""
    try:
        wb = _open_workbook(path)
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
                _text(ws.cell(row=r, column=c).value)
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
