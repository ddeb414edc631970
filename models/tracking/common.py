"""Helpers the tracking modules share: date values, the task a note belongs to, rows put back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import outline
from models.entities import Node
from models.errors import InvalidOperationError
from models.store.db import Database
from models.text import deadlines
from models.vocab import NodeKind


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date, or an ISO text read as one (None when blank or not a date)."""
    if value is None or isinstance(value, dt.date):
        return value
    return deadlines.parse_iso(value)


def check_iso(value: str | None, what: str) -> str | None:
    """An ISO date text stripped, None when blank; InvalidOperationError naming ``what``."""
    if value in (None, ""):
        return None
    if deadlines.parse_iso(str(value)) is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-30。", detail=str(value))
    return str(value).strip()


def task_node(db: Database, task_id: int) -> Node:
    """The node of a task; InvalidOperationError when the node is not a task."""
    node = outline.get_node(db, task_id)
    if node.kind != NodeKind.TASK:
        raise InvalidOperationError("只有任务才能添加节点和进展。")
    return node


def insert_rows(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Put removed rows back as they were, ids included (the undo of a delete)."""
    for row in rows:
        cols = list(row)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            tuple(row.values()),
        )
