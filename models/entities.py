"""Domain objects: plain dataclasses read from and written to the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from models.text.clean import clean_text
from models.vocab import NodeKind


@dataclass(slots=True)
class Plan:
    """A plan document (年度工作计划 / 工作要点 / 工作总结)."""

    id: int
    title: str = ""
    year: int | None = None
    organization: str | None = None
    kind: str = "plan"
    issuer: str | None = None
    doc_number: str | None = None
    signed_by: str | None = None
    signed_date: str | None = None
    preamble: str = ""
    closing: str = ""
    status: str = "draft"
    source_plan_id: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    sealed: int = 0  # 加盖印章: the 落款 of 7.3.5.1 instead of 7.3.5.2
    copy_to: str | None = None  # 版记 抄送机关
    printed_by: str | None = None  # 版记 印发机关
    printed_date: str | None = None  # 版记 印发日期 (ISO)


@dataclass(slots=True)
class Node:
    """One outline node: a section (heading + body) or a task (text + tracking fields)."""

    id: int
    plan_id: int
    parent_id: int | None
    position: int
    kind: str
    heading: str = ""
    body: str = ""
    task_style: str | None = None
    run_in: str | None = None
    text: str = ""
    note: str = ""
    lead_leader: str | None = None
    owner_unit: str | None = None
    co_units: str | None = None
    owner_person: str | None = None
    deadline: str | None = None
    due_date: str | None = None
    target: str | None = None
    frequency: str | None = None
    status: str = "not_started"
    progress: int = 0
    carried_from: int | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def is_task(self) -> bool:
        """True for a task, False for a section."""
        return self.kind == NodeKind.TASK

    @property
    def title(self) -> str:
        """What a list shows: the heading of a section, the text of a task."""
        return self.text if self.kind == NodeKind.TASK else self.heading


@dataclass(slots=True)
class Checkpoint:
    """A dated checkpoint of a task (one row of a recurring rule, or a single date)."""

    id: int
    task_id: int
    title: str = ""
    due_date: str | None = None
    done_date: str | None = None
    note: str = ""
    recurrence: str | None = None


@dataclass(slots=True)
class ProgressEntry:
    """One progress note of a task."""

    id: int
    task_id: int
    entry_date: str
    text: str = ""
    progress_after: int | None = None
    author: str | None = None
    problems: str | None = None
    created_at: str | None = None


@dataclass(slots=True)
class Unit:
    """An entry of the units/people dictionary used by pick lists."""

    id: int
    name: str
    kind: str = "unit"
    note: str = ""


PLAN_FIELDS = tuple(f.name for f in fields(Plan))
NODE_FIELDS = tuple(f.name for f in fields(Node))

# Fields a user may edit (ids, positions and timestamps are managed by the repository).
PLAN_EDITABLE = frozenset(PLAN_FIELDS) - {"id", "created_at", "updated_at"}
# Text of a node: NOT NULL multi-line fields; optional single-line ones (blank = NULL).
MULTI_LINE_FIELDS = ("heading", "body", "text", "note")
SINGLE_LINE_FIELDS = (
    "lead_leader",
    "owner_unit",
    "co_units",
    "owner_person",
    "deadline",
    "due_date",
    "target",
    "frequency",
)
SECTION_EDITABLE = frozenset({"heading", "body", "task_style", "run_in", "note"})
TASK_EDITABLE = frozenset(
    {"text", "note", *SINGLE_LINE_FIELDS, "status", "progress", "carried_from"}
)
NODE_EDITABLE = SECTION_EDITABLE | TASK_EDITABLE


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def row_to(cls: type, row: sqlite3.Row | dict[str, Any]) -> Any:
    """Build a dataclass from a row, ignoring columns it does not know."""
    names = _FIELD_NAMES.get(cls)
    if names is None:  # fields() is slow enough to matter for 2,000-row outlines
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    data = dict(row)
    # text stored by an older version may hold control characters: every writer gets it clean
    return cls(
        **{k: clean_text(v) if isinstance(v, str) else v for k, v in data.items() if k in names}
    )
