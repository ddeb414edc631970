"""Supervision in the window: the rounds dock, the supervision items dialog, the rules dialog.

``install(window, tracking)`` is called once by the main window with the tracking parts it
builds on; it adds entries to the tracking menu and a dock tabified with the due list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from models.errors import PlanDeskError
from models.vocab import NodeKind
from ui import messages, strings
from ui.host import Host

if TYPE_CHECKING:
    from ui.tracking.tracking_ui import TrackingUi


class SupervisionUi:
    """The supervision parts of one main window (the window keeps it as ``supervision``)."""

    def __init__(self, window: Host, tracking: TrackingUi) -> None:
        from ui.supervision.round_view import RoundView

        self.window = window
        self.rounds = RoundView(window)
        dock = QDockWidget(strings.ACT_ROUNDS, window)
        dock.setObjectName("rounds_dock")
        dock.setWidget(self.rounds)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        window.tabifyDockWidget(tracking.due_dock, dock)
        dock.hide()
        self.rounds_dock = dock
        self.items_dialog: Any = None
        menu = tracking.menu
        menu.addSeparator()
        toggle = dock.toggleViewAction()
        toggle.setText(strings.ACT_ROUNDS)
        toggle.setStatusTip(strings.TIP_ROUNDS)
        menu.addAction(toggle)
        window.actions["rounds"] = toggle
        window.add_action(menu, strings.ACT_ITEMS, self.show_items, key="items")
        window.add_action(menu, strings.ACT_NEW_ITEM, self.new_item, key="new_item")
        window.add_action(
            menu,
            strings.ACT_PACE_REASON,
            self.ask_pace_reason,
            key="pace_reason",
            tip=strings.TIP_PACE_REASON,
        )
        window.add_action(
            menu, strings.ACT_SUPERVISION_SETTINGS, self.open_settings, key="supervision_settings"
        )
        dock.visibilityChanged.connect(self._on_visibility_changed)
        window.document_replaced.connect(self._on_document_replaced)
        self._bind()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._bind()

    def _bind(self) -> None:
        if self.window.document is not None:
            self.rounds.bind(self.window.document)

    def _on_document_replaced(self, _document: Any) -> None:
        if self.items_dialog is not None:  # it belongs to the old database
            self.items_dialog.close()
            self.items_dialog.deleteLater()
            self.items_dialog = None
        self._bind()

    def show_rounds(self) -> None:
        """Open the rounds dock."""
        self.rounds_dock.show()
        self.rounds_dock.raise_()
        self.rounds.bind(self.window.document)

    def show_items(self) -> Any:
        """Open (or raise) the supervision items list; returns it."""
        from ui.supervision.item_dialog import ItemsDialog

        if self.items_dialog is None:
            self.items_dialog = ItemsDialog(self.window)
        self.items_dialog.show()
        self.items_dialog.activateWindow()
        return self.items_dialog

    def new_item(self) -> None:
        """The form of a new item (from the menu)."""
        self.show_items().ask_add()

    def set_pace_reason(self, task_id: int, reason: str | None) -> bool:
        """Record why a task is not started (an undo step); False when refused."""
        from ui.supervision.commands import PaceReasonCommand

        try:
            return bool(self.window.push(PaceReasonCommand(self.window.document, task_id, reason)))
        except PlanDeskError as exc:
            messages.show_error(self.window, exc)
            return False

    def ask_pace_reason(self) -> None:
        from models.supervision.pace import pace_reason

        task_id = self.window.current_node_id()
        if self.window.current_kind() != NodeKind.TASK or task_id is None:
            messages.show_error(self.window, PlanDeskError(strings.SELECT_TASK))
            return
        old = pace_reason(self.window.document.db, task_id) or ""
        reason = messages.ask_text(
            self.window, strings.ACT_PACE_REASON, strings.PACE_REASON_PROMPT, old
        )
        if reason is not None and reason.strip() != old:
            self.set_pace_reason(task_id, reason.strip() or None)

    def open_settings(self) -> None:
        from ui.supervision.item_dialog import SupervisionSettingsDialog

        if SupervisionSettingsDialog(self.window.document.db, self.window).exec():
            self.rounds.reload()


def install(window: Host, tracking: TrackingUi) -> SupervisionUi:
    """Add supervision to the tracking menu and docks; returns it (the window keeps it)."""
    return SupervisionUi(window, tracking)
