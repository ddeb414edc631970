"""A round's life: create (freezing the earlier open rounds), close, reopen, remove, restore."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from models import clock, feedback, outline
from models.errors import InvalidOperationError
from models.store.db import Database
from models.supervision.rounds.lights import compute_lights
from models.supervision.rounds.reading import get_round, list_rounds
from models.supervision.rounds.shapes import check_day, default_title

log = logging.getLogger(__name__)


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
