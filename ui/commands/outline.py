"""Undo commands: every change the GUI makes to the database is one of these (STYLE.md §4).

Each ``redo``/``undo`` makes one models/ call (one transaction), then emits
``Document.changed`` with what changed; every view follows it, the tree too. Push them
with ``Document.push`` so an expected error of the first redo (a bad value) is raised to
the caller instead of leaving a dead entry on the stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from models import outline, tracking
from models.errors import PlanDeskError
from models.outline import Snapshot
from models.store import row_images
from models.store.row_images import Recorded
from models.vocab import NodeKind
from ui import strings
from ui.document import Change

if TYPE_CHECKING:
    from ui.document import Document

log = logging.getLogger(__name__)

# ids for mergeWith (QUndoCommand.id); -1 means "never merge"
_ID_EDIT_PLAN = 1001
_ID_EDIT_NODE = 1002


@dataclass
class Outcome:
    """Result of a command's first redo: a value (e.g. a new id) or an expected error."""

    value: Any = None
    error: PlanDeskError | None = None


def _short(text: str, limit: int = 16) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit] + "…"


class _Command(QUndoCommand):
    """Base: the first redo may fail with a PlanDeskError; later redos replay it."""

    def __init__(self, document: Document, text: str = "") -> None:
        super().__init__(text)
        self.document = document
        self.db = document.db
        self.outcome = Outcome()
        self._done_once = False

    def redo(self) -> None:
        if self._done_once:
            self._redo_again()
            return
        try:
            self.outcome.value = self._redo_first()
        except PlanDeskError as exc:
            # Nothing was written (one transaction). An obsolete command is dropped by
            # QUndoStack.push; Document.push raises the error for the caller to show.
            log.warning("%s failed: %s", type(self).__name__, exc)
            self.outcome.error = exc
            self.setObsolete(True)
            return
        self._done_once = True

    def _redo_first(self) -> Any:
        self._redo_again()
        return None

    def _redo_again(self) -> None:
        raise NotImplementedError


# ------------------------------------------------------------------ field edits
class _RowImageCommand(_Command):
    """Base of the commands that edit rows in place: undo and redo put whole rows back.

    The first redo records the rows it touches (models/row_images.py); undo writes their
    before images, a later redo their after images, so both restore every column exactly,
    ``updated_at`` included. A change that leaves every row as it was is put back at once
    and not put on the stack.
    """

    _rec: Recorded

    def _record(
        self, change: Callable[[], Any], rows: dict[str, list[int]], grows: tuple[str, ...] = ()
    ) -> Any:
        result, self._rec = row_images.record(self.db, change, rows, grows)
        if not self._rec.changed:
            row_images.put_back(self.db, self._rec.before)
            self.setObsolete(True)
        return result

    def _redo_again(self) -> None:
        row_images.put_back(self.db, self._rec.after)
        self._after()

    def undo(self) -> None:
        row_images.put_back(self.db, self._rec.before)
        self._after()

    def _merge(self, other: _RowImageCommand) -> bool:
        self._rec.merge(other._rec)
        if not self._rec.changed:
            row_images.put_back(self.db, self._rec.before)
            self.setObsolete(True)
        return True

    def _after(self) -> None:
        raise NotImplementedError


class EditPlanFieldCommand(_RowImageCommand):
    """Change one field of a plan; repeated edits of the same field merge."""

    def __init__(self, document: Document, plan_id: int, field: str, value: Any) -> None:
        name = strings.FIELD_NAMES.get(field, field)
        super().__init__(document, strings.UNDO_EDIT.format(field=name))
        self.plan_id = plan_id
        self.field = field
        self._value = value

    def _redo_first(self) -> Any:
        self._record(
            lambda: outline.update_plan(self.db, self.plan_id, **{self.field: self._value}),
            {"plans": [self.plan_id]},
        )
        self._after()
        return None

    def _after(self) -> None:
        self.document.notify(Change.of([self.plan_id], plans=self.field in ("title", "year")))

    def id(self) -> int:
        return _ID_EDIT_PLAN

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditPlanFieldCommand) or other.isObsolete():
            return False
        if (other.plan_id, other.field) != (self.plan_id, self.field):
            return False
        return self._merge(other)


class EditNodeFieldCommand(_RowImageCommand):
    """Change one field of a section or task; repeated edits of the same field merge.

    Changing a task's deadline words also changes its due date (models/outline.py);
    both are restored by undo. Once the plan is final a deadline/target change needs
    ``reason`` and is logged; undo removes the log entry again.
    """

    def __init__(
        self, document: Document, node_id: int, field: str, value: Any, reason: str = ""
    ) -> None:
        name = strings.FIELD_NAMES.get(field, field)
        super().__init__(document, strings.UNDO_EDIT.format(field=name))
        self.node_id = node_id
        self.field = field
        self._value = value
        self._reason = reason
        self._plan_id: int | None = None

    def _redo_first(self) -> Any:
        self._plan_id = outline.get_node(self.db, self.node_id).plan_id
        # the one field edit (models/tracking.py): in a final plan it logs deadline/target changes
        self._record(
            lambda: tracking.update_task_fields(
                self.db, self.node_id, {self.field: self._value}, reason=self._reason
            ),
            {"nodes": [self.node_id]},
            grows=("field_changes",),
        )
        self._after()
        return None

    def _after(self) -> None:
        self.document.notify(Change.of([self._plan_id], [self.node_id]))

    def id(self) -> int:
        return _ID_EDIT_NODE

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditNodeFieldCommand) or other.isObsolete():
            return False
        if (other.node_id, other.field) != (self.node_id, self.field):
            return False
        return self._merge(other)


# ------------------------------------------------------------------ plans
class CreatePlanCommand(_Command):
    """Any action that creates whole plans: new plan, import, rollover, sample.

    ``create_fn()`` writes the new plan(s) in ONE transaction and returns the new plan id
    (or a list of ids, e.g. the sample's three plans); it runs only on the first redo.
    The result of ``Document.push`` is what ``create_fn`` returned.

    - undo: deletes the plan(s) in one transaction, keeping their Snapshots;
    - later redo: restores those snapshots, with the same ids (so later commands on the
      stack that refer to these ids stay valid).

    If ``create_fn`` raises a PlanDeskError, nothing is pushed and Document.push raises it.
    Subclass it or pass a closure, e.g. for an import::

        cmd = CreatePlanCommand(doc, strings.UNDO_IMPORT, lambda: store_document(db, parsed))
        plan_id = doc.push(cmd)
    """

    def __init__(
        self, document: Document, text: str, create_fn: Callable[[], int | list[int]]
    ) -> None:
        super().__init__(document, text)
        self._create_fn = create_fn
        self.plan_ids: list[int] = []
        self._snapshots: list[Snapshot] = []

    def _redo_first(self) -> Any:
        result = self._create_fn()
        self.plan_ids = [int(result)] if isinstance(result, int) else [int(i) for i in result]
        self._after_insert()
        return result

    def _redo_again(self) -> None:
        with self.db.transaction():
            # reverse order of deletion, so references between the plans come back
            for snap in reversed(self._snapshots):
                outline.restore_snapshot(self.db, snap)
        self._snapshots = []
        self._after_insert()

    def undo(self) -> None:
        with self.db.transaction():
            self._snapshots = [outline.delete_plan(self.db, pid) for pid in self.plan_ids]
        self.document.notify(Change.of(self.plan_ids, structure=True, plans=True))

    def _after_insert(self) -> None:
        self.document.notify(Change.of(self.plan_ids, structure=True, plans=True))


class AddPlanCommand(CreatePlanCommand):
    """A new, empty plan with the given fields."""

    def __init__(self, document: Document, **values: Any) -> None:
        super().__init__(
            document, strings.UNDO_ADD_PLAN, lambda: outline.create_plan(document.db, **values)
        )


class DeletePlanCommand(_Command):
    """Delete a plan with its outline; undo restores it with the same ids."""

    def __init__(self, document: Document, plan_id: int) -> None:
        title = outline.get_plan(document.db, plan_id).title
        super().__init__(document, strings.UNDO_DELETE_PLAN.format(title=_short(title)))
        self.plan_id = plan_id
        self._snapshot: Snapshot | None = None

    def _redo_again(self) -> None:
        self._snapshot = outline.delete_plan(self.db, self.plan_id)
        self.document.notify(Change.of([self.plan_id], structure=True, plans=True))

    def undo(self) -> None:
        assert self._snapshot is not None
        outline.restore_snapshot(self.db, self._snapshot)
        self.document.notify(Change.of([self.plan_id], structure=True, plans=True))


# ------------------------------------------------------------------ nodes
class InsertNodeCommand(_Command):
    """A new subtree under ``parent_id`` at ``position``: the first redo inserts it
    (``_insert``), undo removes it keeping a snapshot, redo restores the same ids; the
    result of push is the new node id."""

    def __init__(
        self,
        document: Document,
        text: str,
        plan_id: int,
        parent_id: int | None,
        position: int | None,
    ) -> None:
        super().__init__(document, text)
        self.plan_id = plan_id
        self.parent_id = parent_id
        self.position = position
        self.node_id: int | None = None
        self._snapshot: Snapshot | None = None

    def _insert(self) -> int:
        raise NotImplementedError

    def _redo_first(self) -> Any:
        self.node_id = self._insert()
        self._notify()
        return self.node_id

    def _redo_again(self) -> None:
        assert self._snapshot is not None
        outline.restore_snapshot(self.db, self._snapshot)  # the same ids as the first time
        self._notify()

    def undo(self) -> None:
        assert self.node_id is not None
        self._snapshot = outline.remove_node(self.db, self.node_id)
        self._notify()

    def _notify(self) -> None:
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))


class AddNodeCommand(InsertNodeCommand):
    """Add a section or task."""

    def __init__(
        self,
        document: Document,
        plan_id: int,
        parent_id: int | None,
        kind: str,
        position: int | None = None,
        **values: Any,
    ) -> None:
        text = strings.UNDO_ADD_SECTION if kind == NodeKind.SECTION else strings.UNDO_ADD_TASK
        super().__init__(document, text, plan_id, parent_id, position)
        self.kind = kind
        self.values = values

    def _insert(self) -> int:
        return outline.add_node(
            self.db, self.plan_id, self.parent_id, self.kind, self.position, **self.values
        )


class RemoveNodeCommand(_Command):
    """Remove a section (with everything below it) or a task; undo restores the same ids."""

    def __init__(self, document: Document, node_id: int) -> None:
        node = outline.get_node(document.db, node_id)
        super().__init__(document, strings.UNDO_REMOVE_NODE.format(title=_short(node.title)))
        self.node_id = node_id
        self.plan_id = node.plan_id
        self._snapshot: Snapshot | None = None

    def _redo_again(self) -> None:
        self._snapshot = outline.remove_node(self.db, self.node_id)
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))

    def undo(self) -> None:
        assert self._snapshot is not None
        outline.restore_snapshot(self.db, self._snapshot)
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))


class MoveNodeCommand(_RowImageCommand):
    """Move a node (with its subtree) within its plan: drag and drop, up/down, indent/outdent.

    ``new_position`` is the index among the new siblings without the node itself
    (models.outline.move_node). A move that changes nothing is not put on the stack.
    Undo puts the old and the new siblings back as they were (their rows, exactly).
    """

    def __init__(
        self,
        document: Document,
        node_id: int,
        new_parent_id: int | None,
        new_position: int,
        text: str | None = None,
    ) -> None:
        node = outline.get_node(document.db, node_id)
        super().__init__(document, text or strings.UNDO_MOVE.format(title=_short(node.title)))
        self.node_id = node_id
        self.plan_id = node.plan_id
        self.new_parent_id = new_parent_id
        self.new_position = new_position
        self._old: tuple[int | None, int] = (node.parent_id, node.position)

    def _redo_first(self) -> Any:
        siblings = [
            n.id
            for parent in {self._old[0], self.new_parent_id}
            for n in outline.children(self.db, self.plan_id, parent)
        ]
        self._record(
            lambda: outline.move_node(self.db, self.node_id, self.new_parent_id, self.new_position),
            {"nodes": siblings},
        )
        node = outline.get_node(self.db, self.node_id)  # the position models clamped to
        self.new_parent_id, self.new_position = node.parent_id, node.position
        self._after()
        return None

    def _after(self) -> None:
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))


class SetNodeKindCommand(_RowImageCommand):
    """Turn a task into a section (its text becomes the heading) or an empty section into
    a task; undo restores the exact previous row."""

    def __init__(self, document: Document, node_id: int, kind: str) -> None:
        super().__init__(document, strings.UNDO_SET_KIND)
        self.node_id = node_id
        self.kind = kind
        self.plan_id = outline.get_node(document.db, node_id).plan_id

    def _redo_first(self) -> Any:
        self._record(
            lambda: outline.set_node_kind(self.db, self.node_id, self.kind),
            {"nodes": [self.node_id]},
        )
        if not self.isObsolete():
            self._after()
        return None

    def _after(self) -> None:
        self.document.notify(Change.of([self.plan_id], [self.node_id], structure=True))
