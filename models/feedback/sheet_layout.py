"""The feedback sheet's layout: its columns, the hidden meta sheet, task and list fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import clock, outline, tracking
from models.entities import Node
from models.errors import ImportFileError
from models.store.db import Database
from models.text.units import split_names
from models.vocab import NodeKind

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
        if node.kind == NodeKind.TASK:
            for unit in _split_units(node.owner_unit):
                names.setdefault(unit, None)
    return list(names)


def feedback_tasks(db: Database, plan_id: int, unit: str) -> list[Node]:
    """The tasks of a plan that ``unit`` is responsible for (also when shared: 党政办、财政所)."""
    return [
        n
        for n in outline.load_outline(db, plan_id)
        if n.kind == NodeKind.TASK and unit in _split_units(n.owner_unit)
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


def read_meta(ws: Any, path: Path) -> SheetMeta:
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
