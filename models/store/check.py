"""Consistency check of a database: SQLite's own checks plus the outline's invariants.

``check(db)`` returns a list of problems, one short English line each (empty = sound). It is
what ``main.py check`` prints and what the crash-safety and fuzz tests assert on. It only
reads, except for FTS5's 'integrity-check' command, which is a read disguised as an INSERT
and therefore needs a writable connection (on a read-only one that part is skipped).
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import DatabaseOpenError, DatabaseTooNewError
from models.evidence import store as evidence_store
from models.store.db import read_only_uri
from models.store.migrations import MIGRATIONS, SCHEMA_VERSION
from models.vocab import PLAN_KIND, PLAN_STATUS, TASK_STATUS, TASK_STYLE

if TYPE_CHECKING:
    from models.store.db import Database

# Tables a file must have to be taken for a PlanDesk database.
REQUIRED_TABLES = frozenset({"plans", "nodes", "settings"})
# The FTS5 indexes PlanDesk creates (checked with FTS5's own integrity-check).
FTS_TABLES = ("nodes_fts", "nodes_grams", "progress_fts", "progress_grams")
# Stop listing one kind of problem after this many (a broken file can have thousands).
MAX_PER_KIND = 20


@functools.cache
def expected_schema(version: int) -> frozenset[tuple[str, str, str, str]]:
    """(type, name, table, SQL) of every schema object PlanDesk creates up to ``version``,
    from running the migrations on an empty database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step(conn)
        return frozenset(_schema_rows(conn))
    finally:
        conn.close()


def _schema_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [(str(t), str(n), str(tb), " ".join(str(sql or "").split())) for t, n, tb, sql in rows]


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """Schema objects that differ from PlanDesk's own (a foreign trigger, view, index, table).

    SQLite's own statistics tables (sqlite_stat1 …, written by ANALYZE) are allowed.
    Names from the file are only quoted in the messages, never put into SQL.
    """
    if not 0 < version <= SCHEMA_VERSION:
        return [f"schema: unknown version {version}"]
    expected = expected_schema(version)
    found = set(_schema_rows(conn))
    out = []
    for kind, name, _table, _sql in sorted(found - expected):
        if kind == "table" and name.startswith("sqlite_"):
            continue
        known = any((k, n) == (kind, name) for k, n, _t, _s in expected)
        what = "differs from PlanDesk's" if known else "is not PlanDesk's"
        out.append(f"schema: {kind} {name!r} {what}")
    for kind, name, _table, _sql in sorted(expected - found):
        if not any((k, n) == (kind, name) for k, n, _t, _s in found):
            out.append(f"schema: {kind} {name!r} is missing")
    return _limited("schema", out)


def check(db: Database) -> list[str]:
    """All problems found in the open database (empty list when it is sound)."""
    return check_connection(db.conn, read_only=db.read_only)


def check_file(path: str | os.PathLike[str]) -> tuple[int, list[str]]:
    """Check a database file without writing to it; returns (schema version, problems).

    The file is opened read-only and copied into memory with the backup API, where the full
    check (FTS included) runs. Works on a database another PlanDesk has open.

    Raises:
        DatabaseOpenError: missing, not SQLite, or not a PlanDesk database.
        DatabaseTooNewError: written by a newer PlanDesk.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseOpenError(detail=f"{path}: no such file")
    try:
        src = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(detail=f"{path}: {exc}") from exc
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        try:
            version = int(src.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:  # not SQLite at all
            raise DatabaseOpenError(detail=f"{path}: {exc}") from exc
        try:
            import sqlite_utils  # only here: see Database.sdb

            tables = set(sqlite_utils.Database(src, recursive_triggers=False).table_names())
        except sqlite3.DatabaseError as exc:  # a SQLite file with a damaged schema
            if version > SCHEMA_VERSION:
                raise DatabaseTooNewError(detail=f"{path}: version {version}") from exc
            return version, [f"integrity: {exc}"]
        if version > SCHEMA_VERSION:
            raise DatabaseTooNewError(detail=f"{path}: version {version} > {SCHEMA_VERSION}")
        if version < 1 or not REQUIRED_TABLES <= tables:
            raise DatabaseOpenError(detail=f"{path}: not a PlanDesk database")
        try:
            foreign = schema_problems(src, version)
        except sqlite3.DatabaseError as exc:
            return version, [f"integrity: {exc}"]
        if any(not p.endswith("is missing") for p in foreign):
            # nothing of the file runs before its schema is known to be ours
            return version, foreign
        try:
            src.backup(mem)
        except sqlite3.DatabaseError as exc:
            return version, [f"integrity: {exc}"]
        return version, check_connection(mem, version=version)
    finally:
        mem.close()
        src.close()


def check_connection(
    conn: sqlite3.Connection, *, version: int | None = None, read_only: bool = False
) -> list[str]:
    """The problems of the database behind ``conn`` (see :func:`check`).

    Args:
        conn: any connection to a PlanDesk database.
        version: its schema version (default: read from the file).
        read_only: skip the FTS check, which needs a writable connection.
    """
    problems: list[str] = []
    try:
        if version is None:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        problems += schema_problems(conn, version)
        if any(not p.endswith("is missing") for p in problems):
            return problems  # foreign objects: run nothing else on this file
        problems += _sqlite_checks(conn)
        if any(p.startswith("integrity:") for p in problems):
            return problems  # a damaged file: the row-level checks would only add noise
        problems += _outline_checks(conn)
        problems += _code_checks(conn)
        problems += _limited("evidence", evidence_store.check_problems(conn))
        if not read_only:
            problems += _fts_check(conn)
    except sqlite3.DatabaseError as exc:
        problems.append(f"integrity: {exc}")
    return problems


def _limited(kind: str, items: list[str]) -> list[str]:
    if len(items) <= MAX_PER_KIND:
        return items
    return items[:MAX_PER_KIND] + [f"{kind}: ... and {len(items) - MAX_PER_KIND} more"]


def _sqlite_checks(conn: sqlite3.Connection) -> list[str]:
    out = []
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        # one row may hold several lines ("*** in database main ***\nOn tree page ...")
        lines = [
            line.strip()
            for r in rows
            for line in str(r).splitlines()
            if line.strip() and not line.startswith("***")
        ]
        out += _limited("integrity", [f"integrity: {line}" for line in lines])
    fk = [
        f"foreign key: {r[0]} row {r[1]} refers to a missing {r[2]}"
        for r in conn.execute("PRAGMA foreign_key_check")
    ]
    out += _limited("foreign key", fk)
    return out


def _outline_checks(conn: sqlite3.Connection) -> list[str]:
    """Plans exist, parents in the same plan, dense positions, no cycles, tasks are leaves.

    Done in SQL: a county database holds 200,000 nodes, and dicts of all of them made this
    the slowest part of check() after the search indexes. Python only sees the bad rows.
    """
    missing_plan = [
        f"node {nid}: plan {plan_id} does not exist"
        for nid, plan_id in conn.execute(
            "SELECT n.id, n.plan_id FROM nodes n WHERE NOT EXISTS "
            "(SELECT 1 FROM plans p WHERE p.id = n.plan_id) ORDER BY n.id"
        )
    ]
    bad_parent, task_parent = [], []
    for nid, parent_id, plan_id, parent_plan in conn.execute(
        "SELECT n.id, n.parent_id, n.plan_id, p.plan_id FROM nodes n "
        "LEFT JOIN nodes p ON p.id = n.parent_id WHERE n.parent_id IS NOT NULL "
        "AND (p.id IS NULL OR p.plan_id IS NOT n.plan_id OR p.kind = 'task') ORDER BY n.id"
    ):
        if parent_plan is None:
            bad_parent.append(f"node {nid}: parent {parent_id} does not exist")
        elif parent_plan != plan_id:
            bad_parent.append(
                f"node {nid}: parent {parent_id} is in plan {parent_plan}, not {plan_id}"
            )
        else:
            task_parent.append(f"node {nid}: its parent {parent_id} is a task")
    positions = []
    for plan_id, parent_id, joined in conn.execute(
        "SELECT plan_id, parent_id, group_concat(position) FROM nodes "
        "GROUP BY plan_id, parent_id HAVING min(position) != 0 "
        "OR max(position) != count(*) - 1 OR count(DISTINCT position) != count(*) "
        "ORDER BY plan_id, coalesce(parent_id, 0)"
    ):
        pos = sorted(int(p) for p in str(joined).split(","))
        where = "top level" if parent_id is None else f"children of node {parent_id}"
        positions.append(
            f"positions: plan {plan_id} {where} has {pos[:12]}, expected 0..{len(pos) - 1}"
        )
    return (
        _limited("plan", missing_plan)
        + _limited("parent", bad_parent)
        + _limited("task", task_parent)
        + _limited("positions", positions)
        + _limited("cycle", _cycles(conn))
    )


def _cycles(conn: sqlite3.Connection) -> list[str]:
    """Nodes that are their own ancestor (or hang below such a loop).

    Every node reachable from a top-level node is sound; only the others (normally none)
    are walked up in Python. A walk that leaves them ends at a missing parent: no cycle.
    """
    # UNION ALL is safe: a node on a loop is never reachable from the top, so none repeats
    sound = (
        "WITH RECURSIVE sound(id) AS (SELECT id FROM nodes WHERE parent_id IS NULL "
        "UNION ALL SELECT n.id FROM nodes n JOIN sound s ON n.parent_id = s.id) "
    )
    reached, total = conn.execute(
        sound + "SELECT (SELECT count(*) FROM sound), (SELECT count(*) FROM nodes)"
    ).fetchone()
    if reached == total:
        return []
    rest = {
        r[0]: r[1]
        for r in conn.execute(
            sound + "SELECT id, parent_id FROM nodes WHERE id NOT IN sound ORDER BY id"
        )
    }
    cycles = []
    settled: set[int] = set()  # nodes known to reach the top level
    for start in rest:
        path: list[int] = []
        on_path: set[int] = set()
        current: int | None = start
        while current is not None and current not in settled and current in rest:
            if current in on_path:
                cycles.append(f"cycle: node {start} is its own ancestor (via {current})")
                break
            on_path.add(current)
            path.append(current)
            current = rest[current]
        else:
            settled.update(path)
    return cycles


def _code_checks(conn: sqlite3.Connection) -> list[str]:
    """Codes and ranges the application relies on."""
    out: list[str] = []

    def bad(sql: str, fmt: str, kind: str, params: tuple = ()) -> None:
        out.extend(_limited(kind, [fmt.format(*r) for r in conn.execute(sql, params)]))

    def marks(values: object) -> str:
        return ",".join("?" for _ in values)  # type: ignore[attr-defined]

    bad(
        "SELECT id, kind FROM nodes WHERE kind NOT IN ('section', 'task')",
        "node {0}: unknown kind {1!r}",
        "kind",
    )
    bad(
        f"SELECT id, status FROM nodes WHERE status NOT IN ({marks(TASK_STATUS)})",
        "node {0}: unknown status {1!r}",
        "status",
        tuple(TASK_STATUS),
    )
    bad(
        f"SELECT id, task_style FROM nodes WHERE task_style IS NOT NULL "
        f"AND task_style NOT IN ({marks(TASK_STYLE)})",
        "node {0}: unknown task style {1!r}",
        "task style",
        tuple(TASK_STYLE),
    )
    bad(
        "SELECT id, progress FROM nodes WHERE typeof(progress) != 'integer' "
        "OR progress NOT BETWEEN 0 AND 100",
        "node {0}: progress {1!r} outside 0..100",
        "progress",
    )
    bad(
        "SELECT id, progress_after FROM progress_log WHERE progress_after IS NOT NULL "
        "AND progress_after NOT BETWEEN 0 AND 100",
        "progress entry {0}: progress {1!r} outside 0..100",
        "progress",
    )
    bad(
        f"SELECT id, status FROM plans WHERE status NOT IN ({marks(PLAN_STATUS)})",
        "plan {0}: unknown status {1!r}",
        "plan status",
        tuple(PLAN_STATUS),
    )
    bad(
        f"SELECT id, kind FROM plans WHERE kind NOT IN ({marks(PLAN_KIND)})",
        "plan {0}: unknown kind {1!r}",
        "plan kind",
        tuple(PLAN_KIND),
    )
    return out


def _fts_check(conn: sqlite3.Connection) -> list[str]:
    """Every FTS5 index matches its table (FTS5 'integrity-check' with rank 1).

    With rank = 1 an external-content index (nodes_fts over nodes) is also compared with the
    rows of its content table; a contentless one (nodes_grams) is checked for consistency.
    """
    # the names come from PlanDesk's own schema, never from the file (schema_problems
    # has compared the two before)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = [t for t in FTS_TABLES if t in present]
    if "nodes_fts" not in tables:
        return ["fts: the search index nodes_fts is missing"]
    out = []
    for table in tables:
        try:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc):
                return []
            out.append(f"fts: the search index {table} does not match its table ({exc})")
    return out
