"""Editing the outline from the main window: plans, sections and tasks added, deleted, moved.

The window's actions and panels call an :class:`OutlineEditor`; each edit is one command
pushed through the host, then the edited row becomes the current one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPersistentModelIndex

from models import clock, outline
from models.errors import PlanDeskError
from models.sample import load_sample
from models.store.db import Database
from models.vocab import TaskStyle
from ui import messages, strings
from ui.commands.outline import (
    AddNodeCommand,
    AddPlanCommand,
    CreatePlanCommand,
    DeletePlanCommand,
    EditNodeFieldCommand,
    EditPlanFieldCommand,
    MoveNodeCommand,
    RemoveNodeCommand,
    SetNodeKindCommand,
)
from ui.document import Document
from ui.host import Host
from ui.outline.plan_tree_model import KIND_PLAN, KIND_SECTION, KIND_TASK
from ui.shell import tree_selection
from ui.shell.detail_stack import DetailStack, focus_editor
from ui.shell.start_page import START_IMPORT, START_NEW, START_ROLLOVER
from ui.tracking import change_reason

log = logging.getLogger(__name__)

# outline.indent_target / outdent_target: (new parent, position) of a node, or None
_Target = Callable[[Database, int], tuple[int | None, int] | None]


class OutlineEditor:
    """The outline edits of the window's menus, toolbar, start page and detail panels."""

    def __init__(self, host: Host, details: DetailStack) -> None:
        self._host = host
        self._details = details

    @property
    def _document(self) -> Document:
        document = self._host.document
        assert document is not None  # the window edits only while a database is open
        return document

    def reload_panel(self) -> None:
        """Show the stored values of the selected node again (after a refused edit)."""
        self._details.show_row(self._document, self._host.tree_view.currentIndex())

    # ------------------------------------------------------------ the start page
    def on_start_chosen(self, key: str) -> None:
        host = self._host
        if key == START_NEW:
            self.new_plan()
        elif key == START_IMPORT:
            host.actions["import"].trigger()
        elif key == START_ROLLOVER:
            plans = self._document.tree_model.plan_ids()
            if not plans:
                messages.show_info(host, strings.TITLE_INFO, strings.START_NO_PLAN)
                return
            if host.current_plan_id() is None:  # the newest plan is last year's
                newest = max(
                    plans, key=lambda p: (outline.get_plan(self._document.db, p).year or 0, p)
                )
                host.select_plan(newest)
            host.actions["rollover"].trigger()

    # ------------------------------------------------------------ panel edits
    def on_plan_field_edited(self, plan_id: int, field: str, value: Any) -> None:
        document = self._document
        try:
            document.push(EditPlanFieldCommand(document, plan_id, field, value))
        except PlanDeskError as exc:
            log.warning("edit of plan %s.%s refused: %s", plan_id, field, exc)
            messages.show_error(self._host, exc)
            self.reload_panel()
            return
        self._host.select_plan(plan_id)  # a new year moves the plan under another year row

    def on_node_field_edited(self, node_id: int, field: str, value: Any) -> None:
        document = self._document
        reason = change_reason.ask(self._host, document.db, {node_id: {field: value}})
        if reason is None:  # cancelled: show the stored value again
            self.reload_panel()
            return
        try:
            document.push(EditNodeFieldCommand(document, node_id, field, value, reason))
        except PlanDeskError as exc:
            log.warning("edit of node %s.%s refused: %s", node_id, field, exc)
            messages.show_error(self._host, exc)
            self.reload_panel()

    # ------------------------------------------------------------ plans
    def new_plan(self) -> None:
        plan_id = self._host.push(
            AddPlanCommand(self._document, title=strings.NEW_PLAN_TITLE, year=clock.today().year)
        )
        if plan_id is None:
            return
        self._host.select_plan(plan_id)
        focus_editor(self._details.plan_panel, "title")

    def load_sample_plans(self) -> None:
        db = self._document.db
        ids = self._host.push(
            CreatePlanCommand(self._document, strings.UNDO_LOAD_SAMPLE, lambda: load_sample(db))
        )
        if ids:
            self._host.select_plan(ids[0])
            self._host.show_status(strings.MSG_SAMPLE_LOADED.format(count=len(ids)))

    def rename_current_plan(self) -> None:
        host = self._host
        plan_id = host.current_plan_id()
        if plan_id is None or host.current_kind() != KIND_PLAN:
            host.show_status(strings.MSG_SELECT_FIRST)
            return
        plan = outline.get_plan(self._document.db, plan_id)
        title = messages.ask_text(
            host, strings.RENAME_PLAN_TITLE, strings.RENAME_PLAN_PROMPT, plan.title
        )
        if title and title.strip() and title.strip() != plan.title:
            self.on_plan_field_edited(plan_id, "title", title.strip())

    def expand_current_plan(self) -> None:
        plan_id = self._host.current_plan_id()
        if plan_id is None:
            self._host.show_status(strings.MSG_SELECT_FIRST)
            return
        model = self._document.tree_model
        model.ensure_plan_loaded(plan_id)
        self._host.tree_view.expandRecursively(model.index_for_plan(plan_id))

    # ------------------------------------------------------------ sections and tasks
    def _insert_point(self, what: str) -> tuple[int, int | None, int | None] | None:
        """(plan id, parent id, position) for a new section/subsection/task."""
        kind = self._host.current_kind()
        plan_id = self._host.current_plan_id()
        db = self._document.db
        if kind == KIND_PLAN:
            if what == KIND_TASK:  # top-level tasks come before the sections
                tops = outline.children(db, plan_id, None)
                return plan_id, None, sum(1 for n in tops if n.kind == KIND_TASK)
            return plan_id, None, None
        if kind not in (KIND_SECTION, KIND_TASK):
            return None
        node = outline.get_node(db, self._host.current_node_id())
        if kind == KIND_SECTION:
            if what == KIND_SECTION:
                return plan_id, node.parent_id, node.position + 1
            if what == "subsection":
                return plan_id, node.id, None
            kids = outline.children(db, plan_id, node.id)
            return plan_id, node.id, sum(1 for n in kids if n.kind == KIND_TASK)
        if what == KIND_TASK:
            return plan_id, node.parent_id, node.position + 1
        return plan_id, node.parent_id, None  # a section next to a task: after its siblings

    def _section_style_for(self, plan_id: int, parent_id: int | None) -> dict[str, Any]:
        """task_style and run_in of a new section: its sibling sections', else its parent's.

        A new section with fixed defaults mixed formats in the exported document.
        """
        db = self._document.db
        siblings = [n for n in outline.children(db, plan_id, parent_id) if n.kind == KIND_SECTION]
        current = self._host.current_node_id()
        # the section the user adds next to, else the last sibling section
        model = next((n for n in siblings if n.id == current), siblings[-1] if siblings else None)
        if model is None and parent_id is not None:
            model = outline.get_node(db, parent_id)
        if model is None:
            return {"task_style": TaskStyle.NUMBERED}
        return {"task_style": model.task_style or TaskStyle.NUMBERED, "run_in": model.run_in}

    def add_node(self, what: str) -> None:
        """Add a section ('section' = sibling, 'subsection' = child) or a 'task'."""
        point = self._insert_point(what)
        if point is None:
            self._host.show_status(strings.MSG_SELECT_FIRST)
            return
        plan_id, parent_id, position = point
        if what == KIND_TASK:
            command = AddNodeCommand(
                self._document, plan_id, parent_id, KIND_TASK, position, text=strings.NEW_TASK_TEXT
            )
        else:
            command = AddNodeCommand(
                self._document,
                plan_id,
                parent_id,
                KIND_SECTION,
                position,
                heading=strings.NEW_SECTION_HEADING,
                **self._section_style_for(plan_id, parent_id),
            )
        node_id = self._host.push(command)
        if node_id is None:
            return
        self._host.select_node(node_id)
        if what == KIND_TASK:
            focus_editor(self._details.task_panel, "text")
        else:
            focus_editor(self._details.section_panel, "heading")

    def delete_current(self) -> None:
        host = self._host
        kind = host.current_kind()
        db = self._document.db
        index = host.tree_view.currentIndex()
        if kind == KIND_PLAN:
            plan = outline.get_plan(db, host.current_plan_id())
            text = strings.CONFIRM_DELETE_PLAN.format(title=plan.title)
            command: Any = DeletePlanCommand(self._document, plan.id)
        elif kind in (KIND_SECTION, KIND_TASK):
            node = outline.get_node(db, host.current_node_id())
            if kind == KIND_SECTION:
                count = len(outline.subtree_ids(db, node.id)) - 1
                text = strings.CONFIRM_DELETE_SECTION.format(title=node.heading, count=count)
            else:
                text = strings.CONFIRM_DELETE_TASK.format(title=node.text[:40])
            command = RemoveNodeCommand(self._document, node.id)
        else:
            host.show_status(strings.MSG_SELECT_FIRST)
            return
        if not messages.ask_yes_no(host, strings.TITLE_CONFIRM, text):
            return
        parent = QPersistentModelIndex(index.parent())
        row = index.row()
        host.push(command)
        # select a neighbour: the next row, else the previous one, else the parent
        model = self._document.tree_model
        if not parent.isValid():
            row = 0  # the parent (a year row) went away with its last plan
        count = model.rowCount(parent)
        view = host.tree_view
        if count:
            tree_selection.select_index(view, model.index(min(row, count - 1), 0, parent))
        elif parent.isValid():
            tree_selection.select_index(view, model.index(parent.row(), 0, parent.parent()))
        else:
            self._details.show_empty()

    def move_current(self, step: int) -> None:
        node_id = self._host.current_node_id()
        if node_id is None:
            self._host.show_status(strings.MSG_SELECT_FIRST)
            return
        db = self._document.db
        node = outline.get_node(db, node_id)
        siblings = len(outline.children(db, node.plan_id, node.parent_id))
        position = node.position + step
        if position < 0 or position >= siblings:
            self._host.show_status(strings.MSG_CANNOT_MOVE)
            return
        template = strings.UNDO_MOVE_UP if step < 0 else strings.UNDO_MOVE_DOWN
        self._move(node_id, node.parent_id, position, template.format(title=node.title[:16]))

    def indent_current(self) -> None:
        self._shift_current(outline.indent_target, strings.MSG_CANNOT_INDENT, strings.UNDO_INDENT)

    def outdent_current(self) -> None:
        self._shift_current(
            outline.outdent_target, strings.MSG_CANNOT_OUTDENT, strings.UNDO_OUTDENT
        )

    def _shift_current(self, target_of: _Target, refused: str, undo_text: str) -> None:
        """Indent or outdent: move the current node under the parent ``target_of`` gives."""
        node_id = self._host.current_node_id()
        if node_id is None:
            self._host.show_status(strings.MSG_SELECT_FIRST)
            return
        db = self._document.db
        target = target_of(db, node_id)
        if target is None:
            self._host.show_status(refused)
            return
        title = outline.get_node(db, node_id).title[:16]
        self._move(node_id, target[0], target[1], undo_text.format(title=title))

    def set_current_kind(self, kind: str) -> None:
        """Turn the current task into a section, or the current (empty) section into a task."""
        current = self._host.current_kind()
        wanted_from = KIND_TASK if kind == KIND_SECTION else KIND_SECTION
        if current != wanted_from:
            self._host.show_status(
                strings.MSG_NOT_A_TASK if wanted_from == KIND_TASK else strings.MSG_NOT_A_SECTION
            )
            return
        node_id = self._host.current_node_id()
        self._host.push(SetNodeKindCommand(self._document, node_id, kind))
        self._host.select_node(node_id)
        self.reload_panel()

    def _move(self, node_id: int, parent_id: int | None, position: int, text: str) -> None:
        self._host.push(MoveNodeCommand(self._document, node_id, parent_id, position, text))
        self._host.select_node(node_id)

    def on_tree_move_requested(self, node_id: int, parent_id: Any, position: int) -> None:
        """A drop in the tree (PlanTreeModel.move_requested)."""
        self._host.push(MoveNodeCommand(self._document, node_id, parent_id, position))
        self._host.select_node(node_id)
