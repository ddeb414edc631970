"""Undo command for pasting (and duplicating) copied sections and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from models import node_copy, outline
from models.outline import Snapshot
from ui.commands.outline import _Command
from ui.document import Change

if TYPE_CHECKING:
    from ui.document import Document


class PasteNodeCommand(_Command):
    """Insert copied data (models.node_copy) as a new subtree; push returns the new id."""

    def __init__(
        self,
        document: Document,
        plan_id: int,
        parent_id: int | None,
        position: int | None,
        data: dict[str, Any],
        text: str,
    ) -> None:
        super().__init__(document, text)
        self.plan_id = plan_id
        self.parent_id = parent_id
        self.position = position
        self.data = data
        self.node_id: int | None = None
        self._snapshot: Snapshot | None = None

    def _redo_first(self) -> Any:
        self.node_id = node_copy.insert_subtree(
            self.db, self.plan_id, self.parent_id, self.position, self.data
        )
        self._after_insert()
        return self.node_id

    def _redo_again(self) -> None:
        assert self._snapshot is not None
        outline.restore_snapshot(self.db, self._snapshot)  # the same ids as the first time
        self._after_insert()

    def undo(self) -> None:
        assert self.node_id is not None
        self._snapshot = outline.remove_node(self.db, self.node_id)
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))

    def _after_insert(self) -> None:
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))
