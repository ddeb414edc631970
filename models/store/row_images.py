"""Whole-row images for exact undo: the rows a change touches, before and after it.

A change that edits rows in place (a field edit, a move, a progress note with its task's
progress) re-stamps ``updated_at`` and may append rows (a progress note, a logged field
change). Putting the *old values* back would stamp the row again; putting the whole
*before image* back restores it to the letter, timestamps included. :func:`record`
takes the images around one change; :func:`put_back` writes either side back in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from models.store.db import Database

T = TypeVar("T")

# Parents before children: inserts go in this order, deletes in the reverse one.
TABLE_ORDER = ("plans", "nodes", "checkpoints", "progress_log", "field_changes", "units")

Image = dict[str, dict[int, dict[str, Any] | None]]  # table → id → row (None: no such row)


@dataclass(slots=True)
class Recorded:
    """The rows one change touched: as they were before it and as it left them."""

    before: Image = field(default_factory=dict)
    after: Image = field(default_factory=dict)

    def merge(self, later: Recorded) -> None:
        """Absorb a later change of the same rows (merged undo steps keep the first before)."""
        for table, rows in later.before.items():
            mine = self.before.setdefault(table, {})
            for row_id, row in rows.items():
                mine.setdefault(row_id, row)
        for table, rows in later.after.items():
            self.after.setdefault(table, {}).update(rows)

    @property
    def changed(self) -> bool:
        """False when the change left every row as it was."""
        return _without_stamp(self.before) != _without_stamp(self.after)


def _without_stamp(image: Image) -> Image:
    return {
        t: {
            i: None if r is None else {k: v for k, v in r.items() if k != "updated_at"}
            for i, r in rows.items()
        }
        for t, rows in image.items()
    }


def _max_id(db: Database, table: str) -> int:
    return int(db.scalar(f"SELECT coalesce(max(id), 0) FROM {table}") or 0)


def capture(db: Database, rows: Mapping[str, Iterable[int]]) -> Image:
    """The current rows of ``rows`` (table → ids); a missing row is None."""
    image: Image = {}
    for table, ids in rows.items():
        wanted = list(dict.fromkeys(ids))
        found: dict[int, dict[str, Any] | None] = dict.fromkeys(wanted)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            for r in db.query(f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(chunk)):
                found[r["id"]] = dict(r)
        image[table] = found
    return image


def record(
    db: Database,
    change: Callable[[], T],
    rows: Mapping[str, Iterable[int]],
    grows: Iterable[str] = (),
) -> tuple[T, Recorded]:
    """Run ``change()`` and return its result with the images of the rows it touched.

    ``rows`` names the existing rows the change may edit (table → ids); ``grows`` the
    tables it may append to (their new rows are found by id, and their before image is
    "absent").
    """
    rows = {t: list(ids) for t, ids in rows.items()}
    grows = tuple(grows)
    start = {t: _max_id(db, t) for t in grows}
    before = capture(db, rows)
    result = change()
    for table in grows:
        new = [r[0] for r in db.query(f"SELECT id FROM {table} WHERE id > ?", (start[table],))]
        before.setdefault(table, {}).update(dict.fromkeys(new))
        rows[table] = [*rows.get(table, []), *new]
    return result, Recorded(before, capture(db, rows))


def put_back(db: Database, image: Image) -> None:
    """Make the rows of ``image`` exactly as it holds them, in one transaction."""
    tables = sorted(image, key=lambda t: TABLE_ORDER.index(t))
    with db.transaction() as conn:
        for table in reversed(tables):
            gone = [i for i, r in image[table].items() if r is None]
            for row_id in gone:
                conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        for table in tables:
            for row_id, row in image[table].items():
                if row is None:
                    continue
                cols = [c for c in row if c != "id"]
                cur = conn.execute(
                    f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                    (*(row[c] for c in cols), row_id),
                )
                if cur.rowcount == 0:
                    names = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    conn.execute(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values())
                    )
