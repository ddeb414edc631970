"""Undo command for pasting (and duplicating) copied sections and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from models import node_copy
from ui.commands.outline import InsertNodeCommand

if TYPE_CHECKING:
    from ui.document import Document


class PasteNodeCommand(InsertNodeCommand):
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
        super().__init__(document, text, plan_id, parent_id, position)
        self.data = data

    def _insert(self) -> int:
        return node_copy.insert_subtree(
            self.db, self.plan_id, self.parent_id, self.position, self.data
        )
