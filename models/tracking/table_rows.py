"""Tasks as the task table shows them: the node, its sequence and number, its section,
the latest note, the light.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import clock, outline
from models.entities import Node, ProgressEntry
from models.errors import NotFoundError
from models.store.db import Database
from models.text.numbering import outline_numbers
from models.tracking.common import task_node
from models.tracking.lights import light_for, task_start
from models.tracking.progress import latest_progress
from models.tracking.settings import tracking_settings
from models.vocab import NodeKind


@dataclass(slots=True)
class TaskRow:
    """A task as the task table shows it: the node plus derived values."""

    node: Node
    seq: int  # 1-based position among the plan's tasks in document order
    number: str  # the outline label of the task ('' for tasks written as sentences)
    section_id: int | None
    section_heading: str
    latest: ProgressEntry | None
    light: str | None


def task_rows(
    db: Database, plan_id: int, section_id: int | None = None, today: dt.date | None = None
) -> list[TaskRow]:
    """Every task of a plan (or of one section's subtree) in document order."""
    plan = outline.get_plan(db, plan_id)
    nodes = outline.load_outline(db, plan_id)
    numbers = outline_numbers(nodes)
    by_id = {n.id: n for n in nodes}
    latest = latest_progress(db, plan_id)
    settings = tracking_settings(db)
    today = today or clock.today()
    start = task_start(plan.year, None)
    inside: set[int] | None = None
    if section_id is not None:
        inside = set(outline.subtree_ids(db, section_id))
    rows: list[TaskRow] = []
    seq = 0
    for n in nodes:
        if n.kind != NodeKind.TASK:
            continue
        seq += 1
        if inside is not None and n.id not in inside:
            continue
        parent = by_id.get(n.parent_id) if n.parent_id is not None else None
        light = light_for(
            status=n.status,
            progress=n.progress,
            due=n.due_date,
            today=today,
            within=settings.within_days,
            margin=settings.behind_margin,
            start=start or task_start(None, n.created_at),
        )
        rows.append(
            TaskRow(
                n,
                seq,
                numbers.get(n.id, ""),
                n.parent_id,
                parent.heading if parent else "",
                latest.get(n.id),
                light,
            )
        )
    return rows


def task_row(db: Database, task_id: int, today: dt.date | None = None) -> TaskRow:
    """One task's row (sequence number included), e.g. to refresh one table row."""
    node = task_node(db, task_id)
    for row in task_rows(db, node.plan_id, today=today):
        if row.node.id == task_id:
            return row
    raise NotFoundError(f"找不到编号为 {task_id} 的条目。")
