"""Reading rounds: one by id, a plan's rounds by due day, the round before another."""

from __future__ import annotations

from models.errors import NotFoundError
from models.store.db import Database
from models.supervision.rounds.shapes import Round, row_round


def get_round(db: Database, round_id: int) -> Round:
    """One round; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM report_rounds WHERE id = ?", (round_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {round_id} 的报送轮次。")
    return row_round(row)


def list_rounds(db: Database, plan_id: int | None = None) -> list[Round]:
    """Rounds of a plan (or of all plans), by due day."""
    if plan_id is None:
        rows = db.query("SELECT * FROM report_rounds ORDER BY due_date, id")
    else:
        rows = db.query(
            "SELECT * FROM report_rounds WHERE plan_id = ? ORDER BY due_date, id", (plan_id,)
        )
    return [row_round(r) for r in rows]


def previous_round(db: Database, rnd: Round) -> Round | None:
    """The round of the same plan just before ``rnd`` (by due day)."""
    row = db.query_one(
        "SELECT * FROM report_rounds WHERE plan_id = ? AND (due_date < ? OR "
        "(due_date = ? AND id < ?)) ORDER BY due_date DESC, id DESC LIMIT 1",
        (rnd.plan_id, rnd.due_date, rnd.due_date, rnd.id),
    )
    return row_round(row) if row is not None else None
