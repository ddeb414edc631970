"""Issue numbers of the numbered 督查 documents: per kind, office and year (2025年第3期).

An issue is recorded when its document is written, so the next one gets the next number;
only the latest issue of a series can be taken back, so numbers never have gaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import clock
from models.errors import InvalidOperationError, NotFoundError
from models.store.db import Database

# Kinds that carry an issue number: 政务督查通报 and 督查专报
NUMBERED_KINDS = ("bulletin", "special")


@dataclass(slots=True)
class Issue:
    """One numbered document as issued."""

    id: int
    kind: str
    office: str
    year: int
    number: int
    title: str
    round_id: int | None
    issued_on: str

    @property
    def label(self) -> str:
        """``2025年第3期``."""
        return issue_label(self.year, self.number)


def issue_label(year: int, number: int) -> str:
    """``2025年第3期``."""
    return f"{year}年第{number}期"


def next_number(db: Database, kind: str, office: str, year: int) -> int:
    """The number the next issue of this series will get."""
    last = db.scalar(
        "SELECT max(number) FROM issued_documents WHERE kind = ? AND office = ? AND year = ?",
        (kind, office, year),
    )
    return int(str(last or 0)) + 1


def issue(
    db: Database,
    kind: str,
    office: str,
    *,
    title: str = "",
    round_id: int | None = None,
    on: dt.date | None = None,
) -> Issue:
    """Record the next issue of a series (the year is that of ``on``, default today)."""
    if kind not in NUMBERED_KINDS:
        raise InvalidOperationError(detail=f"{kind} is not a numbered kind")
    day = on or clock.today()
    office = (office or "").strip()
    with db.transaction() as conn:
        number = next_number(db, kind, office, day.year)
        cur = conn.execute(
            "INSERT INTO issued_documents (kind, office, year, number, title, round_id, "
            "issued_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, office, day.year, number, title, round_id, day.isoformat()),
        )
    return Issue(
        int(cur.lastrowid or 0), kind, office, day.year, number, title, round_id, day.isoformat()
    )


def list_issues(db: Database, kind: str | None = None) -> list[Issue]:
    """Every issue (of one kind), oldest first."""
    sql = "SELECT id, kind, office, year, number, title, round_id, issued_on FROM issued_documents"
    params: tuple = ()
    if kind is not None:
        sql += " WHERE kind = ?"
        params = (kind,)
    return [Issue(*r) for r in db.query(sql + " ORDER BY year, kind, office, number", params)]


def withdraw(db: Database, issue_id: int) -> Issue:
    """Take back an issue (undo); only the latest of its series. Returns it for redo."""
    row = db.query_one(
        "SELECT id, kind, office, year, number, title, round_id, issued_on "
        "FROM issued_documents WHERE id = ?",
        (issue_id,),
    )
    if row is None:
        raise NotFoundError("找不到该期文件。")
    found = Issue(*row)
    if next_number(db, found.kind, found.office, found.year) != found.number + 1:
        raise InvalidOperationError("只能撤回最新一期。")
    with db.transaction() as conn:
        conn.execute("DELETE FROM issued_documents WHERE id = ?", (issue_id,))
    return found


def reissue(db: Database, found: Issue) -> None:
    """Redo of :func:`withdraw`: the same issue with the same id and number."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO issued_documents (id, kind, office, year, number, title, round_id, "
            "issued_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                found.id,
                found.kind,
                found.office,
                found.year,
                found.number,
                found.title,
                found.round_id,
                found.issued_on,
            ),
        )
