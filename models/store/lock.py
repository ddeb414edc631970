"""One writer per database: a lock file beside it, created atomically.

``plandesk.db`` is guarded by ``plandesk.db.lock``, a small JSON file (pid, host, time, a
random token) created with ``O_CREAT | O_EXCL``, so of two programs starting at once exactly
one gets it. The other gets :class:`DatabaseLockedError` (Chinese text naming the computer and
the time) and can open the database read-only instead.

A lock left behind by a crash is *stale* when it was written on this computer and its process
no longer runs (or the computer has rebooted since). Taking it over is serialised by a second
exclusive file (``.lock.takeover``), so two programs finding the same stale lock cannot both
win. A lock from another computer (a database on a network share) is never taken over
automatically: we cannot see its processes; :func:`break_lock` does it on the user's word.

Usage::

    lock = DatabaseLock(path)
    lock.acquire()            # or: with DatabaseLock(path): ...
    ...
    lock.release()
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.errors import DatabaseLockedError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
TAKEOVER_SUFFIX = ".takeover"
# A takeover file older than this was left by a crash during a takeover.
TAKEOVER_STALE_SECONDS = 30.0
# Lock times beyond this (epoch seconds, year 2100) are garbage from a damaged file.
MAX_LOCK_TIME = 4_102_444_800.0


@dataclass(slots=True)
class LockInfo:
    """Who holds a lock."""

    pid: int
    host: str
    time: float  # epoch seconds
    token: str = ""

    @property
    def since(self) -> str:
        """Local time the lock was taken, for messages."""
        return datetime.fromtimestamp(self.time).strftime("%Y-%m-%d %H:%M")


def lock_path(db_path: str | os.PathLike[str]) -> Path:
    """The lock file of a database: the same name plus ``.lock``."""
    path = Path(db_path)
    return path.with_name(path.name + LOCK_SUFFIX)


def this_host() -> str:
    """The computer's name as written into lock files."""
    return socket.gethostname() or "localhost"


def read_lock(path: Path) -> LockInfo | None:
    """The holder written in a lock file; None if the file is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pid, when = int(data["pid"]), float(data["time"])
        if not 0 <= pid < 2**31:
            pid = 0  # no such process: the lock is judged by its host and age
        if not math.isfinite(when) or not 0 <= when < MAX_LOCK_TIME:
            when = path.stat().st_mtime  # NaN, 1e308 …: the file's own time instead
        return LockInfo(pid, str(data["host"]), when, str(data.get("token", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, OverflowError, AttributeError):
        return None


def pid_alive(pid: int) -> bool:
    """True if a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _win_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    # A zombie (killed, not yet reaped by its parent) still answers; it holds nothing.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _win_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        # access denied means it exists; any other error: it does not
        return ctypes.get_last_error() == 5  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def boot_time() -> float | None:
    """When this computer started (epoch seconds), if known."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/stat", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("btime "):
                        return float(line.split()[1])
        elif sys.platform == "win32":  # pragma: no cover - Windows only
            import ctypes

            ticks = ctypes.windll.kernel32.GetTickCount64()
            return time.time() - ticks / 1000.0
    except (OSError, ValueError, AttributeError):
        return None
    return None


def is_stale(info: LockInfo) -> bool:
    """A lock of this computer whose process is gone (pid ended, or rebooted since)."""
    if info.host != this_host():
        return False
    booted = boot_time()
    # 60 s of slack: btime is rounded and clocks get adjusted at boot
    if booted is not None and info.time < booted - 60:
        return True
    return not pid_alive(info.pid)


def locked_error(info: LockInfo | None, path: Path) -> DatabaseLockedError:
    """The error shown when another PlanDesk holds the database."""
    if info is None:
        text = (
            "该数据文件正被另一个 PlanDesk 使用。可以只读方式打开查看，"
            "或关闭另一个 PlanDesk 后再试。"
        )
    else:
        text = (
            f"该数据文件正被另一个 PlanDesk 使用（计算机 {info.host}，进程 {info.pid}，"
            f"自 {info.since} 起）。可以只读方式打开查看，或关闭另一个 PlanDesk 后再试。"
        )
    exc = DatabaseLockedError(text, detail=str(path))
    exc.holder = info  # type: ignore[attr-defined]
    return exc


class DatabaseLock:
    """The write lock of one database file (see the module docstring).

    ``acquire()`` raises :class:`DatabaseLockedError` when another live PlanDesk holds it;
    ``release()`` removes the file only if it is still ours. Also a context manager.
    """

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._info: LockInfo | None = None
        # The stale lock this acquire() replaced (the last PlanDesk crashed), else None.
        self.took_over: LockInfo | None = None

    @property
    def held(self) -> bool:
        """True between a successful acquire() and release()."""
        return self._info is not None

    def holder(self) -> LockInfo | None:
        """Who holds the lock file now (maybe us), or None."""
        return read_lock(self.path)

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; raises DatabaseLockedError if held."""
        if self._info is not None:
            return
        info = LockInfo(os.getpid(), this_host(), time.time(), secrets.token_hex(8))
        stale: LockInfo | None = None
        for _attempt in range(3):
            if self._create(info):
                self._info = info
                self.took_over = stale
                log.info("lock %s taken", self.path)
                return
            current = read_lock(self.path)
            if current is None:
                # Unreadable: being written this very moment, or garbage left by a crash
                # between create and write. Give a writer a moment, then judge by age.
                time.sleep(0.2)
                current = read_lock(self.path)
                if current is None and not self._garbage_is_old():
                    raise locked_error(None, self.db_path)
            if current is not None and not is_stale(current):
                raise locked_error(current, self.db_path)
            self._take_over(current)
            stale = current or LockInfo(0, "", 0.0)  # unreadable garbage: a crash as well
        raise locked_error(read_lock(self.path), self.db_path)

    def release(self) -> None:
        """Give the lock back (only deletes the file if it still holds our token)."""
        if self._info is None:
            return
        current = read_lock(self.path)
        if current is not None and current.token == self._info.token:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:  # Windows: someone is reading it this very moment
                # left behind, it names our pid, which will be gone: the next start takes it
                log.warning("could not remove lock %s: %s", self.path, exc)
        else:
            log.warning("lock %s was no longer ours at release", self.path)
        self._info = None
        log.info("lock %s released", self.path)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    # -- internals ------------------------------------------------------------
    def _create(self, info: LockInfo) -> bool:
        """Create the lock file exclusively and write ``info`` into it; False if it exists."""
        self.path.parent.mkdir(parents=True, exist_ok=True)  # first start: no folder yet
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        try:
            data = json.dumps(
                {
                    "pid": info.pid,
                    "host": info.host,
                    "time": info.time,
                    "token": info.token,
                    "app": "PlanDesk",
                }
            )
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise
        os.close(fd)
        return True

    def _garbage_is_old(self) -> bool:
        try:
            return time.time() - self.path.stat().st_mtime > TAKEOVER_STALE_SECONDS
        except FileNotFoundError:
            return True

    def _take_over(self, stale: LockInfo | None) -> None:
        """Remove a stale lock file, serialised by the exclusive takeover file."""
        guard = self.path.with_name(self.path.name + TAKEOVER_SUFFIX)
        try:
            fd = os.open(guard, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                age = time.time() - guard.stat().st_mtime
            except FileNotFoundError:
                return  # the other taker just finished: retry the normal way
            if age > TAKEOVER_STALE_SECONDS:
                with contextlib.suppress(FileNotFoundError):
                    guard.unlink()
            else:
                time.sleep(0.2)
            return
        os.close(fd)
        try:
            # Re-read under the guard: only delete the very lock we judged stale.
            current = read_lock(self.path)
            same = (current is None and stale is None) or (
                current is not None
                and stale is not None
                and current.token == stale.token
                and current.pid == stale.pid
                and current.time == stale.time
            )
            if same:
                try:
                    self.path.unlink()
                    log.warning("took over stale lock %s (%s)", self.path, stale)
                except FileNotFoundError:
                    pass
                except OSError as exc:  # being read elsewhere (Windows): the caller retries
                    log.warning("could not remove stale lock %s: %s", self.path, exc)
        finally:
            with contextlib.suppress(FileNotFoundError):
                guard.unlink()


def break_lock(db_path: str | os.PathLike[str]) -> LockInfo | None:
    """Delete the lock file whoever holds it (the user says the other PlanDesk is gone).

    Returns who held it.
    """
    path = lock_path(db_path)
    info = read_lock(path)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    log.warning("lock %s broken by the user (was %s)", path, info)
    return info
