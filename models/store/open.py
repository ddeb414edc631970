"""Opening a PlanDesk file: version check → backup → migrate, then the connection's pragmas.

A file from a newer PlanDesk is refused before anything is written; an older one is backed
up (models/store/backup.py) and then migrated one step per transaction.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from models.errors import DatabaseOpenError, DatabaseTooNewError
from models.store import leftover_wal, settings
from models.store.backup import backup_before
from models.store.db import SETTING_JOURNAL, Database, choose_journal_mode, connect, read_version
from models.store.migrations import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


def migrate(db: Database) -> None:
    """Bring the file to SCHEMA_VERSION, one step per transaction."""
    version = db.user_version
    if version > SCHEMA_VERSION:
        raise DatabaseTooNewError(detail=f"version {version} > {SCHEMA_VERSION}")
    if 0 < version < SCHEMA_VERSION:
        # an event backup (SQLite backup API, rotated) in backups/ beside the file
        copy = backup_before(db, f"migration-v{version}")
        log.info("backed up %s before migrating to %s", copy, SCHEMA_VERSION)
    for step in range(version, SCHEMA_VERSION):
        with db.transaction() as conn:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
        log.info("migrated %s to schema version %d", db.path, step + 1)


def open_database(
    path: str | os.PathLike[str], *, read_only: bool = False, wal: str | None = None
) -> Database:
    """Open (creating if needed) and migrate a PlanDesk database.

    A file from a newer PlanDesk raises DatabaseTooNewError before anything is written;
    a file that is not a database raises DatabaseOpenError; a leftover -wal that may belong
    to another file raises LeftoverWalError unless ``wal`` decides (db_guard.WAL_KEEP or
    db_guard.WAL_SET_ASIDE).
    """
    path = Path(path)
    if str(path) in ("", "."):
        raise DatabaseOpenError("未指定数据文件（--db 不能为空）。")
    if path.is_dir():
        raise DatabaseOpenError(detail=f"{path} is a folder")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        leftover_wal.check_leftover_wal(path, wal)
    try:
        conn = connect(path, read_only=read_only)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(detail=f"{path}: {exc}") from exc
    try:
        version = read_version(conn, path)
        if version > SCHEMA_VERSION:
            raise DatabaseTooNewError(detail=f"{path}: version {version} > {SCHEMA_VERSION}")
        if version == 0 and path.exists() and path.stat().st_size > 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:  # a SQLite file of another program: never touch it
                raise DatabaseOpenError(detail=f"{path}: not a PlanDesk database")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(path, conn, read_only=read_only)
        if not read_only:
            mode = choose_journal_mode(path, settings.get_text(db, SETTING_JOURNAL))
            conn.execute(f"PRAGMA journal_mode = {mode}")
            conn.execute("PRAGMA synchronous = FULL")
            # checkpoints only in Database.checkpoint(), so the -wal's pair stamp stays exact
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            db.take_stamp()  # the journal mode is written into the file's header
        conn.execute("PRAGMA busy_timeout = 5000")
        if not read_only:
            migrate(db)
        elif version < SCHEMA_VERSION:
            raise DatabaseOpenError(detail=f"{path}: needs migration, opened read-only")
    except BaseException:
        conn.close()
        raise
    log.info("opened database %s (schema %d)", path, SCHEMA_VERSION)
    return db
