"""A task's earlier years in the task panel: plan, text, final status, last progress note."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QGroupBox, QTextBrowser, QVBoxLayout, QWidget

from models import compare
from models.store.db import Database
from models.vocab import TASK_STATUS, label
from ui import strings

log = logging.getLogger(__name__)

NODE_SCHEME = "node"
META_STYLE = "color:#57606a;"


def history_html(entries: list[compare.HistoryEntry]) -> str:
    """The history entries as HTML, the previous year first."""
    if not entries:
        return f'<p style="{META_STYLE}">{html.escape(strings.HISTORY_EMPTY)}</p>'
    parts = []
    for entry in entries:
        head = strings.HISTORY_ENTRY.format(year=entry.year or "", plan=entry.plan_title)
        status = strings.HISTORY_STATUS.format(
            status=label(TASK_STATUS, entry.status), progress=entry.progress
        )
        if entry.last_note:
            note = strings.HISTORY_NOTE.format(
                date=entry.last_note_date or "", note=entry.last_note
            )
        else:
            note = strings.HISTORY_NO_NOTE
        parts.append(
            f'<p><a href="{NODE_SCHEME}:{entry.task_id}"><b>{html.escape(head)}</b></a><br>'
            f"{html.escape(entry.text)}<br>"
            f'<span style="{META_STYLE}">{html.escape(status)}<br>{html.escape(note)}</span></p>'
        )
    return "".join(parts)


class TaskHistoryWidget(QGroupBox):
    """The chain of earlier versions of the shown task (through carried_from).

    The window gives it the database with :meth:`set_database`; without one it stays hidden.

    Signals:
        node_activated(node_id): an earlier version was clicked.
    """

    node_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.HISTORY_TITLE, parent)
        self._db: Database | None = None
        self._loader: Callable[[Database, int], list[compare.HistoryEntry]] = compare.task_history
        self.entries: list[compare.HistoryEntry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setMinimumHeight(60)
        layout.addWidget(self.view)
        self.view.anchorClicked.connect(self._on_view_anchor_clicked)
        self.setVisible(False)

    def set_database(self, db: Database | None) -> None:
        """The database to read histories from (None: show nothing)."""
        self._db = db
        if db is None:
            self.clear()

    def show_task(self, task_id: int | None) -> None:
        """Show the earlier versions of a task (hidden when there is no database)."""
        if self._db is None or task_id is None:
            self.clear()
            return
        self.entries = self._loader(self._db, task_id)
        self.view.setHtml(history_html(self.entries))
        self.setVisible(True)

    def clear(self) -> None:
        """Show nothing."""
        self.entries = []
        self.view.clear()
        self.setVisible(False)

    def _on_view_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == NODE_SCHEME:
            try:
                self.node_activated.emit(int(url.path()))
            except ValueError:
                log.warning("bad node link %s", url.toString())
