"""The main window's database files: open, new, the recent list, one writer per file.

A file another PlanDesk writes to opens read-only (ui/backup/locking.py); a -wal left beside a
copied file is asked about first (ui/backup/db_file_guard.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QMenu

from models.errors import PlanDeskError
from models.startup import open_or_create
from models.store.db_guard import LeftoverWalError
from models.store.open import open_database
from ui import messages, strings
from ui.backup import db_file_guard
from ui.backup.locking import acquire_or_ask
from ui.document import Document
from ui.host import Host
from ui.shell import recent_files

log = logging.getLogger(__name__)


class FileWindow(Host, Protocol):
    """A host whose title says when its file is open read-only."""

    def windowTitle(self) -> str: ...  # noqa: N802

    def setWindowTitle(self, title: str) -> None: ...  # noqa: N802


def open_database_file(window: FileWindow, path: str | Path, *, create: bool = False) -> bool:
    """Open (or create empty) another database file; errors are shown. True on success."""
    current = window.document
    if current is not None and Path(path).resolve() == current.path.resolve():
        window.show_status(strings.MSG_DB_OPENED.format(path=path))
        return True  # already open here (and locked by this window)
    got = acquire_or_ask(window, path)  # one writer; read-only when another PlanDesk has it
    if got is None:
        return False
    lock, read_only = got
    try:
        if read_only:
            db = open_database(path, read_only=True)
        elif create:
            db, _created = open_or_create(Path(path), sample=False)
        else:
            try:
                db = open_database(path)
            except LeftoverWalError as wal_exc:  # a -wal beside a copied file: ask first
                decision = db_file_guard.ask_leftover_wal(window, wal_exc)
                if decision is None:
                    raise
                db = open_database(path, wal=decision)
    except PlanDeskError as exc:
        if lock is not None:
            lock.release()
        log.warning("cannot open %s: %s", path, exc)
        messages.show_error(window, exc)
        return False
    window.set_document(Document(db, lock=lock))
    if read_only:
        window.setWindowTitle(window.windowTitle() + strings.READ_ONLY_SUFFIX)
    window.show_status(strings.MSG_DB_OPENED.format(path=path))
    return True


def _folder_of_current(window: Host) -> str:
    return str(window.document.path.parent) if window.document else ""


def ask_open_database(window: FileWindow) -> None:
    path = messages.get_open_path(
        window, strings.OPEN_DB_TITLE, strings.DB_FILE_FILTER, _folder_of_current(window)
    )
    if path:
        open_database_file(window, path)


def ask_new_database(window: FileWindow) -> None:
    path = messages.get_save_path(
        window, strings.NEW_DB_TITLE, strings.DB_FILE_FILTER, _folder_of_current(window)
    )
    if not path:
        return
    if Path(path).exists():
        messages.show_info(window, strings.TITLE_INFO, strings.MSG_DB_EXISTS.format(path=path))
        return
    open_database_file(window, path, create=True)


def fill_recent_menu(menu: QMenu, window: FileWindow) -> None:
    """The recent databases but the open one (the menu's aboutToShow)."""
    menu.clear()
    current = window.document.path.resolve() if window.document is not None else None
    paths = [p for p in recent_files.recent() if p != current]
    if not paths:
        menu.addAction(strings.RECENT_EMPTY).setEnabled(False)
    for number, path in enumerate(paths, 1):
        action = menu.addAction(f"&{number} {path.name}  ({path.parent})")
        action.triggered.connect(lambda _c=False, p=path: open_recent(window, p))


def open_recent(window: FileWindow, path: Path) -> bool:
    """Open a database of the recent list; a vanished file is said and dropped."""
    if not path.exists():
        recent_files.forget(path)
        messages.show_error_text(window, strings.RECENT_MISSING.format(path=path))
        return False
    return open_database_file(window, path)
