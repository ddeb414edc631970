"""Reporting rounds (报送轮次): units report by a fixed day; the office tracks each unit.

A round belongs to a plan and has a due day. Its units are the plan's 责任单位 when the
round is created (应报). A unit is 已报 when its report came in by the due day, 迟报 when
later, 未报 when nothing came and the day has passed, 待报 before it. Creating the next
round of a plan freezes the lights of the earlier open rounds into ``round_lights``, so each
round keeps the lights it had, and "红转黄 only when made up" can be judged: a task red in
the previous round stays red until its progress reaches what that round expected of it
(or a 延期 was approved since), however the dates moved.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import clock, feedback, outline, tracking
from models.errors import ImportFileError, InvalidOperationError, NotFoundError
from models.store import row_images
from models.store.db import Database
from models.supervision.pace import assigned_days, nodes_paces, task_period
from models.supervision.settings import supervision_settings
from models.text import deadlines
from models.text.units import split_names

log = logging.getLogger(__name__)

ROUND_STATES = ("on_time", "late", "missing", "pending")
META_ROUND = "round"  # the row the round's sheets add to the feedback meta sheet


@dataclass(slots=True)
class Round:
    """One reporting round of a plan."""

    id: int
    plan_id: int
    title: str
    due_date: str
    closed_on: str | None
    created_at: str | None = None


@dataclass(slots=True)
class RoundLight:
    """A task's light and pace in a round; ``previous`` is its light in the round before."""

    task_id: int
    light: str  # red / yellow / green / grey; "" for a done or suspended task
    pace: str
    progress: int
    expected: int
    held: bool = False
    previous: str | None = None  # None: no earlier round, or the task was not in it


@dataclass(slots=True)
class UnitStatus:
    """One unit of a round: its report and the lights of its tasks."""

    unit: str
    state: str
    received_on: str | None
    received_from: str
    signed_by: str | None
    chased_on: str | None
    chase_count: int
    lights: dict[str, int] = field(default_factory=dict)
    tasks: int = 0

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        return {
            "unit": self.unit,
            "state": self.state,
            "received_on": self.received_on,
            "received_from": self.received_from,
            "signed_by": self.signed_by,
            "chased_on": self.chased_on,
            "chase_count": self.chase_count,
            "tasks": self.tasks,
            "lights": self.lights,
        }


@dataclass(slots=True)
class RoundStatus:
    """A round as the office follows it: per unit, counts, and every task's light."""

    round: Round
    plan_title: str
    as_of: dt.date
    units: list[UnitStatus]
    lights: dict[int, RoundLight]
    previous: Round | None

    @property
    def counts(self) -> dict[str, int]:
        """应报 (expected), 已报 in all (received) and by state."""
        out = {"expected": len(self.units)}
        for state in ROUND_STATES:
            out[state] = sum(1 for u in self.units if u.state == state)
        out["received"] = out["on_time"] + out["late"]
        return out

    @property
    def last_received(self) -> str | None:
        """The latest day a unit's report came in."""
        days = [u.received_on for u in self.units if u.received_on]
        return max(days) if days else None

    @property
    def to_chase(self) -> list[UnitStatus]:
        """催报 list: units whose report has not come in."""
        return [u for u in self.units if u.state in ("missing", "pending")]

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        r = self.round
        return {
            "round_id": r.id,
            "plan_id": r.plan_id,
            "plan_title": self.plan_title,
            "title": r.title,
            "due_date": r.due_date,
            "closed_on": r.closed_on,
            "as_of": self.as_of.isoformat(),
            "counts": self.counts,
            "last_received": self.last_received,
            "previous_round_id": self.previous.id if self.previous else None,
            "units": [u.as_json() for u in self.units],
            "to_chase": [u.unit for u in self.to_chase],
            "tasks": [
                {
                    "task_id": t.task_id,
                    "light": t.light,
                    "pace": t.pace,
                    "progress": t.progress,
                    "expected": t.expected,
                    "held": t.held,
                    "previous_light": t.previous,
                }
                for t in self.lights.values()
            ],
        }


def _row_round(row: Any) -> Round:
    return Round(
        row["id"],
        row["plan_id"],
        row["title"],
        row["due_date"],
        row["closed_on"],
        row["created_at"],
    )


def check_day(value: str | dt.date | None, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    day = deadlines.parse_iso(str(value or "").strip())
    if day is None:
        raise InvalidOperationError(f"{what}格式应为 2025-06-25。", detail=str(value))
    return day


def default_title(due: dt.date) -> str:
    """``2025年6月`` (the month a round reports on)."""
    return f"{due.year}年{due.month}月"


def get_round(db: Database, round_id: int) -> Round:
    """One round; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM report_rounds WHERE id = ?", (round_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {round_id} 的报送轮次。")
    return _row_round(row)


def list_rounds(db: Database, plan_id: int | None = None) -> list[Round]:
    """Rounds of a plan (or of all plans), by due day."""
    if plan_id is None:
        rows = db.query("SELECT * FROM report_rounds ORDER BY due_date, id")
    else:
        rows = db.query(
            "SELECT * FROM report_rounds WHERE plan_id = ? ORDER BY due_date, id", (plan_id,)
        )
    return [_row_round(r) for r in rows]


def previous_round(db: Database, rnd: Round) -> Round | None:
    """The round of the same plan just before ``rnd`` (by due day)."""
    row = db.query_one(
        "SELECT * FROM report_rounds WHERE plan_id = ? AND (due_date < ? OR "
        "(due_date = ? AND id < ?)) ORDER BY due_date DESC, id DESC LIMIT 1",
        (rnd.plan_id, rnd.due_date, rnd.due_date, rnd.id),
    )
    return _row_round(row) if row is not None else None


def create_round(
    db: Database, plan_id: int, due_date: str | dt.date, title: str | None = None
) -> int:
    """A new round of ``plan_id`` due on ``due_date``; earlier open rounds are frozen.

    Raises:
        InvalidOperationError: a bad date, a plan without 责任单位, or a round of the plan
            on the same day already.
    """
    due = check_day(due_date, "报送截止日期")
    outline.get_plan(db, plan_id)
    units = feedback.feedback_units(db, plan_id)
    if not units:
        raise InvalidOperationError("本计划的任务还没有填写责任单位，无法建立报送轮次。")
    if db.scalar(
        "SELECT 1 FROM report_rounds WHERE plan_id = ? AND due_date = ?",
        (plan_id, due.isoformat()),
    ):
        raise InvalidOperationError(f"本计划已有 {due.isoformat()} 截止的报送轮次。")
    title = (title or "").strip() or default_title(due)
    with db.transaction() as conn:
        for earlier in list_rounds(db, plan_id):
            if earlier.closed_on is None and earlier.due_date < due.isoformat():
                close_round(db, earlier.id)
        cur = conn.execute(
            "INSERT INTO report_rounds (plan_id, title, due_date) VALUES (?, ?, ?)",
            (plan_id, title, due.isoformat()),
        )
        round_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO round_units (round_id, unit) VALUES (?, ?)",
            [(round_id, unit) for unit in units],
        )
    log.info("created round %s of plan %s due %s (%d units)", round_id, plan_id, due, len(units))
    return round_id


def _as_of(rnd: Round, today: dt.date | None) -> dt.date:
    """A round is judged on its due day, or today while that day has not come."""
    return min(today or clock.today(), check_day(rnd.due_date, "报送截止日期"))


def _frozen_lights(db: Database, round_id: int) -> dict[int, RoundLight]:
    return {
        int(r["task_id"]): RoundLight(
            int(r["task_id"]),
            r["light"],
            r["pace"],
            int(r["progress"]),
            int(r["expected"]),
            bool(r["held"]),
        )
        for r in db.query("SELECT * FROM round_lights WHERE round_id = ?", (round_id,))
    }


def _extended_since(db: Database, day: str) -> set[int]:
    """Tasks with a 延期 approved on or after ``day``."""
    rows = db.query(
        "SELECT DISTINCT task_id FROM item_closings WHERE action = 'extend' AND acted_on >= ?",
        (day,),
    )
    return {int(r[0]) for r in rows}


def compute_lights(db: Database, rnd: Round, today: dt.date | None = None) -> dict[int, RoundLight]:
    """The lights of a round's plan tasks now (not the frozen ones).

    Red: overdue or 欠进度. A task red in the previous round whose progress is still below
    what that round expected stays red (``held``), unless a 延期 was approved since.
    """
    day = _as_of(rnd, today)
    plan = outline.get_plan(db, rnd.plan_id)
    nodes = [n for n in outline.load_outline(db, rnd.plan_id) if n.kind == "task"]
    settings = tracking.tracking_settings(db)
    paces = nodes_paces(db, nodes, plan.year, day, supervision_settings(db))
    prev = previous_round(db, rnd)
    before = _lights_of(db, prev) if prev is not None else {}
    extended = _extended_since(db, prev.closed_on or prev.due_date) if prev else set()
    assigned = assigned_days(db)
    out: dict[int, RoundLight] = {}
    for node in nodes:
        start, _due = task_period(node, plan.year, assigned.get(node.id))
        base = tracking.light_for(
            status=node.status,
            progress=node.progress,
            due=node.due_date,
            today=day,
            within=settings.within_days,
            margin=settings.behind_margin,
            start=start,
        )
        pace = paces[node.id]
        light = base or ""
        if light and pace.pace == "behind":
            light = "red"
        last = before.get(node.id)
        held = False
        if (
            last is not None
            and last.light == "red"
            and light not in ("", "red")
            and node.progress < last.expected
            and node.id not in extended
        ):
            light, held = "red", True
        out[node.id] = RoundLight(
            node.id,
            light,
            pace.pace,
            node.progress,
            pace.expected,
            held,
            last.light if last is not None else None,
        )
    return out


def _lights_of(db: Database, rnd: Round) -> dict[int, RoundLight]:
    if rnd.closed_on is not None:
        return _frozen_lights(db, rnd.id)
    return compute_lights(db, rnd)


def round_lights(
    db: Database, round_id: int, today: dt.date | None = None
) -> dict[int, RoundLight]:
    """The lights of a round: frozen when it is closed, else computed now."""
    rnd = get_round(db, round_id)
    lights = _frozen_lights(db, round_id) if rnd.closed_on else compute_lights(db, rnd, today)
    prev = previous_round(db, rnd)
    if prev is not None and rnd.closed_on:
        before = _lights_of(db, prev)
        for light in lights.values():
            last = before.get(light.task_id)
            light.previous = last.light if last is not None else None
    return lights


def close_round(db: Database, round_id: int, on: dt.date | None = None) -> None:
    """Freeze a round's lights into the history (the office closes the round)."""
    rnd = get_round(db, round_id)
    if rnd.closed_on is not None:
        raise InvalidOperationError("该报送轮次已经结束。")
    lights = compute_lights(db, rnd, on)
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO round_lights (round_id, task_id, light, pace, progress, expected, held) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (round_id, t.task_id, t.light, t.pace, t.progress, t.expected, int(t.held))
                for t in lights.values()
            ],
        )
        conn.execute(
            "UPDATE report_rounds SET closed_on = ? WHERE id = ?",
            ((on or clock.today()).isoformat(), round_id),
        )


def reopen_round(db: Database, round_id: int) -> tuple[str | None, list[dict[str, Any]]]:
    """Undo of :func:`close_round`: forget the frozen lights; returns them for
    :func:`refreeze` (the closing day and the rows)."""
    rnd = get_round(db, round_id)
    rows = [dict(r) for r in db.query("SELECT * FROM round_lights WHERE round_id = ?", (round_id,))]
    with db.transaction() as conn:
        conn.execute("DELETE FROM round_lights WHERE round_id = ?", (round_id,))
        conn.execute("UPDATE report_rounds SET closed_on = NULL WHERE id = ?", (round_id,))
    return rnd.closed_on, rows


def refreeze(
    db: Database, round_id: int, closed_on: str | None, rows: list[dict[str, Any]]
) -> None:
    """Redo of a closing: the same frozen lights as before :func:`reopen_round`."""
    with db.transaction() as conn:
        restore_round(db, {"round_lights": rows})
        conn.execute("UPDATE report_rounds SET closed_on = ? WHERE id = ?", (closed_on, round_id))


def remove_round(db: Database, round_id: int) -> dict[str, list[dict[str, Any]]]:
    """Delete a round with its units and lights; returns the rows for :func:`restore_round`."""
    get_round(db, round_id)
    rows = {
        "report_rounds": db.query("SELECT * FROM report_rounds WHERE id = ?", (round_id,)),
        "round_units": db.query("SELECT * FROM round_units WHERE round_id = ?", (round_id,)),
        "round_lights": db.query("SELECT * FROM round_lights WHERE round_id = ?", (round_id,)),
    }
    with db.transaction() as conn:
        conn.execute("DELETE FROM report_rounds WHERE id = ?", (round_id,))
    return {table: [dict(r) for r in found] for table, found in rows.items()}


def restore_round(db: Database, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Put back a round removed by :func:`remove_round`, with the same ids."""
    with db.transaction() as conn:
        for table in ("report_rounds", "round_units", "round_lights"):
            for row in rows.get(table, []):
                cols = list(row)
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) "
                    f"VALUES ({', '.join('?' for _ in cols)})",
                    tuple(row.values()),
                )


# ---------------------------------------------------------------- status
def unit_state(received_on: str | None, due: str, as_of: dt.date) -> str:
    """已报 / 迟报 / 未报 / 待报 of one unit (ISO dates compare as text)."""
    if received_on:
        return "late" if received_on > due else "on_time"
    return "missing" if as_of.isoformat() > due else "pending"


def round_status(db: Database, round_id: int, today: dt.date | None = None) -> RoundStatus:
    """Per unit 应报/已报/迟报/未报 with the lights of its tasks, as of today."""
    rnd = get_round(db, round_id)
    plan = outline.get_plan(db, rnd.plan_id)
    today = today or clock.today()
    lights = round_lights(db, round_id, today)
    by_unit: dict[str, list[int]] = {}
    for node in outline.load_outline(db, rnd.plan_id):
        if node.kind == "task":
            for name in split_names(node.owner_unit or ""):
                by_unit.setdefault(name, []).append(node.id)
    units: list[UnitStatus] = []
    for r in db.query("SELECT * FROM round_units WHERE round_id = ? ORDER BY id", (round_id,)):
        mine = by_unit.get(r["unit"], [])
        counts: dict[str, int] = dict.fromkeys(tracking.LIGHTS, 0)
        for task_id in mine:
            light = lights.get(task_id)
            if light is not None and light.light:
                counts[light.light] += 1
        units.append(
            UnitStatus(
                r["unit"],
                unit_state(r["received_on"], rnd.due_date, today),
                r["received_on"],
                r["received_from"],
                r["signed_by"],
                r["chased_on"],
                int(r["chase_count"]),
                counts,
                len(mine),
            )
        )
    return RoundStatus(rnd, plan.title, _as_of(rnd, today), units, lights, previous_round(db, rnd))


# ---------------------------------------------------------------- receiving and chasing
def _unit_row(db: Database, round_id: int, unit: str) -> Any:
    row = db.query_one(
        "SELECT * FROM round_units WHERE round_id = ? AND unit = ?", (round_id, unit)
    )
    if row is None:
        raise InvalidOperationError(f"“{unit}”不在本轮应报单位之列。")
    return row


_UNIT_FIELDS = ("received_on", "received_from", "signed_by", "chased_on", "chase_count")


def unit_values(db: Database, round_id: int, unit: str) -> dict[str, Any]:
    """A unit's report fields in a round (what :func:`restore_unit` takes)."""
    row = _unit_row(db, round_id, unit)
    return {k: row[k] for k in _UNIT_FIELDS}


def mark_received(
    db: Database,
    round_id: int,
    unit: str,
    received_on: str | dt.date | None = None,
    *,
    signed_by: str | None = None,
    received_from: str = "",
) -> dict[str, Any]:
    """Record that ``unit`` reported (paper or sheet); returns the previous values (undo)."""
    get_round(db, round_id)
    day = check_day(received_on or clock.today(), "报送日期")
    row = _unit_row(db, round_id, unit)
    old = {k: row[k] for k in _UNIT_FIELDS}
    with db.transaction() as conn:
        conn.execute(
            "UPDATE round_units SET received_on = ?, received_from = ?, signed_by = ? WHERE id = ?",
            (day.isoformat(), received_from, (signed_by or "").strip() or None, row["id"]),
        )
    return old


def restore_unit(db: Database, round_id: int, unit: str, old: dict[str, Any]) -> None:
    """Put a unit's report fields back (undo of receiving or chasing)."""
    row = _unit_row(db, round_id, unit)
    sets = ", ".join(f"{k} = ?" for k in old)
    with db.transaction() as conn:
        conn.execute(f"UPDATE round_units SET {sets} WHERE id = ?", (*old.values(), row["id"]))


def chase(db: Database, round_id: int, on: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """催报: record a reminder to every unit that has not reported; returns old values by unit."""
    status = round_status(db, round_id, on)
    day = (on or clock.today()).isoformat()
    old: dict[str, dict[str, Any]] = {}
    with db.transaction() as conn:
        for u in status.to_chase:
            row = _unit_row(db, round_id, u.unit)
            old[u.unit] = {k: row[k] for k in _UNIT_FIELDS}
            conn.execute(
                "UPDATE round_units SET chased_on = ?, chase_count = chase_count + 1 WHERE id = ?",
                (day, row["id"]),
            )
    return old


def sheet_round_id(path: str | Path) -> int | None:
    """The round a feedback sheet was issued for (None for a sheet issued without one)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # a damaged file: read_feedback reports it properly
        raise ImportFileError("反馈表已损坏，无法读取。", path=str(path), detail=str(exc)) from exc
    try:
        if feedback.META_SHEET not in wb.sheetnames:
            return None
        for row in wb[feedback.META_SHEET].iter_rows(values_only=True):
            if row and row[0] == META_ROUND and len(row) > 1 and str(row[1]).isdigit():
                return int(row[1])
        return None
    finally:
        wb.close()


@dataclass(slots=True)
class Receipt:
    """What receiving a sheet did, for the report and for undo."""

    round_id: int
    unit: str
    state: str
    applied: list[feedback.AppliedEntry]
    old_unit: dict[str, Any]
    preview: feedback.FeedbackPreview
    # whole-row images of the tasks and notes the sheet touched (exact undo)
    images: row_images.Recorded = field(default_factory=row_images.Recorded)


def receive_sheet(
    db: Database,
    round_id: int,
    path: str | Path,
    *,
    received_on: str | dt.date | None = None,
    signed_by: str | None = None,
    include_conflicts: bool = False,
) -> Receipt:
    """Apply a returned sheet and mark its unit as reported, in one transaction.

    Raises:
        ImportFileError: the sheet belongs to another plan or another round.
        InvalidOperationError: its unit is not expected in this round.
    """
    rnd = get_round(db, round_id)
    preview = feedback.read_feedback(db, path, plan_id=rnd.plan_id)
    sheet_round = sheet_round_id(path)
    if sheet_round is not None and sheet_round != round_id:
        raise ImportFileError(
            "这份反馈表属于另一个报送轮次，未导入任何内容。",
            path=str(path),
            detail=f"sheet round {sheet_round}, expected {round_id}",
        )
    day = check_day(received_on or clock.today(), "报送日期")
    _unit_row(db, round_id, preview.unit)
    task_ids = [r.task_id for r in preview.rows if r.task_id is not None]

    def change() -> list[feedback.AppliedEntry]:
        return feedback.apply_feedback(
            db, preview, include_conflicts=include_conflicts, entry_date=day.isoformat()
        )

    with db.transaction():
        applied, images = row_images.record(
            db, change, {"nodes": task_ids}, grows=("progress_log",)
        )
        old = mark_received(
            db,
            round_id,
            preview.unit,
            day,
            signed_by=signed_by,
            received_from=Path(path).name,
        )
    state = unit_state(day.isoformat(), rnd.due_date, day)
    log.info("round %s: %s reported on %s (%s)", round_id, preview.unit, day, state)
    return Receipt(round_id, preview.unit, state, applied, old, preview, images)


def undo_receipt(db: Database, receipt: Receipt) -> None:
    """Take back a received sheet: its progress notes and the unit's mark."""
    with db.transaction():
        row_images.put_back(db, receipt.images.before)
        restore_unit(db, receipt.round_id, receipt.unit, receipt.old_unit)
