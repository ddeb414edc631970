"""The log file shared by every PlanDesk process of a user (two windows, a window and the CLI).

``logging.handlers.RotatingFileHandler`` assumes it owns the file. On Windows a file another
process has open cannot be renamed (sharing violation): the rotation fails and every later
record of that process raises a logging error. On Linux the rename succeeds, but the other
processes go on writing into the renamed file. This handler therefore:

- rotates only when it can take the file away: the current log is first renamed to a name of
  its own; if that fails (another process holds it on Windows), it keeps appending and tries
  again after another ``retry_bytes``;
- on POSIX, notices when another process has rotated the file (the name now points at a
  different file) and reopens the new one, so all processes write to the same current log.
  (On Windows that cannot happen: nobody can rename a file this process holds open.)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

ROTATING_SUFFIX = ".rotating"


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

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if os.name == "posix" and self._name_identity() != self._identity:
                # rotated (or deleted) by another process
                self._reopen()
            if self.stream is not None and self.stream.tell() >= self._next_check:
                self._rotate()
        except OSError:
            self.handleError(record)
            return
        super().emit(record)

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
            stream = self.stream
            self._next_check = (stream.tell() if stream is not None else 0) + self.retry_bytes
            return
        for n in range(self.backups - 1, 0, -1):
            older = base.with_name(f"{base.name}.{n}")
            if older.exists():
                os.replace(older, base.with_name(f"{base.name}.{n + 1}"))
        if self.backups > 0:
            os.replace(taken, base.with_name(f"{base.name}.1"))
        else:
            taken.unlink()
        self._reopen()
        self._next_check = self.max_bytes
