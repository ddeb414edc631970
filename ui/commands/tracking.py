"""Undo commands of tracking: task-table edits, bulk edits, progress notes, checkpoints, imports.

They follow ui/commands.py: the first redo makes one models/ call (one transaction) and may
fail with a PlanDeskError (then nothing is pushed and Document.push raises it); later
redos and undos replay saved values and restore the same ids, so later commands on the
stack that refer to those ids stay valid.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from models import feedback, outline, tracking
from models.errors import InvalidOperationError
from ui import strings
from ui.commands.outline import _Command, _RowImageCommand, _short
from ui.document import Change

if TYPE_CHECKING:
    from ui.document import Document

log = logging.getLogger(__name__)


def _plans_of(db: Any, task_ids: list[int]) -> set[int]:
    plans = set()
    for tid in task_ids:
        try:
            plans.add(outline.get_node(db, tid).plan_id)
        except Exception:  # NotFoundError: a removed task has no plan to refresh
            continue
    return plans


class _TaskCommand(_Command):
    """Base: after each redo/undo tell the views which tasks changed."""

    task_ids: list[int]

    def _after(self, structure: bool = False) -> None:
        ids = list(self.task_ids)
        self.document.notify(Change.of(_plans_of(self.db, ids), ids, structure=structure))


# ------------------------------------------------------------------ task fields
class EditTasksCommand(_TaskCommand, _RowImageCommand):
    """Set fields on one or many tasks in one transaction (table edit, bulk edit, paste).

    ``changes`` maps task id → {field: value}. Once the plan is final a change of deadline/target
    is logged with ``reason``. Undo puts every task row back and removes the logged changes.
    """

    def __init__(
        self, document: Document, changes: dict[int, dict[str, Any]], text: str, reason: str = ""
    ) -> None:
        super().__init__(document, text)
        self.changes = {tid: dict(v) for tid, v in changes.items()}
        self.task_ids = list(self.changes)
        self.reason = reason

    def _redo_first(self) -> Any:
        if not self.changes:
            raise InvalidOperationError(strings.MSG_SELECT_TASKS)

        old = self._record(
            lambda: tracking.update_tasks(self.db, self.changes, reason=self.reason),
            {"nodes": self.task_ids},
            grows=("field_changes",),
        )
        self._after()
        return old


def edit_task_field(
    document: Document, task_id: int, field: str, value: Any, reason: str = ""
) -> EditTasksCommand:
    """The command for one cell of the task table."""
    name = strings.FIELD_NAMES.get(field, field)
    return EditTasksCommand(
        document, {task_id: {field: value}}, strings.UNDO_EDIT.format(field=name), reason
    )


def BulkEditCommand(
    document: Document, task_ids: list[int], field: str, value: Any, reason: str = ""
) -> EditTasksCommand:  # noqa: N802 - reads as a class
    """Set one field to the same value on many tasks: one transaction, one undo step."""
    name = strings.FIELD_NAMES.get(field, field)
    return EditTasksCommand(
        document,
        {tid: {field: value} for tid in task_ids},
        strings.UNDO_BULK_EDIT.format(field=name, count=len(task_ids)),
        reason,
    )


# ------------------------------------------------------------------ progress notes
class AddProgressEntryCommand(_TaskCommand, _RowImageCommand):
    """Record a progress note; the task's progress and status change with it."""

    def __init__(
        self,
        document: Document,
        task_id: int,
        text: str,
        progress_after: int | None,
        entry_date: str | None = None,
        problems: str | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_ADD_PROGRESS)
        self.task_ids = [task_id]
        self._args = (text, progress_after, entry_date, problems)
        self.entry_id: int | None = None

    def _redo_first(self) -> Any:
        text, progress, entry_date, problems = self._args
        self.entry_id, _old = self._record(
            lambda: tracking.add_progress(
                self.db, self.task_ids[0], text, progress, entry_date=entry_date, problems=problems
            ),
            {"nodes": self.task_ids},
            grows=("progress_log",),
        )
        self._after()
        return self.entry_id


class RemoveProgressEntryCommand(_TaskCommand):
    """Delete a progress note (the task's progress is left as it is)."""

    def __init__(self, document: Document, entry_id: int, task_id: int) -> None:
        super().__init__(document, strings.UNDO_REMOVE_PROGRESS)
        self.entry_id = entry_id
        self.task_ids = [task_id]
        self._row: dict[str, Any] | None = None

    def _redo_again(self) -> None:
        self._row = tracking.remove_progress(self.db, self.entry_id)
        self._after()

    def undo(self) -> None:
        assert self._row is not None
        tracking.restore_progress(self.db, self._row)
        self._after()


# ------------------------------------------------------------------ checkpoints
class AddCheckpointsCommand(_TaskCommand):
    """Add one checkpoint, or the dated rows of a recurring rule; result: the new ids."""

    def __init__(
        self,
        document: Document,
        task_id: int,
        *,
        title: str = "",
        due_date: str | None = None,
        rule: str | None = None,
        shift_holidays: bool | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_ADD_CHECKPOINTS.format(count=""))
        self.task_ids = [task_id]
        self._title, self._due, self._rule, self._shift = title, due_date, rule, shift_holidays
        self.ids: list[int] = []
        self._rows: list[dict[str, Any]] = []

    def _redo_first(self) -> Any:
        if self._rule:
            self.ids = tracking.add_recurring_checkpoints(
                self.db, self.task_ids[0], self._rule, shift_holidays=self._shift
            )
        else:
            self.ids = [
                tracking.add_checkpoint(
                    self.db,
                    self.task_ids[0],
                    self._title,
                    self._due,
                    shift_holidays=bool(self._shift),
                )
            ]
        self.setText(strings.UNDO_ADD_CHECKPOINTS.format(count=len(self.ids)))
        if not self.ids:
            self.setObsolete(True)
        self._after()
        return self.ids

    def _redo_again(self) -> None:
        tracking.restore_checkpoints(self.db, self._rows)
        self._after()

    def undo(self) -> None:
        self._rows = tracking.remove_checkpoints(self.db, self.ids)
        self._after()


class EditCheckpointCommand(_TaskCommand):
    """Change fields of a checkpoint (mark done, new date, note)."""

    def __init__(self, document: Document, checkpoint_id: int, **values: Any) -> None:
        cp = tracking.get_checkpoint(document.db, checkpoint_id)
        super().__init__(document, strings.UNDO_EDIT_CHECKPOINT.format(title=_short(cp.title)))
        self.checkpoint_id = checkpoint_id
        self.task_ids = [cp.task_id]
        self._values = values
        self._old: dict[str, Any] = {}

    def _redo_first(self) -> Any:
        self._old = tracking.update_checkpoint(self.db, self.checkpoint_id, **self._values)
        if self._old == {k: self._values[k] for k in self._old}:
            self.setObsolete(True)
        self._after()
        return None

    def _redo_again(self) -> None:
        tracking.update_checkpoint(self.db, self.checkpoint_id, **self._values)
        self._after()

    def undo(self) -> None:
        tracking.update_checkpoint(self.db, self.checkpoint_id, **self._old)
        self._after()


class RemoveCheckpointsCommand(_TaskCommand):
    """Delete checkpoints; undo restores them with the same ids."""

    def __init__(self, document: Document, checkpoint_ids: list[int]) -> None:
        super().__init__(
            document, strings.UNDO_REMOVE_CHECKPOINTS.format(count=len(checkpoint_ids))
        )
        self.checkpoint_ids = list(checkpoint_ids)
        self.task_ids = sorted(
            {tracking.get_checkpoint(document.db, c).task_id for c in self.checkpoint_ids}
        )
        self._rows: list[dict[str, Any]] = []

    def _redo_again(self) -> None:
        self._rows = tracking.remove_checkpoints(self.db, self.checkpoint_ids)
        self._after()

    def undo(self) -> None:
        tracking.restore_checkpoints(self.db, self._rows)
        self._after()


# ------------------------------------------------------------------ imports
class ApplyFeedbackCommand(_TaskCommand, _RowImageCommand):
    """Apply a returned feedback sheet as progress notes (one transaction, one undo step)."""

    def __init__(
        self,
        document: Document,
        preview: feedback.FeedbackPreview,
        *,
        include_conflicts: bool = False,
        entry_date: str | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_APPLY_FEEDBACK.format(unit=preview.unit))
        self.preview = preview
        self.include_conflicts = include_conflicts
        self.entry_date = entry_date
        self.task_ids = []

    def _redo_first(self) -> Any:
        applied = self._record(
            lambda: feedback.apply_feedback(
                self.db,
                self.preview,
                include_conflicts=self.include_conflicts,
                entry_date=self.entry_date,
            ),
            {"nodes": [r.task_id for r in self.preview.rows if r.task_id is not None]},
            grows=("progress_log",),
        )
        self.task_ids = sorted({a.task_id for a in applied})
        self._after()
        return len(applied)


class ApplyTaskTableCommand(_TaskCommand, _RowImageCommand):
    """Apply the previewed changes of an edited task table."""

    def __init__(
        self, document: Document, preview: feedback.TablePreview, reason: str = ""
    ) -> None:
        super().__init__(document, strings.UNDO_IMPORT_TABLE.format(count=len(preview.changes)))
        self.preview = preview
        self.reason = reason
        self.task_ids = [c.task_id for c in preview.changes]

    def _redo_first(self) -> Any:
        old = self._record(
            lambda: feedback.apply_task_table(self.db, self.preview, reason=self.reason),
            {"nodes": self.task_ids},
            grows=("field_changes",),
        )
        self._after()
        return len(old)


# ------------------------------------------------------------------ units dictionary
class UnitCommand(_Command):
    """Add, rename or remove an entry of the units/people dictionary."""

    def __init__(
        self,
        document: Document,
        action: str,
        *,
        unit_id: int | None = None,
        name: str = "",
        kind: str = "unit",
        note: str = "",
    ) -> None:
        texts = {
            "add": strings.UNDO_ADD_UNIT,
            "edit": strings.UNDO_EDIT_UNIT,
            "remove": strings.UNDO_REMOVE_UNIT,
        }
        super().__init__(document, texts[action].format(name=_short(name)))
        self.action, self.unit_id = action, unit_id
        self._values = {"name": name, "kind": kind, "note": note}
        self._old: dict[str, Any] = {}
        self._row: dict[str, Any] | None = None

    def _redo_first(self) -> Any:
        if self.action == "add":
            self.unit_id = tracking.add_unit(self.db, **self._values)
        elif self.action == "edit":
            assert self.unit_id is not None
            self._old = tracking.update_unit(
                self.db, self.unit_id, name=self._values["name"], note=self._values["note"]
            )
        else:
            assert self.unit_id is not None
            self._row = tracking.remove_unit(self.db, self.unit_id)
        self.document.notify(Change.of())
        return self.unit_id

    def _redo_again(self) -> None:
        assert self.unit_id is not None
        if self.action == "add":
            assert self._row is not None
            tracking.restore_unit(self.db, self._row)
        elif self.action == "edit":
            tracking.update_unit(
                self.db, self.unit_id, name=self._values["name"], note=self._values["note"]
            )
        else:
            self._row = tracking.remove_unit(self.db, self.unit_id)
        self.document.notify(Change.of())

    def undo(self) -> None:
        assert self.unit_id is not None
        if self.action == "add":
            self._row = tracking.remove_unit(self.db, self.unit_id)
        elif self.action == "edit":
            tracking.update_unit(self.db, self.unit_id, **self._old)
        else:
            assert self._row is not None
            tracking.restore_unit(self.db, self._row)
        self.document.notify(Change.of())
