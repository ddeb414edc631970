"""A leftover -wal beside a database file: replayed only when it belongs to that file.

The pair stamp written by models/store/db_guard.py after each commit says which main file a
-wal belongs to; a -wal without a matching pair is refused until the user decides.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from models import clock
from models.store.backup import backup_dir
from models.store.db_guard import (
    WAL_KEEP,
    WAL_SET_ASIDE,
    LeftoverWalError,
    belongs,
    pair_path,
    read_pair,
    stamp,
    wal_path,
)
from models.store.lock import is_stale, lock_path, read_lock, this_host

log = logging.getLogger(__name__)


def check_leftover_wal(db_path: Path, decision: str | None) -> None:
    """Before a read-write open: refuse a -wal that may belong to another file.

    ``decision`` is None (ask), :data:`WAL_KEEP` (replay it) or :data:`WAL_SET_ASIDE`
    (move the -wal and -shm into backups/ and open the main file as it is).

    Raises:
        LeftoverWalError: a non-empty -wal whose pair stamp does not match the main file,
            while no other PlanDesk has the file open, and no decision was given.
    """
    wal = wal_path(db_path)
    try:
        if not db_path.is_file() or wal.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    holder = read_lock(lock_path(db_path))
    ours = holder is not None and (holder.pid, holder.host) == (os.getpid(), this_host())
    if holder is not None and not ours and not is_stale(holder):
        return  # another PlanDesk has it open: its -wal is live, not a leftover
    if decision == WAL_KEEP or belongs(read_pair(db_path), stamp(db_path)):
        return
    if decision == WAL_SET_ASIDE:
        set_aside_wal(db_path)
        return
    raise LeftoverWalError(detail=str(wal))


def set_aside_wal(db_path: Path) -> Path:
    """Move the -wal (and -shm) of ``db_path`` into backups/; returns the moved -wal."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp_text = clock.now().strftime("%Y%m%d-%H%M%S")
    moved = folder / f"{db_path.name}-wal.{stamp_text}.set-aside"
    os.replace(wal_path(db_path), moved)
    shm = db_path.with_name(db_path.name + "-shm")
    with contextlib.suppress(FileNotFoundError):
        shm.unlink()  # shared-memory index only, rebuilt from the -wal
    with contextlib.suppress(FileNotFoundError):
        pair_path(db_path).unlink()
    log.warning("set aside the leftover %s as %s", wal_path(db_path), moved)
    return moved
