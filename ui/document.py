"""One open database: the Database, its undo stack and its item models."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.store.db import Database
from ui.outline.plan_tree_model import PlanTreeModel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What a command changed, so views refresh only that (the tree too: it re-reads
    the rows named here, see PlanTreeModel.apply_change).

    plan_ids: plans whose fields or outline changed.
    node_ids: sections/tasks whose fields changed (or that were added, moved, removed:
        the top of each subtree; the tree finds the parents in itself and the database).
    structure: the outline shape changed (add, remove, move, a kind change).
    plans: plans were added or removed, or a plan's title/year changed.
    """

    plan_ids: frozenset[int] = frozenset()
    node_ids: frozenset[int] = frozenset()
    structure: bool = False
    plans: bool = False

    @classmethod
    def of(
        cls, plan_ids: Any = (), node_ids: Any = (), *, structure: bool = False, plans: bool = False
    ) -> Change:
        """Build a Change from any iterables of ids (None entries are dropped)."""
        return cls(
            frozenset(p for p in plan_ids if p is not None),
            frozenset(n for n in node_ids if n is not None),
            structure,
            plans,
        )


class Document(QObject):
    """The open database and everything bound to it.

    All GUI writes go through :meth:`push` with a command from ``ui/commands/outline.py``.

    Signals:
        changed(Change): after every command redo/undo, with what changed.
    """

    changed = Signal(object)

    def __init__(self, db: Database, parent: QObject | None = None, *, lock: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        # The write lock of the file (models/store/lock.py), released by close(); None read-only.
        self.lock = lock
        self.undo_stack = QUndoStack(self)
        self.tree_model = PlanTreeModel(db, self)
        # The first listener: the other views then look up rows of the updated tree.
        self.changed.connect(self.tree_model.apply_change)

    @property
    def path(self) -> Path:
        """The database file."""
        return Path(self.db.path)

    def push(self, command: QUndoCommand) -> Any:
        """Push a command (which runs its redo); returns the command's result.

        A command whose first redo failed with an expected error is dropped by the stack
        (it marks itself obsolete) and the error is raised here, so the caller can show it;
        the database is unchanged because the models/ call is one transaction.
        """
        outcome = command.outcome
        self.undo_stack.push(command)
        if outcome.error is not None:
            raise outcome.error
        return outcome.value

    def notify(self, change: Change) -> None:
        """Tell the views, the tree first, what changed (commands, after each redo/undo)."""
        self.changed.emit(change)

    def close(self) -> None:
        """Forget the undo history and close the database file."""
        self.undo_stack.clear()
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        log.info("closed database %s", self.db.path)
