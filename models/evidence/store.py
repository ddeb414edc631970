"""佐证材料 in the database: the one owner of ``evidence`` and ``evidence_files``.

Why inside the database: the secretary backs up, restores, checks and carries (U盘, portable
mode) one file; a BLOB row is written in the same transaction as its link, so nothing is ever
half-stored, and the existing backup/restore/check/portable code keeps working unchanged.
Files are content-addressed: ``evidence_files`` has one row per distinct sha256, and the same
photo attached to two tasks is stored once.

A file row no link refers to any more is removed by :func:`remove_evidence` (the CLI), or
kept for undo (the window passes ``keep_file=True``) and removed by :func:`prune_files` when
the undo history ends (the document is closed).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models import outline
from models.errors import InvalidOperationError, NotFoundError
from models.evidence.files import Prepared, prepare
from models.store.db import Database, new_id
from models.vocab import NodeKind

log = logging.getLogger(__name__)

MAX_NOTE = 500

_COLUMNS = (
    "e.id, e.task_id, e.checkpoint_id, e.progress_id, e.sha256, e.name, e.note, e.created_at, "
    "f.size, f.kind, f.width, f.height, f.taken_at, f.latitude, f.longitude, "
    "f.thumb IS NOT NULL AS has_thumb"
)
_FROM = "evidence e JOIN evidence_files f ON f.sha256 = e.sha256"


@dataclass(slots=True)
class Evidence:
    """One attached file as the user sees it (the link and its file's facts)."""

    id: int
    task_id: int
    checkpoint_id: int | None
    progress_id: int | None
    sha256: str
    name: str
    note: str
    created_at: str
    size: int
    kind: str
    width: int | None
    height: int | None
    taken_at: str | None
    latitude: float | None
    longitude: float | None
    has_thumb: bool

    @property
    def place(self) -> str:
        """The GPS place as 北纬/东经 degrees, or ''."""
        if self.latitude is None or self.longitude is None:
            return ""
        ns = "北纬" if self.latitude >= 0 else "南纬"
        ew = "东经" if self.longitude >= 0 else "西经"
        return f"{ns}{abs(self.latitude):.5f}°，{ew}{abs(self.longitude):.5f}°"


def _evidence(row: sqlite3.Row) -> Evidence:
    values = dict(row)
    values["has_thumb"] = bool(values["has_thumb"])
    return Evidence(**values)


def _check_target(
    db: Database, task_id: int, checkpoint_id: int | None, progress_id: int | None
) -> None:
    node = outline.get_node(db, task_id)
    if node.kind != NodeKind.TASK:
        raise InvalidOperationError("佐证材料只能添加到任务上。", detail=f"node {task_id}")
    for table, row_id, what in (
        ("checkpoints", checkpoint_id, "节点"),
        ("progress_log", progress_id, "进展记录"),
    ):
        if row_id is None:
            continue
        owner = db.scalar(f"SELECT task_id FROM {table} WHERE id = ?", (row_id,))
        if owner != task_id:
            raise NotFoundError(f"该任务没有编号为 {row_id} 的{what}。", detail=f"{table} {row_id}")


def add_prepared(
    db: Database,
    task_id: int,
    files: Iterable[Prepared],
    *,
    note: str = "",
    checkpoint_id: int | None = None,
    progress_id: int | None = None,
) -> list[int]:
    """Store checked files and link them to a task in one transaction; returns the link ids."""
    files = list(files)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidOperationError(f"说明不能超过 {MAX_NOTE} 个字。", detail=str(len(note)))
    ids = []
    with db.transaction() as conn:
        _check_target(db, task_id, checkpoint_id, progress_id)
        for f in files:
            stored = conn.execute(
                "SELECT data FROM evidence_files WHERE sha256 = ?", (f.sha256,)
            ).fetchone()
            if stored is not None and hashlib.sha256(bytes(stored[0])).hexdigest() != f.sha256:
                # the stored copy was altered (check reports it): the original mends it
                conn.execute(
                    "UPDATE evidence_files SET data = ?, size = ? WHERE sha256 = ?",
                    (sqlite3.Binary(f.data), f.size, f.sha256),
                )
                log.warning("evidence file %s was altered; restored from %s", f.sha256, f.name)
            conn.execute(
                "INSERT OR IGNORE INTO evidence_files (sha256, size, kind, data, thumb, width, "
                "height, taken_at, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f.sha256,
                    f.size,
                    f.kind,
                    sqlite3.Binary(f.data),
                    f.thumb,
                    f.width,
                    f.height,
                    f.taken_at,
                    f.latitude,
                    f.longitude,
                ),
            )
            cur = conn.execute(
                "INSERT INTO evidence (task_id, checkpoint_id, progress_id, sha256, name, note) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (task_id, checkpoint_id, progress_id, f.sha256, f.name, note),
            )
            ids.append(new_id(cur))
    log.info("attached %d file(s) to task %d", len(ids), task_id)
    return ids


def add_evidence(
    db: Database,
    task_id: int,
    paths: Iterable[str | os.PathLike[str]],
    *,
    note: str = "",
    checkpoint_id: int | None = None,
    progress_id: int | None = None,
    reduce: bool = False,
) -> list[int]:
    """Read, check and attach files; one bad file refuses them all (nothing is stored).

    Raises:
        EvidenceFileError: a file is vanished, too big, a bomb, or not what its name says.
        NotFoundError / InvalidOperationError: no such task, checkpoint or progress note.
    """
    outline.get_node(db, task_id)  # a wrong task id is said before any file is read
    prepared = [prepare(p, reduce=reduce) for p in paths]
    if not prepared:
        raise InvalidOperationError("请选择要添加的文件。")
    return add_prepared(
        db, task_id, prepared, note=note, checkpoint_id=checkpoint_id, progress_id=progress_id
    )


def list_evidence(db: Database, task_id: int) -> list[Evidence]:
    """The files of a task, oldest first."""
    rows = db.query(f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.task_id = ? ORDER BY e.id", (task_id,))
    return [_evidence(r) for r in rows]


def get_evidence(db: Database, evidence_id: int) -> Evidence:
    """One attached file; NotFoundError if there is none with that id."""
    row = db.query_one(f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.id = ?", (evidence_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {evidence_id} 的佐证材料。", detail=str(evidence_id))
    return _evidence(row)


def evidence_data(db: Database, evidence_id: int) -> bytes:
    """The stored bytes of an attached file."""
    sha = get_evidence(db, evidence_id).sha256
    return bytes(db.scalar("SELECT data FROM evidence_files WHERE sha256 = ?", (sha,)))


def evidence_thumb(db: Database, evidence_id: int) -> bytes | None:
    """The JPEG thumbnail of an attached image, or None."""
    value = db.scalar(
        "SELECT f.thumb FROM evidence e JOIN evidence_files f ON f.sha256 = e.sha256 "
        "WHERE e.id = ?",
        (evidence_id,),
    )
    return None if value is None else bytes(value)


def remove_evidence(
    db: Database, evidence_ids: Iterable[int], *, keep_file: bool = False
) -> list[dict[str, Any]]:
    """Unlink files from their tasks; returns the rows for :func:`restore_evidence`.

    A file no link refers to any more is deleted too, unless ``keep_file`` (undo needs it).
    """
    ids = list(dict.fromkeys(evidence_ids))
    with db.transaction() as conn:
        rows = []
        for evidence_id in ids:
            row = db.query_one("SELECT * FROM evidence WHERE id = ?", (evidence_id,))
            if row is None:
                raise NotFoundError(
                    f"找不到编号为 {evidence_id} 的佐证材料。", detail=str(evidence_id)
                )
            rows.append(dict(row))
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
        if not keep_file:
            _prune(conn, {r["sha256"] for r in rows})
    return rows


def restore_evidence(db: Database, rows: list[dict[str, Any]]) -> None:
    """Put removed links back with the same ids (their files must still be stored)."""
    with db.transaction() as conn:
        for row in rows:
            cols = list(row)
            conn.execute(
                f"INSERT INTO evidence ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                tuple(row.values()),
            )


def _prune(conn: sqlite3.Connection, shas: Iterable[str] | None = None) -> int:
    where = "sha256 NOT IN (SELECT sha256 FROM evidence)"
    params: tuple[str, ...] = ()
    if shas is not None:
        shas = list(shas)
        if not shas:
            return 0
        where += f" AND sha256 IN ({','.join('?' for _ in shas)})"
        params = tuple(shas)
    return conn.execute(f"DELETE FROM evidence_files WHERE {where}", params).rowcount


def prune_files(db: Database) -> int:
    """Delete the stored files that no task refers to any more; returns how many."""
    if not db.scalar(
        "SELECT count(*) FROM evidence_files WHERE sha256 NOT IN (SELECT sha256 FROM evidence)"
    ):
        return 0  # no write (and no write lock) when there is nothing to remove
    with db.transaction() as conn:
        count = _prune(conn)
    log.info("pruned %d unreferenced evidence file(s)", count)
    return count


def counts_by_task(db: Database, plan_id: int | None = None) -> dict[int, int]:
    """task id → number of attached files (tasks without any are absent)."""
    sql = "SELECT e.task_id, count(*) FROM evidence e"
    params: tuple[int, ...] = ()
    if plan_id is not None:
        sql += " JOIN nodes n ON n.id = e.task_id WHERE n.plan_id = ?"
        params = (plan_id,)
    return {r[0]: r[1] for r in db.query(sql + " GROUP BY e.task_id", params)}


def tasks_without_evidence(db: Database, plan_id: int) -> list[int]:
    """Ids of the tasks of a plan that have no evidence, in outline order."""
    have = counts_by_task(db, plan_id)
    nodes = outline.order_depth_first(outline.load_outline(db, plan_id))
    return [n.id for n in nodes if n.kind == NodeKind.TASK and n.id not in have]


# ---------------------------------------------------------------- check
def check_problems(conn: sqlite3.Connection) -> list[str]:
    """Stored files whose bytes no longer match their sha256 or size, and links to a file
    that is missing (models/store/check.py adds these to its report)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"evidence", "evidence_files"} <= tables:
        return []
    out = []
    for row in conn.execute(
        "SELECT e.id, e.name, e.sha256 FROM evidence e WHERE NOT EXISTS "
        "(SELECT 1 FROM evidence_files f WHERE f.sha256 = e.sha256) ORDER BY e.id"
    ):
        out.append(f"evidence {row[0]} ({row[1]}): its file {row[2][:12]} is missing")
    # one row at a time: a database of photos is far larger than what is kept in memory
    for file_id, sha, size in conn.execute(
        "SELECT id, sha256, size FROM evidence_files ORDER BY id"
    ).fetchall():
        data = conn.execute("SELECT data FROM evidence_files WHERE id = ?", (file_id,)).fetchone()
        blob = bytes(data[0]) if data and data[0] is not None else b""
        if hashlib.sha256(blob).hexdigest() != sha or len(blob) != size:
            names = [
                r[0] for r in conn.execute("SELECT name FROM evidence WHERE sha256 = ?", (sha,))
            ]
            out.append(
                f"evidence file {sha[:12]} ({', '.join(names) or 'unused'}): content altered "
                f"(sha256 or size does not match)"
            )
    return out
