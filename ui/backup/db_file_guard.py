"""The window's side of the database-file guard (models/db_guard.py): check the file when the
window regains focus, offer to save the window's data elsewhere once it was replaced, and ask
what to do with a leftover -wal at start-up."""

from __future__ import annotations

import logging
import weakref
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from models.errors import PlanDeskError
from models.store import backup, db_guard
from ui import messages, strings
from ui.host import Host

log = logging.getLogger(__name__)

# The documents whose replaced file the user was told about (once each).
_TOLD: weakref.WeakSet[Any] = weakref.WeakSet()


def check_on_focus(window: Host) -> bool:
    """Verify the open file; the first time it was replaced, say so and offer a copy."""
    document = window.document
    if document is None:
        return True
    try:
        document.db.verify_file()
    except db_guard.DatabaseReplacedError as exc:
        if document in _TOLD:
            return False
        _TOLD.add(document)
        log.error("database file replaced under the window: %s", exc)
        text = f"{exc.user_text}\n\n{strings.DB_REPLACED_SAVE}"
        if messages.ask_yes_no(window, strings.TITLE_DB_REPLACED, text):
            save_copy(window, document.db)
        return False
    return True


def save_copy(parent: QWidget, db: Any) -> None:
    """The window's connection copied into a new file (SQLite backup API)."""
    path = messages.get_save_path(parent, strings.DB_REPLACED_SAVE_TITLE, strings.FILTER_BACKUP)
    if not path:
        return
    try:
        backup.copy_database(db.conn, path)
    except PlanDeskError as exc:
        messages.show_error(parent, exc)


def ask_leftover_wal(parent: QWidget | None, exc: PlanDeskError) -> str | None:
    """Keep or set aside a leftover -wal; None when the user cancels."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, strings.TITLE_LEFTOVER_WAL, exc.user_text, parent=parent
    )
    keep = box.addButton(strings.WAL_KEEP, QMessageBox.ButtonRole.AcceptRole)
    aside = box.addButton(strings.WAL_SET_ASIDE, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return db_guard.WAL_KEEP
    if clicked is aside:
        return db_guard.WAL_SET_ASIDE
    return None
