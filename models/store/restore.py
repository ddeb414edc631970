"""Restoring a database from a backup: validate it, back up the current state, copy it in.

Nothing changes when the backup is refused; the current data is backed up (event backup
``restore``) before it is replaced; an older backup is migrated after the copy.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from models.errors import DatabaseOpenError, DatabaseTooNewError, ReadOnlyDatabaseError
from models.store.backup import BackupError, NotABackupError, backup_before
from models.store.check import check_file
from models.store.db import Database, connect
from models.store.migrations import SCHEMA_VERSION
from models.store.open import migrate, open_database

log = logging.getLogger(__name__)


def validate_backup(path: str | os.PathLike[str]) -> int:
    """Check that ``path`` is a sound PlanDesk database we can open; returns its version.

    The file is copied into memory with the backup API and checked there (integrity, foreign
    keys, the app's invariants), so the file itself is never written.

    Raises:
        NotABackupError: missing, not SQLite, not PlanDesk, damaged.
        DatabaseTooNewError: written by a newer PlanDesk.
    """
    try:
        version, problems = check_file(path)
    except DatabaseTooNewError as exc:
        raise DatabaseTooNewError(
            "该备份由更新版本的 PlanDesk 创建，当前版本无法恢复。当前数据未被改动。",
            detail=exc.detail,
        ) from exc
    except DatabaseOpenError as exc:
        raise NotABackupError(detail=exc.detail) from exc
    if problems:
        raise NotABackupError(detail=f"{path}: {problems[0]}")
    return version


def restore_into(db: Database, backup_file: str | os.PathLike[str]) -> Path:
    """Replace the whole content of the open ``db`` by the backup; returns the safety backup.

    Order: validate the backup (nothing changes if it is refused), back up the current state
    (event backup ``restore``), copy the backup's pages into the live connection with the
    backup API (one atomic write on the destination), then migrate if the backup is older.
    The caller must drop everything it cached from the database (undo stack, item models).

    Raises:
        NotABackupError, DatabaseTooNewError: refused, nothing changed.
        BackupError: the safety backup could not be written, nothing changed.
    """
    backup_file = Path(backup_file)
    if db.read_only:
        raise ReadOnlyDatabaseError(detail=str(db.path))
    if backup_file.resolve() == db.path.resolve():
        raise NotABackupError("不能用数据文件本身作为备份来恢复。")
    version = validate_backup(backup_file)
    safety = backup_before(db, "restore")
    db.verify_file()  # the copy below writes outside a transaction: guard it the same way
    src = connect(backup_file, read_only=True)
    try:
        src.backup(db.conn)
    except sqlite3.Error as exc:
        raise BackupError("恢复失败，当前数据未被改动。", detail=str(exc)) from exc
    finally:
        src.close()
    db.checkpoint()
    db.conn.execute("PRAGMA foreign_keys = ON")
    if version < SCHEMA_VERSION:
        migrate(db)
    log.info("restored %s from %s (safety backup %s)", db.path, backup_file, safety)
    return safety


def restore(db_path: str | os.PathLike[str], backup_file: str | os.PathLike[str]) -> Path:
    """Open ``db_path``, restore it from ``backup_file`` (see restore_into), close it.

    The backup is validated before anything is created or changed. The caller holds the
    database lock (models/store/lock.py). Returns the safety backup.
    """
    validate_backup(backup_file)
    path = Path(db_path)
    if path.exists() and not path.is_file():
        raise DatabaseOpenError(detail=f"{path} is not a file")
    # A missing database (deleted, disk replaced) is created empty and then restored.
    with open_database(path) as db:
        return restore_into(db, backup_file)
