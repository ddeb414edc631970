"""Write tests/models/schemas/vN.sql: the frozen schema of version N, as the migrations make it.

Run once when a schema version is released (before a later step is appended to
models/store/migrations.py):  python tests/models/schemas/freeze_schema.py N
The file lists the CREATE statements in creation order (FTS5 shadow tables left out: SQLite
makes them) and the rows of tables that a migration fills (search_seq), so a test can build a
database exactly as PlanDesk version N left it, without committing any binary file.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FTS5_SHADOW = ("_data", "_idx", "_content", "_docsize", "_config")


def schema_sql(conn: sqlite3.Connection) -> str:
    """The SQL text that rebuilds the schema (and migration-filled rows) of ``conn``."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    virtual = {name for _t, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")}
    out = []
    for kind, name, sql in rows:
        if any(name == v + s for v in virtual for s in FTS5_SHADOW):
            continue
        out.append(sql.strip() + ";")
        if kind == "table" and name not in virtual:
            for row in conn.execute(f"SELECT * FROM {name}"):
                values = ", ".join("NULL" if v is None else repr(v) for v in row)
                out.append(f"INSERT INTO {name} VALUES ({values});")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    out.append(f"PRAGMA user_version = {version};")
    return "\n".join(out) + "\n"


def build_from_migrations(version: int) -> sqlite3.Connection:
    """An in-memory database brought to ``version`` by the first migration steps."""
    sys.path.insert(0, str(ROOT))
    from models.store.migrations import MIGRATIONS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    for step in range(version):
        MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA user_version = {step + 1}")
    return conn


def main(argv: list[str]) -> int:
    version = int(argv[1])
    text = schema_sql(build_from_migrations(version))
    target = HERE / f"v{version}.sql"
    target.write_text(
        f"-- PlanDesk schema version {version}, frozen by freeze_schema.py\n" + text,
        encoding="utf-8",
    )
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
