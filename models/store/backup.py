"""Backups of the database through SQLite's online backup API, and their rotation.

A backup is never a plain file copy: a live database (WAL mode, or in the middle of a write of
another connection) copied byte by byte can be inconsistent. ``sqlite3.Connection.backup``
copies a consistent snapshot page by page.

Backups live in ``backups/`` beside the database. The file name carries everything that is
needed to list them without opening them::

    plandesk 2026-11-28 16.50.12.123 操作前自动备份（导入前）.db
    <db stem> <local date> <time>.<ms> <kind>（<reason>）.db

The kind and reason are written in Chinese (models/vocab.py) so that the folder reads
plainly; names of the first version (``plandesk_20261128-165012-123_event_import.db``) are
still recognised.

Kinds: ``daily`` (first start of a day), ``event`` (before import, rollover, restore,
migration ...), ``manual`` (文件 → 备份…). The last N daily and the last N event backups are
kept (settings ``backup.keep_daily`` / ``backup.keep_event``); manual backups are never
deleted automatically.

A backup is first written to a temporary name and renamed when complete, so a crash (or a
power cut) during a backup never leaves a half-written file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from models import clock
from models.errors import (
    PlanDeskError,
)
from models.store import settings
from models.store.check import REQUIRED_TABLES
from models.store.db import connect, read_only_uri
from models.store.migrations import SCHEMA_VERSION
from models.vocab import BACKUP_KIND_FILE, BACKUP_REASON_FILE

if TYPE_CHECKING:
    from models.store.db import Database

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
KINDS = ("daily", "event", "manual")
SETTING_KEEP_DAILY = "backup.keep_daily"
SETTING_KEEP_EVENT = "backup.keep_event"
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_EVENT = 20

_STAMP = "%Y-%m-%d %H.%M.%S"
_NAME = re.compile(
    r"^(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2})\.(?P<ms>\d{3}) "
    r"(?P<kind>" + "|".join(BACKUP_KIND_FILE.values()) + r")(?:（(?P<reason>[^）]+)）)?\.db$"
)
_KIND_OF_FILE = {text: kind for kind, text in BACKUP_KIND_FILE.items()}
# the names of the first version: plandesk_20261128-165012-123_event_import.db
_OLD_STAMP = "%Y%m%d-%H%M%S"
_OLD_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>\d{8}-\d{6})-(?P<ms>\d{3})_(?P<kind>daily|event|manual)"
    r"(?:_(?P<reason>[a-z0-9-]+))?\.db$"
)
_TMP_SUFFIX = ".partial"
# A .partial file older than this (seconds) was left by a crash and is deleted by rotate().
PARTIAL_MAX_AGE = 600


class BackupError(PlanDeskError):
    """A backup could not be written (disk full, no permission ...); nothing was changed."""

    default_text = "备份失败，数据文件未被改动。请检查磁盘空间和文件夹权限后再试。"


class NotABackupError(PlanDeskError):
    """The chosen file is not a PlanDesk backup that this version can restore."""

    default_text = "所选文件不是 PlanDesk 的备份文件，或已损坏，无法恢复。当前数据未被改动。"


class DamagedDatabaseError(BackupError):
    """SQLite's own check of the open database failed: it is not backed up over good copies."""

    default_text = (
        "数据文件检查发现损坏，今天没有自动备份（以前的备份都保留着）。"
        "请用“文件 → 从备份恢复…”恢复最近的完好备份。"
    )


@dataclass(slots=True)
class BackupInfo:
    """One backup file as shown in the restore dialog.

    ``plans``/``sections``/``tasks`` are None and ``error`` is set when the file cannot be
    read (damaged, or not a PlanDesk database).
    """

    path: Path
    created: datetime
    kind: str
    reason: str
    size: int
    version: int | None = None
    plans: int | None = None
    sections: int | None = None
    tasks: int | None = None
    error: str | None = None

    @property
    def usable(self) -> bool:
        """True when the file can be restored by this version."""
        return self.error is None


# ---------------------------------------------------------------- names and folders
def backup_dir(db_path: str | os.PathLike[str]) -> Path:
    """The backups/ folder beside the database file."""
    return Path(db_path).resolve().parent / BACKUP_DIR_NAME


def _slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return slug[:40] or "event"


def _reason_text(slug: str) -> str:
    """Chinese words for a reason slug: ``migration-v5`` → ``升级数据格式前-v5``."""
    head, _, rest = slug.partition("-")
    if head in BACKUP_REASON_FILE:
        return BACKUP_REASON_FILE[head] + (f"-{rest}" if rest else "")
    return slug


def _reason_slug(text: str) -> str:
    """The reason slug back from the words in a file name."""
    for slug, words in BACKUP_REASON_FILE.items():
        if text == words:
            return slug
        if text.startswith(words + "-"):
            return slug + text[len(words) :]
    return text


def backup_name(db_path: Path, kind: str, reason: str = "", when: datetime | None = None) -> str:
    """File name of a new backup (see the module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    when = when or clock.now()
    stamp = f"{when.strftime(_STAMP)}.{when.microsecond // 1000:03d}"
    tail = f"（{_reason_text(_slug(reason))}）" if reason else ""
    return f"{db_path.stem} {stamp} {BACKUP_KIND_FILE[kind]}{tail}.db"


def parse_name(path: Path) -> tuple[str, datetime, str, str] | None:
    """(db stem, time, kind, reason slug) from a backup file name; None for any other file."""
    m = _NAME.match(path.name)
    if m is not None:
        kind, stamp_format = _KIND_OF_FILE[m["kind"]], _STAMP
        reason = _reason_slug(m["reason"] or "")
    else:
        m = _OLD_NAME.match(path.name)
        if m is None:
            return None
        kind, stamp_format, reason = m["kind"], _OLD_STAMP, m["reason"] or ""
    try:
        when = datetime.strptime(m["stamp"], stamp_format).replace(microsecond=int(m["ms"]) * 1000)
    except ValueError:
        return None
    return m["stem"], when, kind, reason


def _free_name(folder: Path, db_path: Path, kind: str, reason: str) -> Path:
    """A backup path in ``folder`` not used yet (two backups in one millisecond shift by 1 ms)."""
    when = clock.now()
    for step in range(1000):
        path = folder / backup_name(db_path, kind, reason, when + timedelta(milliseconds=step))
        if not path.exists() and not path.with_name(path.name + _TMP_SUFFIX).exists():
            return path
    raise BackupError(detail=f"no free backup name in {folder}")


# ---------------------------------------------------------------- settings
def keep_count(db: Database, key: str, default: int) -> int:
    """How many backups of a kind are kept (``key`` is SETTING_KEEP_DAILY/_EVENT), at least 1."""
    return settings.get_int(db, key, default, low=1)


def set_keep_count(db: Database, key: str, value: int) -> None:
    """Store how many backups of a kind are kept (one transaction)."""
    if int(value) < 1:
        raise PlanDeskError("保留的备份份数至少为 1。")
    settings.set_value(db, key, int(value))


# ---------------------------------------------------------------- writing backups
def _remove_stale_partials(folder: Path) -> None:
    """Delete what a killed backup left in ``folder`` (also beside a chosen --out file):
    ``*.partial`` files (and their journals) older than PARTIAL_MAX_AGE that are SQLite files."""
    now = time.time()
    for path in folder.glob(f"*{_TMP_SUFFIX}*"):
        try:
            if now - path.stat().st_mtime <= PARTIAL_MAX_AGE:
                continue
            if not path.name.endswith((_TMP_SUFFIX, "-journal", "-wal", "-shm")):
                continue
            if path.name.endswith(_TMP_SUFFIX):
                with open(path, "rb") as fh:
                    if fh.read(16) not in (b"SQLite format 3\0", b""):
                        continue  # not ours: never delete a user's file
            path.unlink()
            log.info("removed %s left by an interrupted backup", path)
        except OSError as exc:
            log.warning("could not delete partial backup %s: %s", path, exc)


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy ``source`` to the new file ``target`` with the backup API, atomically.

    The copy is written to ``target.partial``, switched to the DELETE journal mode (one
    self-contained file), flushed, and only then renamed to ``target``.

    Raises:
        BackupError: the file could not be written (the partial file is removed).
    """
    target = Path(target)
    tmp = target.with_name(target.name + _TMP_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(target.parent)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        dest = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (
            tmp,
            tmp.with_name(tmp.name + "-journal"),
            tmp.with_name(tmp.name + "-wal"),
            tmp.with_name(tmp.name + "-shm"),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise BackupError(detail=f"{target}: {exc}") from exc
    return target


def make_backup(
    db: Database,
    kind: str,
    reason: str = "",
    *,
    folder: Path | None = None,
    rotate_after: bool = True,
) -> Path:
    """Write a backup of the open database into its backups/ folder; returns the file.

    Args:
        db: the open database (its connection is the source of the backup API).
        kind: ``daily``, ``event`` or ``manual``.
        reason: short ASCII word for event backups (import, rollover, restore, migration-v1).
        folder: another folder than backups/ beside the database (tests).
        rotate_after: delete the backups beyond the kept numbers afterwards.
    """
    if db.in_transaction:
        # A backup taken inside a write would copy the uncommitted state of that write.
        raise RuntimeError("make_backup inside a transaction")
    folder = folder or backup_dir(db.path)
    target = _free_name(folder, db.path, kind, reason)
    copy_database(db.conn, target)
    log.info("backup %s written (%s %s)", target, kind, reason)
    if rotate_after:
        rotate(
            folder,
            keep_daily=keep_count(db, SETTING_KEEP_DAILY, DEFAULT_KEEP_DAILY),
            keep_event=keep_count(db, SETTING_KEEP_EVENT, DEFAULT_KEEP_EVENT),
            stem=db.path.stem,
        )
    return target


def backup_before(db: Database, reason: str) -> Path:
    """The event backup taken before an import, rollover, restore or migration."""
    return make_backup(db, "event", reason)


def manual_backup(db: Database, out: str | os.PathLike[str] | None = None) -> Path:
    """A backup on demand: into backups/ (kind manual), or to the file ``out``.

    Raises:
        BackupError: ``out`` exists already, is the database itself, or cannot be written.
    """
    if out is None:
        return make_backup(db, "manual")
    out = Path(out)
    if out.exists():
        if out.resolve() == db.path.resolve():
            raise BackupError("备份文件不能是数据文件本身。")
        raise BackupError(f"文件 {out} 已存在，请换一个文件名。")
    copy_database(db.conn, out)
    log.info("manual backup written to %s", out)
    return out


def daily_backup_due(db: Database, today: datetime | None = None) -> bool:
    """True when no daily backup of this database was made ``today`` (a folder listing)."""
    today = today or clock.now()
    folder = backup_dir(db.path)
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = parse_name(path)
            if (
                parsed
                and parsed[0] == db.path.stem
                and parsed[2] == "daily"
                and parsed[1].date() == today.date()
            ):
                return False
    return True


@dataclass(frozen=True, slots=True)
class DailyBackupPlan:
    """What a daily backup needs, taken from the open database (plain values for a worker)."""

    path: Path
    keep_daily: int
    keep_event: int


def daily_backup_plan(db: Database, today: datetime | None = None) -> DailyBackupPlan | None:
    """The daily backup to make now, or None when today's exists (cheap: for the UI thread)."""
    if not daily_backup_due(db, today):
        return None
    return DailyBackupPlan(
        path=db.path,
        keep_daily=keep_count(db, SETTING_KEEP_DAILY, DEFAULT_KEEP_DAILY),
        keep_event=keep_count(db, SETTING_KEEP_EVENT, DEFAULT_KEEP_EVENT),
    )


def run_daily_backup(plan: DailyBackupPlan) -> Path:
    """Quick-check and back up the database file of ``plan`` through a connection of its own.

    Safe beside the open Database in another thread: a read-only connection sees the last
    committed state (WAL or not) and the backup API copies exactly that.

    Raises:
        DamagedDatabaseError: the quick check failed (nothing written, nothing deleted).
        BackupError: the backup could not be written.
    """
    try:
        source = sqlite3.connect(read_only_uri(plan.path), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupError(detail=f"{plan.path}: {exc}") from exc
    try:
        _refuse_damaged(source, plan.path)
        folder = backup_dir(plan.path)
        target = copy_database(source, _free_name(folder, plan.path, "daily", "start"))
    finally:
        source.close()
    log.info("backup %s written (daily start)", target)
    rotate(folder, keep_daily=plan.keep_daily, keep_event=plan.keep_event, stem=plan.path.stem)
    return target


def _refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """A database that fails SQLite's quick check is not backed up: rotation would otherwise
    replace the last sound daily backups with damaged copies, day after day."""
    try:
        verdict = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        verdict = [str(exc)]
    if verdict != ["ok"]:
        first = verdict[0].strip().splitlines()
        raise DamagedDatabaseError(detail=f"{path}: {first[-1] if first else verdict[0]}")


def daily_backup(db: Database, today: datetime | None = None) -> Path | None:
    """The first start of a day makes a daily backup; returns it, or None if one exists.

    The window runs the same steps off the UI thread (:func:`daily_backup_plan`, then
    :func:`run_daily_backup` in a job).

    Raises:
        DamagedDatabaseError: the quick check failed (nothing written, nothing deleted).
        BackupError: the backup could not be written.
    """
    if not daily_backup_due(db, today):
        return None
    _refuse_damaged(db.conn, db.path)
    return make_backup(db, "daily", "start")


def rotate(
    folder: Path,
    *,
    keep_daily: int = DEFAULT_KEEP_DAILY,
    keep_event: int = DEFAULT_KEEP_EVENT,
    stem: str | None = None,
) -> list[Path]:
    """Delete all but the newest ``keep_daily`` daily and ``keep_event`` event backups.

    Only files named like backups (of database ``stem`` when given) are considered; manual
    backups and any other file are never deleted, except ``*.partial`` files that a crash
    left behind more than ten minutes ago. Returns the deleted files.
    """
    if not folder.is_dir():
        return []
    groups: dict[str, list[tuple[datetime, Path]]] = {"daily": [], "event": []}
    for path in folder.iterdir():
        parsed = parse_name(path)
        if parsed is None or (stem is not None and parsed[0] != stem):
            continue
        if parsed[2] in groups:
            groups[parsed[2]].append((parsed[1], path))
    deleted: list[Path] = []
    # Leftovers of a backup cut short by a crash; fresh ones may still be being written.
    partials = [f"{stem or '*'} *.db{_TMP_SUFFIX}*", f"{stem or '*'}_*.db{_TMP_SUFFIX}*"]
    for path in (p for pattern in partials for p in folder.glob(pattern)):
        try:
            if time.time() - path.stat().st_mtime > PARTIAL_MAX_AGE:
                path.unlink()
                deleted.append(path)
        except OSError as exc:
            log.warning("could not delete partial backup %s: %s", path, exc)
    for kind, keep in (("daily", keep_daily), ("event", keep_event)):
        entries = sorted(groups[kind], key=lambda e: (e[0], e[1].name), reverse=True)
        for _when, path in entries[max(1, keep) :]:
            try:
                path.unlink()
                deleted.append(path)
            except OSError as exc:  # in use, read-only medium: keep it, try next time
                log.warning("could not delete old backup %s: %s", path, exc)
    return deleted


# ---------------------------------------------------------------- reading backups
def inspect(path: str | os.PathLike[str]) -> BackupInfo:
    """Read a backup (read-only) and return its version and counts; never raises."""
    path = Path(path)
    parsed = parse_name(path)
    try:
        stat = path.stat()
        size = stat.st_size
        created = parsed[1] if parsed else datetime.fromtimestamp(stat.st_mtime)
    except OSError as exc:
        return BackupInfo(path, clock.now(), "", "", 0, error=str(exc))
    info = BackupInfo(
        path, created, parsed[2] if parsed else "manual", parsed[3] if parsed else "", size
    )
    try:
        conn = connect(path, read_only=True)
        try:
            info.version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            import sqlite_utils  # only here: see Database.sdb

            tables = set(sqlite_utils.Database(conn, recursive_triggers=False).table_names())
            if not REQUIRED_TABLES <= tables:
                info.error = "not a PlanDesk database"
                return info
            if info.version > SCHEMA_VERSION:
                info.error = f"made by a newer PlanDesk (schema {info.version})"
            info.plans = int(conn.execute("SELECT count(*) FROM plans").fetchone()[0])
            info.sections, info.tasks = (
                int(v or 0)
                for v in conn.execute(
                    "SELECT sum(kind = 'section'), sum(kind = 'task') FROM nodes"
                ).fetchone()
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        info.error = str(exc)
    return info


def list_backups(folder: str | os.PathLike[str], *, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, each read read-only for its counts.

    ``stem`` limits the list to the backups of one database (its file name without suffix).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in folder.iterdir():
        parsed = parse_name(path)
        if parsed is None or (stem is not None and parsed[0] != stem):
            continue
        out.append(inspect(path))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out
