"""A plan's tasks as report rows (TaskView) on a reference day, and the outline around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.entities import Node, Plan
from models.reports.content import SectionBlock, Totals
from models.reports.periods import Period, default_today
from models.store.db import Database
from models.task_view import TaskView, read_plan_views
from models.text.numbering import outline_numbers
from models.vocab import NodeKind, TaskState


@dataclass(slots=True)
class Loaded:
    """A plan loaded for the reports: its outline, numbers, task rows and reference day."""

    plan: Plan
    nodes: list[Node]
    numbers: dict[int, str]
    rows: dict[int, TaskView]
    as_of: dt.date
    within: int


def load_rows(
    db: Database,
    plan_id: int,
    period: Period,
    today: dt.date | None,
    yellow_days: int | None = None,
) -> Loaded:
    """The plan's tasks as report rows on ``min(today, period.end)``, notes of the period."""
    as_of = min(today or default_today(), period.end)
    read = read_plan_views(
        db, plan_id, today=as_of, within=yellow_days, period=(period.start, period.end)
    )
    rows = {v.node_id: v for v in read.views}
    return Loaded(read.plan, read.nodes, outline_numbers(read.nodes), rows, as_of, read.within)


def section_blocks(loaded: Loaded) -> list[SectionBlock]:
    """The outline as SectionBlocks; top-level tasks go into a block without heading."""
    by_parent: dict[int | None, list[Node]] = {}
    for node in loaded.nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(node: Node, level: int) -> SectionBlock:
        block = SectionBlock(node.id, level, loaded.numbers.get(node.id, ""), node.heading)
        for kid in by_parent.get(node.id, []):
            if kid.kind == NodeKind.TASK:
                block.tasks.append(loaded.rows[kid.id])
            else:
                block.children.append(build(kid, level + 1))
        return block

    top = by_parent.get(None, [])
    blocks: list[SectionBlock] = []
    loose = [loaded.rows[n.id] for n in top if n.kind == NodeKind.TASK]
    if loose:
        blocks.append(SectionBlock(None, 0, "", "", tasks=loose))
    blocks.extend(build(n, 1) for n in top if n.kind == NodeKind.SECTION)
    return blocks


def count_states(rows: list[TaskView]) -> Totals:
    """The counts of the task states of ``rows``."""
    totals = Totals()
    for row in rows:
        totals.add(row)
    return totals


def overdue_sorted(rows: list[TaskView]) -> list[TaskView]:
    """The overdue rows, most days late first."""
    late = [r for r in rows if r.state == TaskState.OVERDUE]
    return sorted(late, key=lambda r: (-r.days_late, r.owner_unit, r.node_id))
