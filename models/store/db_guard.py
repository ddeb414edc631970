"""The database file guarded while it is open, and a leftover -wal never replayed blindly.

A sync tool, a user copying a backup over ``plandesk.db`` or an antivirus restore can replace
or delete the file under an open window. SQLite does not notice: the next write mixes its
cached pages into the new file ("malformed") or lands in a deleted one. So the open
:class:`~models.db.Database` keeps a *stamp* of its file (device, inode, size, modification
time and the 100-byte SQLite header) taken after each of its own commits, and compares it
before every write (and when the window regains focus): any difference means someone else
changed the file, and the write is refused with :class:`DatabaseReplacedError`.

While a database is open in WAL mode its ``-wal`` file holds committed changes not yet
copied into the main file. After a crash SQLite replays it on the next open, which is right
for *that* file but corrupts a different file copied in by hand beside it. The stamp of the
main file is therefore also written to ``<name>-pair`` after each commit; a leftover -wal
whose pair stamp does not match the main file (or has none) is refused without a decision
(:class:`LeftoverWalError`): keep it (replay, the file is the same) or set it aside (moved
into ``backups/``, never deleted).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from models.errors import PlanDeskError

log = logging.getLogger(__name__)

PAIR_SUFFIX = "-pair"
WAL_KEEP = "keep"
WAL_SET_ASIDE = "set-aside"


class DatabaseReplacedError(PlanDeskError):
    """The database file was replaced, changed or deleted by another program while open."""

    default_text = (
        "数据文件已被其他程序替换、修改或删除（例如同步软件、手动复制或杀毒软件），"
        "为避免损坏已停止写入。请把本窗口的数据另存一份，然后重新打开数据文件。"
    )


class LeftoverWalError(PlanDeskError):
    """A -wal beside the file does not belong to it for sure: a decision is needed."""

    default_text = (
        "数据文件旁有一个不属于它的日志文件（-wal），可能是手动复制数据文件后留下的。"
        "如果数据文件是复制过来的，请选择“移走日志”；如果上次 PlanDesk 异常退出且未复制过文件，"
        "请选择“保留日志”。"
    )


@dataclass(slots=True, frozen=True)
class FileStamp:
    """What identifies the content of a database file between two of our writes."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    header: str  # sha-256 of the first 100 bytes (SQLite's change counter, page count …)


def stamp(path: Path) -> FileStamp | None:
    """The stamp of ``path`` now; None when it does not exist (deleted)."""
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return None
    return FileStamp(
        st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(head).hexdigest()
    )


def pair_path(db_path: Path) -> Path:
    """The file holding the stamp that the -wal of ``db_path`` belongs to."""
    return db_path.with_name(db_path.name + PAIR_SUFFIX)


def wal_path(db_path: Path) -> Path:
    """SQLite's write-ahead log beside ``db_path``."""
    return db_path.with_name(db_path.name + "-wal")


def write_pair(db_path: Path, current: FileStamp | None, *, checkpointing: bool = False) -> None:
    """Record that the -wal belongs to the main file as it is now (best effort).

    ``checkpointing``: the WAL is being copied into the main file this moment; a crash now
    leaves the file half-updated, so only its identity (device, inode) can be compared.
    """
    if current is None:
        return
    try:
        data = {**asdict(current), "checkpointing": checkpointing}
        target = pair_path(db_path)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)  # a kill never leaves half a stamp
    except OSError as exc:  # a full disk is reported by the next write itself
        log.warning("could not write %s: %s", pair_path(db_path), exc)


def remove_pair(db_path: Path) -> None:
    """After a clean close (the -wal is gone), the pair stamp is no longer needed."""
    if not wal_path(db_path).exists():
        with contextlib.suppress(OSError):
            pair_path(db_path).unlink()


def read_pair(db_path: Path) -> tuple[FileStamp, bool] | None:
    try:
        data = json.loads(pair_path(db_path).read_text(encoding="utf-8"))
        checkpointing = bool(data.pop("checkpointing", False))
        return FileStamp(**data), checkpointing
    except (OSError, ValueError, TypeError):
        return None


def belongs(pair: tuple[FileStamp, bool] | None, now: FileStamp | None) -> bool:
    """The -wal was written against the main file as it is now."""
    if pair is None or now is None:
        return False
    then, checkpointing = pair
    if checkpointing:  # cut short while copying the WAL in: the same file is all we can say
        return (then.dev, then.ino) == (now.dev, now.ino)
    # dev/ino may change on a network share between mounts: size, time and header decide
    return (then.size, then.mtime_ns, then.header) == (now.size, now.mtime_ns, now.header)
