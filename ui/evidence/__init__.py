"""evidence files in the window: a section of the task panel (list with thumbnails, add, drop,
open, save as, remove), and the assessment dialog.

``install(window)`` is called once by the main window (one line there).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from models.errors import PlanDeskError
from models.evidence import store
from models.vocab import NodeKind

if TYPE_CHECKING:
    from ui.host import Host
    from ui.tracking.tracking_ui import TrackingUi

log = logging.getLogger(__name__)


class EvidenceUi:
    """The evidence parts of one main window (the window keeps it)."""

    def __init__(self, window: Host, tracking: TrackingUi) -> None:
        from ui.evidence.section import EvidenceSection

        self.window = window
        self.section = EvidenceSection(window.document, window.push)
        window.task_panel.add_extra_widget(self.section)
        window.task_panel.task_shown.connect(self.section.show_task)
        window.document_replaced.connect(self._bind)
        from ui.evidence.due_marker import MissingEvidenceFilter

        self.due_filter = MissingEvidenceFilter(tracking.due, window)
        self.dialog: Any = None
        self._create_actions(tracking.menu)
        self._prune(window.document)

    def _create_actions(self, menu: Any) -> None:
        from ui import strings

        w = self.window
        menu.addSeparator()
        w.add_action(
            menu,
            strings.ACT_EXPORT_EVIDENCE,
            self.export_evidence,
            key="export_evidence",
            tip=strings.TIP_EXPORT_EVIDENCE,
        )
        w.add_action(
            menu,
            strings.ACT_ASSESSMENT,
            self.show_assessment,
            key="assessment",
            tip=strings.TIP_ASSESSMENT,
        )

    def show_assessment(self) -> Any:
        """Open (or raise) the assessment window."""
        from ui.evidence.assessment_dialog import AssessmentDialog

        if self.dialog is None:
            self.dialog = AssessmentDialog(self.window)
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog

    def export_evidence(self, folder: str | None = None) -> Any:
        """Export the current plan's files into a folder the user picks (a new or empty one)."""
        from export import evidence_files
        from ui import folders, messages, strings

        w = self.window
        plan_id = w.current_plan_id()
        if plan_id is None:
            messages.show_error_text(w, strings.EXPORT_EVIDENCE_NO_PLAN)
            return None
        if folder is None:
            folder = messages.get_folder(
                w, strings.EXPORT_EVIDENCE_TITLE, str(folders.folder_for("evidence_export"))
            )
            if not folder:
                return None
        try:
            target = evidence_files.export_folder(w.document.db, plan_id, folder)
            from export.evidence_list import export_plan

            path = export_plan(w.document.db, plan_id, target)
        except PlanDeskError as exc:
            log.warning("evidence export failed: %s", exc)
            messages.show_error(w, exc)
            return None
        folders.remember("evidence_export", folder)
        w.show_status(strings.EXPORTED_EVIDENCE.format(path=path))
        return path

    def _bind(self, document: Any) -> None:
        if self.section.document is not document:
            self.section.set_document(document)
            if self.due_filter is not None:
                self.due_filter.set_document(document)
            if self.dialog is not None:
                self.dialog.set_document(document)
            if self.window.current_kind() == NodeKind.TASK:  # the tree restored a task of the file
                self.section.show_task(self.window.current_node_id())
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


def install(window: Host, tracking: TrackingUi) -> EvidenceUi:
    """Add the evidence parts to the main window and the tracking menu; the window keeps it."""
    return EvidenceUi(window, tracking)
