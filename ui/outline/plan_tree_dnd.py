"""Drag and drop of sections and tasks in the document tree (mixed into PlanTreeModel)."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
)

from ui.outline.plan_tree_items import (
    KIND_PLAN,
    KIND_SECTION,
    KIND_TASK,
    AnyIndex,
    _TreeNode,
)

NODE_MIME = "application/x-plandesk-node"


class NodeDragDropMixin:
    """The drag-and-drop overrides of PlanTreeModel: a drop never writes, it emits
    move_requested (the model's signal); uses the model's _node() and _nodes."""

    # ------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData | None:
        for index in indexes:
            node = self._node(index)
            if node.kind in (KIND_SECTION, KIND_TASK):
                mime = QMimeData()
                mime.setData(NODE_MIME, QByteArray(str(node.id).encode("ascii")))
                return mime
        return None

    def _drop_target(
        self, data: QMimeData, row: int, parent: AnyIndex
    ) -> tuple[int, int | None, int] | None:
        """(node id, new parent id, new position) of a valid drop, else None."""
        if data is None or not data.hasFormat(NODE_MIME):
            return None
        try:
            node_id = int(bytes(data.data(NODE_MIME).data()).decode("ascii"))
        except ValueError:
            return None
        moved = self._nodes.get(node_id)
        target = self._node(parent)
        if moved is None or target.kind not in (KIND_PLAN, KIND_SECTION):
            return None
        if target.plan_id != moved.plan_id:
            return None
        ancestor: _TreeNode | None = target
        while ancestor is not None:  # never into its own subtree
            if ancestor is moved:
                return None
            ancestor = ancestor.parent
        if target.kind == KIND_PLAN and not target.loaded:
            return None
        position = len(target.children) if row < 0 else min(row, len(target.children))
        if moved.parent is target and moved.row < position:
            position -= 1  # positions count the siblings without the moved node
        if moved.parent is target and moved.row == position:
            return None
        new_parent_id = None if target.kind == KIND_PLAN else target.id
        return node_id, new_parent_id, position

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.IgnoreAction):
            return False
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        # The model never writes: the window pushes a MoveNodeCommand, which calls move_node.
        self.move_requested.emit(*target)
        return True
