"""A second start on a database already open here raises that window instead of asking.

Qt's QLocalServer would need QtNetwork, which the bundle leaves out (build_tools/
bundle_filter.py); a request file in the user's local data folder, watched with
QFileSystemWatcher (QtCore), does the same for two processes of one user on one computer.
The running window deletes the request when it has raised itself: that is the answer.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QFileSystemWatcher, QObject, QTimer, Signal

from models.store.lock import lock_path, read_lock, this_host
from models.store.paths import user_data_dir

log = logging.getLogger(__name__)

ANSWER_TIMEOUT_MS = 2500
REQUEST_DIR = "raise-requests"


def request_file(db_path: str | os.PathLike[str]) -> Path:
    """The request file of one database (by its resolved path) in the local data folder."""
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / REQUEST_DIR / f"{digest}.request"


def held_here(db_path: str | os.PathLike[str]) -> bool:
    """Whether another process on this computer holds the database's lock."""
    info = read_lock(lock_path(db_path))
    return info is not None and info.host == this_host() and info.pid != os.getpid()


def raise_running(db_path: str | os.PathLike[str], timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """Ask the PlanDesk that has this database open here to come to the front.

    True when it answered (deleted the request) within ``timeout_ms``; False when no
    PlanDesk of this computer has it, or none answered (it hangs, or is an older version).
    """
    if not held_here(db_path):
        return False
    path = request_file(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(os.getpid()), encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write the raise request %s: %s", path, exc)
        return False
    loop = QEventLoop()
    watcher = QFileSystemWatcher([str(path.parent)])
    watcher.directoryChanged.connect(lambda _d: None if path.exists() else loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    if path.exists():
        loop.exec()  # a short wait before any window exists: no user input is pending
    answered = not path.exists()
    if not answered:
        path.unlink(missing_ok=True)
    log.info("asked the running PlanDesk to raise its window: %s", answered)
    return answered


class RaiseWatcher(QObject):
    """Watches the request file of the open database; emits raise_requested.

    Signals:
        raise_requested(): a second start asked this window to come to the front.
    """

    raise_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_changed)

    def watch(self, db_path: str | os.PathLike[str]) -> None:
        """Follow the database now open (another one replaces the previous)."""
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._path = request_file(db_path)
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("cannot watch for raise requests in %s: %s", self._path.parent, exc)
            return
        self._path.unlink(missing_ok=True)  # left by a start that gave up
        self._watcher.addPath(str(self._path.parent))

    def _on_changed(self, _folder: str) -> None:
        if self._path is None or not self._path.exists():
            return
        self.raise_requested.emit()
        try:
            self._path.unlink()  # the answer the second start waits for
        except OSError as exc:
            log.warning("cannot delete the raise request %s: %s", self._path, exc)
