"""The task table widget: inline edit, sort, filter, bulk edit and copy/paste with Excel."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import tracking
from models.errors import PlanDeskError
from models.store.db import Database
from models.text.units import split_names
from models.vocab import LIGHT, TASK_STATUS
from ui import messages, strings
from ui.commands.tracking import BulkEditCommand, EditTasksCommand, edit_task_field
from ui.tracking import change_reason
from ui.tracking.delegates import ChoiceDelegate, LightDelegate, PickListDelegate, ProgressDelegate
from ui.tracking.task_table_model import (
    FIELDS,
    Col,
    LightRole,
    TaskFilterProxy,
    TaskIdRole,
    TaskTableModel,
    parse_cell,
)

log = logging.getLogger(__name__)

_WIDTHS = {
    Col.LIGHT: 34,
    Col.SEQ: 44,
    Col.TEXT: 320,
    Col.LEADER: 80,
    Col.UNIT: 110,
    Col.CO_UNITS: 110,
    Col.PERSON: 70,
    Col.DEADLINE: 90,
    Col.TARGET: 100,
    Col.STATUS: 64,
    Col.PROGRESS: 90,
    Col.LATEST: 200,
}


def to_tsv(rows: list[list[str]]) -> str:
    """Cells as Excel puts them on the clipboard: tabs between cells, newlines between rows.

    A cell containing a tab, newline or quote is quoted, as Excel does.
    """

    def cell(text: str) -> str:
        if any(ch in text for ch in '\t\n"'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "\n".join("\t".join(cell(c) for c in row) for row in rows)


def from_tsv(text: str) -> list[list[str]]:
    """Parse Excel's clipboard text (quoted cells may hold tabs and newlines)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted = False
    i = 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and not cell:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell = []
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


class BulkEditDialog(QDialog):
    """Choose a field and the value to give all selected tasks."""

    def __init__(
        self, count: int, names: Callable[[str], list[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.BULK_TITLE.format(count=count))
        self._names = names
        form = QFormLayout(self)
        self.field_combo = QComboBox(self)
        for code, text in strings.BULK_FIELDS:
            self.field_combo.addItem(text, code)
        self.value_combo = QComboBox(self)
        self.value_combo.setEditable(True)
        form.addRow(strings.BULK_FIELD, self.field_combo)
        form.addRow(strings.BULK_VALUE, self.value_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_combo.currentIndexChanged.connect(self._fill_values)
        self._fill_values()

    def _fill_values(self) -> None:
        field = self.field_combo.currentData()
        self.value_combo.clear()
        if field == "status":
            self.value_combo.setEditable(False)
            self.value_combo.addItems(list(TASK_STATUS.values()))
        else:
            self.value_combo.setEditable(True)
            self.value_combo.addItems(self._names(field))
            self.value_combo.setCurrentText("")

    def choice(self) -> tuple[str, Any]:
        """(field, value) as chosen; the status label is turned into its code."""
        field = self.field_combo.currentData()
        text = self.value_combo.currentText().strip()
        if field == "status":
            return field, parse_cell(Col.STATUS, text)
        return field, text


class TaskTableView(QWidget):
    """The task table of the current plan or section.

    Signals:
        task_activated(int): the user double-clicked a non-editable cell of a task.
    """

    task_activated = Signal(int)

    def __init__(
        self, document: Any, push: Callable[[Any], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._push = push
        self.model = TaskTableModel(document.db, self._on_edit, self)
        document.changed.connect(self._on_document_changed)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._create_widgets()
        self._create_actions()
        self._connect_signals()

    # ------------------------------------------------------------ construction
    def _create_widgets(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.title_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(strings.TABLE_FILTER_PH)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(200)
        self.unit_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(strings.TABLE_ANY_STATUS, None)
        for code, text in TASK_STATUS.items():
            self.status_combo.addItem(text, code)
        self.light_combo = QComboBox(self)
        self.light_combo.addItem(strings.DUE_ANY_LIGHT, None)
        for code, text in LIGHT.items():
            self.light_combo.addItem(text, code)
        self.bulk_button = QPushButton(strings.ACT_BULK_EDIT, self)
        self.count_label = QLabel(self)
        for w in (
            self.filter_edit,
            self.unit_combo,
            self.status_combo,
            self.light_combo,
            self.bulk_button,
        ):
            if isinstance(w, QComboBox):
                w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout.addWidget(self.title_label)
        layout.addLayout(bar)
        self.table = QTableView(self)
        self.table.setObjectName("task_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.SEQ, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in _WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.setItemDelegateForColumn(Col.LIGHT, LightDelegate(LightRole, self.table))
        self.table.setItemDelegateForColumn(Col.PROGRESS, ProgressDelegate(self.table))
        self.table.setItemDelegateForColumn(
            Col.STATUS, ChoiceDelegate(list(TASK_STATUS.values()), self.table)
        )
        units = PickListDelegate(lambda: tracking.pick_list(self._db, "unit"), self.table)
        people = PickListDelegate(lambda: tracking.pick_list(self._db, "person"), self.table)
        for col in (Col.UNIT, Col.CO_UNITS):
            self.table.setItemDelegateForColumn(col, units)
        for col in (Col.LEADER, Col.PERSON):
            self.table.setItemDelegateForColumn(col, people)
        self._delegates = (units, people)  # keep them referenced
        layout.addWidget(self.table, 1)

    def _create_actions(self) -> None:
        self.copy_action = QAction(strings.ACT_COPY_CELLS, self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.paste_action = QAction(strings.ACT_PASTE_CELLS, self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.bulk_action = QAction(strings.ACT_BULK_EDIT, self)
        for action in (self.copy_action, self.paste_action, self.bulk_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(lambda text: self._apply_filters())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.status_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.light_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.copy_action.triggered.connect(self.copy_cells)
        self.paste_action.triggered.connect(self.paste_cells)
        self.bulk_action.triggered.connect(self.ask_bulk_edit)
        self.bulk_button.clicked.connect(self.ask_bulk_edit)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.model.modelReset.connect(self._after_reset)

    # ------------------------------------------------------------ loading
    @property
    def _db(self) -> Database:
        return self.document.db

    def set_document(self, document: Any) -> None:
        """Another database was opened."""
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.model.set_database(document.db)

    def _on_document_changed(self, change: Any) -> None:
        """Refresh only what a command changed."""
        if self.model.plan_id is None:
            return
        if change.structure and (self.model.plan_id in change.plan_ids or change.plans):
            self.model.reload()
        elif change.node_ids:
            self.model.refresh_tasks(change.node_ids)
        self.count_label.setText(strings.TABLE_COUNT.format(count=self.proxy.rowCount()))

    def load(self, plan_id: int | None, section_id: int | None = None, title: str = "") -> None:
        """Show the tasks of a plan or of a section's subtree.

        The one already shown is not read again: the model follows every change of the
        document by itself, and the dock asked twice on its first opening (and once per
        click on a task of the same section).
        """
        if plan_id is None or (plan_id, section_id) != (self.model.plan_id, self.model.section_id):
            self.model.load(plan_id, section_id)
        self.title_label.setText(strings.TABLE_TITLE.format(title=title) if title else "")

    def _after_reset(self) -> None:
        current = self.unit_combo.currentData()
        with QSignalBlocker(self.unit_combo):
            self.unit_combo.clear()
            self.unit_combo.addItem(strings.TABLE_ANY_UNIT, None)
            names: dict[str, None] = {}
            for tid in self.model.task_ids():
                for name in split_names(self.model.task_row(tid).owner_unit):
                    names.setdefault(name, None)
            for name in names:
                self.unit_combo.addItem(name, name)
            found = self.unit_combo.findData(current)
            self.unit_combo.setCurrentIndex(max(found, 0))
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            text=self.filter_edit.text(),
            unit=self.unit_combo.currentData(),
            status=self.status_combo.currentData(),
            light=self.light_combo.currentData(),
        )
        self.count_label.setText(strings.TABLE_COUNT.format(count=self.proxy.rowCount()))

    # ------------------------------------------------------------ editing
    def _on_edit(self, task_id: int, field: str, value: Any) -> bool:
        reason = change_reason.ask(self, self._db, {task_id: {field: value}})
        if reason is None:
            return False
        result = self._push(edit_task_field(self.document, task_id, field, value, reason))
        return result is not None

    def selected_task_ids(self) -> list[int]:
        """Tasks with at least one selected cell, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.proxy.index(r, 0).data(TaskIdRole) for r in rows]

    def bulk_edit(self, field: str, value: Any, task_ids: list[int] | None = None) -> bool:
        """Give every selected task (or ``task_ids``) the same value of ``field``."""
        ids = task_ids if task_ids is not None else self.selected_task_ids()
        if not ids:
            messages.show_info(self, strings.TITLE_INFO, strings.MSG_SELECT_TASKS)
            return False
        reason = change_reason.ask(self, self._db, dict.fromkeys(ids, {field: value}))
        if reason is None:
            return False
        return self._push(BulkEditCommand(self.document, ids, field, value, reason)) is not None

    def ask_bulk_edit(self) -> None:
        ids = self.selected_task_ids()
        if not ids:
            messages.show_info(self, strings.TITLE_INFO, strings.MSG_SELECT_TASKS)
            return
        dialog = BulkEditDialog(len(ids), self._names_for, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            field, value = dialog.choice()
        except ValueError:
            return
        self.bulk_edit(field, value, ids)

    def _names_for(self, field: str) -> list[str]:
        if field in ("owner_unit", "co_units"):
            return tracking.pick_list(self._db, "unit")
        if field in ("lead_leader", "owner_person"):
            return tracking.pick_list(self._db, "person")
        return []

    # ------------------------------------------------------------ clipboard
    def copy_cells(self) -> int:
        """Put the selected cells on the clipboard as TSV (what Excel pastes)."""
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes:
            return 0
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        grid = [
            [
                str(self.proxy.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
                if (r, c) in chosen
                else ""
                for c in cols
            ]
            for r in rows
        ]
        QApplication.clipboard().setText(to_tsv(grid))
        return len(indexes)

    def paste_cells(self) -> int:
        """Paste TSV from the clipboard at the current cell; one undo step for all cells.

        A single copied value is pasted into every selected cell. Read-only columns and
        rows beyond the table are skipped. Returns the number of cells changed.
        """
        grid = from_tsv(QApplication.clipboard().text())
        start = self.table.currentIndex()
        if not grid or not start.isValid():
            messages.show_info(self, strings.TITLE_INFO, strings.MSG_PASTE_NOTHING)
            return 0
        targets: list[tuple[int, int, str]] = []
        selected = self.table.selectionModel().selectedIndexes()
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            targets = [(i.row(), i.column(), grid[0][0]) for i in selected]
        else:
            for dr, row in enumerate(grid):
                for dc, text in enumerate(row):
                    targets.append((start.row() + dr, start.column() + dc, text))
        changes: dict[int, dict[str, Any]] = {}
        count = 0
        for r, c, text in targets:
            if r >= self.proxy.rowCount() or c not in FIELDS:
                continue
            try:
                value = parse_cell(c, text)
            except (ValueError, TypeError):
                continue
            tid = self.proxy.index(r, 0).data(TaskIdRole)
            changes.setdefault(tid, {})[FIELDS[Col(c)]] = value
            count += 1
        if not changes:
            return 0
        reason = change_reason.ask(self, self._db, changes)
        if reason is None:
            return 0
        command = EditTasksCommand(
            self.document, changes, strings.UNDO_PASTE.format(count=count), reason
        )
        return count if self._push(command) is not None else 0

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.column() not in FIELDS:
            self.task_activated.emit(index.data(TaskIdRole))


def safe_load(view: TaskTableView, plan_id: int | None, section_id: int | None, title: str) -> None:
    """Load, showing nothing when the plan or section vanished meanwhile."""
    try:
        view.load(plan_id, section_id, title)
    except PlanDeskError:
        view.load(None)
