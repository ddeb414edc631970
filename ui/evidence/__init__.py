"""evidence files in the window: a section of the task panel (list with thumbnails, add, drop,
open, save as, remove), and the assessment dialog.

``install(window)`` is called once by the main window (one line there).
"""

from __future__ import annotations

import logging
from typing import Any

from models.errors import PlanDeskError
from models.evidence import store

log = logging.getLogger(__name__)


class EvidenceUi:
    """The evidence parts of one main window (kept as ``window.evidence``)."""

    def __init__(self, window: Any) -> None:
        from ui.evidence.section import EvidenceSection

        self.window = window
        self.section = EvidenceSection(window.document, window.push)
        window.task_panel.add_extra_widget(self.section)
        window.task_panel.task_shown.connect(self.section.show_task)
        window.document_replaced.connect(self._bind)
        self.due_filter: Any = None
        tracking = getattr(window, "tracking", None)
        if tracking is not None:
            from ui.evidence.due_marker import MissingEvidenceFilter

            self.due_filter = MissingEvidenceFilter(tracking.due, window)
        self._prune(window.document)

    def _bind(self, document: Any) -> None:
        if self.section.document is not document:
            self.section.set_document(document)
            if self.due_filter is not None:
                self.due_filter.set_document(document)
        self._prune(document)

    @staticmethod
    def _prune(document: Any) -> None:
        """Files kept only for undo go once a database is opened (its undo history is new)."""
        if document.db.read_only:
            return
        try:
            store.prune_files(document.db)
        except PlanDeskError as exc:  # e.g. the file was replaced: the next write says so
            log.warning("pruning evidence files failed: %s", exc)


def install(window: Any) -> EvidenceUi:
    """Add the evidence parts to the main window."""
    window.evidence = EvidenceUi(window)
    return window.evidence
