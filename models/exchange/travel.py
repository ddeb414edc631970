"""The ONE declaration of the tables whose rows travel between offices, and their identity.

Every travelling row has ``uuid`` (global, filled by an AFTER INSERT trigger, so every insert
path gets one: GUI, CLI, rollover, import, undo) and ``owner`` (the uuid of the office that
owns it; NULL = this office's own row, which is what every local insert path writes).
Columns that name another row by its local integer id are listed in ``refs``: in a packet
they carry the uuid of that row instead, and the receiver maps it back to its own id.

No APSW here: models/store/migrations.py imports this module.
"""

from __future__ import annotations

import sqlite3
import uuid as _uuid
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Travel:
    """One travelling table."""

    table: str
    # column -> table whose uuid the column carries in a packet (local ids differ)
    refs: dict[str, str] = field(default_factory=dict)
    # columns that stay home: a local time stamp would make every pair of edits a conflict
    local: frozenset[str] = frozenset({"updated_at"})
    # a shared vocabulary (units): a received row whose key exists here merges into it
    merge_by: tuple[str, ...] = ()


# Parents before children: inserts go in this order, deletes in the reverse one.
# Evidence: a stored file is shared by content (sha256, the same in every office) and merges
# like a unit name; its link names the task (and checkpoint or progress note) it documents.
TRAVELLING: tuple[Travel, ...] = (
    Travel("plans", {"source_plan_id": "plans"}),
    Travel("nodes", {"plan_id": "plans", "parent_id": "nodes", "carried_from": "nodes"}),
    Travel("checkpoints", {"task_id": "nodes"}),
    Travel("progress_log", {"task_id": "nodes"}),
    Travel("units", merge_by=("kind", "name")),
    Travel("evidence_files", merge_by=("sha256",)),
    Travel(
        "evidence",
        {"task_id": "nodes", "checkpoint_id": "checkpoints", "progress_id": "progress_log"},
    ),
)
BY_NAME = {t.table: t for t in TRAVELLING}

OFFICE_KINDS = ("乡镇", "部门", "县督查室")

# A version-4 UUID in SQL without a subquery, so each row (and each trigger run) draws anew.
UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)

OFFICES_SQL = (
    "CREATE TABLE offices (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    uuid TEXT NOT NULL UNIQUE,\n"
    "    code TEXT NOT NULL UNIQUE,        -- 机构代码 / 区划代码, what --to names\n"
    "    name TEXT NOT NULL,\n"
    f"    kind TEXT NOT NULL CHECK (kind IN ({', '.join(repr(k) for k in OFFICE_KINDS)})),\n"
    "    is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1))\n"
    ")"
)
# Every packet sent or applied: the sequence per (direction, peer) and the audit trail.
EXCHANGE_LOG_SQL = (
    "CREATE TABLE exchange_log (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),\n"
    "    peer TEXT NOT NULL,                 -- office code: recipient (out) or sender (in)\n"
    "    seq INTEGER NOT NULL,\n"
    "    sha256 TEXT NOT NULL,\n"
    "    file TEXT NOT NULL,                 -- the kept copy of the packet\n"
    "    changes INTEGER NOT NULL DEFAULT 0,\n"
    "    conflicts TEXT NOT NULL DEFAULT '[]',  -- JSON: each conflict and how it was decided\n"
    "    at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),\n"
    "    UNIQUE (direction, peer, seq)\n"
    ")"
)


def add_identity(conn: sqlite3.Connection, table: str) -> None:
    """Give ``table`` its uuid (unique, filled for existing rows and by a trigger for new ones)
    and its owner column (NULL: this office's own row)."""
    conn.execute(f"ALTER TABLE {table} ADD COLUMN uuid TEXT")
    conn.execute(f"ALTER TABLE {table} ADD COLUMN owner TEXT REFERENCES offices(uuid)")
    ids = [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE uuid IS NULL")]
    conn.executemany(
        f"UPDATE {table} SET uuid = ? WHERE id = ?", [(str(_uuid.uuid4()), i) for i in ids]
    )
    conn.execute(f"CREATE UNIQUE INDEX idx_{table}_uuid ON {table}(uuid)")
    conn.execute(f"CREATE INDEX idx_{table}_owner ON {table}(owner)")
    # AFTER INSERT, since ALTER TABLE cannot add a column with a non-constant DEFAULT; a row
    # inserted with its uuid (undo putting a row back, a received row) keeps it
    conn.execute(
        f"CREATE TRIGGER {table}_uuid AFTER INSERT ON {table} WHEN new.uuid IS NULL BEGIN "
        f"UPDATE {table} SET uuid = {UUID_SQL} WHERE id = new.id; END"
    )
