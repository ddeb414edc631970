"""The write lock of an opened database, from the window's side: take it or offer read-only.

models/store/lock.py does the locking; this asks the user when another PlanDesk holds the file.
The lock then belongs to the Document (ui/document.py), which releases it when closed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from models.errors import DatabaseLockedError
from models.store.lock import DatabaseLock, break_lock, this_host
from ui import messages, strings

log = logging.getLogger(__name__)


def acquire_or_ask(
    parent: QWidget | None, path: str | Path
) -> tuple[DatabaseLock | None, bool] | None:
    """Take the write lock of ``path``; if another PlanDesk holds it, offer read-only.

    Returns (lock, read_only), or None when the user declined to open it read-only.
    The lock is None when read-only, or when no lock file can be written (a read-only
    folder: opening the database then says what is wrong).
    """
    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseLockedError as exc:
        log.warning("database %s is locked: %s", path, exc)
        if messages.ask_yes_no(
            parent, strings.LOCKED_TITLE, strings.LOCKED_ASK_READ_ONLY.format(error=exc.user_text)
        ):
            return None, True
        holder = getattr(exc, "holder", None)
        # A lock of another computer (network share) is never taken over automatically:
        # only the user can know that that PlanDesk is gone.
        if (
            holder is not None
            and holder.host != this_host()
            and messages.ask_yes_no(
                parent, strings.LOCKED_TITLE, strings.LOCKED_ASK_BREAK.format(host=holder.host)
            )
        ):
            break_lock(path)
            try:
                lock.acquire()
            except DatabaseLockedError as again:  # someone else was quicker
                messages.show_error(parent, again)
                return None
            return lock, False
        return None
    except OSError as exc:
        log.warning("no lock file for %s: %s", path, exc)
        return None, False
    return lock, False
