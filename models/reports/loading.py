"""A plan's tasks as report rows on a reference day: state, light, days late, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import outline, tracking
from models.entities import Node, Plan, ProgressEntry, row_to
from models.reports.content import SectionBlock, TaskRow, Totals
from models.reports.periods import Period, default_today, parse_day
from models.store.db import Database
from models.text.numbering import outline_numbers


@dataclass(slots=True)
class Loaded:
    """A plan loaded for the reports: its outline, numbers, task rows and reference day."""

    plan: Plan
    nodes: list[Node]
    numbers: dict[int, str]
    rows: dict[int, TaskRow]
    as_of: dt.date
    within: int


def _light_of(
    node: Node, as_of: dt.date, within: int, margin: int, start: dt.date | None
) -> tuple[str, int, int | None]:
    """(light, days late, days left) of a task on ``as_of``, by the due-list rules of
    models/tracking/lights.py (light "" for a done or suspended task, which is not followed up)."""
    due = parse_day(node.due_date)
    days_left = (due - as_of).days if due is not None else None
    light = (
        tracking.light_for(
            status=node.status,
            progress=node.progress,
            due=due,
            today=as_of,
            within=within,
            margin=margin,
            start=start,
        )
        or ""
    )
    days_late = -days_left if light and days_left is not None and days_left < 0 else 0
    return light, days_late, days_left


def _state_of(node: Node, light: str, days_late: int) -> str:
    if node.status == "done":
        return "done"
    if node.status == "suspended":
        return "suspended"
    if light == "red":
        return "overdue"
    if node.status == "not_started":
        return "not_started"
    return "on_track"


def load_rows(
    db: Database,
    plan_id: int,
    period: Period,
    today: dt.date | None,
    yellow_days: int | None = None,
) -> Loaded:
    """The plan's tasks as report rows on ``min(today, period.end)``, notes of the period."""
    plan = outline.get_plan(db, plan_id)
    settings = tracking.tracking_settings(db)
    within = settings.within_days if yellow_days is None else yellow_days
    plan_start = dt.date(plan.year, 1, 1) if plan.year else None
    nodes = outline.load_outline(db, plan_id)
    numbers = outline_numbers(nodes)
    today = today or default_today()
    as_of = min(today, period.end)
    entries = [
        row_to(ProgressEntry, r)
        for r in db.query(
            "SELECT p.* FROM progress_log p JOIN nodes n ON n.id = p.task_id "
            "WHERE n.plan_id = ? ORDER BY p.entry_date, p.id",
            (plan_id,),
        )
    ]
    by_task: dict[int, list[ProgressEntry]] = {}
    for entry in entries:
        by_task.setdefault(entry.task_id, []).append(entry)
    rows: dict[int, TaskRow] = {}
    for node in nodes:
        if node.kind != "task":
            continue
        start = plan_start or parse_day(node.created_at)  # 序时进度 counts from here
        light, late, left = _light_of(node, as_of, within, settings.behind_margin, start)
        mine = by_task.get(node.id, [])
        upto = [e for e in mine if (parse_day(e.entry_date) or dt.date.max) <= period.end]
        rows[node.id] = TaskRow(
            node_id=node.id,
            number=numbers.get(node.id, ""),
            text=node.text,
            owner_unit=node.owner_unit or "",
            lead_leader=node.lead_leader or "",
            deadline=node.deadline or "",
            due_date=parse_day(node.due_date),
            status=node.status,
            progress=node.progress,
            state=_state_of(node, light, late),
            days_late=late,
            days_left=left,
            light=light,
            notes=[e for e in mine if period.contains(e.entry_date)],
            last_note=upto[-1] if upto else None,
        )
    return Loaded(plan, nodes, numbers, rows, as_of, within)


def section_blocks(loaded: Loaded) -> list[SectionBlock]:
    """The outline as SectionBlocks; top-level tasks go into a block without heading."""
    by_parent: dict[int | None, list[Node]] = {}
    for node in loaded.nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(node: Node, level: int) -> SectionBlock:
        block = SectionBlock(node.id, level, loaded.numbers.get(node.id, ""), node.heading)
        for kid in by_parent.get(node.id, []):
            if kid.kind == "task":
                block.tasks.append(loaded.rows[kid.id])
            else:
                block.children.append(build(kid, level + 1))
        return block

    top = by_parent.get(None, [])
    blocks: list[SectionBlock] = []
    loose = [loaded.rows[n.id] for n in top if n.kind == "task"]
    if loose:
        blocks.append(SectionBlock(None, 0, "", "", tasks=loose))
    blocks.extend(build(n, 1) for n in top if n.kind == "section")
    return blocks


def count_states(rows: list[TaskRow]) -> Totals:
    """The counts of the task states of ``rows``."""
    totals = Totals()
    for row in rows:
        totals.add(row)
    return totals


def overdue_sorted(rows: list[TaskRow]) -> list[TaskRow]:
    """The overdue rows, most days late first."""
    late = [r for r in rows if r.state == "overdue"]
    return sorted(late, key=lambda r: (-r.days_late, r.owner_unit, r.node_id))
