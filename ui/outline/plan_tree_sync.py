"""Following Document.changed in the document tree (mixed into PlanTreeModel): re-read what
a Change names and insert, remove or move just the rows that differ."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models import outline
from models.entities import Node
from models.errors import NotFoundError
from ui.outline.plan_tree_items import (
    KIND_PLAN,
    KIND_SECTION,
    _reindex,
    _TreeNode,
)

if TYPE_CHECKING:
    from ui.document import Change

log = logging.getLogger(__name__)


class _StaleTree(Exception):
    """The tree cannot follow a change row by row (it should never happen): reload the plan."""

    def __init__(self, plan_id: int | None) -> None:
        super().__init__(plan_id)
        self.plan_id = plan_id


class TreeSyncMixin:
    """apply_change and its row-by-row sync; uses the model's rows (_plans, _nodes, _root),
    its begin/end helpers and its plan loading."""

    # ------------------------------------------------------------ following Document.changed
    def apply_change(self, change: Change) -> None:
        """Follow what a command changed (a slot of Document.changed, connected first, so
        the other views already see the updated tree).

        Everything is re-read from the database, scoped by the Change: plans added,
        removed or renamed; for an outline change only the children of the parents
        concerned (where the named nodes were in the tree and where they are now), with
        insert/remove/move signals for just the rows that differ, so open rows and the
        selection survive edits, undo and redo; then the named rows' fields.
        """
        if change.plans:
            self._sync_plans(change.plan_ids)
        if change.structure:
            self._sync_structure(change)
        self.refresh_nodes(change.node_ids)

    def _sync_plans(self, named: frozenset[int]) -> None:
        stored = {plan.id for plan in outline.list_plans(self._db)}
        shown = set(self._plans)
        for plan_id in sorted(shown - stored):
            self.remove_plan(plan_id)
        for plan_id in sorted(stored - shown):
            self.insert_plan(plan_id)
        for plan_id in sorted(named & stored & shown):
            self.refresh_plan(plan_id)  # title, or a new year row

    def _stored(self, node_id: int) -> Node | None:
        try:
            return outline.get_node(self._db, node_id)
        except NotFoundError:
            return None

    def _sync_structure(self, change: Change) -> None:
        now: list[_TreeNode] = []  # parents the named nodes are under in the database
        before: list[_TreeNode] = []  # and in the tree
        named_in: set[int] = set()
        for node_id in sorted(change.node_ids):
            node = self._stored(node_id)
            if node is not None:
                named_in.add(node.plan_id)
                plan_tn = self._plans.get(node.plan_id)
                if plan_tn is not None and plan_tn.loaded:
                    now.append(self._shown_ancestor(plan_tn, node))
            tn = self._nodes.get(node_id)
            if tn is not None:
                named_in.add(tn.plan_id)
                before.append(self._surviving_ancestor(tn))
        whole: list[_TreeNode] = []
        for plan_id in sorted(named_in | change.plan_ids):
            plan_tn = self._plans.get(plan_id)
            if plan_tn is None:
                continue
            if not plan_tn.loaded:
                if change.node_ids:  # read it now, as the window is about to show the node
                    self._load_plan(plan_tn)
                else:
                    plan_tn.child_count = len(outline.children(self._db, plan_id, None))
            elif plan_id not in named_in:
                whole.append(plan_tn)  # nothing named: compare the whole outline
        try:
            # where nodes are now first: a moved node is then moved, not removed and rebuilt
            self._sync_parents([(p, False) for p in now + before] + [(p, True) for p in whole])
        except _StaleTree as exc:
            log.warning("tree out of step with plan %s; reloading it", exc.plan_id)
            if exc.plan_id is not None:
                self.reload_plan(exc.plan_id)

    def _shown_ancestor(self, plan_tn: _TreeNode, node: Node) -> _TreeNode:
        """The nearest ancestor of a stored node that the tree shows (new ones are not)."""
        parent_id = node.parent_id
        while parent_id is not None and parent_id not in self._nodes:
            stored = self._stored(parent_id)
            parent_id = stored.parent_id if stored is not None else None
        return plan_tn if parent_id is None else self._nodes[parent_id]

    def _surviving_ancestor(self, tn: _TreeNode) -> _TreeNode:
        """The nearest ancestor of a shown node that is still stored."""
        parent = tn.parent
        assert parent is not None
        while parent.kind == KIND_SECTION and self._stored(parent.id) is None:
            assert parent.parent is not None
            parent = parent.parent
        return parent

    def _attached(self, tn: _TreeNode) -> bool:
        if tn.kind == KIND_PLAN:
            return self._plans.get(tn.id) is tn and tn.loaded
        return self._nodes.get(tn.id) is tn

    def _sync_parents(self, queue: list[tuple[_TreeNode, bool]]) -> None:
        done: set[_TreeNode] = set()
        while queue:
            parent, deep = queue.pop(0)
            if parent in done or not self._attached(parent):
                continue  # e.g. removed with an ancestor synced before it
            done.add(parent)
            queue.extend((p, False) for p in self._sync_children(parent, deep))

    def _sync_children(self, parent: _TreeNode, deep: bool) -> list[_TreeNode]:
        """Make parent's rows those stored (rows moved in from elsewhere keep their open
        state); returns the parents of rows left over that are stored somewhere else."""
        plan_id = parent.plan_id
        assert plan_id is not None
        parent_id = None if parent.kind == KIND_PLAN else parent.id
        stored = outline.children(self._db, plan_id, parent_id)
        wanted = {node.id for node in stored}
        for child in parent.children[::-1]:  # a copy: rows go away under the loop
            if child.id not in wanted and self._stored(child.id) is None:
                self._remove_row(child)
        built: list[_TreeNode] = []
        sources: list[_TreeNode] = []
        deeper: list[_TreeNode] = []
        for row, node in enumerate(stored):
            if row < len(parent.children) and parent.children[row].id == node.id:
                continue
            tn = self._nodes.get(node.id)
            if tn is None:
                built.append(self._insert_row(parent, row, node))
                continue
            depth = tn.depth()
            sources.append(self._move_row(tn, parent, row))
            if tn.depth() != depth:
                deeper.append(tn)
        for tn in dict.fromkeys((parent, *sources)):
            self._renumber(tn)
        for tn in deeper:
            self._renumber_subtree(tn)
        below = parent.children[: len(stored)] if deep else built
        elsewhere: list[_TreeNode] = []
        for tn in below:
            if tn.kind == KIND_SECTION:  # a new section's rows, or every row when deep
                elsewhere.extend(self._sync_children(tn, deep))
        plan_tn = self._plans[plan_id]
        for child in parent.children[len(stored) :]:
            node = self._stored(child.id)
            if node is not None:
                elsewhere.append(self._shown_ancestor(plan_tn, node))
        return elsewhere

    def _insert_row(self, parent: _TreeNode, row: int, node: Node) -> _TreeNode:
        """A new row for a stored node, without its children (they follow as rows)."""
        tn = _TreeNode(node.kind, node.id, node.plan_id, parent)
        tn.fill(node)
        self._begin_insert(self._index_of(parent), row, row)
        parent.children.insert(row, tn)
        _reindex(parent, row)
        self._nodes[node.id] = tn
        self._end_insert()
        return tn

    def _remove_row(self, tn: _TreeNode) -> None:
        parent = tn.parent
        assert parent is not None
        row = tn.row
        self._begin_remove(self._index_of(parent), row, row)
        del parent.children[row]
        _reindex(parent, row)
        self._end_remove()
        stack = [tn]
        while stack:
            current = stack.pop()
            self._nodes.pop(current.id, None)
            stack.extend(current.children)

    def _move_row(self, tn: _TreeNode, parent: _TreeNode, row: int) -> _TreeNode:
        """Move a shown row (with its subtree) to parent's ``row``; returns where it was."""
        source = tn.parent
        assert source is not None
        ancestor: _TreeNode | None = parent
        while ancestor is not None:  # never into its own subtree
            if ancestor is tn:
                raise _StaleTree(tn.plan_id)
            ancestor = ancestor.parent
        old_row = tn.row
        # beginMoveRows counts the destination before the move; rows above ``row`` are
        # settled, so within one parent the row always moves up
        if not self._begin_move(self._index_of(source), old_row, self._index_of(parent), row):
            raise _StaleTree(tn.plan_id)
        del source.children[old_row]
        _reindex(source, old_row)
        parent.children.insert(row, tn)
        tn.parent = parent
        _reindex(parent, row)
        self._end_move()
        return source
