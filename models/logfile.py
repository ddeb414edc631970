"""The log file shared by every PlanDesk process of a user (two windows, a window and the CLI).

``logging.handlers.RotatingFileHandler`` assumes it owns the file. On Windows a file another
process has open cannot be renamed (sharing violation): the rotation fails and every later
record of that process raises a logging error. On Linux (and under Wine) the rename succeeds,
but the other processes go on writing into the renamed file. This handler therefore:

- appends atomically: on POSIX ``O_APPEND`` does; on Windows the C runtime only emulates
  append (seek to the end, then write) and two processes overwrite each other's lines, so
  each record is written under a lock that every PlanDesk process takes;
- rotates only when it can take the file away: the current log is first renamed to a name of
  its own; if that fails (another process holds it on Windows), it keeps appending and tries
  again after another ``retry_bytes``;
- notices when another process has rotated the file (the name now points at a different
  file) and reopens the new one, so all processes write to the same current log;
- never drops a record because a rotation went wrong: the record is written all the same.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Protocol

ROTATING_SUFFIX = ".rotating"


class _WriteLock(Protocol):
    def acquire(self, fd: int) -> int: ...
    def release(self, handle: int) -> None: ...


if sys.platform == "win32":  # mypy checks this part for Windows only

    class _WindowsWriteLock:
        """An exclusive byte-range lock far beyond the end of the log (LockFileEx), held per record.

        The C runtime's append is a seek to the end and then a write; another process writing in
        between has its line overwritten. Under this lock the seek and the write are one step.
        """

        OFFSET_HIGH = 0x7FFF_FFFF  # the locked byte is at ~2**62: never written, never read

        def __init__(self) -> None:
            import ctypes
            from ctypes import wintypes

            class Overlapped(ctypes.Structure):
                _fields_ = [
                    ("Internal", ctypes.c_size_t),
                    ("InternalHigh", ctypes.c_size_t),
                    ("Offset", wintypes.DWORD),
                    ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE),
                ]

            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
            self._lock = kernel32.LockFileEx
            # (handle, flags, reserved, bytes low, bytes high, overlapped)
            self._lock.argtypes = [wintypes.HANDLE, *[wintypes.DWORD] * 4, ctypes.c_void_p]
            self._lock.restype = wintypes.BOOL
            self._unlock = kernel32.UnlockFileEx
            self._unlock.argtypes = [wintypes.HANDLE, *[wintypes.DWORD] * 3, ctypes.c_void_p]
            self._unlock.restype = wintypes.BOOL
            self._overlapped = Overlapped
            self._ctypes = ctypes

        def _region(self):  # noqa: ANN202 (a ctypes structure)
            ov = self._overlapped()
            ov.OffsetHigh = self.OFFSET_HIGH
            return ov

        def acquire(self, fd: int) -> int:
            import msvcrt

            handle = msvcrt.get_osfhandle(fd)
            exclusive = 0x2  # LOCKFILE_EXCLUSIVE_LOCK; without FAIL_IMMEDIATELY: wait for it
            if not self._lock(handle, exclusive, 0, 1, 0, self._ctypes.byref(self._region())):
                raise self._ctypes.WinError(self._ctypes.get_last_error())
            return handle

        def release(self, handle: int) -> None:
            self._unlock(handle, 0, 1, 0, self._ctypes.byref(self._region()))


class SharedRotatingFileHandler(logging.FileHandler):
    """Append UTF-8 lines to ``path``; keep ``backups`` older files of about ``max_bytes``."""

    def __init__(
        self, path: str | os.PathLike[str], *, max_bytes: int, backups: int, retry_bytes: int = 0
    ) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=False)
        self.max_bytes = max_bytes
        self.backups = backups
        self.retry_bytes = retry_bytes or max(max_bytes // 10, 1)
        self._next_check = max_bytes
        self._identity = self._stream_identity()
        # POSIX O_APPEND writes at the end by itself; Windows needs the lock
        self._write_lock: _WriteLock | None = None
        if sys.platform == "win32":
            self._write_lock = _WindowsWriteLock()

    def _stream_identity(self) -> tuple[int, int] | None:
        if self.stream is None:
            return None
        st = os.fstat(self.stream.fileno())
        return st.st_dev, st.st_ino

    def _name_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.baseFilename)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _reopen(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = self._open()
        self._identity = self._stream_identity()

    def _size(self) -> int:
        # The file's size, not our position: the other processes' lines count as well.
        return os.fstat(self.stream.fileno()).st_size if self.stream is not None else 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._name_identity() != self._identity:
                # rotated (or deleted) by another process
                self._reopen()
                self._next_check = self.max_bytes
            if self._size() >= self._next_check:
                self._rotate()
        except OSError:
            # A rotation that went wrong (another process rotating at the same moment) costs
            # at most the rotation, never the record.
            self._next_check = self._size_or_zero() + self.retry_bytes
        if self.stream is None:
            try:
                self._reopen()
            except OSError:
                self.handleError(record)
                return
        if self._write_lock is None or self.stream is None:
            super().emit(record)  # POSIX O_APPEND writes at the end by itself
            return
        try:
            handle = self._write_lock.acquire(self.stream.fileno())
        except OSError:
            self.handleError(record)
            return
        try:
            super().emit(record)
        finally:
            self._write_lock.release(handle)

    def _size_or_zero(self) -> int:
        try:
            return self._size()
        except OSError:
            return 0

    def _rotate(self) -> None:
        base = Path(self.baseFilename)
        # Our own name first: the rename fails on Windows while another process has the file open,
        # and then nothing else has moved yet.
        taken = base.with_name(f"{base.name}{ROTATING_SUFFIX}-{os.getpid()}")
        if self.stream is not None:
            self.stream.close()
        self.stream = None
        try:
            os.replace(base, taken)
        except OSError:
            self._reopen()
            self._next_check = self._size() + self.retry_bytes
            return
        for n in range(self.backups - 1, 0, -1):
            try:
                os.replace(
                    base.with_name(f"{base.name}.{n}"), base.with_name(f"{base.name}.{n + 1}")
                )
            except FileNotFoundError:
                continue  # not there yet, or moved on by a process rotating at the same moment
        if self.backups > 0:
            os.replace(taken, base.with_name(f"{base.name}.1"))
        else:
            taken.unlink()
        self._reopen()
        self._next_check = self.max_bytes
