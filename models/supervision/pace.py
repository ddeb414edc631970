"""序时进度 classes: 欠进度 / 达进度 / 超进度 / 已完成 / 其它, per task at any date.

A task's time runs from 1 January of its plan year (or the day it was created) to its due
date (or 31 December of the plan year). The expected progress on a day is, by the
office's rule, the elapsed share of that time ("elapsed") or the share of whole months
begun ("months": by November 11/12 = 91.7 %). A task is 欠进度 when its progress is more
than the threshold below the expected value, 超进度 when more than the threshold above it,
达进度 otherwise; a task past its due date and not done is always 欠进度. 其它 is a suspended
task, one with a recorded reason for not starting, or one that has no period at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models import clock, outline, tracking
from models.entities import Node
from models.store.db import Database
from models.supervision.settings import SupervisionSettings, supervision_settings
from models.text import deadlines
from models.tracking import elapsed_share
from models.vocab import PACE, NodeKind, TaskStatus

PACE_CLASSES = tuple(PACE)


@dataclass(slots=True, frozen=True)
class Pace:
    """The class of one task on one day and the 序时进度 it was judged against (0–100)."""

    pace: str
    expected: int


def months_share(start: dt.date, due: dt.date, day: dt.date) -> float:
    """Share (0–1) of the months of [start, due] begun by ``day`` (the month of ``day`` counts)."""
    total = (due.year - start.year) * 12 + due.month - start.month + 1
    done = (day.year - start.year) * 12 + day.month - start.month + 1
    if day < start or total <= 0:
        return 0.0
    return min(done / total, 1.0)


def expected_progress(rule: str, start: dt.date, due: dt.date, day: dt.date) -> float:
    """序时进度 in percent on ``day`` by ``rule`` ("elapsed" or "months")."""
    if rule == "months":
        return months_share(start, due, day) * 100
    return elapsed_share(start, due, day) * 100


def pace_for(
    *,
    status: str,
    progress: int,
    start: dt.date | None,
    due: dt.date | None,
    day: dt.date,
    rule: str = "elapsed",
    threshold: int = 10,
    exempt: bool = False,
) -> Pace:
    """The pace class of a task (see the module docstring for the rule)."""
    if status == TaskStatus.DONE:
        return Pace("done", 100)
    if status == TaskStatus.SUSPENDED or exempt or start is None or due is None:
        return Pace("other", 0)
    expected = expected_progress(rule, start, due, day)
    shown = int(round(expected))
    if day > due or progress < expected - threshold:
        return Pace("behind", shown)
    if progress > expected + threshold:
        return Pace("ahead", shown)
    return Pace("on_pace", shown)


def task_period(
    node: Node, year: int | None, assigned: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """(start, due) of a task's time: its 交办 day (a 督办事项), else the plan year or the
    creation day → the due date or the year end."""
    start = assigned or (dt.date(year, 1, 1) if year else None)
    if start is None and node.created_at:
        start = deadlines.parse_iso(node.created_at[:10])
    due = deadlines.parse_iso(node.due_date) if node.due_date else None
    if due is None and year:
        due = dt.date(year, 12, 31)
    if start is not None and due is not None and due < start:
        start = due  # a due date before the plan year: all of its time has passed
    return start, due


def assigned_days(db: Database) -> dict[int, dt.date]:
    """The 交办 day of every 督办事项, by task id (their time starts there)."""
    out = {}
    for task_id, day in db.query("SELECT task_id, assigned_on FROM supervision_items"):
        parsed = deadlines.parse_iso(day)
        if parsed is not None:
            out[int(task_id)] = parsed
    return out


def exempt_tasks(db: Database) -> set[int]:
    """Tasks with a recorded reason for not being started (其它)."""
    return {int(r[0]) for r in db.query("SELECT task_id FROM pace_reasons")}


def plan_paces(
    db: Database,
    plan_id: int,
    day: dt.date | None = None,
    settings: SupervisionSettings | None = None,
) -> dict[int, Pace]:
    """The pace of every task of a plan on ``day`` (default today), by task id."""
    plan = outline.get_plan(db, plan_id)
    nodes = [n for n in outline.load_outline(db, plan_id) if n.kind == NodeKind.TASK]
    return nodes_paces(db, nodes, plan.year, day, settings)


def nodes_paces(
    db: Database,
    nodes: Iterable[Node],
    year: int | None,
    day: dt.date | None = None,
    settings: SupervisionSettings | None = None,
) -> dict[int, Pace]:
    """The pace of the given tasks (all of one plan of ``year``)."""
    settings = settings or supervision_settings(db)
    day = day or clock.today()
    exempt = exempt_tasks(db)
    assigned = assigned_days(db)
    out: dict[int, Pace] = {}
    for node in nodes:
        start, due = task_period(node, year, assigned.get(node.id))
        out[node.id] = pace_for(
            status=node.status,
            progress=node.progress,
            start=start,
            due=due,
            day=day,
            rule=settings.pace_rule,
            threshold=settings.pace_threshold,
            exempt=node.id in exempt,
        )
    return out


@dataclass(slots=True)
class PaceCount:
    """How many tasks of one class, and their share of all tasks (percent, one decimal)."""

    pace: str
    count: int
    percent: float

    @property
    def text(self) -> str:
        """``17项（7.7%）``."""
        return f"{self.count}项（{self.percent:g}%）"


def count_paces(paces: Iterable[str]) -> list[PaceCount]:
    """Counts and percentages of every class (zero included), in report order."""
    values = list(paces)
    total = len(values)
    return [
        PaceCount(
            name,
            values.count(name),
            round(values.count(name) * 100.0 / total, 1) if total else 0.0,
        )
        for name in PACE_CLASSES
    ]


def pace_reason(db: Database, task_id: int) -> str | None:
    """The recorded reason a task is not started, or None."""
    value = db.scalar("SELECT reason FROM pace_reasons WHERE task_id = ?", (task_id,))
    return None if value is None else str(value)


def set_pace_reason(db: Database, task_id: int, reason: str | None) -> str | None:
    """Record (or with None/"" clear) why a task is not started (其它); returns the old reason."""
    outline.get_node(db, task_id)
    old = db.scalar("SELECT reason FROM pace_reasons WHERE task_id = ?", (task_id,))
    with db.transaction() as conn:
        conn.execute("DELETE FROM pace_reasons WHERE task_id = ?", (task_id,))
        if reason and reason.strip():
            conn.execute(
                "INSERT INTO pace_reasons (task_id, reason, recorded_on) VALUES (?, ?, ?)",
                (task_id, reason.strip(), clock.today().isoformat()),
            )
    return None if old is None else str(old)


def fill_due_paces(db: Database, items: list[Any], day: dt.date) -> None:
    """Set ``pace`` and ``item_source`` on due-list items (models.tracking.DueItem)."""
    ids = sorted({item.node_id for item in items})
    settings = supervision_settings(db)
    exempt = exempt_tasks(db)
    assigned = assigned_days(db)
    rows: dict[int, Any] = {}
    sources: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" for _ in part)
        for r in db.query(
            "SELECT n.id, n.due_date, n.created_at, p.year FROM nodes n "
            f"JOIN plans p ON p.id = n.plan_id WHERE n.id IN ({marks})",
            tuple(part),
        ):
            rows[int(r[0])] = r
        for r in db.query(
            f"SELECT task_id, source FROM supervision_items WHERE task_id IN ({marks})",
            tuple(part),
        ):
            sources[int(r[0])] = str(r[1])
    cache: dict[int, str] = {}
    for item in items:
        if item.node_id not in cache:
            r = rows[item.node_id]
            node = Node(
                id=item.node_id,
                plan_id=item.plan_id,
                parent_id=None,
                position=0,
                kind=NodeKind.TASK,
                due_date=r["due_date"],
                created_at=r["created_at"],
            )
            start, due = task_period(node, r["year"], assigned.get(item.node_id))
            cache[item.node_id] = pace_for(
                status=item.status,
                progress=item.progress,
                start=start,
                due=due,
                day=day,
                rule=settings.pace_rule,
                threshold=settings.pace_threshold,
                exempt=item.node_id in exempt,
            ).pace
        item.pace = cache[item.node_id]
        item.item_source = sources.get(item.node_id, "")


def paced_due_list(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: tracking.DueFilter | None = None,
    *,
    margin: int | None = None,
) -> list[tracking.DueItem]:
    """The due list (models.tracking.due_list) with each item's 序时进度 class and source."""
    items = tracking.due_list(db, today, within, filters, margin=margin)
    fill_due_paces(db, items, today or clock.today())
    return items
