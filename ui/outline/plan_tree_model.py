"""The document tree: years → plans → sections → tasks, one column, loaded lazily per plan."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from models import outline
from models.entities import Node, Plan
from models.exchange.offices import plan_offices
from models.store.db import Database
from models.text import numbering
from models.vocab import TaskStyle
from ui import strings
from ui.outline.plan_tree_dnd import (
    NODE_MIME,
    NodeDragDropMixin,
)
from ui.outline.plan_tree_items import (
    _DECORATION,
    _DISPLAY,
    _FLAGS,
    _FONT,
    _INVALID,
    _NO_FLAGS,
    _TOOLTIP,
    KIND_PLAN,
    KIND_ROOT,
    KIND_SECTION,
    KIND_TASK,
    KIND_YEAR,
    AnyIndex,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
    StatusRole,
    YearRole,
    _plan_key,
    _reindex,
    _TreeNode,
    _year_key,
    status_icon,
)
from ui.outline.plan_tree_sync import TreeSyncMixin
from ui.plain_text import plain_tip

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

# Rows and drag and drop live in plan_tree_items / plan_tree_dnd; re-exported so that
# `from ui.plan_tree_model import X` keeps working.
__all__ = [
    "AnyIndex",
    "KIND_PLAN",
    "KIND_ROOT",
    "KIND_SECTION",
    "KIND_TASK",
    "KIND_YEAR",
    "NODE_MIME",
    "NodeIdRole",
    "NodeKindRole",
    "PlanIdRole",
    "PlanTreeModel",
    "StatusRole",
    "YearRole",
    "status_icon",
]


class PlanTreeModel(TreeSyncMixin, NodeDragDropMixin, QAbstractItemModel):
    """Years → plans → sections → tasks over the database, one column.

    Years and plans are read at construction; a plan's outline is read on its first
    expand (canFetchMore/fetchMore). Numbers are generated from position, never stored.
    The model never writes: commands change the database and emit Document.changed,
    which the model follows by re-reading what the Change names (apply_change).

    Signals:
        move_requested(node_id, new_parent_id, new_position): a drag and drop asks for a
            move; the window turns it into a MoveNodeCommand. new_parent_id is None for
            the top level of the plan; new_position counts siblings without the node.
    """

    move_requested = Signal(int, object, int)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._root = _TreeNode(KIND_ROOT)
        self._plans: dict[int, _TreeNode] = {}
        self._offices: dict[int, str] = {}  # plan id -> office name, for received plans
        self._nodes: dict[int, _TreeNode] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._changing = 0
        self.load()

    # Structure changes go through these, so fetchMore can refuse to nest a change in one.
    def _begin_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        self._changing += 1
        self.beginInsertRows(parent, first, last)

    def _end_insert(self) -> None:
        self.endInsertRows()
        self._changing -= 1

    def _begin_remove(self, parent: QModelIndex, first: int, last: int) -> None:
        self._changing += 1
        self.beginRemoveRows(parent, first, last)

    def _end_remove(self) -> None:
        self.endRemoveRows()
        self._changing -= 1

    def _begin_move(
        self, source: QModelIndex, row: int, target: QModelIndex, destination: int
    ) -> bool:
        self._changing += 1
        ok = self.beginMoveRows(source, row, row, target, destination)
        if not ok:
            self._changing -= 1
        return ok

    def _end_move(self) -> None:
        self.endMoveRows()
        self._changing -= 1

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        """(Re)read years and plans; every outline becomes unloaded again."""
        self.beginResetModel()
        self._root.children = []
        self._plans.clear()
        self._nodes.clear()
        counts = outline.plan_counts(self._db)
        self._offices = plan_offices(self._db)
        years: dict[int | None, _TreeNode] = {}
        for plan in outline.list_plans(self._db):
            year_node = years.get(plan.year)
            if year_node is None:
                year_node = _TreeNode(KIND_YEAR, plan.year, None, self._root)
                years[plan.year] = year_node
            tn = self._make_plan_node(plan, year_node)
            sections, tasks = counts.get(plan.id, (0, 0))
            tn.child_count = sections + tasks
            year_node.children.append(tn)
        self._root.children = sorted(years.values(), key=lambda y: _year_key(y.id))
        _reindex(self._root)
        for year_node in self._root.children:
            year_node.children.sort(key=_plan_key)
            _reindex(year_node)
        self.endResetModel()

    def _make_plan_node(self, plan: Plan, year_node: _TreeNode) -> _TreeNode:
        tn = _TreeNode(KIND_PLAN, plan.id, plan.id, year_node)
        tn.title = plan.title
        tn.office = self._offices.get(plan.id)
        self._plans[plan.id] = tn
        return tn

    def _build_outline(self, plan_tn: _TreeNode, nodes: list[Node]) -> list[_TreeNode]:
        """_TreeNodes for a plan's outline (document order in), returns the top level."""
        numbers = numbering.outline_numbers(nodes)
        made: dict[int, _TreeNode] = {}
        top: list[_TreeNode] = []
        for node in nodes:
            parent = plan_tn if node.parent_id is None else made[node.parent_id]
            tn = _TreeNode(node.kind, node.id, node.plan_id, parent)
            tn.fill(node)
            tn.number = numbers.get(node.id, "")
            siblings = top if node.parent_id is None else parent.children
            tn.row = len(siblings)
            siblings.append(tn)
            made[node.id] = tn
        self._nodes.update(made)
        return top

    def _load_plan(self, plan_tn: _TreeNode) -> None:
        nodes = outline.load_outline(self._db, plan_tn.id)
        top = self._build_outline(plan_tn, nodes)
        plan_tn.loaded = True
        plan_tn.child_count = len(top)
        if top:
            self._begin_insert(self._index_of(plan_tn), 0, len(top) - 1)
            plan_tn.children = top
            self._end_insert()
        log.debug("loaded plan %s: %d nodes", plan_tn.id, len(nodes))

    def ensure_plan_loaded(self, plan_id: int) -> None:
        """Read a plan's outline now (e.g. before selecting one of its nodes)."""
        tn = self._plans.get(plan_id)
        if tn is not None and not tn.loaded:
            self._load_plan(tn)

    # ------------------------------------------------------------ lookups
    def _node(self, index: AnyIndex) -> _TreeNode:
        if index.isValid():
            return index.internalPointer()
        return self._root

    def _index_of(self, tn: _TreeNode) -> QModelIndex:
        if tn is self._root or tn.parent is None:
            return QModelIndex()
        return self.createIndex(tn.row, 0, tn)

    def index_for_node(self, node_id: int) -> QModelIndex:
        """Index of a loaded section or task (invalid when not loaded)."""
        tn = self._nodes.get(node_id)
        return self._index_of(tn) if tn is not None else QModelIndex()

    def index_for_plan(self, plan_id: int) -> QModelIndex:
        """Index of a plan row (invalid when unknown)."""
        tn = self._plans.get(plan_id)
        return self._index_of(tn) if tn is not None else QModelIndex()

    def is_plan_loaded(self, plan_id: int) -> bool:
        """Whether a plan's outline has been read."""
        tn = self._plans.get(plan_id)
        return tn is not None and tn.loaded

    def plan_ids(self) -> list[int]:
        """Ids of all plans, in tree order."""
        return [p.id for y in self._root.children for p in y.children]

    def outline_counts(self, plan_id: int) -> tuple[int, int] | None:
        """(sections, tasks) of a loaded plan, counted in memory; None when not loaded."""
        tn = self._plans.get(plan_id)
        if tn is None or not tn.loaded:
            return None
        sections = tasks = 0
        stack = list(tn.children)
        while stack:
            current = stack.pop()
            if current.kind == KIND_SECTION:
                sections += 1
                stack.extend(current.children)
            else:
                tasks += 1
        return sections, tasks

    def node_number(self, node_id: int) -> str:
        """The generated number of a loaded node ('' when none or not loaded)."""
        tn = self._nodes.get(node_id)
        return tn.number if tn is not None else ""

    # ------------------------------------------------------------ Qt interface
    def index(self, row: int, column: int, parent: AnyIndex = _INVALID) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: AnyIndex = _INVALID) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        return self._index_of(self._node(index).parent)

    def rowCount(self, parent: AnyIndex = _INVALID) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = _INVALID) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = _INVALID) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        if node.kind == KIND_PLAN and not node.loaded:
            return node.child_count > 0
        return bool(node.children)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self._node(parent)
        return node.kind == KIND_PLAN and not node.loaded

    def fetchMore(self, parent: AnyIndex) -> None:
        node = self._node(parent)
        if self._changing:
            # Asked from a slot of one of our own insert/remove/move signals (e.g. by
            # QAbstractItemModelTester): nested structure changes are not allowed then.
            return
        if node.kind == KIND_PLAN and not node.loaded:
            self._load_plan(node)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        node: _TreeNode = index.internalPointer()
        role = int(role)
        if role == _DISPLAY:
            if node.kind == KIND_YEAR:
                return (
                    strings.YEAR_UNKNOWN
                    if node.id is None
                    else strings.YEAR_LABEL.format(year=node.id)
                )
            title = node.title or strings.UNTITLED
            if node.kind == KIND_PLAN and node.office:
                return strings.PLAN_OF_OFFICE.format(office=node.office, title=title)
            return node.number + title if node.kind != KIND_PLAN else title
        if role == _DECORATION:
            return status_icon(node.status) if node.kind == KIND_TASK else None
        if role == _TOOLTIP:
            return plain_tip(node.title) if node.kind != KIND_YEAR else None
        if role == _FONT:
            return self._bold if node.kind in (KIND_YEAR, KIND_PLAN) else None
        if role == NodeIdRole:
            return node.id if node.kind in (KIND_SECTION, KIND_TASK) else None
        if role == NodeKindRole:
            return node.kind
        if role == PlanIdRole:
            return node.plan_id
        if role == YearRole:
            return node.id if node.kind == KIND_YEAR else None
        if role == StatusRole:
            return node.status
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _FLAGS[index.internalPointer().kind]

    # ------------------------------------------------------------ numbering
    def _renumber(self, parent: _TreeNode, emit: bool = True) -> None:
        """Recompute the numbers of parent's children; dataChanged for rows that changed."""
        if parent.kind not in (KIND_PLAN, KIND_SECTION):
            return
        depth = parent.depth() + 1
        style = parent.task_style if parent.kind == KIND_SECTION else TaskStyle.NUMBERED
        kinds = [KIND_SECTION if c.kind == KIND_SECTION else KIND_TASK for c in parent.children]
        first = last = -1
        for child, number in zip(
            parent.children, numbering.sibling_numbers(kinds, style, depth), strict=True
        ):
            if number != child.number:
                child.number = number
                first = child.row if first < 0 else first
                last = child.row
        if first >= 0 and emit and parent.loaded:
            self._emit_changed(parent, first, last)

    def _renumber_subtree(self, tn: _TreeNode, emit: bool = True) -> None:
        """After a change of depth every number below a node changes."""
        stack = [tn]
        while stack:
            current = stack.pop()
            if current.kind == KIND_SECTION and current.children:
                self._renumber(current, emit)
                stack.extend(current.children)

    def _emit_changed(self, parent: _TreeNode, first: int, last: int) -> None:
        top = self.index(first, 0, self._index_of(parent))
        bottom = self.index(last, 0, self._index_of(parent))
        self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def refresh_nodes(self, node_ids: list[int] | set[int] | frozenset[int]) -> None:
        """Fields of nodes changed (text, status, task style, kind): re-read and repaint."""
        for node_id in node_ids:
            tn = self._nodes.get(node_id)
            node = self._stored(node_id) if tn is not None else None
            if tn is None or node is None:
                continue
            old_style, old_kind = tn.task_style, tn.kind
            tn.fill(node)
            index = self._index_of(tn)
            self.dataChanged.emit(index, index)
            if tn.task_style != old_style:
                self._renumber(tn)
            if tn.kind != old_kind:
                self._renumber(tn.parent)

    def reload_plan(self, plan_id: int) -> None:
        """Drop and re-read one plan's outline (after a bulk change)."""
        plan_tn = self._plans.get(plan_id)
        if plan_tn is None or not plan_tn.loaded:
            return
        if plan_tn.children:
            self._begin_remove(self._index_of(plan_tn), 0, len(plan_tn.children) - 1)
            stack = list(plan_tn.children)
            plan_tn.children = []
            self._end_remove()
            while stack:
                current = stack.pop()
                self._nodes.pop(current.id, None)
                stack.extend(current.children)
        self._load_plan(plan_tn)

    # ------------------------------------------------------------ mutators: plans
    def _year_node(self, year: int | None, create: bool) -> _TreeNode | None:
        for y in self._root.children:
            if y.id == year:
                return y
        if not create:
            return None
        rows = [y for y in self._root.children if _year_key(y.id) < _year_key(year)]
        row = len(rows)
        tn = _TreeNode(KIND_YEAR, year, None, self._root)
        self._begin_insert(QModelIndex(), row, row)
        self._root.children.insert(row, tn)
        _reindex(self._root, row)
        self._end_insert()
        return tn

    def _drop_year_if_empty(self, year_tn: _TreeNode) -> None:
        if year_tn.children:
            return
        row = year_tn.row
        self._begin_remove(QModelIndex(), row, row)
        del self._root.children[row]
        _reindex(self._root, row)
        self._end_remove()

    def insert_plan(self, plan_id: int) -> None:
        """A plan now exists in the database (new, imported, or restored by undo)."""
        if plan_id in self._plans:
            return
        plan = outline.get_plan(self._db, plan_id)
        year_tn = self._year_node(plan.year, create=True)
        self._offices.update(plan_offices(self._db, plan_id))
        tn = self._make_plan_node(plan, year_tn)
        tn.child_count = len(outline.children(self._db, plan_id, None))
        row = sum(1 for p in year_tn.children if _plan_key(p) < _plan_key(tn))
        self._begin_insert(self._index_of(year_tn), row, row)
        year_tn.children.insert(row, tn)
        _reindex(year_tn, row)
        self._end_insert()

    def remove_plan(self, plan_id: int) -> None:
        """A plan is gone from the database."""
        tn = self._plans.pop(plan_id, None)
        if tn is None:
            return
        year_tn = tn.parent
        row = tn.row
        self._begin_remove(self._index_of(year_tn), row, row)
        del year_tn.children[row]
        _reindex(year_tn, row)
        self._end_remove()
        for node_id in [k for k, v in self._nodes.items() if v.plan_id == plan_id]:
            del self._nodes[node_id]
        self._drop_year_if_empty(year_tn)

    def refresh_plan(self, plan_id: int) -> None:
        """A plan's fields changed; a new year moves it under another year row."""
        tn = self._plans.get(plan_id)
        if tn is None:
            return
        plan = outline.get_plan(self._db, plan_id)
        tn.title = plan.title
        old_year = tn.parent
        if plan.year == old_year.id:
            index = self._index_of(tn)
            self.dataChanged.emit(index, index)
            return
        new_year = self._year_node(plan.year, create=True)
        row = tn.row
        destination = sum(1 for p in new_year.children if _plan_key(p) < _plan_key(tn))
        self._begin_move(self._index_of(old_year), row, self._index_of(new_year), destination)
        del old_year.children[row]
        _reindex(old_year, row)
        new_year.children.insert(destination, tn)
        tn.parent = new_year
        _reindex(new_year, destination)
        self._end_move()
        index = self._index_of(tn)
        self.dataChanged.emit(index, index)
        self._drop_year_if_empty(old_year)
