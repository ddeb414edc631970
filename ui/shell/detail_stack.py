"""The right side of the main window: the start page, or the panel of the current tree row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStackedWidget, QWidget

from models import outline
from models.errors import PlanDeskError
from ui import strings
from ui.document import Change, Document
from ui.outline.panel_base import DetailPanel
from ui.outline.plan_panel import PlanPanel
from ui.outline.plan_tree_model import (
    KIND_PLAN,
    KIND_SECTION,
    KIND_TASK,
    KIND_YEAR,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
)
from ui.outline.section_panel import SectionPanel
from ui.outline.task_panel import TaskPanel
from ui.shell.start_page import StartPage

# pages of the detail stack
PAGE_EMPTY, PAGE_PLAN, PAGE_SECTION, PAGE_TASK = range(4)


def focus_editor(panel: DetailPanel, field: str) -> None:
    """Put the cursor into one field of a panel, its text selected (a new plan or node)."""
    editor = panel.editor(field)
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    editor.selectAll()


def context_of(index: QModelIndex) -> str:
    """'Plan title > numbered heading > ...' for the rows above a node."""
    parts: list[str] = []
    parent = index.parent()
    while parent.isValid() and parent.data(NodeKindRole) != KIND_YEAR:
        parts.append(parent.data() or "")
        parent = parent.parent()
    return strings.CONTEXT_SEPARATOR.join(reversed(parts))


class DetailStack(QStackedWidget):
    """The start page while nothing is selected, else the plan, section or task panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_page = StartPage(self)
        self.plan_panel = PlanPanel(self)
        self.section_panel = SectionPanel(self)
        self.task_panel = TaskPanel(self)
        for page in (self.start_page, self.plan_panel, self.section_panel, self.task_panel):
            self.addWidget(page)
        self._shows: tuple[Any, ...] | None = None  # (kind, plan, node) in the panel

    @property
    def panels(self) -> tuple[PlanPanel, SectionPanel, TaskPanel]:
        return self.plan_panel, self.section_panel, self.task_panel

    def commit_pending(self) -> None:
        """Report an edit still sitting in an editor (focus-out may not have happened)."""
        page = self.currentWidget()
        if page in self.panels:
            page.commit_pending()

    def show_empty(self) -> None:
        for panel in self.panels:
            panel.clear()
        self.setCurrentIndex(PAGE_EMPTY)

    def show_row(self, document: Document, index: QModelIndex) -> None:
        """Show the panel of a tree row (the start page for none or a year)."""
        kind = index.data(NodeKindRole) if index.isValid() else None
        shown = (kind, index.data(PlanIdRole), index.data(NodeIdRole)) if kind else None
        if shown != self._shows:  # another item: start at its first field
            self._shows = shown
            for panel in self.panels:
                panel.scroll_to_top()
        db = document.db
        try:
            if kind == KIND_PLAN:
                plan_id = index.data(PlanIdRole)
                sections, tasks = self._plan_counts(document, plan_id)
                self.plan_panel.show_plan(outline.get_plan(db, plan_id), sections, tasks)
                self.setCurrentIndex(PAGE_PLAN)
            elif kind in (KIND_SECTION, KIND_TASK):
                node_id = index.data(NodeIdRole)
                node = outline.get_node(db, node_id)
                number = document.tree_model.node_number(node_id)
                context = context_of(index)
                self.section_panel.set_context(context)
                self.task_panel.set_context(context)
                if node.kind == KIND_SECTION:
                    self.section_panel.show_section(node, number)
                    self.setCurrentIndex(PAGE_SECTION)
                else:
                    self.task_panel.show_task(node, number)
                    self.setCurrentIndex(PAGE_TASK)
            else:
                self.show_empty()
        except PlanDeskError:  # the row's object is gone (e.g. deleted by undo)
            self.show_empty()

    def refresh(self, document: Document, index: QModelIndex, change: Change) -> None:
        """Show the row again when a change touched it (Document.changed)."""
        if not index.isValid():
            self.show_empty()
            return
        kind = index.data(NodeKindRole)
        if kind == KIND_PLAN and index.data(PlanIdRole) in change.plan_ids:
            self.show_row(document, index)
        elif kind in (KIND_SECTION, KIND_TASK) and (
            index.data(NodeIdRole) in change.node_ids or change.structure
        ):
            self.show_row(document, index)  # numbers in the panel title may have changed

    @staticmethod
    def _plan_counts(document: Document, plan_id: int) -> tuple[int, int]:
        counts = document.tree_model.outline_counts(plan_id)
        if counts is not None:
            return counts
        nodes = outline.load_outline(document.db, plan_id)
        sections = sum(1 for n in nodes if n.kind == KIND_SECTION)
        return sections, len(nodes) - sections
