"""督办事项: work to follow up from 领导批示, 会议议定事项, 上级交办, 建议提案, 群众反映.

Items live as tasks of one ledger plan per year (“2025年督办事项台账”, a section per
source), so the due list, lights, reminders, reports and search treat them as plan tasks.
``supervision_items`` adds what a task lacks: source, 交办 date, time class, 交办 leader.
The due date is counted in working days from the 交办 date: 特急 the same day, 急件 3
working days, 一般 the office's setting. Closing steps — 办结 (date, result, 佐证), 销号
(by whom, when), 延期 (new date, reason, approver) — are logged in ``item_closings``
with the values they replaced, and each can be undone (latest first). They work on plan
tasks too.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from models import clock, outline, tracking
from models.entities import Node
from models.errors import InvalidOperationError, NotFoundError
from models.reports import cn_date
from models.store.db import Database
from models.supervision.settings import supervision_settings
from models.supervision.workdays import add_workdays
from models.text import deadlines
from models.vocab import ITEM_SOURCE, TIME_CLASS, NodeKind, TaskStatus, TaskStyle

log = logging.getLogger(__name__)

RUSH_DAYS = 3  # 急件: within 3 working days
ITEM_STATES = ("open", "done", "closed")  # 办理中 / 已办结 / 已销号


@dataclass(slots=True)
class Closing:
    """One logged closing step of a task."""

    id: int
    task_id: int
    action: str  # done / cancel / extend
    acted_on: str
    result: str
    evidence: str
    actor: str
    new_due: str | None
    old_due: str | None


@dataclass(slots=True)
class Item:
    """A 督办事项: its task node plus where it came from and how it was closed."""

    node: Node
    year: int | None
    source: str
    source_ref: str
    assigned_on: str
    time_class: str
    work_days: int
    assigned_by: str | None
    closings: list[Closing] = field(default_factory=list)

    @property
    def id(self) -> int:
        """The item's id is its task id."""
        return self.node.id

    @property
    def state(self) -> str:
        """open (办理中), done (已办结, waiting for 销号), closed (已销号)."""
        actions = [c.action for c in self.closings]
        if "cancel" in actions:
            return "closed"
        if self.node.status == TaskStatus.DONE:
            return "done"
        return "open"

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        n = self.node
        return {
            "id": n.id,
            "plan_id": n.plan_id,
            "year": self.year,
            "text": n.text,
            "source": self.source,
            "source_ref": self.source_ref,
            "assigned_on": self.assigned_on,
            "assigned_by": self.assigned_by,
            "time_class": self.time_class,
            "work_days": self.work_days,
            "due_date": n.due_date,
            "owner_unit": n.owner_unit,
            "co_units": n.co_units,
            "lead_leader": n.lead_leader,
            "status": n.status,
            "progress": n.progress,
            "state": self.state,
            "closings": [
                {
                    "id": c.id,
                    "action": c.action,
                    "acted_on": c.acted_on,
                    "result": c.result,
                    "evidence": c.evidence,
                    "actor": c.actor,
                    "new_due": c.new_due,
                    "old_due": c.old_due,
                }
                for c in self.closings
            ],
        }


def _day(value: str | dt.date | None, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    day = deadlines.parse_iso(str(value or "").strip())
    if day is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-03。", detail=str(value))
    return day


def work_days_for(db: Database, time_class: str) -> int:
    """Working days a time class allows: 特急 0 (at once), 急件 3, 一般 per office setting."""
    if time_class == "urgent":
        return 0
    if time_class == "rush":
        return RUSH_DAYS
    if time_class == "normal":
        return supervision_settings(db).normal_days
    raise InvalidOperationError("办理时限类别应为特急、急件或一般。", detail=str(time_class))


def deadline_text(time_class: str, work_days: int, due: dt.date) -> str:
    """The 完成时限 as written on a 交办单: ``3个工作日内（2025年10月11日前）``."""
    if work_days == 0:
        return f"立即办理（{cn_date(due)}）"
    return f"{work_days}个工作日内（{cn_date(due)}前）"


# ---------------------------------------------------------------- the ledger plan
def ledger_title(year: int) -> str:
    """The title of the year's ledger plan."""
    return f"{year}年督办事项台账"


def ledger_plan(db: Database, year: int, *, create: bool = True) -> int | None:
    """The id of the year's ledger plan, created when missing (unless ``create`` is False)."""
    found = db.scalar("SELECT plan_id FROM supervision_ledgers WHERE year = ?", (year,))
    if found is not None or not create:
        return None if found is None else int(str(found))
    office = supervision_settings(db).office or None
    with db.transaction() as conn:
        plan_id = outline.create_plan(
            db, title=ledger_title(year), year=year, organization=office, kind="plan"
        )
        conn.execute(
            "INSERT INTO supervision_ledgers (year, plan_id) VALUES (?, ?)", (year, plan_id)
        )
    return plan_id


def _source_section(db: Database, plan_id: int, source: str) -> int:
    heading = ITEM_SOURCE[source]
    for node in outline.children(db, plan_id, None):
        if node.kind == NodeKind.SECTION and node.heading == heading:
            return node.id
    return outline.add_node(
        db, plan_id, None, NodeKind.SECTION, heading=heading, task_style=TaskStyle.NUMBERED
    )


def add_item(
    db: Database,
    text: str,
    *,
    source: str,
    assigned_on: str | dt.date,
    time_class: str = "normal",
    owner_unit: str | None = None,
    co_units: str | None = None,
    lead_leader: str | None = None,
    assigned_by: str | None = None,
    source_ref: str = "",
    work_days: int | None = None,
) -> int:
    """Add a 督办事项 to its year's ledger; returns its id (the task id).

    ``work_days`` overrides the time class's working days (a leader may set the limit).
    """
    text = (text or "").strip()
    if not text:
        raise InvalidOperationError("督办事项内容不能为空。")
    if source not in ITEM_SOURCE:
        raise InvalidOperationError(
            "事项来源应为领导批示、会议议定事项、上级交办、建议提案或群众反映。", detail=str(source)
        )
    if time_class not in TIME_CLASS:
        raise InvalidOperationError("办理时限类别应为特急、急件或一般。", detail=str(time_class))
    assigned = _day(assigned_on, "交办日期")
    days = work_days_for(db, time_class) if work_days is None else int(work_days)
    if not 0 <= days <= 250:
        raise InvalidOperationError("办理时限应在 0 到 250 个工作日之间。")
    due = add_workdays(assigned, days)
    with db.transaction() as conn:
        plan_id = ledger_plan(db, assigned.year)
        assert plan_id is not None
        section = _source_section(db, plan_id, source)
        task_id = outline.add_node(
            db,
            plan_id,
            section,
            NodeKind.TASK,
            text=text,
            owner_unit=owner_unit,
            co_units=co_units,
            lead_leader=lead_leader,
            deadline=deadline_text(time_class, days, due),
            due_date=due.isoformat(),
        )
        conn.execute(
            "INSERT INTO supervision_items (task_id, source, source_ref, assigned_on, "
            "time_class, work_days, assigned_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                task_id,
                source,
                (source_ref or "").strip(),
                assigned.isoformat(),
                time_class,
                days,
                (assigned_by or "").strip() or None,
            ),
        )
    log.info("added item %s (%s, %s) due %s", task_id, source, time_class, due)
    return task_id


def _closings(db: Database, task_id: int) -> list[Closing]:
    rows = db.query(
        "SELECT id, task_id, action, acted_on, result, evidence, actor, new_due, old_due "
        "FROM item_closings WHERE task_id = ? ORDER BY id",
        (task_id,),
    )
    return [Closing(*r) for r in rows]


def _item_from(db: Database, row: Any) -> Item:
    node = outline.get_node(db, int(row["task_id"]))
    year = db.scalar("SELECT year FROM plans WHERE id = ?", (node.plan_id,))
    return Item(
        node,
        int(str(year)) if year is not None else None,
        row["source"],
        row["source_ref"],
        row["assigned_on"],
        row["time_class"],
        int(row["work_days"]),
        row["assigned_by"],
        _closings(db, node.id),
    )


def get_item(db: Database, item_id: int) -> Item:
    """One 督办事项; NotFoundError if ``item_id`` is not one."""
    row = db.query_one("SELECT * FROM supervision_items WHERE task_id = ?", (item_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {item_id} 的督办事项。")
    return _item_from(db, row)


def is_item(db: Database, task_id: int) -> bool:
    """True when the task is a 督办事项."""
    return db.scalar("SELECT 1 FROM supervision_items WHERE task_id = ?", (task_id,)) is not None


def list_items(
    db: Database,
    *,
    year: int | None = None,
    source: str | None = None,
    state: str | None = None,
) -> list[Item]:
    """督办事项 by 交办 date, optionally of one year, source or state."""
    sql = (
        "SELECT i.* FROM supervision_items i JOIN nodes n ON n.id = i.task_id "
        "JOIN plans p ON p.id = n.plan_id WHERE 1"
    )
    params: list[Any] = []
    if year is not None:
        sql += " AND p.year = ?"
        params.append(year)
    if source is not None:
        sql += " AND i.source = ?"
        params.append(source)
    found = [
        _item_from(db, r)
        for r in db.query(sql + " ORDER BY i.assigned_on, i.task_id", tuple(params))
    ]
    if state is not None:
        found = [i for i in found if i.state == state]
    return found


def remove_item_row(db: Database, item_id: int) -> dict[str, Any]:
    """The item's own row (kept by undo of deleting its task)."""
    row = db.query_one("SELECT * FROM supervision_items WHERE task_id = ?", (item_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {item_id} 的督办事项。")
    return dict(row)


# ---------------------------------------------------------------- closing
def _task(db: Database, task_id: int) -> Node:
    node = outline.get_node(db, task_id)
    if node.kind != NodeKind.TASK:
        raise InvalidOperationError("只有任务或督办事项才能办结、销号或延期。")
    return node


def _log(db: Database, node: Node, action: str, day: dt.date, **values: Any) -> int:
    cols = ["task_id", "action", "acted_on", "old_due", "old_status", "old_progress", *values]
    params = [node.id, action, day.isoformat(), node.due_date, node.status, node.progress]
    cur = db.conn.execute(
        f"INSERT INTO item_closings ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        (*params, *values.values()),
    )
    return int(cur.lastrowid or 0)


def _cancelled(db: Database, task_id: int) -> bool:
    return (
        db.scalar("SELECT 1 FROM item_closings WHERE task_id = ? AND action = 'cancel'", (task_id,))
        is not None
    )


def close_done(
    db: Database,
    task_id: int,
    result: str,
    *,
    on: str | dt.date | None = None,
    evidence: str = "",
) -> int:
    """办结: the task is done on ``on`` with its 办理结果 and 佐证; returns the log id."""
    node = _task(db, task_id)
    result = (result or "").strip()
    if not result:
        raise InvalidOperationError("办结须填写办理结果。")
    if node.status == TaskStatus.DONE:
        raise InvalidOperationError("该事项已经办结。")
    day = _day(on or clock.today(), "办结日期")
    with db.transaction():
        closing = _log(db, node, "done", day, result=result, evidence=(evidence or "").strip())
        outline.update_node(db, task_id, status=TaskStatus.DONE, progress=100)
    return closing


def close_cancel(
    db: Database, task_id: int, by: str, *, on: str | dt.date | None = None, note: str = ""
) -> int:
    """销号: the office closes an item after it was 办结; returns the log id."""
    node = _task(db, task_id)
    by = (by or "").strip()
    if not by:
        raise InvalidOperationError("销号须填写销号人。")
    if node.status != TaskStatus.DONE:
        raise InvalidOperationError("事项办结后才能销号。")
    if _cancelled(db, task_id):
        raise InvalidOperationError("该事项已经销号。")
    day = _day(on or clock.today(), "销号日期")
    with db.transaction():
        return _log(db, node, "cancel", day, actor=by, result=(note or "").strip())


def extend(
    db: Database,
    task_id: int,
    new_due: str | dt.date,
    reason: str,
    approved_by: str,
    *,
    on: str | dt.date | None = None,
) -> int:
    """延期: move the due date after an approved request; returns the log id."""
    node = _task(db, task_id)
    reason, approved_by = (reason or "").strip(), (approved_by or "").strip()
    if not reason:
        raise InvalidOperationError("延期须填写延期理由。")
    if not approved_by:
        raise InvalidOperationError("延期须填写批准人。")
    if node.status == TaskStatus.DONE:
        raise InvalidOperationError("已办结的事项不能延期。")
    target = _day(new_due, "延期后的完成日期")
    if node.due_date and target.isoformat() <= node.due_date:
        raise InvalidOperationError("延期后的完成日期应晚于原完成日期。")
    day = _day(on or clock.today(), "批准日期")
    with db.transaction():
        closing = _log(
            db, node, "extend", day, result=reason, actor=approved_by, new_due=target.isoformat()
        )
        _move_due(db, task_id, target, _extension_reason(reason, approved_by))
    return closing


def _extension_reason(reason: str, approved_by: str) -> str:
    """How a 延期 reads in the task's change history (完成时限 changed after 定稿)."""
    return f"延期：{reason.strip()}（批准人：{approved_by.strip()}）"


def _move_due(db: Database, task_id: int, due: dt.date, reason: str) -> None:
    # Through the one field edit: after 定稿 the new 完成时限 is logged with its reason.
    tracking.update_task_fields(
        db,
        task_id,
        {"due_date": due.isoformat(), "deadline": f"延期至{cn_date(due)}"},
        reason=reason,
    )


def undo_closing(db: Database, closing_id: int) -> dict[str, Any]:
    """Take back a closing step (the task's latest only); returns its row for redo."""
    row = db.query_one("SELECT * FROM item_closings WHERE id = ?", (closing_id,))
    if row is None:
        raise NotFoundError("找不到该办结记录。")
    latest = db.scalar("SELECT max(id) FROM item_closings WHERE task_id = ?", (row["task_id"],))
    if latest != closing_id:
        raise InvalidOperationError("只能撤销该事项最后一次办结、销号或延期。")
    data = dict(row)
    node = outline.get_node(db, data["task_id"])
    with db.transaction() as conn:
        conn.execute("DELETE FROM item_closings WHERE id = ?", (closing_id,))
        if data["action"] == "done":
            outline.update_node(
                db, node.id, status=data["old_status"], progress=data["old_progress"]
            )
        elif data["action"] == "extend":
            old_deadline = _deadline_before(db, node.id, data)
            outline.update_node(db, node.id, due_date=data["old_due"], deadline=old_deadline)
            tracking.take_back_logged_change(
                db,
                node.id,
                "deadline",
                f"延期至{cn_date(_day(data['new_due'], '日期'))}",
                _extension_reason(data["result"] or "", data["actor"] or ""),
            )
    return data


def _deadline_before(db: Database, task_id: int, row: dict[str, Any]) -> str | None:
    """The 完成时限 text before a 延期: the previous 延期's, or the item's own."""
    prev = db.query_one(
        "SELECT new_due FROM item_closings WHERE task_id = ? AND action = 'extend' AND id < ? "
        "ORDER BY id DESC LIMIT 1",
        (task_id, row["id"]),
    )
    if prev is not None:
        return f"延期至{cn_date(_day(prev[0], '日期'))}"
    item = db.query_one("SELECT * FROM supervision_items WHERE task_id = ?", (task_id,))
    if item is not None and row["old_due"]:
        return deadline_text(item["time_class"], int(item["work_days"]), _day(row["old_due"], ""))
    return row["old_due"]


def redo_closing(db: Database, row: dict[str, Any]) -> None:
    """Put back a closing taken back by :func:`undo_closing` (same id, same effect)."""
    with db.transaction() as conn:
        cols = list(row)
        marks = ", ".join("?" for _ in cols)
        conn.execute(
            f"INSERT INTO item_closings ({', '.join(cols)}) VALUES ({marks})", tuple(row.values())
        )
        if row["action"] == "done":
            outline.update_node(db, row["task_id"], status=TaskStatus.DONE, progress=100)
        elif row["action"] == "extend":
            due = _day(row["new_due"], "日期")
            reason = _extension_reason(row["result"] or "", row["actor"] or "")
            _move_due(db, row["task_id"], due, reason)
