"""The travelling rows of one owner as tables keyed by uuid, in an APSW connection.

A projection is what the session extension diffs and applies: each travelling table becomes
``<table>(uuid TEXT PRIMARY KEY, …)`` without the local id, owner and local-only columns, and
every column in ``Travel.refs`` holds the uuid of the row it names instead of a local id. Two
offices' projections of the same rows are therefore equal, byte for byte, whatever their ids.

APSW only ever works on projections (in memory, or the per-recipient file of the state last
sent); the database file itself is read and written through the program's own sqlite3
connection, so its writer's lock and file guard (models/store/db_guard.py) stay in charge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import apsw

from models.exchange.travel import TRAVELLING, Travel

if TYPE_CHECKING:
    from models.store.db import Database

_SKIPPED = {"id", "uuid", "owner"}


def columns(db: Database, spec: Travel) -> list[str]:
    """The projected columns of a table after uuid, in the table's own order (so a column a
    later schema appends is appended here too, as a changeset from an older schema expects)."""
    names = [r[1] for r in db.query(f"PRAGMA table_info({spec.table})")]
    return [c for c in names if c not in _SKIPPED and c not in spec.local]


def all_columns(db: Database) -> dict[str, list[str]]:
    return {spec.table: columns(db, spec) for spec in TRAVELLING}


def create(conn: apsw.Connection, schema: str, table_columns: dict[str, list[str]]) -> None:
    """Make the projection tables in ``schema`` (adding columns a newer schema brought)."""
    for table, cols in table_columns.items():
        have = [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]
        if not have:
            body = ", ".join(["uuid TEXT PRIMARY KEY NOT NULL", *cols])
            conn.execute(f"CREATE TABLE {schema}.{table} ({body})")
            continue
        for col in cols:
            if col not in have:
                conn.execute(f"ALTER TABLE {schema}.{table} ADD COLUMN {col}")


def select_sql(spec: Travel, cols: list[str]) -> str:
    """SELECT of a table's rows of one owner (parameter: the owner, NULL = own rows)."""
    parts = ["t.uuid"]
    for col in cols:
        ref = spec.refs.get(col)
        parts.append(f"(SELECT r.uuid FROM {ref} r WHERE r.id = t.{col})" if ref else f"t.{col}")
    return f"SELECT {', '.join(parts)} FROM {spec.table} t WHERE t.owner IS ?"


def fill(db: Database, conn: apsw.Connection, schema: str, owner: str | None) -> dict[str, int]:
    """Project the rows of ``owner`` (None: this office's own) into empty tables of ``schema``;
    returns the row count per table."""
    counts = {}
    table_columns = all_columns(db)
    create(conn, schema, table_columns)
    for spec in TRAVELLING:
        cols = table_columns[spec.table]
        rows = db.query(select_sql(spec, cols), (owner,))
        marks = ", ".join("?" for _ in range(len(cols) + 1))
        conn.executemany(
            f"INSERT INTO {schema}.{spec.table} VALUES ({marks})", [tuple(r) for r in rows]
        )
        counts[spec.table] = len(rows)
    return counts


def keep_for(db: Database, conn: apsw.Connection, recipient: str) -> int:
    """Leave out of the own rows in ``main`` those the recipient could not place: rows that
    name (directly or through other own rows) a row of a third office. The county's 批示 on
    a task of township A go to A only; its own plans go to everyone. Returns rows left out."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS theirs (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.theirs")
    for spec in TRAVELLING:
        rows = db.query(f"SELECT uuid FROM {spec.table} WHERE owner = ?", (recipient,))
        conn.executemany("INSERT OR IGNORE INTO temp.theirs VALUES (?)", [tuple(r) for r in rows])
    dropped = 0
    while True:
        before = conn.total_changes()
        for spec in TRAVELLING:
            for col, ref in spec.refs.items():
                conn.execute(
                    f"DELETE FROM main.{spec.table} WHERE {col} IS NOT NULL "
                    f"AND {col} NOT IN (SELECT uuid FROM main.{ref}) "
                    f"AND {col} NOT IN (SELECT uuid FROM temp.theirs)"
                )
        if conn.total_changes() == before:
            return dropped
        dropped += conn.total_changes() - before


def snapshot(db: Database, owner: str | None) -> dict[str, dict[str, tuple[Any, ...]]]:
    """The projection as plain data, {table: {uuid: row}} (tests compare two offices)."""
    out = {}
    for spec in TRAVELLING:
        cols = columns(db, spec)
        out[spec.table] = {r[0]: tuple(r) for r in db.query(select_sql(spec, cols), (owner,))}
    return out


def memory() -> apsw.Connection:
    """An in-memory APSW connection for one export or import."""
    return apsw.Connection(":memory:")
