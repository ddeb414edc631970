"""Nodes copied from stored rows (rollover): one at a time or in batches, unchecked."""

from __future__ import annotations

from typing import Any

from models import clock
from models.outline.editing import insert_node
from models.store.db import Database


def insert_copied_node(
    db: Database, plan_id: int, parent_id: int | None, position: int, kind: str, values: dict
) -> int:
    """Append a node copied from stored rows (rollover), at a free ``position``.

    The values come from valid rows, so they are not checked again (a rollover copies
    thousands); the caller's transaction holds the whole copy.
    """
    with db.transaction() as conn:
        return insert_node(conn, plan_id, parent_id, position, kind, values)


def next_node_id(db: Database) -> int:
    """The id SQLite would give the next node (rowid = max + 1): lets a batch copy be planned."""
    return int(db.scalar("SELECT coalesce(max(id), 0) + 1 FROM nodes"))


def insert_copied_nodes(
    db: Database, rows: list[tuple[int, int, int | None, int, str, dict[str, Any]]]
) -> None:
    """Insert many copied nodes ``(id, plan_id, parent_id, position, kind, values)`` at once.

    The rows go through a trigger-less temp table into one INSERT…SELECT per column set:
    the search-index triggers then run once per statement instead of once per row, which
    made a rollover of 2,000 tasks five times slower than the copy itself. Ids come from
    :func:`next_node_id` inside the caller's transaction; sections must precede tasks that
    hang below them (the groups run in order of their first row).
    """
    now = clock.timestamp()
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for node_id, plan_id, parent_id, position, kind, values in rows:
        cols = (
            "id",
            "plan_id",
            "parent_id",
            "position",
            "kind",
            *values,
            "created_at",
            "updated_at",
        )
        groups.setdefault(cols, []).append(
            (node_id, plan_id, parent_id, position, kind, *values.values(), now, now)
        )
    with db.transaction() as conn:
        for n, (cols, values_list) in enumerate(groups.items()):
            temp = f"temp._copied_nodes_{n}"
            names = ", ".join(cols)
            conn.execute(f"DROP TABLE IF EXISTS {temp}")
            conn.execute(f"CREATE TABLE {temp} ({names})")
            marks = ", ".join("?" for _ in cols)
            conn.executemany(f"INSERT INTO {temp} VALUES ({marks})", values_list)
            conn.execute(f"INSERT INTO nodes ({names}) SELECT {names} FROM {temp} ORDER BY id")
            conn.execute(f"DROP TABLE {temp}")
