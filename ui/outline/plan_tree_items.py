"""The rows of the document tree: roles, kinds, flags, the row record and the status marks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from models.entities import Node
from models.vocab import NodeKind, TaskStatus

NodeIdRole = int(Qt.ItemDataRole.UserRole) + 1
NodeKindRole = int(Qt.ItemDataRole.UserRole) + 2
PlanIdRole = int(Qt.ItemDataRole.UserRole) + 3
YearRole = int(Qt.ItemDataRole.UserRole) + 4
StatusRole = int(Qt.ItemDataRole.UserRole) + 5

# Plain ints and precomputed flags: data() and flags() run for every painted row, and
# enum arithmetic in Python is slow (bench/run.py, cases expand and select).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)

KIND_ROOT = "root"
KIND_YEAR = "year"
KIND_PLAN = "plan"
# the codes and their labels live in models/vocab.py
KIND_SECTION, KIND_TASK = NodeKind.SECTION, NodeKind.TASK

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS = {
    KIND_YEAR: _BASE_FLAGS,
    KIND_PLAN: _BASE_FLAGS | Qt.ItemFlag.ItemIsDropEnabled,
    KIND_SECTION: _BASE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled,
    KIND_TASK: _BASE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren,
}

AnyIndex = QModelIndex | QPersistentModelIndex
_INVALID = QModelIndex()  # default parent argument of the Qt overrides


class _TreeNode:
    """One row of the tree with the fields the view shows (the data lives in the database)."""

    __slots__ = (
        "kind",
        "id",
        "plan_id",
        "parent",
        "children",
        "row",
        "number",
        "title",
        "status",
        "task_style",
        "loaded",
        "child_count",
        "office",
    )

    def __init__(
        self,
        kind: str,
        node_id: Any = None,
        plan_id: int | None = None,
        parent: _TreeNode | None = None,
    ) -> None:
        self.kind = kind
        self.id = node_id  # year (int | None) for years, plan id, or node id
        self.plan_id = plan_id
        self.parent = parent
        self.children: list[_TreeNode] = []
        self.row = 0  # index in parent.children, kept up to date by _reindex
        self.number = ""
        self.title = ""
        self.status: str | None = None
        self.task_style: str | None = None
        self.loaded = kind != KIND_PLAN  # a plan's outline is read on first expand
        self.child_count = 0  # top-level node count of an unloaded plan
        self.office: str | None = None  # the office a received plan belongs to (exchange)

    def depth(self) -> int:
        """1 for a top-level section or task of a plan, 2 below it, …"""
        depth, current = 0, self
        while current is not None and current.kind in (KIND_SECTION, KIND_TASK):
            depth += 1
            current = current.parent
        return depth

    def fill(self, node: Node) -> None:
        self.kind = node.kind
        self.title = node.title
        self.status = node.status if node.kind == KIND_TASK else None
        self.task_style = node.task_style


def _plan_key(tn: _TreeNode) -> tuple[bool, str, int]:
    """Within a year: this office's plans first, then each other office's together."""
    return (tn.office is not None, tn.office or "", tn.id)


def _reindex(parent: _TreeNode, start: int = 0) -> None:
    for row in range(start, len(parent.children)):
        parent.children[row].row = row


def _year_key(year: int | None) -> tuple[bool, int]:
    """Newest year first, plans without a year at the end."""
    return (year is None, -(year or 0))


# ------------------------------------------------------------------ status marks
_STATUS_COLORS = {
    TaskStatus.NOT_STARTED: "#9aa0a6",
    TaskStatus.IN_PROGRESS: "#e8a10c",
    TaskStatus.DONE: "#2e9d44",
    TaskStatus.SUSPENDED: "#c0392b",
}
_icon_cache: dict[str, QIcon] = {}


def status_icon(status: str | None) -> QIcon:
    """A small coloured mark for a task status, drawn once and cached."""
    key = status or TaskStatus.NOT_STARTED
    icon = _icon_cache.get(key)
    if icon is not None:
        return icon
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    color = QColor(_STATUS_COLORS.get(key, _STATUS_COLORS[TaskStatus.NOT_STARTED]))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2.5, 2.5, size - 5, size - 5)
    painter.setPen(QPen(color, 1.6))
    if key == TaskStatus.NOT_STARTED:  # hollow ring
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
    elif key == TaskStatus.IN_PROGRESS:  # ring with the left half filled
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        painter.setBrush(QBrush(color))
        painter.drawPie(rect, 90 * 16, 180 * 16)
    else:
        painter.setBrush(QBrush(color))
        painter.drawEllipse(rect)
        painter.setPen(
            QPen(
                QColor("white"),
                1.8,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        if key == TaskStatus.DONE:  # a tick
            painter.drawPolyline([QPointF(5, 8.2), QPointF(7.2, 10.4), QPointF(11, 5.8)])
        else:  # suspended: a bar
            painter.drawLine(QPointF(5, 8), QPointF(11, 8))
    painter.end()
    icon = QIcon(pixmap)
    _icon_cache[key] = icon
    return icon
