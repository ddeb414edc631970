"""Supervision items in the window: the list with its closing steps, the form of a new item, and the
supervision rules. Adding and closing are undo steps (ui/supervision/commands.py)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import clock, tracking
from models.errors import PlanDeskError
from models.supervision import items
from models.supervision.settings import (
    PACE_RULES,
    SupervisionSettings,
    save_supervision_settings,
    supervision_settings,
)
from models.vocab import ITEM_SOURCE, TIME_CLASS, Light, NodeKind, label
from ui import messages, strings
from ui.host import Host
from ui.supervision.commands import AddItemCommand, CloseItemCommand, events
from ui.supervision.round_view import tint
from ui.tracking.delegates import LIGHT_COLORS

log = logging.getLogger(__name__)

COL_ID = 0
_STATE_LIGHT = {"done": Light.GREEN, "closed": Light.GREY}


def run_dialog(dialog: QDialog) -> bool:
    """Run a form modally; True when accepted (tests replace this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class ItemFormDialog(QDialog):
    """The fields of a new item."""

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.ITEM_FORM_TITLE)
        self.resize(520, 420)
        form = QFormLayout(self)
        self.text = QPlainTextEdit(self)
        self.source = QComboBox(self)
        for code, name in ITEM_SOURCE.items():
            self.source.addItem(name, code)
        self.ref = QLineEdit(self)
        self.assigned = QLineEdit(clock.today().isoformat(), self)
        self.time_class = QComboBox(self)
        for code, name in TIME_CLASS.items():
            self.time_class.addItem(name, code)
        self.time_class.setCurrentIndex(self.time_class.findData("normal"))
        units = tracking.pick_list(db, "unit")
        people = tracking.pick_list(db, "person")
        self.unit = _editable_combo(self, units)
        self.co_units = QLineEdit(self)
        self.leader = _editable_combo(self, people)
        self.by = _editable_combo(self, people)
        for text, widget in (
            (strings.ITEM_TEXT, self.text),
            (strings.ITEM_SOURCE, self.source),
            (strings.ITEM_REF, self.ref),
            (strings.ITEM_ASSIGNED, self.assigned),
            (strings.ITEM_CLASS, self.time_class),
            (strings.ITEM_UNIT, self.unit),
            (strings.ITEM_CO_UNITS, self.co_units),
            (strings.ITEM_LEADER, self.leader),
            (strings.ITEM_BY, self.by),
        ):
            form.addRow(text, widget)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        """The form as keyword arguments of models.supervision.items.add_item."""
        return {
            "text": self.text.toPlainText(),
            "source": self.source.currentData(),
            "source_ref": self.ref.text(),
            "assigned_on": self.assigned.text(),
            "time_class": self.time_class.currentData(),
            "owner_unit": self.unit.currentText(),
            "co_units": self.co_units.text(),
            "lead_leader": self.leader.currentText(),
            "assigned_by": self.by.currentText(),
        }


class ClosingDialog(QDialog):
    """The fields of one closing step: completion, sign-off or extension."""

    FIELDS = {
        "done": (("result", strings.DONE_RESULT), ("evidence", strings.DONE_EVIDENCE)),
        "cancel": (("by", strings.CANCEL_BY), ("note", strings.CANCEL_NOTE)),
        "extend": (
            ("new_due", strings.EXTEND_DUE),
            ("reason", strings.EXTEND_REASON),
            ("approved_by", strings.EXTEND_BY),
        ),
    }
    TITLES = {
        "done": strings.DONE_TITLE,
        "cancel": strings.CANCEL_TITLE,
        "extend": strings.EXTEND_TITLE,
    }

    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(self.TITLES[action])
        self.resize(460, 200)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, text in self.FIELDS[action]:
            self.edits[key] = QLineEdit(self)
            form.addRow(text, self.edits[key])
        self.edits["on"] = QLineEdit(clock.today().isoformat(), self)
        form.addRow(strings.ON_DATE, self.edits["on"])
        form.addRow(_buttons(self))

    def values(self) -> dict[str, str]:
        """The typed values by field."""
        return {key: edit.text() for key, edit in self.edits.items()}


class ItemsDialog(QDialog):
    """Every item with its light and state; buttons for the closing steps and documents."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        self.setWindowTitle(strings.ITEMS_TITLE)
        self.resize(1000, 520)
        self.table = QTableWidget(0, len(strings.ITEM_HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(strings.ITEM_HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._go_to_item())
        row = QHBoxLayout()
        for text, slot in (
            (strings.BTN_ADD_ITEM, self.ask_add),
            (strings.BTN_DONE, lambda: self.ask_close("done")),
            (strings.BTN_CANCEL, lambda: self.ask_close("cancel")),
            (strings.BTN_EXTEND, lambda: self.ask_close("extend")),
            (strings.BTN_ASSIGNMENT, self._ask_assignment),
            (strings.BTN_MEETING, self._ask_meeting),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        events(window.document).changed.connect(self.reload)
        self.reload()

    @property
    def db(self) -> Any:
        return self.main.document.db

    def reload(self) -> None:
        """Re-read the items (newest assignment first), keeping the selection."""
        keep = self.current_item()
        found = list(reversed(items.list_items(self.db)))
        lights = {
            i.node_id: i.light
            for i in tracking.due_list(
                self.db, filters=tracking.DueFilter(kinds=frozenset({NodeKind.TASK}))
            )
        }
        self.table.setRowCount(len(found))
        for r, item in enumerate(found):
            node = item.node
            values = [
                str(item.id),
                label(ITEM_SOURCE, item.source),
                node.text,
                node.owner_unit or "",
                item.assigned_on,
                label(TIME_CLASS, item.time_class),
                node.due_date or "",
                strings.ITEM_STATE[item.state],
            ]
            cells = [QTableWidgetItem(value) for value in values]
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
            light = lights.get(item.id) or _STATE_LIGHT.get(item.state)
            if light:
                cells[-1].setBackground(tint(LIGHT_COLORS[light]))
            if item.id == keep:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 380))

    def current_item(self) -> int | None:
        """The id of the selected item."""
        row = self.table.currentRow()
        cell = self.table.item(row, COL_ID) if row >= 0 else None
        return int(cell.text()) if cell is not None else None

    def select_item(self, item_id: int) -> None:
        """Select the row of an item."""
        for r in range(self.table.rowCount()):
            cell = self.table.item(r, COL_ID)
            if cell is not None and cell.text() == str(item_id):
                self.table.selectRow(r)
                return

    # ------------------------------------------------------------ undoable steps
    def _push(self, command: Any) -> Any:
        try:
            return self.main.push(command)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None

    def add(self, values: dict[str, Any]) -> int | None:
        """Add an item from form values; returns its id."""
        values = dict(values)
        text = values.pop("text")
        item_id = self._push(AddItemCommand(self.main.document, text, **values))
        if item_id is not None:
            self.select_item(item_id)
        return item_id

    def close_item(self, action: str, values: dict[str, Any]) -> int | None:
        """completion / sign-off / extension of the selected item; returns the closing's log id."""
        item_id = self.current_item()
        if item_id is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_ITEM))
            return None
        values = {k: (v or None) if k == "on" else v for k, v in values.items()}
        return self._push(CloseItemCommand(self.main.document, item_id, action, **values))

    def ask_add(self) -> None:
        dialog = ItemFormDialog(self.db, self)
        if run_dialog(dialog):
            self.add(dialog.values())

    def ask_close(self, action: str) -> None:
        if self.current_item() is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_ITEM))
            return
        dialog = ClosingDialog(action, self)
        if run_dialog(dialog):
            self.close_item(action, dialog.values())

    # ------------------------------------------------------------ documents
    def write_document(self, kind: str, target: int, path: str) -> Any:
        """assignment sheet of an item or the year's meeting decisions report."""
        from export.supervision_docs import export_document

        try:
            written = export_document(self.db, kind, target, path)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None
        self.main.show_status(strings.DOC_WRITTEN.format(path=path))
        return written

    def _ask_assignment(self) -> None:
        item_id = self.current_item()
        if item_id is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_ITEM))
            return
        path = messages.get_save_path(self, strings.BTN_ASSIGNMENT, strings.DOCX_FILTER)
        if path:
            self.write_document("assignment", item_id, path)

    def _ask_meeting(self) -> None:
        path = messages.get_save_path(self, strings.BTN_MEETING, strings.DOCX_FILTER)
        if path:
            self.write_document("meeting", clock.today().year, path)

    def _go_to_item(self) -> None:
        item_id = self.current_item()
        if item_id is not None:
            self.main.select_node(item_id)


class SupervisionSettingsDialog(QDialog):
    """The pace rule and threshold, the normal-class working days, the issuing office.

    Preferences, saved at once (not undoable), like the tracking settings.
    """

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.SUPERVISION_SETTINGS_TITLE)
        self._db = db
        current = supervision_settings(db)
        form = QFormLayout(self)
        self.rule = QComboBox(self)
        for code in PACE_RULES:
            self.rule.addItem(strings.SETTINGS_RULES[code], code)
        self.rule.setCurrentIndex(self.rule.findData(current.pace_rule))
        self.threshold = QSpinBox(self)
        self.threshold.setRange(0, 100)
        self.threshold.setValue(current.pace_threshold)
        self.normal_days = QSpinBox(self)
        self.normal_days.setRange(1, 60)
        self.normal_days.setValue(current.normal_days)
        self.office = QLineEdit(current.office, self)
        form.addRow(strings.SETTINGS_RULE, self.rule)
        form.addRow(strings.SETTINGS_THRESHOLD, self.threshold)
        form.addRow(strings.SETTINGS_NORMAL_DAYS, self.normal_days)
        form.addRow(strings.SETTINGS_OFFICE, self.office)
        form.addRow(_buttons(self))

    def accept(self) -> None:
        try:
            save_supervision_settings(
                self._db,
                SupervisionSettings(
                    self.rule.currentData(),
                    self.threshold.value(),
                    self.normal_days.value(),
                    self.office.text(),
                ),
            )
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return
        super().accept()


def _editable_combo(parent: QWidget, names: list[str]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(names)
    combo.setCurrentText("")
    return combo


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
