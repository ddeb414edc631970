"""Cut, copy, paste and duplicate of sections and tasks in the plan tree (Ctrl+X/C/V/D).

The keys work where the tree has the focus; in a text field they keep their usual meaning.
What was copied is plain data, so it pastes into another plan too; the system clipboard
gets the headings and texts as lines, for WPS or Word.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QGuiApplication, QKeySequence

from models import node_copy, outline
from models.errors import PlanDeskError
from ui import strings
from ui.commands.clipboard import PasteNodeCommand
from ui.commands.outline import RemoveNodeCommand
from ui.host import Host
from ui.outline.plan_tree_model import KIND_PLAN, KIND_SECTION, KIND_TASK

log = logging.getLogger(__name__)


class NodeClipboard:
    """The copied subtree of one main window (kept as ``window.node_clipboard``)."""

    def __init__(self, window: Host) -> None:
        self.window = window
        self.data: dict[str, Any] | None = None

    def _node_id(self) -> int | None:
        if self.window.current_kind() not in (KIND_SECTION, KIND_TASK):
            self.window.show_status(strings.MSG_SELECT_NODE_FIRST)
            return None
        return self.window.current_node_id()

    def copy(self) -> bool:
        node_id = self._node_id()
        if node_id is None:
            return False
        self.data = node_copy.subtree_data(self.window.document.db, node_id)
        QGuiApplication.clipboard().setText(node_copy.subtree_text(self.data))
        self.window.show_status(strings.MSG_NODES_COPIED)
        return True

    def cut(self) -> bool:
        node_id = self._node_id()
        if node_id is None or not self.copy():
            return False
        self.window.push(RemoveNodeCommand(self.window.document, node_id))
        self.window.show_status(strings.MSG_CUT)
        return True

    def _target(self) -> tuple[int, int | None, int | None] | None:
        """Where a paste goes: after the current section/task, or at the end of a plan."""
        kind = self.window.current_kind()
        plan_id = self.window.current_plan_id()
        db = self.window.document.db
        if kind == KIND_PLAN:
            if self.data and self.data["kind"] == KIND_TASK:  # top-level tasks precede sections
                tops = outline.children(db, plan_id, None)
                return plan_id, None, sum(1 for n in tops if n.kind == KIND_TASK)
            return plan_id, None, None
        if kind in (KIND_SECTION, KIND_TASK):
            node = outline.get_node(db, self.window.current_node_id())
            return plan_id, node.parent_id, node.position + 1
        return None

    def paste(self, data: dict[str, Any] | None = None, text: str | None = None) -> int | None:
        data = data or self.data
        if data is None:
            self.window.show_status(strings.MSG_NOTHING_TO_PASTE)
            return None
        target = self._target()
        if target is None:
            self.window.show_status(strings.MSG_SELECT_FIRST)
            return None
        plan_id, parent_id, position = target
        command = PasteNodeCommand(
            self.window.document,
            plan_id,
            parent_id,
            position,
            data,
            text or strings.UNDO_PASTE_NODES,
        )
        node_id = self.window.push(command)
        if node_id is not None:
            self.window.select_node(node_id)
        return node_id

    def duplicate(self) -> int | None:
        node_id = self._node_id()
        if node_id is None:
            return None
        try:
            data = node_copy.subtree_data(self.window.document.db, node_id)
        except PlanDeskError as exc:
            log.warning("duplicate of %s failed: %s", node_id, exc)
            return None
        return self.paste(data, strings.UNDO_DUPLICATE)


def install(window: Host) -> NodeClipboard:
    """Add cut/copy/paste/duplicate to the edit menu and the tree's right-click menu."""
    clipboard = NodeClipboard(window)
    entries = (
        ("cut", strings.ACT_CUT, clipboard.cut, [QKeySequence.StandardKey.Cut]),
        ("copy", strings.ACT_COPY, clipboard.copy, [QKeySequence.StandardKey.Copy]),
        ("paste", strings.ACT_PASTE, clipboard.paste, [QKeySequence.StandardKey.Paste]),
        ("duplicate", strings.ACT_DUPLICATE, clipboard.duplicate, ["Ctrl+D"]),
    )
    first = window.actions["delete"]
    for key, text, slot, keys in entries:
        window.add_action(
            window.edit_menu, text, slot, key=key, shortcuts=keys, tree_only=True, before=first
        )
        window.node_clipboard_keys.append(key)
    window.edit_menu.insertSeparator(first)
    return clipboard
