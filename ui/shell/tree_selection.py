"""The current row of the plan tree: what it is, and making a plan or node current."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QTreeView

from models import outline
from models.errors import PlanDeskError
from ui.document import Document
from ui.outline.plan_tree_model import NodeIdRole, NodeKindRole, PlanIdRole


def current_kind(view: QTreeView) -> str | None:
    """'year', 'plan', 'section', 'task' or None."""
    index = view.currentIndex()
    return index.data(NodeKindRole) if index.isValid() else None


def current_plan_id(view: QTreeView) -> int | None:
    """Plan of the current tree row (also for a section or task), else None."""
    index = view.currentIndex()
    return index.data(PlanIdRole) if index.isValid() else None


def current_node_id(view: QTreeView) -> int | None:
    """Section or task id of the current tree row, else None."""
    index = view.currentIndex()
    return index.data(NodeIdRole) if index.isValid() else None


def select_index(view: QTreeView, index: QModelIndex) -> None:
    """Make a row current, its parents expanded and the row scrolled into view."""
    if not index.isValid():
        return
    parent = index.parent()
    while parent.isValid():
        view.expand(parent)
        parent = parent.parent()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index)


def select_plan(view: QTreeView, document: Document, plan_id: int) -> None:
    """Make a plan the current row."""
    select_index(view, document.tree_model.index_for_plan(plan_id))


def select_node(view: QTreeView, document: Document, node_id: int) -> None:
    """Make a section or task the current row, loading and expanding what is needed."""
    model = document.tree_model
    index = model.index_for_node(node_id)
    if not index.isValid():
        try:
            plan_id = outline.get_node(document.db, node_id).plan_id
        except PlanDeskError:
            return
        model.ensure_plan_loaded(plan_id)
        index = model.index_for_node(node_id)
    select_index(view, index)
