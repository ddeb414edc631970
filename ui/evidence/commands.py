"""Undo commands of evidence files: add and remove restore exactly the same rows (ids, times).

The stored files stay in the database while a command could bring them back; they are
removed with models.evidence.store.prune_files when the undo history starts anew.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.evidence import assessment, store
from models.evidence.files import Prepared
from ui import strings
from ui.commands.outline import _Command
from ui.commands.tracking import _TaskCommand
from ui.document import Change

if TYPE_CHECKING:
    from ui.document import Document


class AddEvidenceCommand(_TaskCommand):
    """Attach checked files to a task; undo takes the links out again."""

    def __init__(
        self,
        document: Document,
        task_id: int,
        files: list[Prepared],
        note: str = "",
        *,
        checkpoint_id: int | None = None,
        progress_id: int | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_ADD_EVIDENCE.format(count=len(files)))
        self.task_ids = [task_id]
        self._files = files
        self._args = (note, checkpoint_id, progress_id)
        self.ids: list[int] = []
        self._rows: list[dict[str, Any]] = []

    def _redo_first(self) -> Any:
        note, checkpoint_id, progress_id = self._args
        self.ids = store.add_prepared(
            self.db,
            self.task_ids[0],
            self._files,
            note=note,
            checkpoint_id=checkpoint_id,
            progress_id=progress_id,
        )
        self._files = []  # the bytes are in the database now
        self._after()
        return self.ids

    def _redo_again(self) -> None:
        store.restore_evidence(self.db, self._rows)
        self._after()

    def undo(self) -> None:
        self._rows = store.remove_evidence(self.db, self.ids, keep_file=True)
        self._after()


class RemoveEvidenceCommand(_TaskCommand):
    """Unlink files from their task; undo puts the same rows back."""

    def __init__(self, document: Document, evidence_ids: list[int]) -> None:
        super().__init__(document, strings.UNDO_REMOVE_EVIDENCE.format(count=len(evidence_ids)))
        self.evidence_ids = list(evidence_ids)
        self.task_ids = sorted({store.get_evidence(document.db, i).task_id for i in evidence_ids})
        self._rows: list[dict[str, Any]] = []

    def _redo_again(self) -> None:
        self._rows = store.remove_evidence(self.db, self.evidence_ids, keep_file=True)
        self._after()

    def undo(self) -> None:
        store.restore_evidence(self.db, self._rows)
        self._after()


class AssessmentCommand(_Command):
    """Any change of a year's assessment items (import, add, remove, link, score): the first redo
    makes the one models/ call; undo and redo put back the whole year as it was before
    and after, so ids, order, links and scores come back exactly."""

    def __init__(self, document: Document, year: int, change: Callable[[], Any], what: str) -> None:
        super().__init__(document, strings.UNDO_ASSESSMENT.format(what=what))
        self.year = year
        self._change = change
        self._before: list[dict[str, Any]] = []
        self._after_rows: list[dict[str, Any]] = []

    def _redo_first(self) -> Any:
        self._before = assessment.snapshot_year(self.db, self.year)
        result = self._change()
        self._after_rows = assessment.snapshot_year(self.db, self.year)
        self.document.notify(Change.of())
        return result

    def _redo_again(self) -> None:
        assessment.put_back_year(self.db, self.year, self._after_rows)
        self.document.notify(Change.of())

    def undo(self) -> None:
        assessment.put_back_year(self.db, self.year, self._before)
        self.document.notify(Change.of())
