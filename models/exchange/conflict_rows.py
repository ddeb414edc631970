"""What a conflicting row is, for the window's conflict list: its kind and its readable text.

The conflict itself names a table and a uuid only; the row as it is here says what it is (a
section or a task, the task's text). A row deleted here has nothing to read: the caller then
shows the packet's values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.store.db import Database

# table -> the column a person recognises the row by
_TEXT = {
    "plans": "title",
    "checkpoints": "title",
    "progress_log": "text",
    "units": "name",
    "evidence": "name",
}


def describe(db: Database, table: str, uuid: str) -> tuple[str, str]:
    """(what, text) of the local row: ``what`` is the table, or for a node its kind
    (section / task); ``text`` is "" when the row is not here (or has none)."""
    if table == "nodes":
        row = db.query_one("SELECT kind, heading, text FROM nodes WHERE uuid = ?", (uuid,))
        if row is None:
            return table, ""
        kind, heading, text = row
        return str(kind), str(text or heading or "")
    column = _TEXT.get(table)
    if column is None:
        return table, ""
    text = db.scalar(f"SELECT {column} FROM {table} WHERE uuid = ?", (uuid,))
    return table, "" if text is None else str(text)
