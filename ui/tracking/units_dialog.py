"""The units/people dictionary dialog (pick lists of the task table) and tracking settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import tracking
from models.errors import PlanDeskError
from models.store.db import Database
from ui import messages, strings
from ui.commands.tracking import UnitCommand

log = logging.getLogger(__name__)

KINDS = (("unit", strings.UNITS_UNITS), ("person", strings.UNITS_PEOPLE))


class UnitsDialog(QDialog):
    """Add, rename and remove owner units and people; every change is an undo step."""

    def __init__(
        self, document: Any, push: Callable[[Any], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.UNITS_TITLE)
        self.resize(420, 460)
        self.document = document
        self._push = push
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.lists: dict[str, QListWidget] = {}
        for kind, title in KINDS:
            lst = QListWidget(self)
            lst.setObjectName(f"units_{kind}")
            self.lists[kind] = lst
            self.tabs.addTab(lst, title)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(strings.UNITS_ADD, self)
        self.rename_button = QPushButton(strings.UNITS_RENAME, self)
        self.remove_button = QPushButton(strings.UNITS_REMOVE, self)
        for b in (self.add_button, self.rename_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self._ask_add())
        self.rename_button.clicked.connect(lambda: self._ask_rename())
        self.remove_button.clicked.connect(lambda: self.remove_current())
        self.reload()

    def current_kind(self) -> str:
        """'unit' or 'person', by the visible tab."""
        return KINDS[self.tabs.currentIndex()][0]

    def reload(self) -> None:
        """Fill the lists from the database."""
        for kind, lst in self.lists.items():
            lst.clear()
            for unit in tracking.list_units(self.document.db, kind):
                item = QListWidgetItem(unit.name)
                item.setData(256, unit.id)
                lst.addItem(item)

    def names(self, kind: str) -> list[str]:
        """The names shown in a list."""
        lst = self.lists[kind]
        return [lst.item(i).text() for i in range(lst.count())]

    def add(self, name: str, kind: str | None = None) -> bool:
        """Add an entry (an undo step); False when refused."""
        ok = (
            self._push(
                UnitCommand(self.document, "add", name=name, kind=kind or self.current_kind())
            )
            is not None
        )
        self.reload()
        return ok

    def rename(self, unit_id: int, name: str) -> bool:
        """Rename an entry (an undo step)."""
        ok = self._push(UnitCommand(self.document, "edit", unit_id=unit_id, name=name))
        self.reload()
        return ok is not None

    def remove_current(self) -> bool:
        """Remove the selected entry (an undo step)."""
        item = self.lists[self.current_kind()].currentItem()
        if item is None:
            return False
        ok = self._push(
            UnitCommand(self.document, "remove", unit_id=item.data(256), name=item.text())
        )
        self.reload()
        return ok is not None

    def _ask_add(self) -> None:
        name = messages.ask_text(self, strings.UNITS_TITLE, strings.UNITS_NAME_PROMPT)
        if name:
            self.add(name)

    def _ask_rename(self) -> None:
        item = self.lists[self.current_kind()].currentItem()
        if item is None:
            return
        name = messages.ask_text(self, strings.UNITS_TITLE, strings.UNITS_NAME_PROMPT, item.text())
        if name:
            self.rename(item.data(256), name)


class TrackingSettingsDialog(QDialog):
    """The due-list rules: yellow window, behind-schedule margin, holiday shifting.

    Settings are preferences, not document edits: they are saved at once, not undoable.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.SETTINGS_TITLE)
        self._db = db
        current = tracking.tracking_settings(db)
        form = QFormLayout(self)
        self.within = QSpinBox(self)
        self.within.setRange(0, 365)
        self.within.setValue(current.within_days)
        self.margin = QSpinBox(self)
        self.margin.setRange(0, 100)
        self.margin.setValue(current.behind_margin)
        self.shift = QCheckBox(strings.SETTINGS_SHIFT, self)
        self.shift.setChecked(current.shift_holidays)
        form.addRow(strings.SETTINGS_WITHIN, self.within)
        form.addRow(strings.SETTINGS_MARGIN, self.margin)
        form.addRow(self.shift)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            tracking.save_tracking_settings(
                self._db,
                tracking.TrackingSettings(
                    self.within.value(), self.margin.value(), self.shift.isChecked()
                ),
            )
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return
        super().accept()
