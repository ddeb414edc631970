"""The plan tree remembers, per database file, which rows were open and which was selected."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QTreeView

from ui.outline.plan_tree_model import (
    KIND_PLAN,
    KIND_YEAR,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
    PlanTreeModel,
    YearRole,
)

log = logging.getLogger(__name__)

SETTINGS_PREFIX = "tree_state/"


def _key(db_path: Path) -> str:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return SETTINGS_PREFIX + digest


def _ref(index: QModelIndex) -> list[Any]:
    """A row by what it shows: ['year', year], ['plan', id] or ['node', id]."""
    kind = index.data(NodeKindRole)
    if kind == KIND_YEAR:
        return ["year", index.data(YearRole)]
    if kind == KIND_PLAN:
        return ["plan", index.data(PlanIdRole)]
    return ["node", index.data(NodeIdRole)]


def capture(view: QTreeView) -> dict[str, Any]:
    """The open rows (walking only open ones) and the current row of the view."""
    model = view.model()
    opened: list[list[Any]] = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if view.isExpanded(index):
                opened.append(_ref(index))
                stack.append(index)
    current = view.currentIndex()
    return {"open": opened, "current": _ref(current) if current.isValid() else None}


def save(view: QTreeView, db_path: Path) -> None:
    """Remember the view's state for this database."""
    if view.model() is None:
        return
    QSettings().setValue(_key(db_path), json.dumps(capture(view)))


def _index_of(model: PlanTreeModel, ref: list[Any]) -> QModelIndex:
    kind, value = ref
    if kind == "plan":
        return model.index_for_plan(value)
    if kind == "node":
        index = model.index_for_node(value)
        return index
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(YearRole) == value:
            return index
    return QModelIndex()


def restore(view: QTreeView, db_path: Path) -> QModelIndex | None:
    """Reopen the remembered rows; returns the remembered current row (None: no state).

    Rows deleted since are skipped. Plans are loaded before their rows are opened, in the
    saved order (parents first), so the nodes exist when they are looked up.
    """
    text = QSettings().value(_key(db_path))
    if not text:
        return None
    try:
        state = json.loads(str(text))
        opened = [list(r) for r in state.get("open", [])]
        current = state.get("current")
    except (ValueError, TypeError, AttributeError) as exc:
        log.warning("tree state of %s ignored: %s", db_path, exc)
        return None
    model: PlanTreeModel = view.model()
    view.collapseAll()
    for ref in opened:
        if ref[0] == "plan" and model.index_for_plan(ref[1]).isValid():
            model.ensure_plan_loaded(ref[1])
        index = _index_of(model, ref)
        if index.isValid():
            view.expand(index)
    if not current:
        return QModelIndex()
    return _index_of(model, list(current))
