"""The SQLite connection of a PlanDesk file: journal mode, URIs, transactions, queries.

Opening a file (version check, backup, migration) is models/store/open.py.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from models.errors import DatabaseOpenError, ReadOnlyDatabaseError
from models.store import db_guard

log = logging.getLogger(__name__)

ENV_JOURNAL = "PLANDESK_JOURNAL"
# WAL size after which a commit copies the WAL into the main file (SQLite's default: 1000 pages)
CHECKPOINT_BYTES = 4 * 1024 * 1024


# File systems on which SQLite's WAL mode (shared memory between processes) is unsafe.
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "smb2",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.rclone",
        "lustre",
        "gpfs",
        "beegfs",
        "fuse.s3fs",
    }
)
# Setting (settings table) that overrides the detection: WAL, DELETE or TRUNCATE.
SETTING_JOURNAL = "storage.journal_mode"
JOURNAL_MODES = frozenset({"WAL", "DELETE", "TRUNCATE"})


def _mount_fstype(real: str, mounts_text: str) -> str:
    """File system type of the longest mount point containing ``real`` (/proc/mounts text)."""
    best, fstype = "", ""
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        # /proc/mounts escapes blanks in mount points as octal (\040)
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), parts[1])
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, fstype = point, parts[2]
    return fstype


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    """True for a mapped network drive (GetDriveTypeW == DRIVE_REMOTE)."""
    import ctypes

    drive = os.path.splitdrive(str(path.resolve()))[0]
    if not drive:
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # type: ignore[attr-defined]


def is_network_path(path: Path) -> bool:
    """Best guess whether ``path`` is on a network share (UNC path, mapped drive, remote mount)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        try:
            return _windows_drive_is_remote(path)
        except (OSError, AttributeError, ValueError):
            return False
    if os.name == "posix":
        try:
            real = str(path.resolve().parent)
            with open("/proc/mounts", encoding="utf-8") as mounts:
                return _mount_fstype(real, mounts.read()) in NETWORK_FS
        except OSError:
            return False
    return False


def choose_journal_mode(path: Path, setting: str | None = None) -> str:
    """WAL on a local disk; DELETE on a network share, where WAL's shared memory fails.

    $PLANDESK_JOURNAL overrides everything, then ``setting`` (the database's
    ``storage.journal_mode``), then the detection.
    """
    forced = os.environ.get(ENV_JOURNAL, "").strip().upper()
    if forced in JOURNAL_MODES:
        return forced
    if setting and setting.strip().upper() in JOURNAL_MODES:
        return setting.strip().upper()
    return "DELETE" if is_network_path(path) else "WAL"


def new_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT through ``cur`` just added."""
    if cur.lastrowid is None:
        raise sqlite3.OperationalError("the statement inserted no row")
    return cur.lastrowid


class Database:
    """One open PlanDesk database file.

    ``conn`` is a plain sqlite3 connection in autocommit mode; writes go through
    :meth:`transaction`, so each user action commits all or nothing.
    ``sdb`` is the sqlite-utils view of the same connection.
    """

    @property
    def sdb(self) -> Any:
        """The sqlite-utils view of the connection, made when first asked: importing
        sqlite-utils (with click, dateutil, pluggy) cost 95 ms before the window showed."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._on_close: list[Callable[[], None]] = []
        self._depth = 0
        self._owner = threading.get_ident()
        # what the file looks like after our own last write (models/db_guard.py)
        self._stamp = None if read_only else db_guard.stamp(path)
        self.replaced = False
        self.closed = False  # after close(): a job's late result must not read through it
        if self._stamp is not None and not db_guard.pair_path(path).exists():
            db_guard.write_pair(path, self._stamp)  # before the first commit fills the -wal

    # -- the file guard -------------------------------------------------------
    def verify_file(self) -> None:
        """Raise DatabaseReplacedError if another program replaced, changed or deleted the file
        since our last write (called before every write, and by the window on focus)."""
        if self._stamp is None:
            return
        current = db_guard.stamp(self.path)
        if self.replaced or current != self._stamp:
            self.replaced = True  # stays refused: the connection's cache no longer fits
            log.error("database file %s changed: %s -> %s", self.path, self._stamp, current)
            raise db_guard.DatabaseReplacedError(detail=str(self.path))

    def take_stamp(self) -> None:
        """Stamp the file as it is now and pair the -wal with it (after opening: the journal
        mode written into the header is our own write, made before any transaction)."""
        if self._stamp is None or self.replaced:
            return
        self._stamp = db_guard.stamp(self.path)
        db_guard.write_pair(self.path, self._stamp)

    def refresh_stamp(self) -> None:
        """Take the stamp after a write of our own (also pairs the -wal with the file).

        Automatic checkpoints are off (see open_database): the WAL is copied into the main
        file here, under a marker, so the pair stamp is never behind the file without it.
        """
        if self._stamp is None or self.replaced:
            return
        wal = db_guard.wal_path(self.path)
        try:
            big = wal.stat().st_size > CHECKPOINT_BYTES
        except FileNotFoundError:
            big = False
        if big:
            self.checkpoint()
            return
        self._stamp = db_guard.stamp(self.path)
        if wal.exists():
            db_guard.write_pair(self.path, self._stamp)

    def checkpoint(self) -> None:
        """Copy the WAL into the main file (TRUNCATE) and take the stamp anew."""
        if self._stamp is None or self.replaced:
            return
        db_guard.write_pair(self.path, self._stamp, checkpointing=True)
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        self._stamp = db_guard.stamp(self.path)
        db_guard.write_pair(self.path, self._stamp)

    # -- transactions -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if self.read_only:  # a clear message instead of SQLite's "readonly database"
            raise ReadOnlyDatabaseError(detail=str(self.path))
        self.verify_file()  # before SQLite reads the new file with its old cache
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.verify_file()  # again under SQLite's write lock
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth = 0
            self.conn.execute("COMMIT")
            self.refresh_stamp()

    @property
    def in_transaction(self) -> bool:
        """True inside :meth:`transaction`."""
        return self._depth > 0

    # -- small query helpers -----------------------------------------------
    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """All rows of a query."""
        return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        """The first row of a query, or None."""
        return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: tuple | dict = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def user_version(self) -> int:
        """The schema version stored in the file."""
        return int(self.scalar("PRAGMA user_version") or 0)

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on close), then run close hooks."""
        try:
            if self._stamp is not None and not self.replaced:
                # closing checkpoints the WAL into the file: marked like checkpoint()
                db_guard.write_pair(self.path, self._stamp, checkpointing=True)
            self.conn.close()
            if self._stamp is not None and not self.replaced:
                db_guard.remove_pair(self.path)
        finally:
            self.closed = True
            hooks, self._on_close = self._on_close, []
            for hook in hooks:
                hook()

    def call_on_close(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` after the connection is closed (e.g. release the writer's lock)."""
        self._on_close.append(hook)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """A ``file:`` URI that opens ``path`` read-only, also for a UNC path on a network share.

    ``Path.as_uri()`` turns ``\\\\server\\share\\x.db`` into ``file://server/share/x.db``,
    whose authority SQLite refuses; here the authority is always empty
    (``file:////server/share/x.db``, ``file:///C:/x.db``, ``file:///home/x.db``).
    """
    return file_uri(str(Path(path).resolve()), windows=os.name == "nt") + "?mode=ro"


def file_uri(text: str, *, windows: bool) -> str:
    """The ``file:`` URI (empty authority) of an absolute path written as ``text``."""
    if windows:
        text = text.replace("\\", "/")
    if not text.startswith("/"):
        text = "/" + text  # C:/x.db -> /C:/x.db
    return "file://" + urllib.parse.quote(text, safe="/:")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode with rows by name (read-only through a URI)."""
    if read_only:
        uri = read_only_uri(path)
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def read_version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's user_version; a non-SQLite file raises DatabaseOpenError."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(detail=f"{path}: {exc}") from exc
    return version
