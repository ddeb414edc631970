"""Undo commands of supervision: rounds, units' reports, reminders, items and their closings.

They follow ui/commands/outline.py: the first redo makes the models/ call (one transaction) and may
fail with a PlanDeskError (nothing is pushed, Document.push raises it); undo and later redos
replay saved rows with the same ids.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from models import outline
from models.errors import NotFoundError
from models.outline import Snapshot
from models.store import row_images
from models.supervision import items, pace, rounds
from ui import strings
from ui.commands.outline import _Command, _short
from ui.document import Change

if TYPE_CHECKING:
    from ui.document import Document


class SupervisionEvents(QObject):
    """Tells the supervision views that rounds or items changed (after every redo/undo).

    Signals:
        changed(): rounds, units' reports or supervision items changed.
    """

    changed = Signal()


def events(document: Document) -> SupervisionEvents:
    """The document's supervision events object (created on first use)."""
    found = document.findChild(SupervisionEvents)
    if found is None:
        found = SupervisionEvents(document)  # a child: it lives as long as the document
    return found


class _SupervisionCommand(_Command):
    """Base: after each redo/undo, refresh the tasks touched and tell the views."""

    task_ids: tuple[int, ...] = ()

    def _after(self, plan_ids: Any = ()) -> None:
        ids = [t for t in self.task_ids if _exists(self.db, t)]
        plans = set(plan_ids) | {outline.get_node(self.db, t).plan_id for t in ids}
        self.document.notify(Change.of(plans, ids))
        events(self.document).changed.emit()


def _exists(db: Any, node_id: int) -> bool:
    try:
        outline.get_node(db, node_id)
    except NotFoundError:  # a removed item has no row to refresh
        return False
    return True


# ------------------------------------------------------------------ rounds
class NewRoundCommand(_SupervisionCommand):
    """A new round; earlier open rounds of the plan are frozen with it, and thawed on undo."""

    def __init__(
        self, document: Document, plan_id: int, due: str, title: str | None = None
    ) -> None:
        super().__init__(document, strings.UNDO_NEW_ROUND.format(title=title or due))
        self.plan_id, self.due, self.title = plan_id, due, title
        self.round_id: int | None = None
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._frozen: dict[int, tuple[str | None, list[dict[str, Any]]]] = {}
        self._open_before: list[int] = []

    def _redo_first(self) -> Any:
        self._open_before = [
            r.id for r in rounds.list_rounds(self.db, self.plan_id) if r.closed_on is None
        ]
        self.round_id = rounds.create_round(self.db, self.plan_id, self.due, self.title)
        self._after([self.plan_id])
        return self.round_id

    def _redo_again(self) -> None:
        with self.db.transaction():
            for round_id, (closed_on, rows) in self._frozen.items():
                rounds.refreeze(self.db, round_id, closed_on, rows)
            rounds.restore_round(self.db, self._rows)
        self._after([self.plan_id])

    def undo(self) -> None:
        assert self.round_id is not None
        with self.db.transaction():
            self._rows = rounds.remove_round(self.db, self.round_id)
            self._frozen = {
                rid: rounds.reopen_round(self.db, rid)
                for rid in self._open_before
                if rounds.get_round(self.db, rid).closed_on is not None
            }
        self._after([self.plan_id])


class CloseRoundCommand(_SupervisionCommand):
    """Freeze a round's lights; undo thaws them."""

    def __init__(self, document: Document, round_id: int) -> None:
        rnd = rounds.get_round(document.db, round_id)
        super().__init__(document, strings.UNDO_CLOSE_ROUND.format(title=rnd.title))
        self.round_id = round_id
        self._frozen: tuple[str | None, list[dict[str, Any]]] = (None, [])

    def _redo_first(self) -> Any:
        rounds.close_round(self.db, self.round_id)
        self._after()
        return True

    def _redo_again(self) -> None:
        rounds.refreeze(self.db, self.round_id, *self._frozen)
        self._after()

    def undo(self) -> None:
        self._frozen = rounds.reopen_round(self.db, self.round_id)
        self._after()


class MarkReceivedCommand(_SupervisionCommand):
    """Record that a unit reported (on paper)."""

    def __init__(
        self,
        document: Document,
        round_id: int,
        unit: str,
        on: str | dt.date | None = None,
        signed_by: str | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_MARK.format(unit=unit))
        self.round_id, self.unit, self.on, self.signed_by = round_id, unit, on, signed_by
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}

    def _redo_first(self) -> Any:
        self._old = rounds.mark_received(
            self.db, self.round_id, self.unit, self.on, signed_by=self.signed_by
        )
        self._new = rounds.unit_values(self.db, self.round_id, self.unit)
        self._after()
        return True

    def _redo_again(self) -> None:
        rounds.restore_unit(self.db, self.round_id, self.unit, self._new)
        self._after()

    def undo(self) -> None:
        rounds.restore_unit(self.db, self.round_id, self.unit, self._old)
        self._after()


class ChaseCommand(_SupervisionCommand):
    """Reminders: one reminder more to every unit that has not reported."""

    def __init__(self, document: Document, round_id: int) -> None:
        super().__init__(document, strings.UNDO_CHASE)
        self.round_id = round_id
        self._old: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}

    def _redo_first(self) -> Any:
        self._old = rounds.chase(self.db, self.round_id)
        for unit in self._old:
            self._new[unit] = rounds.unit_values(self.db, self.round_id, unit)
        if not self._old:
            self.setObsolete(True)
        self._after()
        return sorted(self._old)

    def _apply(self, values: dict[str, dict[str, Any]]) -> None:
        with self.db.transaction():
            for unit, row in values.items():
                rounds.restore_unit(self.db, self.round_id, unit, row)
        self._after()

    def _redo_again(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class ReceiveSheetCommand(_SupervisionCommand):
    """Apply a returned round sheet and mark its unit (one undo step for both)."""

    def __init__(
        self,
        document: Document,
        round_id: int,
        path: str,
        *,
        on: str | dt.date | None = None,
        signed_by: str | None = None,
    ) -> None:
        super().__init__(document, strings.UNDO_RECEIVE.format(unit=""))
        self.round_id, self.path, self.on, self.signed_by = round_id, path, on, signed_by
        self.receipt: rounds.Receipt | None = None
        self._unit_new: dict[str, Any] = {}

    def _redo_first(self) -> Any:
        self.receipt = rounds.receive_sheet(
            self.db, self.round_id, self.path, received_on=self.on, signed_by=self.signed_by
        )
        self.setText(strings.UNDO_RECEIVE.format(unit=self.receipt.unit))
        self.task_ids = tuple(sorted({a.task_id for a in self.receipt.applied}))
        self._unit_new = rounds.unit_values(self.db, self.round_id, self.receipt.unit)
        self._after()
        return self.receipt

    def _redo_again(self) -> None:
        assert self.receipt is not None
        with self.db.transaction():
            row_images.put_back(self.db, self.receipt.images.after)
            rounds.restore_unit(self.db, self.round_id, self.receipt.unit, self._unit_new)
        self._after()

    def undo(self) -> None:
        assert self.receipt is not None
        with self.db.transaction():
            row_images.put_back(self.db, self.receipt.images.before)
            rounds.restore_unit(self.db, self.round_id, self.receipt.unit, self.receipt.old_unit)
        self._after()


# ------------------------------------------------------------------ items
class AddItemCommand(_SupervisionCommand):
    """A new item; undo removes it (and the ledger plan or source section it created)."""

    def __init__(self, document: Document, text: str, **values: Any) -> None:
        super().__init__(document, strings.UNDO_ADD_ITEM)
        self.item_text, self.values = text, values
        self.item_id: int | None = None
        self._created_plan: int | None = None
        self._created_section: int | None = None
        self._snapshot: Snapshot | None = None

    def _redo_first(self) -> Any:
        plans_before = {p.id for p in outline.list_plans(self.db)}
        self.item_id = items.add_item(self.db, self.item_text, **self.values)
        node = outline.get_node(self.db, self.item_id)
        if node.plan_id not in plans_before:
            self._created_plan = node.plan_id
        elif len(outline.children(self.db, node.plan_id, node.parent_id)) == 1:
            self._created_section = node.parent_id
        self.task_ids = (self.item_id,)
        self._notify_added()
        return self.item_id

    def _notify_added(self) -> None:
        assert self.item_id is not None
        node = outline.get_node(self.db, self.item_id)
        self.document.notify(
            Change.of(
                [node.plan_id], [self.item_id], structure=True, plans=bool(self._created_plan)
            )
        )
        events(self.document).changed.emit()

    def _redo_again(self) -> None:
        assert self._snapshot is not None
        outline.restore_snapshot(self.db, self._snapshot)
        self._notify_added()

    def undo(self) -> None:
        assert self.item_id is not None
        plan_id = outline.get_node(self.db, self.item_id).plan_id
        if self._created_plan is not None:
            self._snapshot = outline.delete_plan(self.db, self._created_plan)
        else:
            self._snapshot = outline.remove_node(self.db, self._created_section or self.item_id)
        self.document.notify(
            Change.of([plan_id], [self.item_id], structure=True, plans=bool(self._created_plan))
        )
        events(self.document).changed.emit()


class CloseItemCommand(_SupervisionCommand):
    """Completion, sign-off or extension of a task or item; undo takes the step back."""

    def __init__(self, document: Document, task_id: int, action: str, **values: Any) -> None:
        text = outline.get_node(document.db, task_id).text
        super().__init__(document, strings.UNDO_CLOSING[action].format(text=_short(text)))
        self.task_ids = (task_id,)
        self.action, self.values = action, values
        self._row: dict[str, Any] = {}
        self.closing_id: int | None = None

    def _redo_first(self) -> Any:
        task_id = self.task_ids[0]
        v = self.values
        if self.action == "done":
            self.closing_id = items.close_done(
                self.db,
                task_id,
                v.get("result", ""),
                on=v.get("on"),
                evidence=v.get("evidence", ""),
            )
        elif self.action == "cancel":
            self.closing_id = items.close_cancel(
                self.db, task_id, v.get("by", ""), on=v.get("on"), note=v.get("note", "")
            )
        else:
            self.closing_id = items.extend(
                self.db,
                task_id,
                v.get("new_due", ""),
                v.get("reason", ""),
                v.get("approved_by", ""),
                on=v.get("on"),
            )
        self._after()
        return self.closing_id

    def _redo_again(self) -> None:
        items.redo_closing(self.db, self._row)
        self._after()

    def undo(self) -> None:
        assert self.closing_id is not None
        self._row = items.undo_closing(self.db, self.closing_id)
        self._after()


class PaceReasonCommand(_SupervisionCommand):
    """Record (or clear) why a task is not started, which makes its pace "other"."""

    def __init__(self, document: Document, task_id: int, reason: str | None) -> None:
        super().__init__(document, strings.UNDO_PACE_REASON)
        self.task_ids = (task_id,)
        self.reason = reason
        self._old: str | None = None

    def _redo_first(self) -> Any:
        self._old = pace.set_pace_reason(self.db, self.task_ids[0], self.reason)
        self._after()
        return True

    def _redo_again(self) -> None:
        pace.set_pace_reason(self.db, self.task_ids[0], self.reason)
        self._after()

    def undo(self) -> None:
        pace.set_pace_reason(self.db, self.task_ids[0], self._old)
        self._after()
