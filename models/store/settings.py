"""The settings table (key → text): the one set of accessors for every stored setting.

Keys are named ``<area>.<name>`` (``backup.keep_daily``, ``tracking.due_within_days``,
``storage.journal_mode``); each area keeps its keys and defaults next to its rules.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.store.db import Database


def get_text(db: Database, key: str, default: str | None = None) -> str | None:
    """The stored text of ``key``, or ``default`` (also on a file without the table yet)."""
    try:
        value = db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
    except sqlite3.Error:  # a new or foreign file: no settings table
        return default
    return default if value is None else str(value)


def get_int(
    db: Database, key: str, default: int, *, low: int | None = None, high: int | None = None
) -> int:
    """An integer setting, clamped to [low, high]; ``default`` when absent or not a number."""
    try:
        value = int(get_text(db, key) or default)
    except ValueError:
        return default
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value


def set_value(db: Database, key: str, value: str | int | None) -> str | None:
    """Store ``value`` (None deletes the key: back to the default), in one transaction.

    Returns the previous text. Written with plain SQL inside :meth:`Database.transaction`:
    sqlite-utils' upsert would commit the caller's open transaction (README, "存储").
    """
    old = get_text(db, key)
    with db.transaction() as conn:
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )
    return old
